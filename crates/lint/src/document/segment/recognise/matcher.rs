//! The label grammar shared by the line recognisers: a short run of words where a label can
//! stand (`**Situation:**`, `S:`, `SITUATION -`), looked up in the synonym table from settings,
//! and the `<strong>`/`label=` forms inside HTML.

use crate::document::segment::part::PartKind;
use crate::document::segment::style::LabelCase;
use regex::Regex;
use std::ops::Range;

/// Compiled marker recognisers for one set of synonyms.
#[derive(Debug)]
pub struct MarkerMatcher {
    line: Regex,
    /// HTML label patterns, compiled on first use: most documents have no HTML blocks, and
    /// start-up time is part of every run.
    html: std::sync::OnceLock<(Regex, Regex)>,
    html_patterns: (String, String),
    /// Lowercased synonym (inner spaces single) → part.
    synonyms: std::collections::HashMap<String, PartKind>,
}

impl MarkerMatcher {
    /// Build from per-part synonym lists (single letters are always recognised).
    pub fn new(synonyms: &[(PartKind, Vec<String>)]) -> Self {
        let mut map = std::collections::HashMap::new();
        let mut max_words = 1;
        for (part, words) in synonyms {
            for w in words {
                let key = w
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                if key.is_empty() {
                    continue;
                }
                max_words = max_words.max(key.split(' ').count());
                map.entry(key).or_insert(*part);
            }
        }
        // The regexes capture any short run of words where a label can stand; the words are
        // then looked up in the synonym table. One small automaton instead of an alternation of
        // every synonym keeps start-up fast, whatever the user adds.
        let one = format!(
            r"[A-Za-z][A-Za-z'’]*(?:[ \t]+[A-Za-z][A-Za-z'’]*){{0,{}}}",
            max_words - 1
        );
        let label = format!(r"{one}(?:[ \t]*(?:/|&|\+)[ \t]*{one})*");
        // Line label: emphasis, optional emoji/symbols, label, punctuation, emphasis, punctuation.
        let line = format!(
            r"^(?P<open>\*\*|__|\*|_)?[ \t]*(?P<sym>(?:{EMOJI}[\x{{FE0F}}\x{{200D}}]*[ \t]*)*)(?P<label>{label})(?P<inner>[ \t]*[:.])?(?P<close>\*\*|__|\*|_)?(?P<outer>[ \t]*(?::|[-–—](?:[ \t]|$)))?"
        );
        let html = format!(
            r"(?i-u:<(?:strong|b)>[ \t]*)(?P<label>{label})(?i-u:[ \t]*:?[ \t]*</(?:strong|b)>[ \t]*:?)"
        );
        // Tabs and similar components: `<TabItem value="situation" label="Situation">`.
        let html_attr = format!(
            r#"(?-u:<[A-Za-z][\w.-]*\s)[^<>]*?(?i-u:\blabel\s*=\s*["'])(?P<label>{label})["'][^<>]*>"#
        );
        MarkerMatcher {
            line: Regex::new(&line).unwrap_or_else(|_| fallback_regex()),
            html: std::sync::OnceLock::new(),
            html_patterns: (html, html_attr),
            synonyms: map,
        }
    }

    /// Parts named by a label text (`Situation / Task` → both).
    fn parts_of(&self, label: &str) -> Vec<PartKind> {
        let mut parts = Vec::new();
        let lower = label.to_lowercase().replace('’', "'");
        for piece in lower.split(['/', '&', '+']).flat_map(|p| p.split(" and ")) {
            let piece = piece.split_whitespace().collect::<Vec<_>>().join(" ");
            if piece.is_empty() {
                continue;
            }
            let part = match piece.as_str() {
                "s" => Some(PartKind::Situation),
                "t" => Some(PartKind::Task),
                "a" => Some(PartKind::Action),
                "r" => Some(PartKind::Result),
                "l" => Some(PartKind::Learning),
                _ => self.synonyms.get(&piece).copied(),
            };
            match part {
                Some(p) if !parts.contains(&p) => parts.push(p),
                Some(_) => {}
                None => return Vec::new(),
            }
        }
        parts
    }

