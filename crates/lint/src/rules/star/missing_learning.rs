//! STAR009: a failure story that never says what you learned.

use crate::diagnostic::{Edit, Fix};
use crate::document::Document;
use crate::markers::PartKind;
use crate::rule::Sink;
use crate::settings::Settings;
use crate::words::PhraseMatcher;
use std::sync::OnceLock;

crate::declare_rule! {
    /// ## What it does
    /// Reports a failure story (its title or text says *failed*, *failure*, *mistake*,
    /// *missed* or *went wrong*) that has no Learning part and no sentence saying what you
    /// learned (*learned*, *lesson*, *now I*, *since then*).
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

/// Words that make a title a failure story.
const FAILURE_TITLE: &[&str] = &[
    "fail",
    "failed",
    "failure",
    "failures",
    "failing",
    "mistake",
    "mistakes",
    "missed",
    "went wrong",
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
/// "missed the deadline"): "a minimal failure rate" does not make a failure story.
fn failure_text_phrases() -> Vec<String> {
    let mut out: Vec<String> = [
        "i failed",
        "we failed",
        "i had failed",
        "we had failed",
        "failed to",
        "my failure",
        "my mistake",
        "mistake i made",
        "mistakes i made",
        "mistake we made",
        "i missed",
        "we missed",
        "went wrong",
    ]
    .map(String::from)
    .to_vec();
    for det in ["a", "the", "my", "this", "that", "biggest", "big"] {
        out.push(format!("{det} mistake"));
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
    title: PhraseMatcher,
    text: PhraseMatcher,
    lesson: PhraseMatcher,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| Words {
        title: PhraseMatcher::new(FAILURE_TITLE),
        text: PhraseMatcher::new(&failure_text_phrases()),
        lesson: PhraseMatcher::new(LESSON),
    })
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    for story in &doc.stories {
        if story.has(PartKind::Learning) {
            continue;
        }
        // The story's prose, read from the document's shared word table.
        let prose = story.prose_of(&PartKind::ALL);
        let w = words();
        let failure = w
            .title
            .find_iter(&story.title)
            .next()
            .map(|m| story.title.get(m.range).unwrap_or("").to_string())
            .or_else(|| {
                prose.iter().find_map(|r| {
                    w.text
                        .find_words(doc.words_in(r.clone()))
                        .first()
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
        let fix =
            super::insert_marker(doc, story, PartKind::Learning, settings).map(|(at, insert)| {
                Fix::unsafe_("Insert a Learning marker", vec![Edit::insert(at, insert)])
            });
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
}
