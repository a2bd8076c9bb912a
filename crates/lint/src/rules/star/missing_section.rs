//! STAR001: a story without a Situation, Task, Action or Result part.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::Document;
use crate::markers::PartKind;
use crate::rule::Sink;
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports the STAR parts (Situation, Task, Action, Result) that a story lacks, in one
    /// diagnostic on the story's heading that names every missing part. A file written in the
    /// SAR or CAR convention (no story has a Task, and at least two have an Action and a
    /// Result) is not told its stories lack a Task.
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
    /// Unsafe: inserts a marker for every missing part, in the story's own marker style and in
    /// STAR order. You still have to write the parts.
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
    // A bank written in the SAR or CAR convention (no story has a Task, several tell the
    // rest) follows its own form: its stories are not told they lack a Task.
    let labelled: Vec<_> = doc.stories.iter().filter(|s| !s.is_unlabelled()).collect();
    let no_task_convention = labelled
        .iter()
        .filter(|s| s.has(PartKind::Action) && s.has(PartKind::Result))
        .count()
        >= 2
        && !labelled.iter().any(|s| s.has(PartKind::Task));
    for story in labelled {
        let missing: Vec<PartKind> = PartKind::CORE
            .into_iter()
            .filter(|&k| !story.has(k))
            .filter(|&k| !(no_task_convention && k == PartKind::Task))
            .collect();
        if missing.is_empty() {
            continue;
        }
        // One fix inserts every missing marker, so one run of `--fix` completes the story.
        // Markers that go in the same place are written there in STAR order.
        let mut edits: Vec<Edit> = Vec::new();
        let mut all = true;
        for &kind in &missing {
            match super::insert_marker(doc, story, kind, settings) {
                Some((at, text)) => match edits.iter_mut().find(|e| e.range.start == at) {
                    Some(e) => e.new_text.push_str(&text),
                    None => edits.push(Edit::insert(at, text)),
                },
                None => all = false,
            }
        }
        edits.sort_by_key(|e| e.range.start);
        let names: Vec<&str> = missing.iter().map(|k| k.name()).collect();
        let list = crate::text::and_list(&names);
        let message = match missing.as_slice() {
            [PartKind::Action] => "Insert an Action marker".to_string(),
            [one] => format!("Insert a {} marker", one.name()),
            _ => format!("Insert {list} markers"),
        };
        let fix = all
            .then(|| Fix::new(Applicability::Unsafe, message, edits))
            .flatten();
        sink.report_fix(
            story.title_range.clone(),
            format!("Story has no {} part", or_list(&names)),
            fix,
        );
    }
}

/// `Task`, `Task or Result`, `Task, Action or Result`: "no" reads with "or".
fn or_list(names: &[&str]) -> String {
    crate::text::and_list(names).replacen(" and ", " or ", 1)
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn names_every_missing_part_once_with_one_fix_in_the_same_style() {
        let src = "## Pipeline\n\n**Situation:** Releases took two days.\n\n**Action:** I split the pipeline.\n";
        let found = check("STAR001", src);
        assert_eq!(
            found,
            ["1:4 STAR001 Story has no Task or Result part => [\"**Task:**\", \"**Result:**\"]"]
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

    #[test]
    fn a_bank_in_the_sar_convention_is_not_told_to_add_a_task() {
        let story = |t: &str| format!("## {t}\n\n- S: x.\n- A: I did y.\n- R: z.\n\n");
        let sar: String = ["One", "Two"].iter().map(|t| story(t)).collect();
        assert!(
            check("STAR001", &sar).is_empty(),
            "{:?}",
            check("STAR001", &sar)
        );
        // One story with a Task shows the file uses all four: the others lack theirs.
        let mixed = format!("{sar}## Three\n\n- S: x.\n- T: t.\n- A: y.\n- R: z.\n");
        assert_eq!(check("STAR001", &mixed).len(), 2);
    }
}
