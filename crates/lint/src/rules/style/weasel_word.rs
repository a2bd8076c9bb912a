//! STYLE001: vague intensifiers and quantities where data belongs.

use super::{word_after, word_before};
use crate::document::Document;
use crate::rule::Sink;
use crate::rules::{find_in, quoted_in_story};
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports vague intensifiers and quantities: `significantly`, `substantially`, `very`,
    /// `a lot of`, `huge`, `various`, `nearly all`, `much better`… and `many` / `most` used as
    /// quantities (`most customers`, `most of the tickets`, but not `the most important` or
    /// `how many`).
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
    /// ## Options
    /// `[rules.weasel-word]`: `words` (replace the list) or `extend-words`.
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

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let words = &settings.words;
    for (_, unit) in doc.prose_units() {
        for (range, _) in find_in(doc, &unit, &words.weasel) {
            let word = doc.slice(range.clone());
            if quoted_in_story(doc, &unit, range.start) {
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
            if quoted_in_story(doc, &unit, range.start) {
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
        let src = "## A\n\n**Situation:** My VP said \"you are very productive\" and it was very late.\n\n**Action:** I did it.\n";
        let found = check("STYLE001", src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("3:64"), "{found:?}");
    }

    #[test]
    fn weasel_words_in_context() {
        let src = "## A\n\n**Situation:** The very first release was significantly slower for most customers and many teams.\n\n**Action:** I fixed the most important bug, counted how many failed, and most of the alerts.\n";
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
}
