//! STYLE002: hedges that undercut what you did.

use crate::diagnostic::{Edit, Fix};
use crate::document::Document;
use crate::rule::Sink;
use crate::rules::{find_in, quoted_in_story};
use crate::settings::Settings;

/// `[rules.hedging]` in `starlint.toml`. The rule's doc page lists these, generated from here.
#[derive(
    Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct HedgingOptions {
    /// Replace the bundled list of hedges (unset: the bundled list).
    pub words: Option<Vec<String>>,
    /// Add to the list.
    pub extend_words: Vec<String>,
}

crate::declare_rule! {
    /// ## What it does
    /// Reports hedges: `I think`, `I guess`, `kind of`, `sort of`, `maybe`, `probably`,
    /// `basically`, `tried to`, `helped to`, `was involved in`. `kind of` and `sort of` after a
    /// determiner are the nouns (`this kind of message`, `the same sort of bug`), not hedges.
    ///
    /// ## Why it matters
    /// Hedges make you sound unsure of your own story. "I tried to align the teams" leaves the
    /// interviewer wondering whether you did.
    ///
    /// ## Example
    /// ```markdown
    /// I think I basically rewrote the scheduler.
    /// ```
    /// Use instead:
    /// ```markdown
    /// I rewrote the scheduler.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: deletes the hedge where the sentence stays grammatical (`I think`, `I guess`,
    /// `maybe`, `probably`, `basically`, `kind of`, `sort of`), capitalising the next word at
    /// the start of a sentence. `tried to`, `helped to` and `was involved in` need a rewrite, so
    /// they get no fix.
    pub static RULE = {
        code: "STYLE002",
        name: "hedging",
        family: Style,
        severity: Warning,
        fix: Unsafe,
        kinds: [Star, Prfaq],
        summary: "A hedge (`I think`, `kind of`, `tried to`…) undercuts what you did",
        check: check,
        options: HedgingOptions,
    }
}

/// Hedges about one's own part: they only hedge with a first-person subject just before.
const NEEDS_SUBJECT: &[&str] = &[
    "tried to",
    "attempted to",
    "helped to",
    "helped with",
    "was involved in",
    "were involved in",
    "participated in",
];
/// Determiners and adjectives that make `kind` / `sort` a noun (`this kind of message`, `the
/// same sort of bug`); as an adverb (`it was kind of slow`) or after `a` (`a kind of
/// template`, a softened description) they hedge.
const NOUN_BEFORE_KIND: &[&str] = &[
    "this",
    "that",
    "these",
    "those",
    "the",
    "what",
    "which",
    "whatever",
    "any",
    "every",
    "some",
    "each",
    "same",
    "no",
    "one",
    "another",
    "all",
    "different",
    "right",
    "wrong",
    "new",
    "similar",
    "certain",
    "particular",
    "other",
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "its",
    "only",
    "first",
    "last",
    "worst",
    "best",
    "exact",
    "usual",
];

/// `I think about…`, `I THINK BIG` (a principle) are not hedges.
const NOT_AFTER_THINK: &[&str] = &[
    "about",
    "of",
    "big",
    "through",
    "differently",
    "deeply",
    "hard",
    "carefully",
    "creatively",
    "ahead",
    "strategically",
    "outside",
    "back",
];

const DELETABLE: &[&str] = &[
    "i think",
    "i guess",
    "maybe",
    "probably",
    "basically",
    "kind of",
    "sort of",
    "i believe",
    "i feel like",
    "perhaps",
    "somewhat",
    "i suppose",
];

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    for (_, unit) in doc.prose_units() {
        for (range, phrase) in find_in(doc, &unit, &settings.words.hedge) {
            let phrase_text = settings.words.hedge.phrase(phrase);
            let word = doc.slice(range.clone());
            if quoted_in_story(doc, &unit, range.start) {
                continue;
            }
            if phrase_text == "i think"
                && NOT_AFTER_THINK.contains(&super::word_after(doc, range.end).as_str())
            {
                continue;
            }
            if NEEDS_SUBJECT.contains(&phrase_text) && !first_person_before(doc, range.start) {
                continue;
            }
            // `this kind of message`, `what sort of tool`: the noun `kind`, not a hedge.
            if matches!(phrase_text, "kind of" | "sort of")
                && NOUN_BEFORE_KIND.contains(&super::word_before(doc, range.start).as_str())
            {
                continue;
            }
            let fix = DELETABLE
                .contains(&phrase_text)
                .then(|| deletion(doc, range.clone()))
                .flatten();
            sink.report_fix(range, format!("`{word}` hedges: say it plainly"), fix);
        }
    }
}

/// Is there an `I` or `we` among the three words before `offset` (same line)?
fn first_person_before(doc: &Document, offset: usize) -> bool {
    let line_start = doc
        .text
        .get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let before = doc.slice(line_start..offset);
    before
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| matches!(w.to_lowercase().as_str(), "i" | "we" | "i've" | "we've"))
}

/// Delete a hedge and the space or comma after it, capitalising a sentence's new first word.
fn deletion(doc: &Document, range: std::ops::Range<usize>) -> Option<Fix> {
    let after = doc.text.get(range.end..)?;
    let skip = after.len() - after.trim_start_matches([',', ' ']).len();
    let rest = after.get(skip..)?;
    let next = rest.chars().next()?;
    if !next.is_alphanumeric() {
        return None;
    }
    let before = doc
        .text
        .get(..range.start)?
        .trim_end_matches([' ', '*', '_']);
    let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']);
    let word = doc.slice(range.clone());
    let edit = if sentence_start && word.starts_with(char::is_uppercase) {
        let end = range.end + skip + next.len_utf8();
        Edit::replace(range.start..end, next.to_uppercase().collect::<String>())
    } else {
        Edit::delete(range.start..range.end + skip)
    };
    Some(Fix::unsafe_(format!("Delete `{word}`"), edit))
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn kind_of_as_a_noun_is_not_a_hedge() {
        let src = "## A\n\n**Situation:** x.\n\n**Action:** I wrote this kind of message to the same sort of team. It was kind of slow.\n";
        let found = check("STYLE002", src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("`kind of`") && found[0].contains("It was slow."),
            "{found:?}"
        );
    }

    #[test]
    fn hedges_and_their_fixes() {
        let src = "## A\n\n**Situation:** x.\n\n**Action:** I think the plan worked. It was kind of slow. I tried to help. They tried to stop it. I THINK BIG.\n";
        let found = check("STYLE002", src);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].contains("=> [\"**Action:** The plan worked."),
            "{found:?}"
        );
        assert!(found[1].contains("It was slow."), "{found:?}");
        assert!(!found[2].contains("=>"), "{found:?}");
    }
}
