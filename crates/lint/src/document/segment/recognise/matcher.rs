//! The label grammar shared by the line recognisers: a short run of words where a label can
//! stand (`**Situation:**`, `S:`, `SITUATION -`), looked up in the synonym table from settings,
//! and the `<strong>`/`label=` forms inside HTML.

use crate::document::segment::part::{PartKind, WEAK_SYNONYMS};
use crate::document::segment::style::{LabelCase, LabelForm};
use regex::Regex;
use std::ops::Range;

/// Compiled marker recognisers for one set of synonyms.
#[derive(Debug)]
pub struct MarkerMatcher {
    line: Regex,
    /// A letter with its word: `S – Situation`, `Situation (S)`, `**S**ituation`.
    letter_word: Regex,
    /// HTML label patterns, compiled on first use: most documents have no HTML blocks, and
    /// start-up time is part of every run.
    html: std::sync::OnceLock<(Regex, Regex)>,
    html_patterns: (String, String),
    /// Lowercased synonym (inner spaces single) → part, and whether it is a weak marker.
    synonyms: std::collections::HashMap<String, (Vec<PartKind>, bool)>,
}

/// What the line grammar captured, before it is judged.
struct Captured<'l> {
    open: Option<&'l str>,
    close: Option<&'l str>,
    inner: Option<&'l str>,
    outer: Option<&'l str>,
    label: std::ops::Range<usize>,
    end: usize,
    /// The parts the label names, whether it is a weak marker, and how it was written.
    parts: Vec<PartKind>,
    weak: bool,
    form: LabelForm,
}

impl<'l> Captured<'l> {
    fn of(
        caps: &regex::Captures<'l>,
        (parts, weak, form): (Vec<PartKind>, bool, LabelForm),
    ) -> Option<Self> {
        let get = |n: &str| caps.name(n).map(|m| m.as_str());
        Some(Captured {
            open: get("open"),
            close: get("close"),
            inner: get("inner").map(str::trim),
            outer: get("outer").map(str::trim),
            label: caps.name("label")?.range(),
            end: caps.get(0)?.end(),
            parts,
            weak,
            form,
        })
    }
}

