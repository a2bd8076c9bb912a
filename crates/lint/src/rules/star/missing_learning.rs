//! STAR009: a failure story that never says what you learned.

use crate::diagnostic::{Edit, Fix};
use crate::document::Document;
use crate::markers::PartKind;
use crate::rule::Sink;
use crate::rules::in_quotes;
use crate::settings::Settings;
use crate::words::PhraseMatcher;
use std::sync::OnceLock;

crate::declare_rule! {
    /// ## What it does
    /// Reports a failure story with no Learning part and no sentence saying what you learned
    /// (*learned*, *lesson*, *now I*, *since then*). A story is a failure story when its
    /// question asks for one (its heading, an enclosing heading or a question line before its
    /// first part: "Describe a time you made a mistake", "## Failure"), or when its text tells
    /// a failure as the author's own ("I failed", "my mistake", "we missed the deadline", "the
    /// launch failed"). Fixing a system's failure (a job that failed every night, alerts that
    /// kept firing, "payment failures") does not make a failure story, nor does quoted speech.
    ///
    /// ## Why it matters
    /// "Tell me about a time you failed" is really a question about what you learned. Without
    /// it, a failure story is only a failure.
    ///
    /// ## Example
    /// ```markdown
    /// **Result:** I missed the deadline by a week.
    /// ```
    /// Use instead: add what changed in how you work.
    /// ```markdown
    /// **Learning:** Since then I size migrations with a spike first.
    /// ```
    ///
    /// ## Options
    /// None.
    ///
    /// ## Fix safety
    /// Unsafe: inserts a Learning marker after the last part, for you to fill in.
    pub static RULE = {
        code: "STAR009",
        name: "missing-learning",
        family: Star,
        severity: Info,
        fix: Unsafe,
        kinds: [Star],
        summary: "A failure story has no Learning part or lesson",
        check: check,
    }
}

/// Nouns that name a failure or a mistake in a title or a question (`My biggest failure`).
const FAILURE_NOUNS: &[&str] = &["failure", "failures", "mistake", "mistakes", "fail"];

/// Words of a question or heading that asks for a failure ("a time you failed", "something
/// went wrong", "a wrong decision").
const FAILURE_QUESTION: &[&str] = &[
    "failure",
    "failures",
    "fail",
    "failed",
    "mistake",
    "mistakes",
    "missed",
    "went wrong",
    "wrong decision",
    "wrong call",
    "setback",
    "setbacks",
];

/// Words before a failure noun that keep it about a person ("my biggest failure", "a
/// mistake"); any other word before it makes a compound about a thing ("job failures",
/// "payment failure").
const PERSONAL_BEFORE_NOUN: &[&str] = &[
    "a",
    "an",
    "the",
    "my",
    "your",
    "our",
    "biggest",
    "big",
    "greatest",
    "worst",
    "major",
    "personal",
    "professional",
    "early",
    "costly",
    "career",
    "honest",
    "from",
    "about",
    "one",
    "and",
    "or",
    "time",
    "own",
    "first",
    "last",
    "recent",
    "past",
    "a-",
    "learning",
];

/// Words that say a lesson was drawn.
const LESSON: &[&str] = &[
    "learned",
    "learnt",
    "learning",
    "lesson",
    "lessons",
    "now i",
    "since then",
    "takeaway",
    "takeaways",
];

/// In the story's text, only failure told as the author's own ("I failed", "my mistake",
/// "we missed the deadline", "the launch failed"): a system that failed ("the job failed every
/// night") or "a minimal failure rate" does not make a failure story.
fn failure_text_phrases() -> Vec<String> {
    let mut out: Vec<String> = [
        "i failed",
        "we failed",
        "i had failed",
        "we had failed",
        "my failure",
        "my mistake",
        "my mistakes",
        "mistake i made",
        "mistakes i made",
        "mistake we made",
        "made a mistake",
        "made the mistake",
        "mistake was mine",
        "error was mine",
        "my fault",
        "my error",
        "i was wrong",
        "i messed up",
        "i missed",
        "we missed",
        "biggest mistake",
    ]
    .map(String::from)
    .to_vec();
    // An undertaking of the author's that failed.
    for det in ["the", "my", "our"] {
        for what in [
            "launch",
            "project",
            "release",
            "rollout",
            "migration",
            "plan",
            "proposal",
            "pitch",
            "experiment",
            "initiative",
            "campaign",
            "presentation",
            "demo",
            "bid",
        ] {
            out.push(format!("{det} {what} failed"));
        }
    }
    for det in ["the", "a", "an", "our", "my"] {
        for what in [
            "deadline",
            "date",
            "target",
            "launch",
            "goal",
            "window",
            "milestone",
            "sla",
        ] {
            out.push(format!("missed {det} {what}"));
        }
    }
    out
}

