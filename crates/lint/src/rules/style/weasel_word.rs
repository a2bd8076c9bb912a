//! STYLE001: vague intensifiers and quantities where data belongs.

use super::{word_after, word_before};
use crate::document::DocKind;
use crate::document::Document;
use crate::markers::PartKind;
use crate::rule::Sink;
use crate::rules::{find_in, quoted_in_story, sentence_at, sentences};
use crate::settings::Settings;

/// `[rules.weasel-word]` in `starlint.toml`. The rule's doc page lists these, generated from here.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct WeaselOptions {
    /// The story parts read; parts other than the Result report only claims of outcome. The
    /// words that claim a change and the stems that mark a claim of outcome are the
    /// `change_words` and `outcome_words` lists of the word data.
    pub parts: Vec<PartKind>,
    /// Replace the bundled list of vague words (unset: the bundled list).
    pub words: Option<Vec<String>>,
    /// Add to the list.
    pub extend_words: Vec<String>,
}

impl Default for WeaselOptions {
    fn default() -> Self {
        WeaselOptions {
            parts: vec![PartKind::Action, PartKind::Result],
            words: None,
            extend_words: Vec::new(),
        }
    }
}

crate::declare_rule! {
    /// ## What it does
    /// Reports vague intensifiers and quantities: `significantly`, `substantially`, `very`,
    /// `a lot of`, `huge`, `various`, `nearly all`, `much better`… and `many` / `most` used as
    /// quantities (`most customers`, `most of the tickets`, but not `the most important` or
    /// `how many`).
    ///
    /// In a story they matter where a claim of outcome needs data: every one in the Result,
    /// and in the Action those that claim a change themselves (`significantly`, `much faster`)
    /// or sit in a sentence that claims an outcome ("it saved a lot of time"). "Very busy" in
    /// the Situation, "worked very late" in the Action, an intensifier that sizes no
    /// measurable quality ("very important", "I really believe"), or a sentence adverb ("Most
    /// significantly, 73% renewed") is not reported. A PR/FAQ is read
    /// whole.
    ///
    /// ## Why it matters
    /// "Significantly faster" invites the question "how much?". Amazon's writing culture
    /// replaces adjectives with data; so do good interview answers.
    ///
    /// ## Example
    /// ```markdown
    /// The new cache made search significantly faster for most customers.
    /// ```
    /// Use instead:
    /// ```markdown
    /// The new cache cut search p99 from 900 ms to 120 ms for 80% of customers.
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the number has to come from you.
    pub static RULE = {
        code: "STYLE001",
        name: "weasel-word",
        family: Style,
        severity: Warning,
        fix: None,
        kinds: [Star, Prfaq],
        summary: "A vague intensifier or quantity where data belongs",
        check: check,
        options: WeaselOptions,
    }
}

/// Before `most`, these make it a superlative (`the most important`), not a quantity.
const DETERMINERS: &[&str] = &[
    "the", "at", "my", "our", "his", "her", "their", "its", "your", "whose",
];
const NOT_NOUNS: &[&str] = &[
    "was",
    "is",
    "has",
    "always",
    "less",
    "this",
    "us",
    "as",
    "its",
    "likely",
    "recently",
    "importantly",
    "notably",
    "obvious",
    "famous",
    "serious",
    "various",
    "previous",
    "dangerous",
    "ambitious",
    "generous",
    "nervous",
    "curious",
    "anxious",
    "cautious",
];

/// Where a weasel word of a story counts: every word in the Result; in the other parts in
/// scope only a word that claims a change itself (`significantly`) or one in a sentence that
/// claims an outcome ("it saved a lot of time"). A PR/FAQ is read whole.
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    All,
    Claims,
    Out,
}

fn scope_of(doc: &Document, settings: &Settings, story: Option<usize>, at: usize) -> Scope {
    if doc.kind != DocKind::Star {
        return Scope::All;
    }
    let part = story
        .and_then(|s| doc.stories.get(s))
        .and_then(|s| {
            s.parts
                .iter()
                .find(|p| p.prose.iter().any(|r| r.contains(&at)))
        })
        .map(|p| p.kind);
    match part {
        Some(k) if settings.rules.weasel_parts.contains(&k) => {
            if k == PartKind::Result {
                Scope::All
            } else {
                Scope::Claims
            }
        }
        _ => Scope::Out,
    }
}

/// Is the word a sentence adverb that comments on what follows ("Most significantly, 73% …",
/// "Quite simply, …")? It opens its sentence (perhaps after `most` / `more`) and a comma
/// follows it: it sizes nothing.
fn sentence_adverb(
    doc: &Document,
    sentences: &[crate::rules::Sentence],
    range: &std::ops::Range<usize>,
) -> bool {
    if !doc
        .text
        .get(range.end..)
        .is_some_and(|t| t.starts_with(','))
    {
        return false;
    }
    let Some(sentence) = sentence_at(sentences, range.start) else {
        return false;
    };
    let before: Vec<String> = sentence
        .words(doc)
        .iter()
        .take_while(|(o, _)| *o < range.start)
        .map(|(_, w)| w.to_lowercase())
        .collect();
    match before.as_slice() {
        [] => true,
        [w] => matches!(w.as_str(), "most" | "more" | "and" | "but"),
        _ => false,
    }
}