impl MarkerMatcher {
    /// Build from per-part synonym lists (single letters are always recognised).
    pub fn new(synonyms: &[(PartKind, Vec<String>)]) -> Self {
        let mut map = std::collections::HashMap::new();
        let mut max_words = 1;
        let key_of = |w: &str| {
            w.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        for (part, words) in synonyms {
            for w in words {
                let key = key_of(w);
                if key.is_empty() {
                    continue;
                }
                max_words = max_words.max(key.split(' ').count());
                map.entry(key).or_insert((vec![*part], false));
            }
        }
        for (named, w) in WEAK_SYNONYMS {
            map.entry(key_of(w)).or_insert((named.to_vec(), true));
        }
        // The regexes capture any short run of words where a label can stand; the words are
        // then looked up in the synonym table. One small automaton instead of an alternation of
        // every synonym keeps start-up fast, whatever the user adds.
        let one = format!(
            r"[A-Za-z][A-Za-z'’]*(?:[ \t]+[A-Za-z][A-Za-z'’]*){{0,{}}}",
            max_words - 1
        );
        let label = format!(r"{one}(?:[ \t]*(?:/|&|\+)[ \t]*{one})*");
        // Line label: symbols, emphasis, symbols, label, punctuation, emphasis, punctuation.
        let sym = format!(r"(?:{EMOJI}[\x{{FE0F}}\x{{200D}}]*[ \t]*)*");
        let tail = r"(?P<inner>[ \t]*[:.])?(?P<close>\*\*|__|\*|_)?(?P<outer>[ \t]*(?::|[-–—](?:[ \t]|$))|-)?";
        let line = format!(r"^{sym}(?P<open>\*\*|__|\*|_)?[ \t]*{sym}(?P<label>{label}){tail}");
        let letter_word = format!(
            r"^{sym}(?P<open>\*\*|__|\*|_)?[ \t]*{sym}(?P<label>[STARL][ \t]*[-–—:][ \t]*[A-Za-z]+|[A-Za-z]+[ \t]*\([STARL]\)|[STARL](?:\*\*|__)[a-z]+){tail}"
        );
        let html = format!(
            r"(?i-u:<(?:strong|b|h[1-6])>[ \t]*)(?P<label>{label})(?i-u:[ \t]*:?[ \t]*</(?:strong|b|h[1-6])>[ \t]*:?)"
        );
        // Tabs and similar components: `<TabItem value="situation" label="Situation">`.
        let html_attr = format!(
            r#"(?-u:<[A-Za-z][\w.-]*\s)[^<>]*?(?i-u:\blabel\s*=\s*["'])(?P<label>{label})["'][^<>]*>"#
        );
        MarkerMatcher {
            line: Regex::new(&line).unwrap_or_else(|_| fallback_regex()),
            letter_word: Regex::new(&letter_word).unwrap_or_else(|_| fallback_regex()),
            html: std::sync::OnceLock::new(),
            html_patterns: (html, html_attr),
            synonyms: map,
        }
    }

    /// Parts named by a label text (`Situation / Task` → both), and whether any of its words
    /// is a weak marker.
    fn parts_of(&self, label: &str) -> (Vec<PartKind>, bool) {
        let mut parts = Vec::new();
        let mut weak = false;
        let lower = label.to_lowercase().replace('’', "'");
        for piece in lower.split(['/', '&', '+']).flat_map(|p| p.split(" and ")) {
            let piece = piece.split_whitespace().collect::<Vec<_>>().join(" ");
            if piece.is_empty() {
                continue;
            }
            let letter = match piece.as_str() {
                "s" => Some(PartKind::Situation),
                "t" => Some(PartKind::Task),
                "a" => Some(PartKind::Action),
                "r" => Some(PartKind::Result),
                "l" => Some(PartKind::Learning),
                _ => None,
            };
            let (named, w): (&[PartKind], bool) = match (&letter, self.synonyms.get(&piece)) {
                (Some(p), _) => (std::slice::from_ref(p), false),
                (None, Some((named, w))) => (named, *w),
                (None, None) => return (Vec::new(), false),
            };
            weak |= w;
            for p in named {
                if !parts.contains(p) {
                    parts.push(*p);
                }
            }
        }
        (parts, weak)
    }

    /// Parts named by a label text found by another recogniser (`[Situation, LifeLabs]`), and
    /// whether it is a weak marker.
    pub fn parts_named(&self, label: &str) -> (Vec<PartKind>, bool) {
        self.parts_of(label)
    }

    /// The part of a letter written with its word (`S – Situation`, `Situation (S)`,
    /// `S**ituation`), and how they were combined; `None` unless the two name the same part.
    fn letter_word_parts(&self, label: &str) -> Option<(Vec<PartKind>, LabelForm)> {
        let (letter, word, form) = if let Some((w, l)) = label.split_once('(') {
            (
                l.trim_end_matches(')').trim().to_string(),
                w.trim().to_string(),
                LabelForm::LetterAfter,
            )
        } else if let Some(glue) = ["**", "__"].into_iter().find(|g| label.contains(g)) {
            let (l, rest) = label.split_once(glue)?;
            (
                l.to_string(),
                format!("{l}{rest}"),
                LabelForm::Glued(glue.to_string()),
            )
        } else {
            let l = label.get(..1)?;
            let rest = label.get(1..)?;
            let word = rest.trim_start_matches([' ', '\t', '-', '–', '—', ':']);
            let sep = rest.get(..rest.len() - word.len())?;
            (
                l.to_string(),
                word.to_string(),
                LabelForm::LetterFirst(sep.to_string()),
            )
        };
        let (by_letter, _) = self.parts_of(&letter);
        let (by_word, weak) = self.parts_of(&word);
        (by_letter.len() == 1 && by_letter == by_word && !weak).then_some((by_word, form))
    }

    /// A label at the start of `line` (which starts at `offset` in the text).
    /// `heading` says the line is a heading's content, where the whole text may be the label.
    pub fn match_line(&self, line: &str, offset: usize, heading: bool) -> Option<LineMarker> {
        if let Some(caps) = self.letter_word.captures(line) {
            let label = caps.name("label")?;
            if let Some((parts, form)) = self.letter_word_parts(label.as_str()) {
                let c = Captured::of(&caps, (parts, false, form))?;
                if let Some(m) = self.judge(line, offset, heading, c) {
                    return Some(m);
                }
            }
        }
        let caps = self.line.captures(line)?;
        let (parts, weak) = self.parts_of(caps.name("label")?.as_str());
        if parts.is_empty() {
            return None;
        }
        let c = Captured::of(&caps, (parts, weak, LabelForm::Word))?;
        self.judge(line, offset, heading, c)
    }

    /// Is what the grammar captured a marker here? Emphasis must match, plain labels need
    /// punctuation, headings must be the label alone or the label and a colon.
    fn judge(
        &self,
        line: &str,
        offset: usize,
        heading: bool,
        mut c: Captured,
    ) -> Option<LineMarker> {
        let (parts, mut weak, form) = (
            std::mem::take(&mut c.parts),
            c.weak,
            std::mem::take(&mut c.form),
        );
        let label_text = line.get(c.label.clone())?;
        let letter = label_text.trim().chars().count() == 1;
        let glued = matches!(form, LabelForm::Glued(_));
        let is_dash = |p: Option<&str>| p.is_some_and(|p| p.starts_with(['-', '–', '—']));
        // `**Task – Delegation**`: a subtitle inside the emphasis, after a dash.
        if let (Some(o), None, true) = (c.open, c.close, is_dash(c.outer)) {
            let rest = line.get(c.end..).unwrap_or("");
            if let Some(at) = rest.find(o).filter(|&at| at > 0) {
                c.close = c.open;
                c.end += at + o.len();
                let after = line.get(c.end..).unwrap_or("");
                c.end += after.len() - after.trim_start_matches([' ', '\t', ':']).len();
            }
        }
        let rest = line.get(c.end..).unwrap_or("");
        let emphasised = match (c.open, c.close) {
            (Some(o), Some(cl)) if o == cl => true,
            (None, None) => glued,
            // `**Situation**:` is fine; mismatched or half emphasis is not a label.
            (Some(_), None) if glued => true,
            _ => return None,
        };
        let punct = c.inner.or(c.outer);
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
            if c.inner == Some(".") && letter {
                return None;
            }
        } else {
            // Plain labels need a colon (`Situation: …`, `Situation:In 2020`) or a dash
            // (`ACTION - …`; in title or lower case, `Situation - …` is a weak marker). A lone
            // `.` is ordinary prose. A label alone on its line (`situation`, then its text in
            // a nested item) is a weak marker too.
            let upper = label_text.chars().any(char::is_alphabetic)
                && !label_text.chars().any(char::is_lowercase);
            // `S-For a new service…`: a capital letter glued to its text by a hyphen is a
            // weak marker (a lone `A-list` in prose never makes a story of three parts).
            let glued_dash = c.outer == Some("-")
                && !rest.is_empty()
                && line.get(..c.end).is_some_and(|l| l.ends_with('-'));
            let ok = match (c.inner, c.outer) {
                _ if glued_dash => {
                    weak = true;
                    letter && upper
                }
                (Some(":"), _) => true,
                (None, Some(":")) => true,
                (None, Some(_)) => {
                    weak |= !upper && !letter;
                    !letter || upper
                }
                (None, None) if rest.trim().is_empty() && !letter => {
                    weak = true;
                    true
                }
                _ => false,
            };
            if !ok {
                return None;
            }
            if letter && label_text.chars().any(char::is_lowercase) {
                return None;
            }
        }
        let case = label_case(match &form {
            LabelForm::Word | LabelForm::Glued(_) => label_text,
            LabelForm::LetterFirst(sep) => label_text.get(1 + sep.len()..).unwrap_or(label_text),
            LabelForm::LetterAfter => label_text.split('(').next().unwrap_or(label_text),
        });
        let body_rel = c.end + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
        Some(LineMarker {
            label: offset + c.label.start..offset + c.label.end,
            body_start: offset + body_rel,
            parts,
            before: line.get(..c.label.start).unwrap_or("").to_string(),
            after: line.get(c.label.end..body_rel).unwrap_or("").to_string(),
            letter,
            case,
            weak,
            form,
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
                let (parts, weak) = self.parts_of(label.as_str());
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
                    weak,
                    form: LabelForm::Word,
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
    pub form: LabelForm,
    /// A marker only among others (see [`MarkerHit::weak`](crate::markers::MarkerHit)).
    pub weak: bool,
}

pub(crate) fn label_case(label: &str) -> LabelCase {
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
    }

    fn weak(line: &str) -> Option<bool> {
        matcher().match_line(line, 0, false).map(|m| m.weak)
    }

    #[test]
    fn letter_with_word_dashes_italics_and_other_label_sets() {
        use PartKind::*;
        assert_eq!(parts("S – Situation: the outage"), [Situation]);
        assert_eq!(parts("**S - Situation**"), [Situation]);
        assert_eq!(parts("✅ **T - Task**"), [Task]);
        assert_eq!(parts("Situation (S): the outage"), [Situation]);
        assert_eq!(parts("**S**ituation: the outage"), [Situation]);
        assert_eq!(parts("S - During a project"), [Situation]);
        assert_eq!(parts("**Task – Delegation** I had to"), [Task]);
        assert_eq!(parts("*outcome*"), [Result]);
        assert_eq!(weak("Situation - the outage"), Some(true));
        assert_eq!(weak("situation"), Some(true));
        assert_eq!(weak("Problem: the build was slow"), Some(true));
        assert_eq!(weak("**Challenge:** the build was slow"), Some(true));
        assert_eq!(weak("**Situation:** x"), Some(false));
        assert_eq!(weak("Impact - we shipped"), Some(true));
        let m = matcher().match_line("S – Situation: x", 0, false).unwrap();
        let style = MarkerStyle {
            heading_level: None,
            before: m.before,
            after: m.after,
            letter: m.letter,
            case: m.case,
            form: m.form,
        };
        assert_eq!(style.render(PartKind::Task), "T – Task:");
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
            form: hit.form,
        };
        assert_eq!(style.render(PartKind::Task), "**Task:**");
    }
}
