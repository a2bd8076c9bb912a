//! STAR001: a story without a Situation, Task, Action or Result part.

use crate::diagnostic::{Edit, Fix};
use crate::document::Document;
use crate::markers::PartKind;
use crate::rule::Sink;
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports each of the four STAR parts (Situation, Task, Action, Result) that a story
    /// lacks, one diagnostic per missing part, on the story's heading.
    ///
    /// ## Why it matters
    /// Interviewers listen for all four. A story with no Task leaves them guessing what you
    /// were responsible for; one with no Result never lands.
    ///
    /// ## Example
    /// ```markdown
    /// ### Rebuilding the release pipeline
    /// **Situation:** Releases took two days and failed one time in three.
    /// **Action:** I split the pipeline into stages and added canary checks.
    /// **Result:** Releases now take 40 minutes.
    /// ```
    /// Use instead: add the missing part.
    /// ```markdown
    /// **Task:** I owned the release tooling and had one quarter to fix it.
    /// ```
    ///
    /// ## Options
    /// Marker synonyms: `[markers]` in `starlint.toml`.
    ///
    /// ## Fix safety
    /// Unsafe: inserts the missing part's marker, in the story's own marker style and in STAR
    /// order. You still have to write the part.
    pub static RULE = {
        code: "STAR001",
        name: "missing-section",
        family: Star,
        severity: Warning,
        fix: Unsafe,
        kinds: [Star],
        summary: "A story has no Situation, Task, Action or Result part",
        check: check,
    }
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    // Stories told without labels have no parts to miss (STAR010 speaks for them).
    for story in doc.stories.iter().filter(|s| !s.is_unlabelled()) {
        for kind in PartKind::CORE {
            if story.has(kind) {
                continue;
            }
            let fix = super::insert_marker(doc, story, kind, settings).map(|(at, text)| {
                let article = if kind == PartKind::Action { "an" } else { "a" };
                Fix::unsafe_(
                    format!("Insert {article} {} marker", kind.name()),
                    vec![Edit::insert(at, text)],
                )
            });
            sink.report_fix(
                story.title_range.clone(),
                format!("Story has no {} part", kind.name()),
                fix,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn reports_each_missing_part_with_a_fix_in_the_same_style() {
        let src = "## Pipeline\n\n**Situation:** Releases took two days.\n\n**Action:** I split the pipeline.\n";
        let found = check("STAR001", src);
        assert_eq!(
            found,
            [
                "1:4 STAR001 Story has no Task part => [\"**Task:**\"]",
                "1:4 STAR001 Story has no Result part => [\"**Result:**\"]"
            ]
        );
    }

    #[test]
    fn heading_style_and_complete_stories() {
        let src = "## A\n\n### Situation\n\nx\n\n### Task\n\ny\n\n### Action\n\nz\n";
        assert_eq!(
            check("STAR001", src),
            ["1:4 STAR001 Story has no Result part => [\"### Result\"]"]
        );
        let full = "## B\n\n- S: a\n- T: b\n- A: c\n- R: d\n";
        assert!(check("STAR001", full).is_empty());
    }
}
