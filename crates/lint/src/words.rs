//! Word lists (weasel words, hedges, metric words…) and the one matcher they all use:
//! aho-corasick, case-insensitive, whole words, typographic apostrophes folded.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::ops::Range;

/// The bundled word lists.
pub const DEFAULT_WORDS_TOML: &str = include_str!("../data/words.toml");

#[derive(Debug, Clone, Deserialize, Default)]
pub struct WordLists {
    pub weasel: WeaselLists,
    pub hedge: PhraseList,
    pub hypothetical: PhraseList,
    pub we: WordList,
    pub metric: MetricLists,
    pub acronym: AcronymList,
    pub placeholder: PlaceholderList,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct WeaselLists {
    pub phrases: Vec<String>,
    pub quantity_words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct PhraseList {
    pub phrases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct WordList {
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct MetricLists {
    pub number_words: Vec<String>,
    pub duration_units: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct AcronymList {
    pub common: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct PlaceholderList {
    pub tokens: Vec<String>,
}

impl WordLists {
    pub fn bundled() -> Self {
        toml::from_str(DEFAULT_WORDS_TOML).unwrap_or_default()
    }
}

/// Finds whole-word, case-insensitive occurrences of a list of phrases.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    ac: Option<AhoCorasick>,
    /// For each automaton pattern, the index of the phrase in the original list.
    owner: Vec<usize>,
    phrases: Vec<String>,
}

/// One occurrence of a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    pub range: Range<usize>,
    /// Index into the list the matcher was built from.
    pub phrase: usize,
}

impl PhraseMatcher {
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> Self {
        let phrases: Vec<String> = phrases
            .iter()
            .map(|p| p.as_ref().trim().to_lowercase())
            .collect();
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        for (i, p) in phrases.iter().enumerate() {
            if p.is_empty() {
                continue;
            }
            patterns.push(p.clone());
            owner.push(i);
            if p.contains('\'') {
                patterns.push(p.replace('\'', "\u{2019}"));
                owner.push(i);
            }
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        PhraseMatcher { ac, owner, phrases }
    }

    pub fn phrase(&self, index: usize) -> &str {
        self.phrases.get(index).map_or("", String::as_str)
    }

    /// Whole-word matches in `text`, offsets relative to `text`.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = PhraseMatch> + 'a {
        self.ac.iter().flat_map(move |ac| {
            ac.find_iter(text).filter_map(move |m| {
                let before = text.get(..m.start()).and_then(|s| s.chars().next_back());
                let after = text.get(m.end()..).and_then(|s| s.chars().next());
                if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
                    return None;
                }
                let phrase = *self.owner.get(m.pattern().as_usize())?;
                Some(PhraseMatch {
                    range: m.start()..m.end(),
                    phrase,
                })
            })
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find_iter(text).next().is_some()
    }
}

/// Letters, digits and the apostrophe-like characters that keep a word together.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only_and_curly_apostrophes() {
        let m = PhraseMatcher::new(&["we", "we're", "a lot of"]);
        let text = "Weekly, we’re doing a lot of work; WE agreed.";
        let found: Vec<_> = m.find_iter(text).map(|x| &text[x.range]).collect();
        assert_eq!(found, ["we’re", "a lot of", "WE"]);
    }

    #[test]
    fn bundled_lists_load() {
        let w = WordLists::bundled();
        assert!(w.weasel.phrases.iter().any(|p| p == "significantly"));
        assert!(w.we.words.iter().any(|p| p == "we"));
        assert!(!w.metric.number_words.is_empty());
    }
}
