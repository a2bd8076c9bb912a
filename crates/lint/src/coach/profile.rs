//! A story reduced to what the coach reads: tags, the principles its words show, its content
//! words, its open problems (diagnostics inside it) and facts of the model.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{DocKind, Document, Story};
use crate::markers::PartKind;
use crate::rules::part_words;
use crate::settings::Settings;
use serde::Serialize;
use std::ops::Range;

/// Fewer Action words than this is a short Action (`short-action`).
const SHORT_ACTION: usize = 40;

/// One diagnostic inside a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    #[serde(skip)]
    pub range: Range<usize>,
}

/// A fact of the story model the coach reads (no rule reports it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// `no-learning`, `no-tag`, `principle-not-shown`, `no-numbers`, `short-action`.
    pub name: &'static str,
    /// The principle, for `principle-not-shown`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principle: Option<String>,
}

/// What the coach knows of one story.
#[derive(Debug, Clone, Serialize)]
pub struct StoryProfile {
    pub title: String,
    /// 1-based line of the title.
    pub line: usize,
    #[serde(skip)]
    pub range: Range<usize>,
    /// Canonical names of the principles it is tagged with.
    pub principles: Vec<String>,
    /// Principles its words show, with how many distinct evidence keywords, strongest first.
    pub shown: Vec<(String, usize)>,
    /// Distinct content words (lower-case, lightly stemmed), sorted.
    #[serde(skip)]
    pub keywords: Vec<String>,
    /// Words in Situation, Task, Action and Result.
    pub words: usize,
    pub problems: Vec<Problem>,
    pub facts: Vec<Fact>,
}

impl StoryProfile {
    /// Is the story tagged with (or does it show) this principle?
    pub fn tagged(&self, principle: &str) -> bool {
        self.principles.iter().any(|p| p == principle)
    }

    /// Distinct evidence keywords of a principle in the story.
    pub fn evidence(&self, principle: &str) -> usize {
        self.shown
            .iter()
            .find(|(p, _)| p == principle)
            .map_or(0, |(_, n)| *n)
    }

    /// Open problems at warning or error level.
    pub fn open_problems(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity >= Severity::Warning)
            .count()
    }
}

/// The profiles of a document's stories, given its diagnostics (from [`crate::lint`]).
/// `with_words` fills [`StoryProfile::keywords`], which only matching reads (the grade and the
/// probes need no words, and collecting them is most of a profile's cost).
pub fn profiles(
    doc: &Document,
    diagnostics: &[Diagnostic],
    settings: &Settings,
    with_words: bool,
) -> Vec<StoryProfile> {
    if doc.kind != DocKind::Star {
        return Vec::new();
    }
    let set = settings.principles();
    doc.stories
        .iter()
        .map(|story| {
            let counts = crate::rules::lp::evidence_counts(doc, story, set);
            let mut shown: Vec<(String, usize)> = counts
                .iter()
                .enumerate()
                .filter(|(_, &c)| c > 0)
                .map(|(i, &c)| (set.name(i).to_string(), c))
                .collect();
            shown.sort_by_key(|s| std::cmp::Reverse(s.1));
            let principles: Vec<String> = story
                .principles()
                .into_iter()
                .map(|p| set.name(p).to_string())
                .collect();
            let problems = diagnostics
                .iter()
                .filter(|d| story.range.contains(&d.range.start))
                .map(|d| Problem {
                    code: d.code,
                    severity: d.severity,
                    message: d.message.clone(),
                    range: d.range.clone(),
                })
                .collect();
            let facts = facts(doc, story, &principles, &counts, set);
            StoryProfile {
                title: story.title.clone(),
                line: doc.lines.line_of(story.title_range.start) + 1,
                range: story.title_range.clone(),
                principles,
                shown,
                keywords: if with_words {
                    keywords(doc, story)
                } else {
                    Vec::new()
                },
                words: part_words(doc, story, &PartKind::CORE),
                problems,
                facts,
            }
        })
        .collect()
}

