//! STAR010: stories told without part labels, said once per file.

use crate::document::Document;
use crate::rule::Sink;
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Says once per file, as information, that some stories are told without Situation,
    /// Task, Action and Result labels: answers in the first person and the past tense under a
    /// question (a heading, a bold or numbered question line, or a principle with the story in
    /// its sub-items). starlint still reads their text, but cannot check their structure.
    ///
    /// ## Why it matters
    /// Marking the parts is how you see, before an interviewer does, that a story spends most
    /// of its time on background or never says what changed. With labels, starlint checks
    /// that every part is there, in order, and that the Action carries the story.
    ///
    /// ## Example
    /// ```markdown
    /// ## Tell me about a time you missed a deadline.
    /// I was leading the billing migration when our vendor slipped by two weeks. I told the
    /// finance team the same day and split the work so the invoices could move first…
    /// ```
    /// Use instead: label the parts.
    /// ```markdown
    /// **Situation:** I was leading the billing migration when our vendor slipped by two weeks.
    /// **Action:** I told the finance team the same day and split the work…
    /// ```
    ///
    /// ## Options
    /// Marker synonyms: `[markers]` in `starlint.toml`.
    ///
    /// ## Fix safety
    /// No fix: only you know where each part begins.
    pub static RULE = {
        code: "STAR010",
        name: "unlabelled-story",
        family: Star,
        severity: Info,
        fix: None,
        kinds: [Star],
        summary: "Stories are told without Situation, Task, Action and Result labels",
        check: check,
    }
}

fn check(doc: &Document, _settings: &Settings, sink: &mut Sink) {
    let unlabelled: Vec<_> = doc.stories.iter().filter(|s| s.is_unlabelled()).collect();
    let Some(first) = unlabelled.first() else {
        return;
    };
    let message = match unlabelled.len() {
        1 => "This story has no Situation, Task, Action or Result labels; mark its parts \
              (for example `**Situation:**`) so starlint can check its structure"
            .to_string(),
        n => format!(
            "{n} stories in this file have no Situation, Task, Action or Result labels; mark \
             their parts (for example `**Situation:**`) so starlint can check their structure"
        ),
    };
    sink.report(first.title_range.clone(), message);
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn says_it_once_per_file() {
        let story = "I was the only engineer on call when the payments queue stopped. I paged the \
                     vendor, moved the traffic to the backup queue and wrote a short note for \
                     support. I stayed on the bridge until it recovered, and I wrote the review \
                     the next morning with the three changes we made afterwards.";
        let src = format!(
            "# Bank\n\n## Tell me about a time you handled an outage.\n\n{story}\n\n\
             ## Tell me about a time you worked under pressure.\n\n{story}\n"
        );
        let found = check("STAR010", &src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("2 stories"), "{found:?}");
    }

    #[test]
    fn labelled_stories_say_nothing() {
        let src =
            "## A\n\n**Situation:** x was slow.\n\n**Action:** I fixed it.\n\n**Result:** 2x.\n";
        assert!(check("STAR010", src).is_empty());
    }
}
