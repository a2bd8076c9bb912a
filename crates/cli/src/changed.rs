//! `check --changed-since REF`: keep only the diagnostics on lines that changed since a git
//! revision, so that a pull request is held to what it touched (the GitHub Action's
//! `only-changed`). The lines come from `git diff --unified=0 REF -- FILE` (the working tree
//! against REF); a file git does not track is new, so all of it counts as changed. Standard input
//! has no file to compare and is kept whole.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::output::FileReport;

/// Drop the diagnostics that start and end outside the lines changed since `base`. An error
/// (no git, not a repository, an unknown revision) is a one-line message; the reports are then
/// left as they are.
pub fn keep_changed_lines(
    reports: &mut [FileReport],
    base: &str,
    cwd: &Path,
) -> Result<(), String> {
    let verify = git(
        cwd,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{base}^{{commit}}"),
        ],
    )?;
    if !verify.status.success() {
        return Err(format!(
            "--changed-since: `{base}` is not a git revision here"
        ));
    }
    for report in reports.iter_mut() {
        if report.diagnostics.is_empty() || report.path == "-" {
            continue;
        }
        let Some(lines) = changed_lines(cwd, base, &report.path)? else {
            continue; // untracked: every line is new
        };
        let text = report.text.as_bytes();
        report.diagnostics.retain(|d| {
            let first = line_of(text, d.range.start);
            let last = line_of(text, d.range.end.saturating_sub(1).max(d.range.start));
            lines.range(first..=last).next().is_some()
        });
    }
    Ok(())
}

/// The 1-based line holding byte `offset` of `text`.
fn line_of(text: &[u8], offset: usize) -> usize {
    let before = text.get(..offset.min(text.len())).unwrap_or_default();
    before.iter().filter(|&&b| b == b'\n').count() + 1
}

/// The lines of `path` (in the working tree) added or changed since `base`; `None` when git does
/// not track the file.
fn changed_lines(cwd: &Path, base: &str, path: &str) -> Result<Option<BTreeSet<usize>>, String> {
    let tracked = git(cwd, &["ls-files", "--error-unmatch", "--", path])?;
    if !tracked.status.success() {
        let in_base = git(cwd, &["cat-file", "-e", &format!("{base}:./{path}")])?;
        if !in_base.status.success() {
            return Ok(None);
        }
    }
    let diff = git(
        cwd,
        &[
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--unified=0",
            base,
            "--",
            path,
        ],
    )?;
    if !diff.status.success() {
        return Err(format!(
            "--changed-since: git diff {base} -- {path} failed: {}",
            String::from_utf8_lossy(&diff.stderr).trim()
        ));
    }
    Ok(Some(hunk_lines(&String::from_utf8_lossy(&diff.stdout))))
}

/// The new-side lines of each `@@ -a,b +c,d @@` hunk header of a unified diff.
fn hunk_lines(diff: &str) -> BTreeSet<usize> {
    let mut lines = BTreeSet::new();
    for header in diff.lines().filter(|l| l.starts_with("@@ ")) {
        let Some(new) = header.split(' ').find(|w| w.starts_with('+')) else {
            continue;
        };
        let mut parts = new.trim_start_matches('+').splitn(2, ',');
        let start: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        let count: usize = parts
            .next()
            .map_or(Some(1), |s| s.parse().ok())
            .unwrap_or(0);
        lines.extend(start..start + count);
    }
    lines
}

fn git(cwd: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    Command::new("git")
        .args(args)
        .current_dir(cwd)
        .output()
        .map_err(|e| format!("--changed-since needs git: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_the_new_side_lines() {
        let diff = "diff --git a/s.md b/s.md\n@@ -3 +3 @@ x\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,2 +22,0 @@\n";
        assert_eq!(
            hunk_lines(diff).into_iter().collect::<Vec<_>>(),
            [3, 11, 12]
        );
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_of(b"a\nb\nc", 0), 1);
        assert_eq!(line_of(b"a\nb\nc", 2), 2);
        assert_eq!(line_of(b"a\nb\nc", 99), 3);
    }
}
