//! All rules, one per file, grouped by family. Shared helpers for reading prose live here.

pub mod bank;
pub mod doc;
pub mod lp;
pub mod prfaq;
pub mod star;
pub mod style;

use crate::document::{Document, Story};
use crate::markers::PartKind;
use crate::text::words;
use std::ops::Range;

/// Would `edit` give a story that satisfies `ok`? The edit is applied to the story's own
/// text, which is read again on its own. Structural fixes (a new marker, parts moved) are only
/// offered when this holds, so a fix never leaves the problem in place or breaks the story.
pub fn story_fix_works(
    doc: &Document,
    story: &Story,
    edit: &crate::diagnostic::Edit,
    settings: &crate::settings::Settings,
    ok: impl Fn(&Story) -> bool,
) -> bool {
    let range = story.range.clone();
    if edit.range.start < range.start || edit.range.end > range.end {
        return false;
    }
    let slice = doc.slice(range.clone());
    let (Some(before), Some(after)) = (
        slice.get(..edit.range.start - range.start),
        slice.get(edit.range.end - range.start..),
    ) else {
        return false;
    };
    let new_text = doc.lines.ending().apply(&edit.new_text);
    let text = format!("{before}{new_text}{after}");
    let reread = Document::new(&text, settings, Some(crate::document::DocKind::Star));
    matches!(reread.stories.as_slice(), [one] if ok(one))
}

/// A sentence: the ranges of prose it spans (a sentence may run across inline markup).
#[derive(Debug, Clone)]
pub struct Sentence {
    pub pieces: Vec<Range<usize>>,
}

impl Sentence {
    pub fn range(&self) -> Range<usize> {
        let start = self.pieces.first().map_or(0, |r| r.start);
        let end = self.pieces.last().map_or(0, |r| r.end);
        start..end
    }

    pub fn word_count(&self, text: &str) -> usize {
        self.pieces
            .iter()
            .map(|r| crate::text::word_count(text.get(r.clone()).unwrap_or("")))
            .sum()
    }

    /// The sentence's words as `(offset, word)`, read from the document's shared word table.
    pub fn words<'a>(&self, doc: &Document<'a>) -> Vec<(usize, &'a str)> {
        self.pieces
            .iter()
            .flat_map(|r| doc.words_in(r.clone()).iter().copied())
            .collect()
    }

    /// Does the sentence ask something (it ends with a question mark)?
    pub fn is_question(&self, text: &str) -> bool {
        self.pieces.last().is_some_and(|r| {
            text.get(r.clone()).is_some_and(|t| {
                t.trim_end_matches(['*', '_', '"', '”', ')', ' '])
                    .ends_with('?')
            })
        })
    }

    /// The sentence's text with pieces joined by a space (offsets do not carry over).
    pub fn text(&self, text: &str) -> String {
        self.pieces
            .iter()
            .map(|r| text.get(r.clone()).unwrap_or(""))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Split one prose unit (the prose of one block) into sentences.
pub fn sentences(text: &str, unit: &[Range<usize>]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut current: Vec<Range<usize>> = Vec::new();
    let mut prev_end: Option<usize> = None;
    for r in unit {
        // A line break or a block element between two pieces of an HTML text (`<br>`,
        // `</li>`, `<p>`) ends a line: the text before it is a sentence of its own.
        if let Some(end) = prev_end {
            if !current.is_empty() && ends_line(text.get(end..r.start).unwrap_or("")) {
                out.push(Sentence {
                    pieces: std::mem::take(&mut current),
                });
            }
        }
        prev_end = Some(r.end);
        let s = text.get(r.clone()).unwrap_or("");
        let mut start = 0;
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            let next = chars.get(k + 1).map(|&(_, n)| n);
            let prev_word: &str = s
                .get(..i)
                .and_then(|p| p.split_whitespace().next_back())
                .unwrap_or("");
            let ends = match next {
                None => true,
                Some(n)
                    if n.is_whitespace()
                        || n == '"'
                        || n == '”'
                        || n == ')'
                        || n == '*'
                        || n == '_' =>
                {
                    // "e.g. fast": a full stop followed by a lowercase word ends nothing.
                    let lowercase_after = c == '.'
                        && chars.get(k + 2).is_some_and(|&(_, a)| a.is_lowercase())
                        && next != Some('\n');
                    !is_abbreviation(prev_word) && !lowercase_after
                }
                _ => false,
            };
            if ends {
                let end = i + c.len_utf8();
                current.push(r.start + start..r.start + end);
                out.push(Sentence {
                    pieces: std::mem::take(&mut current),
                });
                start = end;
            }
        }
        if start < s.len() {
            current.push(r.start + start..r.end);
        }
    }
    if !current.is_empty() {
        out.push(Sentence { pieces: current });
    }
    out.retain(|s| {
        s.pieces.iter().any(|r| {
            text.get(r.clone())
                .is_some_and(|t| t.chars().any(char::is_alphanumeric))
        })
    });
    for s in &mut out {
        trim_pieces(text, &mut s.pieces);
    }
    out
}

/// Does the markup between two prose pieces end a line? It does when it holds a line break
/// (`<br>`, `<br/>`) or a block-level HTML tag; inline tags (`<strong>`, `<a>`) do not.
fn ends_line(gap: &str) -> bool {
    const BLOCK: &[&str] = &[
        "br",
        "p",
        "li",
        "ul",
        "ol",
        "td",
        "th",
        "tr",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dd",
        "dt",
        "dl",
        "table",
        "pre",
        "summary",
        "details",
        "blockquote",
        "hr",
        "section",
    ];
    gap.split('<').skip(1).any(|tag| {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        BLOCK.contains(&name.as_str())
    })
}

