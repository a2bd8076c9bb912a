//! `check --changed-since REF` on a real git repository, and `--output-width`.

use super::support::*;
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// A story whose Action says "we" once per given sentence, one sentence a line.
fn we_story(action_lines: &[&str]) -> String {
    format!(
        "# Fixing the flaky deploys\n\nLeadership Principles: Ownership\n\n\
         **Situation:** Our deploys failed 3 times a week.\n\n\
         **Task:** I had to make them reliable within a month.\n\n\
         **Action:**\n{}\n\n\
         **Result:** Failed deploys fell from 3 a week to 0 in 6 weeks.\n",
        action_lines.join("\n")
    )
}

#[test]
fn changed_since_reports_only_lines_changed_against_the_base() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "--quiet", "."]);
    git(d, &["config", "commit.gpgsign", "false"]);
    let old = "We wrote a runbook for every failure.";
    std::fs::write(d.join("story.md"), we_story(&[old])).unwrap();
    git(d, &["add", "story.md"]);
    git(d, &["commit", "--quiet", "-m", "base"]);
    git(d, &["tag", "base"]);
    // A new line with "we" after the base; the old one stays.
    let new = "Then we rewrote the retry logic.";
    std::fs::write(d.join("story.md"), we_story(&[old, new])).unwrap();
    std::fs::write(d.join("new.md"), we_story(&["We also added alerts."])).unwrap();

    let lines = |r: &Run| -> Vec<(String, u64)> {
        r.json()["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "STAR005")
            .map(|d| {
                (
                    d["path"].as_str().unwrap().to_string(),
                    d["range"]["start"]["line"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let all = run(
        d,
        &[
            "check",
            "--no-cache",
            "--format",
            "json",
            "story.md",
            "new.md",
        ],
    );
    assert_eq!(
        lines(&all),
        [
            ("new.md".to_string(), 10),
            ("story.md".to_string(), 10),
            ("story.md".to_string(), 11)
        ],
        "{all:?}"
    );

    let args = [
        "check",
        "--no-cache",
        "--format",
        "json",
        "--changed-since",
        "base",
    ];
    let changed = run(d, &[&args[..], &["story.md", "new.md"]].concat());
    // story.md: only the added line 11; new.md is untracked, so all of it is new.
    assert_eq!(
        lines(&changed),
        [("new.md".to_string(), 10), ("story.md".to_string(), 11)],
        "{changed:?}"
    );
    assert_eq!(changed.code, 1, "{changed:?}");

    // Committed: nothing changed since HEAD, so nothing to report and exit 0.
    git(d, &["add", "."]);
    git(d, &["commit", "--quiet", "-m", "more"]);
    let none = run(
        d,
        &[
            "check",
            "--no-cache",
            "--changed-since",
            "HEAD",
            "story.md",
            "new.md",
        ],
    );
    assert_eq!(none.code, 0, "{none:?}");
    assert!(!none.stdout.contains("STAR005"), "{none:?}");

    let bad = run(d, &["check", "--changed-since", "no-such-ref", "story.md"]);
    assert_eq!(bad.code, 2, "{bad:?}");
    assert!(
        bad.stderr.contains("`no-such-ref` is not a git revision"),
        "{bad:?}"
    );
}

#[test]
fn output_width_cuts_long_lines_around_the_span() {
    let clause = "I moved every customer account from the old billing system to the new one";
    let story = format!(
        "## Billing\n\n**Situation:** The billing system was old.\n\n**Task:** I owned the move.\n\n**Action:** {clause}, then {clause} again for the second region.\n\n**Result:** Billing errors fell from 40 to 2 a month.\n"
    );
    let dir = project(&[("story.md", story.as_bytes())]);
    let args = ["check", "--no-cache", "--select", "STYLE004", "story.md"];
    let wide = run(dir.path(), &args);
    let carets = |out: &str| {
        out.lines()
            .map(|l| l.matches('^').count())
            .max()
            .unwrap_or(0)
    };
    assert!(carets(&wide.stdout) > 100, "{}", wide.stdout);
    let narrow = run(dir.path(), &[&args[..], &["--output-width", "80"]].concat());
    let snippet: Vec<&str> = narrow
        .stdout
        .lines()
        .filter(|l| l.contains(" | "))
        .collect();
    assert!(!snippet.is_empty(), "{}", narrow.stdout);
    for line in &snippet {
        assert!(line.chars().count() <= 80, "{line:?} is wider than 80");
    }
    assert!(
        narrow.stdout.contains("**Action:** I moved"),
        "{}",
        narrow.stdout
    );
    assert!(narrow.stdout.contains("...\n"), "{}", narrow.stdout);
    assert!(carets(&narrow.stdout) < 80, "{}", narrow.stdout);
    let bad = run(dir.path(), &[&args[..], &["--output-width", "3"]].concat());
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}