struct Words {
    nouns: PhraseMatcher,
    question: PhraseMatcher,
    text: PhraseMatcher,
    lesson: PhraseMatcher,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| Words {
        nouns: PhraseMatcher::new(FAILURE_NOUNS),
        question: PhraseMatcher::new(FAILURE_QUESTION),
        text: PhraseMatcher::new(&failure_text_phrases()),
        lesson: PhraseMatcher::new(LESSON),
    })
}

/// Does a heading or question ask for a failure? A question ("Tell me about a time you made a
/// mistake", "Describe a time something went wrong") does whenever it names one; a plain
/// title only through a failure noun about a person ("My biggest failure"), or a failure
/// verb with a person as subject ("The time I failed an audit").
fn failure_in_prompt(prompt: &str) -> Option<String> {
    let w = words();
    let lower = prompt.to_lowercase();
    let question = lower.contains('?')
        || lower.contains("a time")
        || lower.contains("an example")
        || lower.contains("tell me")
        || lower.split_whitespace().next().is_some_and(|f| {
            matches!(
                f.trim_matches(|c: char| !c.is_alphanumeric()),
                "describe"
                    | "tell"
                    | "give"
                    | "share"
                    | "talk"
                    | "walk"
                    | "what"
                    | "when"
                    | "how"
                    | "have"
                    | "can"
                    | "q"
                    | "question"
            )
        });
    let text_of = |r: std::ops::Range<usize>| prompt.get(r).unwrap_or("").to_string();
    let tokens: Vec<(usize, &str)> = crate::words::tokens(prompt).collect();
    if question {
        // A verb names the candidate's failure only with the candidate as its subject: "you
        // missed the deadline", not "a bug that others missed".
        return w
            .question
            .find_iter(prompt)
            .find(|m| {
                let verb = matches!(
                    prompt
                        .get(m.range.clone())
                        .map(str::to_lowercase)
                        .as_deref(),
                    Some("failed" | "missed" | "failing")
                );
                !verb || {
                    let i = tokens.partition_point(|(o, _)| *o < m.range.start);
                    i.checked_sub(1)
                        .and_then(|j| tokens.get(j))
                        .is_some_and(|(_, p)| {
                            matches!(
                                p.to_lowercase().as_str(),
                                "i" | "you" | "we" | "have" | "had" | "you've" | "i've" | "ever"
                            )
                        })
                }
            })
            .map(|m| text_of(m.range));
    }
    for m in w.nouns.find_iter(prompt) {
        let i = tokens.iter().position(|(o, _)| *o == m.range.start);
        // The word before, unless punctuation stands between (`Story 6: Failure`).
        let before = i
            .and_then(|i| i.checked_sub(1))
            .and_then(|j| tokens.get(j))
            .filter(|(o, t)| {
                prompt
                    .get(o + t.len()..m.range.start)
                    .is_some_and(|gap| gap.trim().is_empty())
            })
            .map(|(_, t)| t.to_lowercase());
        if before.is_none_or(|b| PERSONAL_BEFORE_NOUN.contains(&b.as_str())) {
            return Some(text_of(m.range));
        }
    }
    for (i, (o, t)) in tokens.iter().enumerate() {
        let t = t.to_lowercase();
        if matches!(t.as_str(), "failed" | "missed" | "failing") {
            let subject = i
                .checked_sub(1)
                .and_then(|j| tokens.get(j))
                .map(|(_, p)| p.to_lowercase());
            if subject.is_some_and(|p| matches!(p.as_str(), "i" | "you" | "we")) {
                return Some(text_of(*o..o + t.len()));
            }
        }
    }
    None
}

