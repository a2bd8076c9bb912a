//! What a document is, decided from named, weighted evidence.
//!
//! Every signal (markers and stories, headings, datelines, announcement sentences, quotes, FAQ
//! sections, front matter, the file name, explainer or postmortem shapes) adds one
//! [`Evidence`]: a stable name, the kind it argues for (or against both), a weight and where it
//! was seen. [`decide`] sums them. The decision and its evidence are data, so `debug model`
//! can show a user why a file was read the way it was.

use super::DocKind;
use std::ops::Range;

/// What a piece of evidence argues for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Toward {
    Star,
    Prfaq,
    /// Against both kinds: the text is about something else (an explainer, a postmortem…).
    Neither,
}

/// One named signal seen in the text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Evidence {
    /// Stable kebab-case name of the signal (`faq-heading`, `dateline`, `stories`).
    pub signal: &'static str,
    pub toward: Toward,
    /// Points; a kind needs [`THRESHOLD`] to be chosen.
    pub weight: i32,
    /// Where it was seen, when it was seen at one place.
    pub at: Option<Range<usize>>,
    /// A short human note (`3 stories`, `file name prfaq.md`).
    pub detail: String,
}

impl Evidence {
    pub fn new(signal: &'static str, toward: Toward, weight: i32) -> Self {
        Evidence {
            signal,
            toward,
            weight,
            at: None,
            detail: String::new(),
        }
    }

    pub fn at(mut self, range: Range<usize>) -> Self {
        self.at = Some(range);
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }
}

/// The points a kind needs before a document is read as that kind.
pub const THRESHOLD: i32 = 10;

/// The kind chosen, how, and every piece of evidence seen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KindDecision {
    pub kind: DocKind,
    /// Set when the kind was not inferred: `front matter` or `config`.
    pub forced_by: Option<&'static str>,
    pub star: i32,
    pub prfaq: i32,
    pub evidence: Vec<Evidence>,
}

impl Default for KindDecision {
    fn default() -> Self {
        KindDecision {
            kind: DocKind::Other,
            forced_by: None,
            star: 0,
            prfaq: 0,
            evidence: Vec::new(),
        }
    }
}

/// A kind that was not inferred.
pub fn forced(kind: DocKind, by: &'static str) -> KindDecision {
    KindDecision {
        kind,
        forced_by: Some(by),
        ..KindDecision::default()
    }
}

/// Sum the evidence. Evidence against both counts against each. The higher score wins when it
/// reaches [`THRESHOLD`]; a tie goes to the PR/FAQ (a PR/FAQ may quote a story, never the
/// reverse).
pub fn decide(evidence: Vec<Evidence>) -> KindDecision {
    let mut star = 0;
    let mut prfaq = 0;
    for e in &evidence {
        match e.toward {
            Toward::Star => star += e.weight,
            Toward::Prfaq => prfaq += e.weight,
            Toward::Neither => {
                star -= e.weight;
                prfaq -= e.weight;
            }
        }
    }
    let kind = if prfaq >= THRESHOLD && prfaq >= star {
        DocKind::Prfaq
    } else if star >= THRESHOLD {
        DocKind::Star
    } else {
        DocKind::Other
    };
    KindDecision {
        kind,
        forced_by: None,
        star,
        prfaq,
        evidence,
    }
}

/// Evidence from the file's name: a name says what a file is meant to be (`prfaq.md`,
/// `press-release.md`, `star-stories.md`, `behavioral.md`, `amazon-lp.md`).
pub fn name_evidence(name: &str) -> Vec<Evidence> {
    let base = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_ascii_lowercase();
    let squashed: String = base.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let mut out = Vec::new();
    if squashed.contains("prfaq") || squashed.contains("pressrelease") {
        // Not enough alone: a `prfaq.md` also needs one sign of a press release or an FAQ.
        out.push(Evidence::new("file-name", Toward::Prfaq, 6).detail(format!("file name {base}")));
    }
    let star_words = [
        "star",
        "stories",
        "story",
        "behavioral",
        "behavioural",
        "leadership",
        "interview",
    ];
    let words: Vec<&str> = base
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| star_words.contains(w)) {
        out.push(Evidence::new("file-name", Toward::Star, 5).detail(format!("file name {base}")));
    }
    // `how-to-write-a-prfaq.md`, `star-method-guide.md`: a name that says the file teaches the
    // form cancels what the name says of its kind.
    let teaching = [
        "how",
        "howto",
        "guide",
        "tutorial",
        "explainer",
        "essay",
        "tips",
    ];
    if words.iter().any(|w| teaching.contains(w)) {
        out.push(
            Evidence::new("file-name", Toward::Neither, 6)
                .detail(format!("file name {base} says it teaches the form")),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strongest_kind_wins_at_the_threshold() {
        let d = decide(vec![
            Evidence::new("stories", Toward::Star, 20),
            Evidence::new("faq-heading", Toward::Prfaq, 5),
        ]);
        assert_eq!(d.kind, DocKind::Star);
        let d = decide(vec![Evidence::new("faq-heading", Toward::Prfaq, 5)]);
        assert_eq!(d.kind, DocKind::Other);
    }

    #[test]
    fn evidence_against_both_can_veto() {
        let d = decide(vec![
            Evidence::new("stories", Toward::Star, 20),
            Evidence::new("explainer", Toward::Neither, 15),
        ]);
        assert_eq!(d.kind, DocKind::Other);
        assert_eq!(d.star, 5);
    }

    #[test]
    fn file_names_count() {
        assert_eq!(name_evidence("docs/PRFAQ.md")[0].toward, Toward::Prfaq);
        assert_eq!(name_evidence("press-release.md")[0].toward, Toward::Prfaq);
        assert_eq!(name_evidence("star_stories.md")[0].toward, Toward::Star);
        assert!(name_evidence("notes.md").is_empty());
        assert!(name_evidence("starship.md").is_empty());
    }
}