    /// A label at the start of `line` (which starts at `offset` in the text).
    /// `heading` says the line is a heading's content, where the whole text may be the label.
    pub fn match_line(&self, line: &str, offset: usize, heading: bool) -> Option<LineMarker> {
        let caps = self.line.captures(line)?;
        let label = caps.name("label")?;
        let open = caps.name("open").map(|m| m.as_str());
        let close = caps.name("close").map(|m| m.as_str());
        let inner = caps.name("inner").map(|m| m.as_str().trim());
        let outer = caps.name("outer").map(|m| m.as_str().trim());
        let end = caps.get(0)?.end();
        let rest = line.get(end..).unwrap_or("");
        let label_text = label.as_str();
        let letter = label_text.trim().chars().count() == 1;
        let emphasised = match (open, close) {
            (Some(o), Some(c)) if o == c => true,
            (None, None) => false,
            // `**Situation**:` is fine; mismatched or half emphasis is not a label.
            _ => return None,
        };
        let punct = inner.or(outer);
        if heading {
            // `### Situation`, `### **Situation:**`, `### Situation: the outage`. A heading that
            // is a single letter (`## A`) is a title, not a marker.
            if letter || !(rest.trim().is_empty() || punct.is_some()) {
                return None;
            }
        } else if emphasised {
            // `**Situation**` alone, `**Situation:** text`, `**Situation.** text`, `**S** : text`.
            if punct.is_none() && !rest.trim().is_empty() {
                return None;
            }
            if inner == Some(".") && letter {
                return None;
            }
        } else {
            // Plain labels need a colon (`Situation: …`, `Situation:In 2020`) or, in capitals,
            // a dash (`ACTION - …`). A lone `.` is ordinary prose.
            let upper = label_text.chars().any(char::is_alphabetic)
                && !label_text.chars().any(char::is_lowercase);
            let ok = match (inner, outer) {
                (Some(":"), _) => true,
                (None, Some(":")) => true,
                (None, Some(_)) => upper,
                _ => false,
            };
            if !ok {
                return None;
            }
            if letter && label_text.chars().any(char::is_lowercase) {
                return None;
            }
        }
        if !rest.is_empty() && punct.is_none() && !emphasised && !heading {
            return None;
        }
        let parts = self.parts_of(label_text);
        if parts.is_empty() {
            return None;
        }
        let case = label_case(label_text);
        let body_rel = end + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
        Some(LineMarker {
            label: offset + label.start()..offset + label.end(),
            body_start: offset + body_rel,
            parts,
            before: line.get(..label.start()).unwrap_or("").to_string(),
            after: line.get(label.end()..body_rel).unwrap_or("").to_string(),
            letter,
            case,
            weak: false,
        })
    }

    /// `<strong>Situation</strong>:` style labels inside an HTML block.
    pub fn match_html(&self, html: &str, offset: usize) -> Vec<LineMarker> {
        let (strong, attr) = self.html.get_or_init(|| {
            let compile = |p: &str| Regex::new(p).unwrap_or_else(|_| fallback_regex());
            (
                compile(&self.html_patterns.0),
                compile(&self.html_patterns.1),
            )
        });
        let mut found: Vec<LineMarker> = strong
            .captures_iter(html)
            .chain(attr.captures_iter(html))
            .filter_map(|caps| {
                let whole = caps.get(0)?;
                let label = caps.name("label")?;
                let parts = self.parts_of(label.as_str());
                if parts.is_empty() {
                    return None;
                }
                Some(LineMarker {
                    label: offset + label.start()..offset + label.end(),
                    body_start: offset + whole.end(),
                    parts,
                    before: html
                        .get(whole.start()..label.start())
                        .unwrap_or("")
                        .to_string(),
                    after: html.get(label.end()..whole.end()).unwrap_or("").to_string(),
                    letter: label.as_str().trim().chars().count() == 1,
                    case: label_case(label.as_str()),
                    weak: false,
                })
            })
            .collect();
        found.sort_by_key(|m| m.label.start);
        found
    }
}

/// A label found on one line, before it is placed in a block.
#[derive(Debug, Clone)]
pub struct LineMarker {
    pub label: Range<usize>,
    pub body_start: usize,
    pub parts: Vec<PartKind>,
    pub before: String,
    pub after: String,
    pub letter: bool,
    pub case: LabelCase,
    /// A marker only among others (see [`MarkerHit::weak`](crate::markers::MarkerHit)).
    pub weak: bool,
}

