//! STAR006: what you would do, instead of what you did.

use crate::document::Document;
use crate::markers::PartKind;
use crate::rule::Sink;
use crate::rules::{find_in, part_sentences, sentence_at};
use crate::settings::Settings;

/// `[rules.hypothetical-language]` in `starlint.toml`. The rule's doc page lists these, generated from here.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct HypotheticalOptions {
    /// The story parts read.
    pub parts: Vec<PartKind>,
    /// Replace the bundled list of hypothetical phrases (unset: the bundled list).
    pub words: Option<Vec<String>>,
    /// Add to the list.
    pub extend_words: Vec<String>,
}

impl Default for HypotheticalOptions {
    fn default() -> Self {
        HypotheticalOptions {
            parts: vec![PartKind::Action, PartKind::Result],
            words: None,
            extend_words: Vec::new(),
        }
    }
}

crate::declare_rule! {
    /// ## What it does
    /// Reports hypothetical or habitual language in the Action and Result parts: `I would`,
    /// `I'd`, `I will`, `usually`, `typically`, `in such cases` and the like. Left alone:
    /// reported speech ("I told them I would own it"); `I'd` meaning *I had* ("I'd already
    /// shipped"); idioms and wishes ("I'll be honest", "I will always be proud of it", "I
    /// would love to learn more"); a clause named inside another ("how I'll help", "than I'd
    /// planned"); and habit words in a sentence with no first-person subject ("the feed is
    /// generally refreshed at midnight", a tip such as "Whenever possible, measure it"). A
    /// story whose question itself asks what you would do ("How would you handle…?") is
    /// answered in the conditional and is left alone.
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
        options: HypotheticalOptions,
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

/// Verbs of wish, feeling or speech after `I would` / `I'll`: idioms, not a plan of action
/// ("I would love to learn more", "I'd say", "I'll never forget").
const WISH_OR_IDIOM: &[&str] = &[
    "love",
    "like",
    "prefer",
    "rather",
    "want",
    "say",
    "argue",
    "admit",
    "remember",
    "forget",
    "hope",
    "recommend",
    "encourage",
    "advise",
    "welcome",
    "enjoy",
    "appreciate",
];

/// Does a sentence date a habit from the story (`since then`, `from then on`, `now`)? Its
/// words are already folded to lower case.
fn changed_since(words: &[String]) -> bool {
    words.iter().any(|w| w == "now")
        || words.windows(2).any(|p| match p {
            [a, b] => matches!(
                (a.as_str(), b.as_str()),
                ("since" | "from", "then") | ("ever", "since")
            ),
            _ => false,
        })
}

/// Adjectives after `I'll be` / `I will always be` that state a feeling or a manner of
/// speaking ("I'll be honest", "I will always be proud of it").
const FEELING: &[&str] = &[
    "honest",
    "frank",
    "candid",
    "proud",
    "grateful",
    "thankful",
    "happy",
    "glad",
    "curious",
    "interested",
    "excited",
    "open",
    "transparent",
    "upfront",
    "clear",
    "forever",
    "sure",
];

/// Words that name a first-person subject.
fn first_person(word: &str) -> bool {
    matches!(
        word,
        "i" | "i'm" | "i've" | "i'd" | "i'll" | "we" | "we're" | "we've" | "we'd" | "we'll"
    )
}

fn fold(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let parts = &settings.rules.hypothetical_parts;
    for (story, prompts) in doc.stories.iter().zip(super::story_prompts(doc)) {
        // A question that itself asks what you would do ("How would you handle…?", "What
        // would you do if…?") is answered in the conditional.
        if prompts.iter().any(|p| asks_hypothetically(p)) {
            continue;
        }
        let prose = story.prose_of(parts);
        let sentences = part_sentences(doc, story, parts);
        for (range, phrase) in find_in(doc, &prose, &settings.words.hypothetical) {
            let phrase_text = settings.words.hypothetical.phrase(phrase);
            let sentence = sentence_at(&sentences, range.start);
            let words: Vec<String> = sentence
                .map(|s| s.words(doc))
                .unwrap_or_default()
                .iter()
                .map(|(_, w)| fold(w))
                .collect();
            // Index of the phrase's first and last word in the sentence.
            let first = sentence
                .map(|s| s.words(doc))
                .unwrap_or_default()
                .iter()
                .position(|(o, _)| *o == range.start);
            let last = first.map(|f| f + doc.words_in(range.clone()).len().saturating_sub(1));
            let before: Vec<&str> = first
                .map(|f| {
                    words
                        .get(..f)
                        .unwrap_or(&[])
                        .iter()
                        .map(String::as_str)
                        .collect()
                })
                .unwrap_or_default();
            // `I would`, `I'd`, `I'll`… (not `in general`, which also starts with an i).
            if phrase_text.starts_with("i ") || phrase_text.starts_with("i'") {
                if before.iter().any(|b| REPORTING.contains(b)) {
                    continue;
                }
                // `how I'll help`, `what I would change`, `than I'd planned`: a clause named
                // inside another (a template's field, a comparison), not the answer.
                if before.last().is_some_and(|w| {
                    matches!(
                        *w,
                        "how"
                            | "what"
                            | "where"
                            | "when"
                            | "why"
                            | "whatever"
                            | "than"
                            | "as"
                            | "which"
                            | "who"
                    )
                }) {
                    continue;
                }
                if let Some(l) = last {
                    if wish_or_idiom(&words, l + 1) {
                        continue;
                    }
                }
            } else {
                // Habit words (`usually`, `generally`, `whenever`) speak of the candidate
                // only when the sentence has a first-person subject: "the cloud is generally
                // cheaper" and a tip ("Whenever possible, measure it") are not hypotheticals.
                // `Whenever it breaks, I restart it`: the clause it opens has its own
                // subject, so the sentence's subject decides.
                let writer = if phrase_text == "whenever" {
                    words.iter().any(|w| first_person(w))
                } else {
                    habit_of_the_writer(&words, first, last)
                };
                if !writer {
                    continue;
                }
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
            let kind = story
                .parts
                .iter()
                .find(|p| p.prose.iter().any(|r| r.contains(&range.start)))
                .map(|p| p.kind);
            // `Since then I always test the restore`: a habit the story left behind is its
            // outcome, not a hypothetical.
            if matches!(kind, Some(PartKind::Result | PartKind::Learning)) && changed_since(&words)
            {
                continue;
            }
            let part = kind.map_or("Action", |k| k.name());
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

/// Whose habit does a habit word describe? The subject nearest it: the word just before
/// (`I usually`), else the first subject after it (`Generally we…`, `Whenever the system goes
/// down, I…`, but `In general, it is…`), else any first-person subject in the sentence.
fn habit_of_the_writer(words: &[String], first: Option<usize>, last: Option<usize>) -> bool {
    const OTHER: &[&str] = &[
        "you", "he", "she", "they", "it", "there", "people", "everyone", "someone", "this",
    ];
    let (Some(f), Some(l)) = (first, last) else {
        return words.iter().any(|w| first_person(w));
    };
    if f.checked_sub(1)
        .and_then(|j| words.get(j))
        .is_some_and(|w| first_person(w))
    {
        return true;
    }
    for w in words.iter().skip(l + 1).take(8) {
        if first_person(w) {
            return true;
        }
        if OTHER.contains(&w.as_str()) {
            return false;
        }
    }
    words.iter().any(|w| first_person(w))
}

/// Does a question ask what the candidate would do, rather than what they did?
fn asks_hypothetically(prompt: &str) -> bool {
    let lower = prompt.to_lowercase().replace('’', "'");
    lower.contains('?')
        && [
            "would you",
            "will you",
            "if you were",
            "what if",
            "would be your",
        ]
        .iter()
        .any(|q| lower.contains(q))
}

/// Does the verb phrase starting at `v` (after `I would`, `I'll`) state a wish, a feeling or a
/// manner of speaking rather than an action?
fn wish_or_idiom(words: &[String], mut v: usize) -> bool {
    // `I would` is one phrase, `I'd`/`I'll` another: skip a bare `would`/`will` and adverbs.
    while words.get(v).is_some_and(|w| {
        matches!(
            w.as_str(),
            "would" | "will" | "always" | "never" | "really" | "certainly"
        ) || (w.len() > 3 && w.ends_with("ly"))
    }) {
        v += 1;
    }
    match words.get(v).map(String::as_str) {
        Some("be") => {
            let mut a = v + 1;
            while words
                .get(a)
                .is_some_and(|w| matches!(w.as_str(), "very" | "so" | "always" | "really"))
            {
                a += 1;
            }
            words.get(a).is_some_and(|w| FEELING.contains(&w.as_str()))
        }
        Some(w) => WISH_OR_IDIOM.contains(&w),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn hypotheticals_in_action_and_result() {
        let src = "## A\n\n**Situation:** I would often wait.\n\n**Action:** I would call them. I told them I would own it. I'd already shipped it. Usually I ask first.\n\n**Result:** We typically ship on time.\n";
        let found = check("STAR006", src);
        let words: Vec<&str> = found
            .iter()
            .map(|f| f.split('`').nth(1).unwrap_or(""))
            .collect();
        assert_eq!(words, ["I would", "Usually", "typically"], "{found:?}");
    }

    #[test]
    fn a_hypothetical_question_is_answered_in_the_conditional() {
        let src = "## How would you handle a teammate who misses deadlines?\n\n**Situation:** x.\n\n**Action:** I would first talk to them.\n";
        assert!(check("STAR006", src).is_empty());
    }

    #[test]
    fn idioms_wishes_and_tips_are_not_hypotheticals() {
        for action in [
            "I'll be honest: the first plan failed.",
            "I will always be proud of it.",
            "I would love to learn more about the billing system.",
            "Whenever possible, measure it before you change it.",
            "The cloud is generally cheaper than a data centre.",
            "I wrote a template: the impact and how I'll help.",
            "In general, it is hard to say, and I moved on.",
        ] {
            let src = format!("## A\n\n**Situation:** x.\n\n**Action:** {action}\n");
            assert!(check("STAR006", &src).is_empty(), "{action}");
        }
        for action in [
            "I would first pull the data.",
            "I'd talk to the team.",
            "Whenever it breaks, I restart it.",
        ] {
            let src = format!("## A\n\n**Situation:** x.\n\n**Action:** {action}\n");
            assert_eq!(check("STAR006", &src).len(), 1, "{action}");
        }
    }
}