fn trim_pieces(text: &str, pieces: &mut Vec<Range<usize>>) {
    pieces.retain(|r| text.get(r.clone()).is_some_and(|t| !t.trim().is_empty()));
    if let Some(first) = pieces.first_mut() {
        let t = text.get(first.clone()).unwrap_or("");
        first.start += t.len() - t.trim_start().len();
    }
    if let Some(last) = pieces.last_mut() {
        let t = text.get(last.clone()).unwrap_or("");
        last.end -= t.len() - t.trim_end().len();
    }
}

fn is_abbreviation(word: &str) -> bool {
    let w = word
        .trim_start_matches(['(', '"', '“'])
        .to_ascii_lowercase();
    matches!(
        w.as_str(),
        "e.g"
            | "i.e"
            | "etc"
            | "vs"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "st"
            | "inc"
            | "ltd"
            | "co"
            | "jr"
            | "sr"
            | "approx"
            | "no"
            | "fig"
            | "u.s"
            | "a.m"
            | "p.m"
    ) || (w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Words in the given parts of a story (combined markers counted once).
pub fn part_words(doc: &Document, story: &Story, kinds: &[PartKind]) -> usize {
    story
        .prose_of(kinds)
        .iter()
        .map(|r| words(doc.slice(r.clone())).count())
        .sum()
}

/// Every word-level match of a matcher in some prose ranges, as document ranges.
pub fn find_in(
    doc: &Document,
    prose: &[Range<usize>],
    matcher: &crate::words::PhraseMatcher,
) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    for r in prose {
        for m in matcher.find_words(doc.words_in(r.clone())) {
            out.push((m.range, m.phrase));
        }
    }
    out
}

/// Is `offset` inside a quotation: an odd number of straight quotes, or more opening than
/// closing curly quotes, before it in its prose range?
pub fn in_quotes(doc: &Document, prose: &[Range<usize>], offset: usize) -> bool {
    let Some(r) = prose.iter().find(|r| r.contains(&offset)) else {
        return false;
    };
    let before = doc.slice(r.start..offset);
    before.matches('"').count() % 2 == 1
        || before.matches('“').count() > before.matches('”').count()
}

/// In a story, quoted words are someone else's (feedback, a manager's words): style rules
/// leave them alone. A PR/FAQ's quotes are written by its author, so they are checked.
pub fn quoted_in_story(doc: &Document, prose: &[Range<usize>], offset: usize) -> bool {
    doc.kind == crate::document::DocKind::Star && in_quotes(doc, prose, offset)
}

/// The ranges of the sentence around `offset` inside `unit`, for context checks.
pub fn sentence_at(sentences: &[Sentence], offset: usize) -> Option<&Sentence> {
    sentences.iter().find(|s| {
        s.pieces
            .iter()
            .any(|r| r.start <= offset && offset < r.end.max(r.start + 1))
    })
}

/// Every prose unit of the story parts in `kinds`, each split into sentences.
pub fn part_sentences(doc: &Document, story: &Story, kinds: &[PartKind]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for part in story.parts.iter().filter(|p| kinds.contains(&p.kind)) {
        let mut unit: Vec<Range<usize>> = Vec::new();
        let mut block = None;
        for r in &part.prose {
            let b = doc.block_at(r.start);
            if b != block && !unit.is_empty() {
                out.extend(sentences(doc.text, &unit));
                unit.clear();
            }
            block = b;
            unit.push(r.clone());
        }
        if !unit.is_empty() {
            out.extend(sentences(doc.text, &unit));
        }
    }
    out
}

#[cfg(test)]
pub mod test_util {
    //! `check(rule, src)`: lint a small text with one rule on and render what it found.

    use crate::document::Document;
    use crate::fix::apply_fixes;
    use crate::linter::lint;
    use crate::registry::{self, RULES};
    use crate::settings::Settings;
    use crate::Applicability;

    pub fn settings_only(code: &str) -> Settings {
        let mut s = Settings::default();
        for (i, r) in RULES.iter().enumerate() {
            if r.meta.code != code {
                s.set_severity(i, None);
            } else {
                s.set_severity(i, Some(r.meta.severity));
            }
        }
        s
    }

    /// One line per diagnostic: `line:col CODE message [=> fixed text]`.
    pub fn check(code: &str, src: &str) -> Vec<String> {
        assert!(registry::find(code).is_some(), "unknown rule {code}");
        let settings = settings_only(code);
        let doc = Document::new(src, &settings, None);
        let result = lint(&doc, &settings);
        result
            .diagnostics
            .iter()
            .map(|d| {
                let lc = doc.lines.line_col(src, d.range.start);
                let mut line = format!("{}:{} {} {}", lc.line, lc.column, d.code, d.message);
                if d.fix.is_some() {
                    let (fixed, _) =
                        apply_fixes(src, std::slice::from_ref(d), Applicability::DisplayOnly);
                    let changed: Vec<&str> = fixed
                        .lines()
                        .filter(|l| !src.lines().any(|o| o == *l))
                        .collect();
                    line.push_str(&format!(" => {:?}", changed));
                }
                line
            })
            .collect()
    }
}
