//! STAR009: a failure story that never says what you learned.

use crate::diagnostic::{Edit, Fix};
use crate::document::Document;
use crate::markers::PartKind;
use crate::rule::Sink;
use crate::settings::Settings;
use regex::Regex;
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

fn failure_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i)\b(?:fail(?:ed|ure|ures|ing)?|mistakes?|missed|went\s+wrong)\b").unwrap()
    })
}

/// In the story's text, only failure told as the author's own ("I failed", "my mistake",
/// "missed the deadline"): "a minimal failure rate" does not make a failure story.
fn failure_text_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i)\b(?:(?:I|we)\s+(?:had\s+)?failed|failed\s+to|my\s+(?:failure|mistake)|(?:a|the|my|this|that|biggest|big)\s+mistake|mistakes?\s+(?:I|we)\s+made|(?:I|we)\s+missed|missed\s+(?:the|a|an|our|my)\s+(?:deadline|date|target|launch|goal|window|milestone|sla)|went\s+wrong)\b").unwrap()
    })
}

fn lesson_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i)\b(?:learn(?:ed|t|ing)|lessons?|now\s+I|since\s+then|takeaway)\b").unwrap()
    })
}

fn check(doc: &Document, _settings: &Settings, sink: &mut Sink) {
    for story in &doc.stories {
        if story.has(PartKind::Learning) {
            continue;
        }
        let text: String = story
            .prose_of(&PartKind::ALL)
            .iter()
            .map(|r| doc.slice(r.clone()))
            .collect::<Vec<_>>()
            .join(" ");
        let failure = failure_re()
            .find(&story.title)
            .or_else(|| failure_text_re().find(&text));
        let Some(word) = failure else { continue };
        if lesson_re().is_match(&text) {
            continue;
        }
        let (at, insert) = super::insert_marker(doc, story, PartKind::Learning);
        sink.report_fix(
            story.title_range.clone(),
            format!("Failure story (\"{}\") without a Learning: say what you learned and what you do differently now", word.as_str()),
            Some(Fix::unsafe_("Insert a Learning marker", vec![Edit::insert(at, insert)])),
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