fn facts(
    doc: &Document,
    story: &Story,
    principles: &[String],
    counts: &[usize],
    set: &crate::principles::PrincipleSet,
) -> Vec<Fact> {
    let fact = |name| Fact {
        name,
        principle: None,
    };
    let mut out = Vec::new();
    if story.is_unlabelled() {
        return out;
    }
    if story.tags.is_empty() {
        out.push(fact("no-tag"));
    }
    for name in principles {
        let shown = set
            .lookup(name)
            .and_then(|i| counts.get(i))
            .is_some_and(|&c| c > 0);
        if !shown {
            out.push(Fact {
                name: "principle-not-shown",
                principle: Some(name.clone()),
            });
        }
    }
    if !story.has(PartKind::Learning) {
        out.push(fact("no-learning"));
    }
    if story.has(PartKind::Action) && part_words(doc, story, &[PartKind::Action]) < SHORT_ACTION {
        out.push(fact("short-action"));
    }
    let has_number = story
        .text_prose()
        .iter()
        .any(|r| doc.slice(r.clone()).bytes().any(|b| b.is_ascii_digit()));
    if !has_number {
        out.push(fact("no-numbers"));
    }
    out
}

/// The story's distinct content words: title and prose, stop words dropped, stemmed.
pub(crate) fn keywords(doc: &Document, story: &Story) -> Vec<String> {
    let mut out: Vec<String> = crate::words::tokens(&story.title)
        .map(|(_, w)| w)
        .chain(
            story
                .text_prose()
                .into_iter()
                .flat_map(|r| doc.words_in(r).iter().map(|(_, w)| *w)),
        )
        .filter_map(content_word)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A word as the matcher compares it: lower-case and stemmed, or `None` for a stop word.
pub fn content_word(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    if lower.len() < 3 || STOP.binary_search(&lower.as_str()).is_ok() {
        return None;
    }
    if lower.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(stem(&lower))
}

/// A light suffix stripper: enough that `disagreed`, `disagreeing` and `disagrees` meet.
fn stem(word: &str) -> String {
    for suffix in ["ingly", "ing", "edly", "ed", "ies", "es", "s", "ly"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.len() >= 4 {
                return if suffix == "ies" {
                    format!("{base}y")
                } else {
                    base.trim_end_matches('e').to_string()
                };
            }
        }
    }
    match word.strip_suffix('e') {
        Some(base) if base.len() >= 4 => base.to_string(),
        _ => word.to_string(),
    }
}

/// Words that say nothing of what a question or a story is about (sorted for binary search).
const STOP: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "all",
    "also",
    "and",
    "another",
    "any",
    "are",
    "asked",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "can",
    "could",
    "describe",
    "did",
    "does",
    "doing",
    "done",
    "each",
    "else",
    "example",
    "experience",
    "few",
    "for",
    "from",
    "get",
    "give",
    "got",
    "had",
    "has",
    "have",
    "her",
    "here",
    "him",
    "his",
    "how",
    "into",
    "its",
    "just",
    "last",
    "let",
    "like",
    "made",
    "make",
    "many",
    "may",
    "more",
    "most",
    "much",
    "must",
    "need",
    "not",
    "now",
    "off",
    "one",
    "only",
    "other",
    "our",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "situation",
    "some",
    "someone",
    "something",
    "such",
    "take",
    "task",
    "tell",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "those",
    "through",
    "time",
    "times",
    "told",
    "too",
    "under",
    "until",
    "very",
    "was",
    "way",
    "well",
    "went",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_and_stems_meet() {
        assert!(
            STOP.windows(2).all(|w| w[0] < w[1]),
            "STOP must stay sorted"
        );
        assert_eq!(content_word("disagreed"), content_word("disagreeing"));
        assert_eq!(content_word("deadlines"), content_word("deadline"));
        assert_eq!(content_word("The"), None);
        assert_eq!(content_word("2021"), None);
    }

    #[test]
    fn a_story_profile_holds_tags_problems_and_facts() {
        let settings = Settings::default();
        let text = "## Fixing the flaky deploy\n\n**Leadership Principles:** Frugality\n\n**Situation:** Deploys failed twice a week.\n\n**Action:** We rewrote the retry logic.\n\n**Result:** Failures fell a lot.\n";
        let doc = Document::new(text, &settings, None);
        let result = crate::lint(&doc, &settings);
        let got = profiles(&doc, &result.diagnostics, &settings, true);
        assert_eq!(got.len(), 1);
        let p = &got[0];
        assert_eq!(p.principles, ["Frugality"]);
        assert!(p.problems.iter().any(|d| d.code == "STAR005"), "{p:?}");
        let names: Vec<&str> = p.facts.iter().map(|f| f.name).collect();
        assert_eq!(
            names,
            [
                "principle-not-shown",
                "no-learning",
                "short-action",
                "no-numbers"
            ]
        );
        assert!(
            p.keywords.contains(&"deploy".to_string()),
            "{:?}",
            p.keywords
        );
    }
}
