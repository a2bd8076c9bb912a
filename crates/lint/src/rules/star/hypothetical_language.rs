//! STAR006: what you would do, instead of what you did.

use crate::document::Document;
use crate::rule::Sink;
use crate::rules::{find_in, part_sentences, sentence_at};
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports hypothetical or habitual language in the Action and Result parts: `I would`,
    /// `I'd`, `I will`, `usually`, `typically`, `in such cases` and the like. Reported speech
    /// ("I told them I would own it") and `I'd` meaning *I had* ("I'd already shipped") are
    /// left alone.
    ///
    /// ## Why it matters
    /// Behavioural questions ask for one real past event. "I would talk to the stakeholders"
    /// tells the interviewer you have a theory, not a track record.
    ///
    /// ## Example
    /// ```markdown
    /// **Action:** I would usually set up a meeting with both teams.
    /// ```
    /// Use instead:
    /// ```markdown
    /// **Action:** I set up a meeting with both teams that Friday.
    /// ```
    ///
    /// ## Options
    /// `[rules.hypothetical-language]`: `parts` (default `["action", "result"]`), `words` /
    /// `extend-words`.
    ///
    /// ## Fix safety
    /// No fix: the sentence has to be retold as what happened.
    pub static RULE = {
        code: "STAR006",
        name: "hypothetical-language",
        family: Star,
        severity: Warning,
        fix: None,
        kinds: [Star],
        summary: "The Action or Result describes what you would or usually do, not one past event",
        check: check,
    }
}

const REPORTING: &[&str] = &[
    "said",
    "told",
    "promised",
    "committed",
    "agreed",
    "decided",
    "knew",
    "realized",
    "realised",
    "explained",
    "assured",
    "announced",
    "wrote",
    "mentioned",
    "confirmed",
    "thought",
    "felt",
    "asked",
    "warned",
    "replied",
    "answered",
    "insisted",
    "guaranteed",
    "predicted",
    "hoped",
    "planned",
    "expected",
    "estimated",
    "suggested",
    "proposed",
    "fear",
    "feared",
    "worried",
    "afraid",
    "concerned",
    "scared",
    "wondered",
    "doubted",
    "unless",
    "if",
];

const HAD: &[&str] = &[
    "been",
    "already",
    "just",
    "never",
    "ever",
    "previously",
    "only",
    "not",
    "gotten",
    "done",
    "seen",
    "made",
    "built",
    "written",
];

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let parts = &settings.rules.hypothetical_parts;
    for story in &doc.stories {
        let prose = story.prose_of(parts);
        let sentences = part_sentences(doc, story, parts);
        for (range, phrase) in find_in(doc, &prose, &settings.words.hypothetical) {
            let phrase_text = settings.words.hypothetical.phrase(phrase);
            let sentence = sentence_at(&sentences, range.start);
            let before: String = sentence
                .map(|s| {
                    s.pieces
                        .iter()
                        .filter(|r| r.start < range.start)
                        .map(|r| doc.slice(r.start..r.end.min(range.start)))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default()
                .to_lowercase();
            if phrase_text.starts_with('i')
                && REPORTING.iter().any(|w| {
                    before
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|b| b == *w)
                })
            {
                continue;
            }
            if phrase_text == "i'd" || phrase_text == "we'd" {
                let next = doc
                    .text
                    .get(range.end..)
                    .unwrap_or("")
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                let next = next.trim_matches(|c: char| !c.is_alphanumeric());
                if HAD.contains(&next) || (next.ends_with("ed") && next.len() > 4) {
                    continue;
                }
            }
            let part = story
                .parts
                .iter()
                .find(|p| p.prose.iter().any(|r| r.contains(&range.start)))
                .map_or("Action", |p| p.kind.name());
            sink.report(
                range.clone(),
                format!(
                    "`{}` in the {part} describes what you would do: tell what you did, once",
                    doc.slice(range)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn hypotheticals_in_action_and_result() {
        let src = "## A\n\n**Situation:** I would often wait.\n\n**Action:** I would call them. I told them I would own it. I'd already shipped it. Usually I ask first.\n\n**Result:** It will typically work.\n";
        let found = check("STAR006", src);
        let words: Vec<&str> = found
            .iter()
            .map(|f| f.split('`').nth(1).unwrap_or(""))
            .collect();
        assert_eq!(words, ["I would", "Usually", "typically"], "{found:?}");
    }
}