fn label_case(label: &str) -> LabelCase {
    let has_upper = label.chars().any(char::is_uppercase);
    let has_lower = label.chars().any(char::is_lowercase);
    match (has_upper, has_lower) {
        (true, false) if label.trim().chars().count() > 1 => LabelCase::Upper,
        (false, true) => LabelCase::Lower,
        _ => LabelCase::Title,
    }
}

/// Symbols people put before a label (`**📋 S**`, `✅ Result`): emoji and pictographs,
/// arrows, dingbats, geometric shapes and bullets.
const EMOJI: &str = r"[\x{2022}\x{2190}-\x{2BFF}\x{1F000}-\x{1FAFF}]";

/// A regex that never matches, used if a user's synonym list cannot compile.
fn fallback_regex() -> Regex {
    #[allow(clippy::unwrap_used)] // A constant pattern that is known to compile.
    Regex::new(r"[^\s\S]").unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::segment::part::default_synonyms;
    use crate::document::segment::style::MarkerStyle;

    fn matcher() -> MarkerMatcher {
        let syn: Vec<_> = PartKind::ALL
            .iter()
            .map(|p| {
                (
                    *p,
                    default_synonyms(*p).iter().map(|s| s.to_string()).collect(),
                )
            })
            .collect();
        MarkerMatcher::new(&syn)
    }

    fn parts(line: &str) -> Vec<PartKind> {
        matcher()
            .match_line(line, 0, false)
            .map(|m| m.parts)
            .unwrap_or_default()
    }

    #[test]
    fn recognises_real_label_styles() {
        use PartKind::*;
        assert_eq!(parts("**Situation:** We had"), [Situation]);
        assert_eq!(parts("**Situation**: Your model"), [Situation]);
        assert_eq!(parts("**Situation.** Our product"), [Situation]);
        assert_eq!(parts("**Situation:**"), [Situation]);
        assert_eq!(parts("**Context**  "), [Situation]);
        assert_eq!(parts("**S:** As a teacher"), [Situation]);
        assert_eq!(parts("**📋 S** : text"), [Situation]);
        assert_eq!(parts("S: During a project"), [Situation]);
        assert_eq!(parts("Situation:In 2020, I"), [Situation]);
        assert_eq!(parts("situation: lower"), [Situation]);
        assert_eq!(parts("SITUATION/TASK - the worksheet"), [Situation, Task]);
        assert_eq!(parts("ACTION -"), [Action]);
        assert_eq!(parts("Situation & Task: both"), [Situation, Task]);
        assert_eq!(parts("What I did: I rebuilt"), [Action]);
        assert_eq!(parts("**Lessons learned:** x"), [Learning]);
    }

    #[test]
    fn ignores_prose_that_starts_like_a_label() {
        assert!(parts("Situations like this are common").is_empty());
        assert!(parts("Action items for next week").is_empty());
        assert!(parts("Result of the vote was close").is_empty());
        assert!(parts("s: lowercase letter").is_empty());
        assert!(parts("**First**, I called").is_empty());
        assert!(parts("Context. The team").is_empty());
        assert!(parts("Impact - we shipped").is_empty());
    }

    #[test]
    fn html_markers() {
        let m = matcher();
        let html =
            r#"<li><strong>Situation:</strong> x</li><TabItem value="task" label="Task" default>"#;
        let parts: Vec<_> = m.match_html(html, 0).into_iter().map(|h| h.parts).collect();
        assert_eq!(parts, [vec![PartKind::Situation], vec![PartKind::Task]]);
    }

    #[test]
    fn heading_markers() {
        let m = matcher();
        assert!(m.match_line("Situation", 0, true).is_some());
        assert!(m.match_line("**Situation**", 0, true).is_some());
        assert!(m.match_line("Situation: the outage", 0, true).is_some());
        assert!(m.match_line("Situation at work", 0, true).is_none());
    }

    #[test]
    fn renders_in_the_authors_style() {
        let m = matcher();
        let hit = m.match_line("**Situation:** We had", 0, false).unwrap();
        let style = MarkerStyle {
            heading_level: None,
            before: hit.before,
            after: hit.after,
            letter: hit.letter,
            case: hit.case,
        };
        assert_eq!(style.render(PartKind::Task), "**Task:**");
    }
}