/// Is the word an intensifier that sizes no measurable quality ("very important", "I really
/// believe", "very hard to recall")? Only "very fast", "very happy", "really well" and the like
/// claim an amount that data could give.
fn idle_intensifier(
    doc: &Document,
    words: &crate::settings::Matchers,
    range: &std::ops::Range<usize>,
) -> bool {
    let own = doc.words_in(range.clone());
    if own.len() != 1 || words.intensifier.find_words(own).is_empty() {
        return false;
    }
    // The next word, or the one after an intensifier repeated (`very, very fast`).
    let after = doc.words_in(range.end..doc.text.len().min(range.end + 80));
    let next: Vec<(usize, &str)> = after
        .iter()
        .copied()
        .skip_while(|w| !words.intensifier.find_words(&[*w]).is_empty())
        .take(1)
        .collect();
    next.is_empty()
        || (words.measurable.find_words(&next).is_empty()
            && words.outcome.find_words(&next).is_empty())
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let words = &settings.words;
    for (story, unit) in doc.prose_units() {
        let scope = unit
            .first()
            .map_or(Scope::Out, |r| scope_of(doc, settings, story, r.start));
        if scope == Scope::Out {
            continue;
        }
        let sentences = sentences(doc.text, &unit);
        // Does the sentence around `offset` claim an outcome?
        let claims = |offset: usize| {
            sentence_at(&sentences, offset).is_some_and(|s| {
                s.pieces
                    .iter()
                    .any(|r| !words.outcome.find_words(doc.words_in(r.clone())).is_empty())
            })
        };
        let counts = |range: &std::ops::Range<usize>| {
            scope == Scope::All
                || claims(range.start)
                || words
                    .weasel_change
                    .find_words(doc.words_in(range.clone()))
                    .first()
                    .is_some_and(|m| m.range == *range)
        };
        for (range, _) in find_in(doc, &unit, &words.weasel) {
            let word = doc.slice(range.clone());
            if quoted_in_story(doc, &unit, range.start) || !counts(&range) {
                continue;
            }
            if sentence_adverb(doc, &sentences, &range) || idle_intensifier(doc, words, &range) {
                continue;
            }
            if word.eq_ignore_ascii_case("very")
                && matches!(
                    word_before(doc, range.start).as_str(),
                    "the" | "this" | "that"
                )
            {
                continue;
            }
            sink.report(
                range.clone(),
                format!("`{word}` is vague: say how much, with a number"),
            );
        }
        for (range, _) in find_in(doc, &unit, &words.quantity) {
            let word = doc.slice(range.clone());
            if quoted_in_story(doc, &unit, range.start) || !counts(&range) {
                continue;
            }
            let before = word_before(doc, range.start);
            let after = word_after(doc, range.end);
            let vague = if word.eq_ignore_ascii_case("most") {
                !DETERMINERS.contains(&before.as_str())
                    && (after == "of"
                        || (after.len() > 3
                            && after.ends_with('s')
                            && !after.ends_with("ss")
                            && !NOT_NOUNS.contains(&after.as_str())))
            } else {
                // `many`: not in `how many` or `as many as 40`.
                !matches!(before.as_str(), "how" | "as" | "so" | "too")
            };
            if vague {
                sink.report(
                    range.clone(),
                    format!("`{word}` is a vague quantity: give the number or share"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn quoted_words_in_a_story_are_someone_elses() {
        let src = "## A\n\n**Situation:** x.\n\n**Result:** My VP said \"you are very productive\" and it was very slow.\n";
        let found = check("STYLE001", src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("5:61"), "{found:?}");
    }

    #[test]
    fn weasel_words_in_context() {
        let src = "## A\n\n**Situation:** x.\n\n**Result:** The very first release was significantly slower for most customers and many teams. I fixed the most important bug, counted how many failed, and most of the alerts.\n";
        let found = check("STYLE001", src);
        let words: Vec<&str> = found
            .iter()
            .map(|f| f.split('`').nth(1).unwrap_or(""))
            .collect();
        assert_eq!(
            words,
            ["significantly", "most", "many", "most"],
            "{found:?}"
        );
    }

    #[test]
    fn only_claims_of_outcome_in_the_action_and_nothing_in_the_situation() {
        let src = "## A\n\n**Situation:** The team was very busy and had many tickets.\n\n**Action:** I read various runbooks and worked very late. I significantly simplified the deploy. The cache saved a lot of time.\n\n**Result:** 3 fewer pages.\n";
        let found = check("STYLE001", src);
        let words: Vec<&str> = found
            .iter()
            .map(|f| f.split('`').nth(1).unwrap_or(""))
            .collect();
        assert_eq!(words, ["significantly", "a lot of"], "{found:?}");
    }

    #[test]
    fn an_intensifier_is_vague_only_where_it_sizes_something() {
        let src = "## A\n\n**Situation:** x.\n\n**Result:** It is very important and I really believe in it. Customers were very happy and checkout got really fast.\n";
        let found = check("STYLE001", src);
        let words: Vec<&str> = found
            .iter()
            .map(|f| f.split('`').nth(1).unwrap_or(""))
            .collect();
        assert_eq!(words, ["very", "really"], "{found:?}");
        assert!(found[0].starts_with("5:77"), "{found:?}");
    }

    #[test]
    fn a_sentence_adverb_sizes_nothing() {
        let src = "## A\n\n**Situation:** x.\n\n**Result:** Tickets fell 40%. Most significantly, 73% of users renewed. It grew significantly, and fast.\n";
        let found = check("STYLE001", src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("5:81"), "{found:?}");
    }
}