/// Is the phrase at `at` someone else's reported view ("he thought I was wrong", "they said
/// we failed")? A reporting verb among the two words before it says so.
fn reported(words: &[(usize, &str)], at: usize) -> bool {
    let i = words.partition_point(|(o, _)| *o < at);
    words
        .get(i.saturating_sub(2)..i)
        .unwrap_or(&[])
        .iter()
        .any(|(_, w)| crate::words::grammar::is_reporting(&w.to_lowercase()))
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    for (story, prompts) in doc.stories.iter().zip(super::story_prompts(doc)) {
        if story.has(PartKind::Learning) {
            continue;
        }
        // The story's prose, read from the document's shared word table.
        let prose = story.prose_of(&PartKind::ALL);
        let w = words();
        let failure = prompts
            .iter()
            .find_map(|p| failure_in_prompt(p))
            .or_else(|| {
                prose.iter().find_map(|r| {
                    w.text
                        .find_words(doc.words_in(r.clone()))
                        .into_iter()
                        .find(|m| {
                            !in_quotes(doc, &prose, m.range.start)
                                && !reported(doc.words_in(r.clone()), m.range.start)
                        })
                        .map(|m| doc.slice(m.range.clone()).to_string())
                })
            });
        let Some(word) = failure else { continue };
        if prose
            .iter()
            .any(|r| !w.lesson.find_words(doc.words_in(r.clone())).is_empty())
        {
            continue;
        }
        let fix = super::insert_marker(doc, story, PartKind::Learning, settings)
            .map(|(at, insert)| Fix::unsafe_("Insert a Learning marker", Edit::insert(at, insert)));
        sink.report_fix(
            story.title_range.clone(),
            format!("Failure story (\"{word}\") without a Learning: say what you learned and what you do differently now"),
            fix,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn failure_without_and_with_lesson() {
        let src = "## I missed a deadline\n\n**Situation:** x.\n\n**Action:** I did y.\n\n**Result:** 2 days late.\n";
        let found = check("STAR009", src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].ends_with("=> [\"**Learning:**\"]"), "{found:?}");
        let ok = "## I missed a deadline\n\n**Situation:** x.\n\n**Action:** I did y.\n\n**Result:** 2 days late. Since then I plan a buffer.\n";
        assert!(check("STAR009", ok).is_empty());
    }

    #[test]
    fn a_systems_failure_is_not_the_candidates() {
        for (title, text) in [
            (
                "Fixing the nightly export",
                "The export job failed every night.",
            ),
            (
                "Quieter on-call",
                "Alerts kept firing; the cleanup step failed to run.",
            ),
            (
                "Payment failures at checkout",
                "I traced the errors to a timeout.",
            ),
            (
                "Story 7: the deploy",
                "I told the team \"here is what went wrong\".",
            ),
        ] {
            let src = format!("## {title}\n\n**Situation:** {text}\n\n**Action:** I fixed it.\n\n**Result:** 2 fewer pages a week.\n");
            assert!(check("STAR009", &src).is_empty(), "{title}");
        }
    }

    #[test]
    fn a_question_that_asks_for_a_mistake() {
        for src in [
            "## Describe a time you made a mistake\n\n**Situation:** x.\n\n**Action:** I did y.\n\n**Result:** 2 days late.\n",
            "## Failure\n\n### The backup that broke\n\n**Situation:** x.\n\n**Action:** I did y.\n\n**Result:** 2 days late.\n",
            "## Story 6: Failure and recovery\n\n**Situation:** x.\n\n**Action:** I did y.\n\n**Result:** 2 days late.\n",
            "## Story 6\n\nQ: Tell me about a time something went wrong.\n\n**Situation:** x.\n\n**Action:** I did y.\n\n**Result:** 2 days late.\n",
        ] {
            assert_eq!(check("STAR009", src).len(), 1, "{src}");
        }
    }
}
