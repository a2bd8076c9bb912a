//! `starlint new`: skeletons that report only their placeholders; the pre-commit hooks' manifest.

use super::support::*;
use serde_json::Value;

/// `starlint check --select ALL` on a text: the diagnostics' codes and the JSON summary. An FAQ
/// answer that is only a placeholder (PRFAQ004 says so) counts as STYLE003: both report the
/// skeleton's placeholders. Any other code comes with its message, for the failure to show.
fn check_all(text: &str) -> (Vec<String>, Value) {
    let dir = project(&[("new.md", text.as_bytes())]);
    let r = run(
        dir.path(),
        &[
            "check",
            "--no-cache",
            "--select",
            "ALL",
            "--format",
            "json",
            "new.md",
        ],
    );
    assert!(r.code <= 1, "{r:?}");
    let json = r.json();
    let codes = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let code = d["code"].as_str().unwrap();
            let message = d["message"].as_str().unwrap();
            match code {
                "STYLE003" | "LP001" => code.to_string(),
                "PRFAQ004" if message == "Question has only a placeholder for an answer" => {
                    "STYLE003".to_string()
                }
                _ => format!("{code} ({message})"),
            }
        })
        .collect();
    (codes, json["summary"].clone())
}

#[test]
fn new_story_skeleton_reports_only_placeholders() {
    let dir = project(&[]);
    let r = run(
        dir.path(),
        &[
            "new",
            "story",
            "--principle",
            "ownership",
            "-p",
            "Bias to Action",
            "Cutting",
            "the build time",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let text = r.stdout;
    assert!(text.starts_with("# Cutting the build time\n"), "{text}");
    // Canonical names, in the order given.
    assert!(
        text.contains("\n**Leadership Principles:** Ownership, Bias for Action\n"),
        "{text}"
    );
    for label in ["Situation", "Task", "Action", "Result", "Learning"] {
        assert!(text.contains(&format!("\n**{label}:** [TODO: ")), "{text}");
    }
    let (codes, summary) = check_all(&text);
    assert_eq!(summary["stories"], 1);
    assert!(codes.len() >= 5, "{codes:?}");
    assert!(codes.iter().all(|c| c == "STYLE003"), "{codes:?}");
}

#[test]
fn new_story_without_principles_is_only_untagged() {
    let dir = project(&[]);
    let r = run(dir.path(), &["new", "story"]);
    assert_eq!(r.code, 0, "{r:?}");
    let (codes, _) = check_all(&r.stdout);
    // The tag line is a placeholder: the engine reads the story as untagged (LP001) until the
    // author names its principles. Everything else is a placeholder.
    assert_eq!(
        codes.iter().filter(|c| *c == "LP001").count(),
        1,
        "{codes:?}"
    );
    assert!(
        codes.iter().all(|c| c == "STYLE003" || c == "LP001"),
        "{codes:?}"
    );
}

#[test]
fn new_prfaq_skeleton_reports_only_placeholders() {
    let dir = project(&[]);
    let r = run(dir.path(), &["new", "prfaq", "Larkspur Close"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.starts_with("# Larkspur Close\n"), "{}", r.stdout);
    let (codes, summary) = check_all(&r.stdout);
    assert_eq!(summary["prfaqs"], 1, "read as a PR/FAQ");
    assert!(!codes.is_empty());
    assert!(codes.iter().all(|c| c == "STYLE003"), "{codes:?}");
    let untitled = run(dir.path(), &["new", "prfaq"]);
    let (codes, _) = check_all(&untitled.stdout);
    assert!(codes.iter().all(|c| c == "STYLE003"), "{codes:?}");
}

#[test]
fn new_writes_a_file_but_never_over_one() {
    let dir = project(&[("taken.md", b"mine\n")]);
    let r = run(dir.path(), &["new", "story", "-o", "story.md", "A title"]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
    let written = std::fs::read_to_string(dir.path().join("story.md")).unwrap();
    assert!(written.starts_with("# A title\n"), "{written}");
    for args in [
        &["new", "story", "-o", "story.md"][..],
        &["new", "prfaq", "--output", "taken.md"][..],
    ] {
        let r = run(dir.path(), args);
        assert_eq!(r.code, 2, "{r:?}");
        assert_eq!(r.stderr_lines().len(), 1, "{r:?}");
        assert!(r.stderr.contains("already exists"), "{r:?}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("story.md")).unwrap(),
        written
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("taken.md")).unwrap(),
        "mine\n"
    );
}

#[test]
fn new_story_rejects_unknown_principles() {
    let dir = project(&[]);
    let r = run(dir.path(), &["new", "story", "-p", "Custmer Obsesion"]);
    assert_eq!((r.code, r.stdout.as_str()), (2, ""), "{r:?}");
    assert_eq!(
        r.stderr_lines(),
        ["starlint: error: --principle: unknown principle `Custmer Obsesion`; did you mean `Customer Obsession`?"]
    );
    let r = run(
        dir.path(),
        &["new", "story", "-p", "Zebra Taming", "-o", "x.md"],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr
            .contains("the principles are: Customer Obsession | "),
        "{r:?}"
    );
    assert!(!dir.path().join("x.md").exists());
    // A principle set from the configuration is the one checked against.
    let values = "[[principle]]\nname = \"Zebra Taming\"\nevidence = [\"zebra\"]\n";
    let dir = project(&[
        ("starlint.toml", b"[principles]\nfile = \"values.toml\"\n"),
        ("values.toml", values.as_bytes()),
    ]);
    let r = run(dir.path(), &["new", "story", "-p", "zebra taming"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout
            .contains("**Leadership Principles:** Zebra Taming\n"),
        "{}",
        r.stdout
    );
}

/// The `[dependencies]` lines of a manifest, sorted.
fn dependency_lines(manifest: &str) -> Vec<String> {
    let mut lines: Vec<String> = manifest
        .split("\n[dependencies]\n")
        .nth(1)
        .unwrap_or("")
        .lines()
        .take_while(|l| !l.starts_with('['))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

#[test]
fn pre_commit_hooks_build_the_cli_from_the_root_package() {
    let root = starlint_tests::repo_root();
    let root_manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let cli_manifest = std::fs::read_to_string(root.join("crates/cli/Cargo.toml")).unwrap();
    // pre-commit runs `cargo install --bins --path .` at the root: the root package builds the
    // CLI's own main.rs, so it needs exactly the CLI's dependencies.
    assert!(
        root_manifest.contains("[[bin]]\nname = \"starlint\"\npath = \"crates/cli/src/main.rs\"\n"),
        "{root_manifest}"
    );
    assert_eq!(
        dependency_lines(&root_manifest),
        dependency_lines(&cli_manifest),
        "the root package's [dependencies] (for the pre-commit hook) must match crates/cli's"
    );
    let hooks = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    for id in ["starlint", "starlint-fix"] {
        assert!(hooks.contains(&format!("- id: {id}\n")), "{hooks}");
    }
    assert_eq!(hooks.matches("  language: rust\n").count(), 2, "{hooks}");
    // The same two hooks again as `language: python` (tests/packaging.rs).
    assert_eq!(hooks.matches("  types: [markdown]\n").count(), 4, "{hooks}");
    assert!(hooks.contains("  entry: starlint check\n"), "{hooks}");
    assert!(hooks.contains("  entry: starlint check --fix\n"), "{hooks}");
}
