//! BANK001: a principle the bank has fewer stories for than the target.

use crate::bank::{BankFile, BankSink, Coverage};
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports each principle that fewer stories of the bank are tagged with than the target
    /// (`[bank] target`, default 2). With `[bank] role-principles`, only the principles the
    /// role needs are counted. It reads a set of files (a directory given to `check`, or the
    /// editor's workspace), never one file alone, and reports on the first file that holds a
    /// story. `starlint coverage` always shows the same table.
    ///
    /// ## Why it matters
    /// Interviewers ask two or three questions per principle, and one story told twice is
    /// noticed. A bank with one story for Ownership runs dry on the second Ownership question.
    ///
    /// ## Example
    /// A bank whose only Frugality story is "Cutting the nightly job". Use instead: write a
    /// second Frugality story, or tag another story that really shows it.
    ///
    /// ## Options
    /// Off unless selected (`select = ["BANK001"]` or `--select BANK001`).
    /// `[bank]`: `target` (default 2), `role-principles` (default: every principle).
    ///
    /// ## Fix safety
    /// No fix: only you know which stories you have.
    pub static RULE = {
        code: "BANK001",
        name: "principle-coverage",
        family: Bank,
        severity: Info,
        fix: None,
        kinds: [],
        summary: "A principle has fewer stories than the bank's target",
        bank: check_bank,
        default_enabled: false,
    }
}

fn check_bank(files: &[BankFile], settings: &Settings, sink: &mut BankSink) {
    // Reported on the first file with a story; a bank with none is not a story bank.
    let Some(anchor) = files.iter().position(|f| !f.summary.stories.is_empty()) else {
        return;
    };
    let coverage = Coverage::build(files, settings, None);
    for row in coverage.rows().filter(|r| r.below()) {
        let have = row.stories.len();
        let missing = row.target.saturating_sub(have);
        sink.report(
            files,
            anchor,
            None,
            0..0,
            format!(
                "`{}` has {have} of {} stories in the bank: add {missing} more tagged with it",
                row.name, row.target
            ),
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::bank::{lint_bank, summarize, BankFile, FileSummary};
    use crate::config::Options;
    use crate::{Document, Settings};

    fn settings(toml: &str) -> Settings {
        let options: Options = toml::from_str(toml).unwrap();
        crate::config::settings_from(&options, None).unwrap()
    }

    fn summary(src: &str, settings: &Settings) -> FileSummary {
        summarize(&Document::new(src, settings, None), settings)
    }

    const STORY: &str = "## Fixing the build\n\nLeadership Principles: Ownership\n\n**Situation:** It broke.\n\n**Action:** I fixed it.\n\n**Result:** 5 minutes.\n";

    #[test]
    fn off_unless_selected_then_one_per_principle_below_target() {
        let off = settings("");
        let s = summary(STORY, &off);
        let files = [BankFile {
            path: "a.md",
            summary: &s,
        }];
        assert!(lint_bank(&files, &off).0.is_empty());

        let on = settings(
            "select = [\"BANK001\"]\n[bank]\nrole-principles = [\"Ownership\", \"Frugality\"]\n",
        );
        let s = summary(STORY, &on);
        let files = [BankFile {
            path: "a.md",
            summary: &s,
        }];
        let found = lint_bank(&files, &on).0;
        let messages: Vec<&str> = found
            .iter()
            .map(|d| d.diagnostic.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "`Ownership` has 1 of 2 stories in the bank: add 1 more tagged with it",
                "`Frugality` has 0 of 2 stories in the bank: add 2 more tagged with it",
            ]
        );
    }

    #[test]
    fn silent_without_stories_and_when_the_file_disables_it() {
        let on = settings("select = [\"BANK001\"]\n");
        let empty = FileSummary::default();
        assert!(lint_bank(
            &[BankFile {
                path: "a.md",
                summary: &empty
            }],
            &on
        )
        .0
        .is_empty());
        let s = summary(
            &format!("<!-- starlint-disable-file BANK001 -->\n{STORY}"),
            &on,
        );
        assert!(lint_bank(
            &[BankFile {
                path: "a.md",
                summary: &s
            }],
            &on
        )
        .0
        .is_empty());
    }
}
