//! The coach through the CLI: value sets chosen with `--set`, `match`, `probe`, the readiness
//! grade and question plan in `coverage`, `explain grade`, and the length ladder, on the
//! fixtures in `fixtures/coach/`.

#![allow(clippy::unwrap_used)] // Test code: a failure should stop the test loudly.

use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Run starlint in `dir`; returns (exit code, stdout, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let r = starlint_tests::run(dir, args);
    (r.code, r.stdout, r.stderr)
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(&root(), args)
}

fn json(args: &[&str]) -> Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// Each of the 24 questions maps to the story a reader would pick (`expected.txt`, one line per
/// question; `A | B` when either story is a fair answer).
#[test]
fn every_question_finds_the_story_a_reader_would_pick() {
    let expected = std::fs::read_to_string(root().join("fixtures/coach/expected.txt")).unwrap();
    let expected: Vec<&str> = expected.lines().collect();
    let got = json(&[
        "coverage",
        "--no-config",
        "fixtures/coach/bank",
        "--questions",
        "fixtures/coach/questions.txt",
        "--format",
        "json",
    ]);
    let answers = got["questions"]["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 24);
    assert_eq!(expected.len(), 24);
    let stories = got["readiness"]["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 12);
    for (answer, want) in answers.iter().zip(&expected) {
        let title = answer["best"]["title"].as_str().unwrap_or("(none)");
        assert!(
            want.split(" | ").any(|w| w == title),
            "{}: got {title}, want {want}",
            answer["question"]
        );
    }
    // `match` ranks the same way for a question on its own.
    for (i, question) in std::fs::read_to_string(root().join("fixtures/coach/questions.txt"))
        .unwrap()
        .lines()
        .enumerate()
        .step_by(5)
    {
        let got = json(&[
            "match",
            "--no-config",
            question,
            "fixtures/coach/bank",
            "--format",
            "json",
        ]);
        let title = got["matches"][0]["title"].as_str().unwrap();
        assert!(
            expected[i].split(" | ").any(|w| w == title),
            "{question}: {title}"
        );
    }
}

#[test]
fn match_says_why() {
    let (code, out, _) = run(&[
        "match",
        "--no-config",
        "Tell me about a time you disagreed with your manager",
        "fixtures/coach/bank",
        "-n",
        "3",
    ]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("match_human", out);
}

#[test]
fn probes_and_grades_of_weak_stories() {
    let (code, out, _) = run(&["probe", "--no-config", "fixtures/coach/weak.md"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("probe_human", out);
    let got = json(&[
        "probe",
        "--no-config",
        "fixtures/coach/weak.md",
        "--format",
        "json",
    ]);
    assert_eq!(got["stories"][0]["lens"], "Grade 63 · 3 fixes to 90");
    assert_eq!(got["stories"][0]["probes"][0]["from"], "STAR004");
}

#[test]
fn coverage_shows_readiness_and_the_question_plan() {
    let (code, out, _) = run(&[
        "coverage",
        "--no-config",
        "--color",
        "never",
        "fixtures/coach/bank",
        "fixtures/coach/weak.md",
        "--questions",
        "fixtures/coach/questions.txt",
    ]);
    assert_eq!(code, 0);
    let from = out.find("Readiness").unwrap();
    insta::assert_snapshot!("coverage_readiness", &out[from..]);
}

#[test]
fn one_story_planned_for_too_many_principles_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("fixtures/coach/bank/customers.md"),
        dir.path().join("customers.md"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("starlint.toml"),
        "[bank]\nmax-principles-per-story = 1\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("loop.txt"),
        "Describe a project you finished after someone else had left it.\nTell me about a time you delivered an important project under a tight deadline.\n",
    )
    .unwrap();
    let (code, out, _) = run_in(
        dir.path(),
        &["coverage", "--questions", "loop.txt", "--format", "json"],
    );
    assert_eq!(code, 0);
    let got: Value = serde_json::from_str(&out).unwrap();
    let overused = got["questions"]["overused"].as_array().unwrap();
    assert_eq!(overused.len(), 1, "{out}");
    assert!(overused[0]["story"]
        .as_str()
        .unwrap()
        .starts_with("Taking over the abandoned migration"));
    assert_eq!(got["questions"]["max_principles_per_story"], 1);
    // BANK003 says the same in `check` when the config names the loop's questions.
    std::fs::write(
        dir.path().join("starlint.toml"),
        "[bank]\nmax-principles-per-story = 1\nquestions = \"loop.txt\"\n",
    )
    .unwrap();
    let (code, out, _) = run_in(
        dir.path(),
        &["check", "--no-cache", "--select", "BANK003", "."],
    );
    assert_eq!(code, 1, "{out}");
    insta::assert_snapshot!("overplanned_story", out);
    // Without a loop, nothing.
    std::fs::write(
        dir.path().join("starlint.toml"),
        "[bank]\nmax-principles-per-story = 1\n",
    )
    .unwrap();
    let (code, out, _) = run_in(
        dir.path(),
        &["check", "--no-cache", "--select", "BANK003", "."],
    );
    assert_eq!(code, 0, "{out}");
}

const META_STORY: &str = "## Shipping the editor in a week\n\n**Principles:** Move Fast\n\n**Situation:** Our team needed a new editor before a partner demo.\n\n**Task:** I had seven days to ship it.\n\n**Action:** I built a prototype in two days, shipped it to ten users, and iterated on their feedback every day.\n\n**Result:** The demo ran on day six and the partner signed a $2M deal.\n\n## Untagged story\n\n**Situation:** The queue backed up every night.\n\n**Action:** I quickly shipped a fix and iterated on it.\n\n**Result:** The backlog fell by 90%.\n";

#[test]
fn set_chooses_the_value_set_for_check_coverage_and_new() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("stories.md"), META_STORY).unwrap();
    // With no evidence of a company, LP001 is silent; `--set meta` puts Meta's values in force.
    let (_, plain, _) = run_in(
        dir.path(),
        &["check", "--no-cache", "--select", "LP", "stories.md"],
    );
    assert!(!plain.contains("LP001"), "{plain}");
    let (code, meta, _) = run_in(
        dir.path(),
        &[
            "check",
            "--no-cache",
            "--select",
            "LP",
            "--set",
            "meta",
            "stories.md",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        meta.contains("LP001") && meta.contains("Move Fast"),
        "{meta}"
    );
    assert!(!meta.contains("LP002"), "{meta}");
    // The config says the same.
    std::fs::write(
        dir.path().join("starlint.toml"),
        "[principles]\nset = \"meta\"\n",
    )
    .unwrap();
    let (_, config, _) = run_in(
        dir.path(),
        &["check", "--no-cache", "--select", "LP", "stories.md"],
    );
    assert_eq!(config, meta);
    std::fs::remove_file(dir.path().join("starlint.toml")).unwrap();
    for (set, value) in [
        ("amazon", "Dive Deep"),
        ("meta", "Move Fast"),
        ("google", "Thriving in Ambiguity"),
        ("microsoft", "Growth Mindset"),
        ("netflix", "Candor"),
        ("civil-service", "Delivering at Pace"),
    ] {
        let (code, out, err) = run_in(
            dir.path(),
            &["coverage", "--set", set, "--format", "json", "stories.md"],
        );
        assert_eq!(code, 0, "{set}: {err}");
        let names: Vec<String> = serde_json::from_str::<Value>(&out).unwrap()["principles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect();
        let canonical = if value == "Candor" {
            "Integrity"
        } else {
            value
        };
        assert!(names.iter().any(|n| n == canonical), "{set}: {names:?}");
        let (code, out, err) = run_in(dir.path(), &["new", "story", "--set", set, "-p", value]);
        assert_eq!(code, 0, "{set}: {err}");
        assert!(out.contains(canonical), "{set}: {out}");
    }
    let (code, _, err) = run_in(dir.path(), &["check", "--set", "acme", "stories.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("acme"), "{err}");
}

/// `--set` means the same in `debug model`, `report` and `export` as in `check`: the chosen
/// set's values are the principles, whatever the bank's evidence says.
#[test]
fn set_chooses_the_value_set_for_debug_model_report_and_export() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("stories.md"), META_STORY).unwrap();
    let both = |args: &[&str]| {
        let mut with_set = args.to_vec();
        with_set.extend(["--set", "meta"]);
        let (code, plain, err) = run_in(dir.path(), args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let (code, meta, err) = run_in(dir.path(), &with_set);
        assert_eq!(code, 0, "{with_set:?}: {err}");
        (plain, meta)
    };

    let (plain, meta) = both(&["debug", "model", "stories.md"]);
    assert!(
        plain.contains("tags: Move Fast (not in the active set)"),
        "{plain}"
    );
    assert!(meta.contains("the set chosen is `meta`"), "{meta}");
    assert!(meta.contains("tags: Move Fast\n"), "{meta}");

    let (plain, meta) = both(&["report", "stories.md"]);
    assert!(
        plain.contains("<th scope=\"row\">Customer Obsession</th>"),
        "the plain page lists Amazon's principles"
    );
    assert!(!plain.contains("<th scope=\"row\">Move Fast</th>"));
    assert!(meta.contains("<th scope=\"row\">Move Fast</th>"));
    assert!(!meta.contains("Customer Obsession"));

    let (plain, meta) = both(&["export", "--format", "csv", "stories.md"]);
    let row = |csv: &str| csv.lines().nth(1).unwrap().to_string();
    assert!(
        row(&plain).starts_with("Shipping the editor in a week,stories.md,1,,"),
        "{plain}"
    );
    assert!(
        row(&meta).starts_with("Shipping the editor in a week,stories.md,1,Move Fast,"),
        "{meta}"
    );
}

#[test]
fn the_jd_ranking_follows_the_set() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("stories.md"), META_STORY).unwrap();
    std::fs::write(
        dir.path().join("jd.md"),
        "We move fast and ship quickly. You will drive impact at scale and give candid feedback.\n",
    )
    .unwrap();
    let (code, out, _) = run_in(
        dir.path(),
        &[
            "coverage",
            "--set",
            "meta",
            "--jd",
            "jd.md",
            "--format",
            "json",
            "stories.md",
        ],
    );
    assert_eq!(code, 0);
    let got: Value = serde_json::from_str(&out).unwrap();
    let first = got["jd"]["principles"][0]["name"]
        .as_str()
        .or(got["jd"][0]["name"].as_str());
    assert_eq!(first, Some("Move Fast"), "{out}");
}

#[test]
fn civil_service_new_story_aims_at_a_level() {
    let (code, out, _) = run(&[
        "new",
        "story",
        "--set",
        "civil-service",
        "--level",
        "4",
        "-p",
        "Delivering at Pace",
        "Clearing the appeals backlog",
    ]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("new_civil_service", out);
    let (code, _, err) = run(&["new", "story", "--level", "4"]);
    assert_eq!(code, 2);
    assert!(err.contains("civil-service"), "{err}");
}

#[test]
fn explain_grade_prints_the_formula_and_the_probes() {
    let (code, out, _) = run(&["explain", "grade"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("| `STAR004` | 15 | 15 | put a number in the Result |"),
        "{out}"
    );
    assert!(out.contains("How did you measure it?"), "{out}");
}

#[test]
fn a_short_version_over_its_limit() {
    let (code, out, _) = run(&[
        "check",
        "--no-config",
        "--no-cache",
        "--select",
        "STAR011,STAR012",
        "fixtures/coach/short.md",
    ]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("short_version", out);
}
