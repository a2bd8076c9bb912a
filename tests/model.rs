//! `starlint debug model`: the kind with its evidence, the value set in force, the stories.
// Test code: a failed unwrap or index is a failed test, which is what we want.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use serde_json::Value;
use starlint_tests::{repo_root, starlint_bin};
use std::process::Command;

/// Run starlint from the repository root.
fn run(args: &[&str]) -> std::process::Output {
    Command::new(starlint_bin())
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("run starlint")
}

fn model(file: &str) -> Value {
    let out = run(&["debug", "model", "--no-config", "--format", "json", file]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn signals(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["signal"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_bank_shows_its_kind_its_stories_and_the_set_its_tags_name() {
    let v = model("fixtures/model/meta-values.md");
    assert_eq!(v["kind"], "star");
    assert!(
        signals(&v, "evidence").contains(&"stories".to_string()),
        "{v}"
    );
    assert_eq!(v["value_set"], "meta", "{v}");
    assert_eq!(v["stories"][0]["parts"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        v["stories"][0]["tags"][0],
        "Move Fast (not in the active set)"
    );
}

#[test]
fn a_bank_with_no_sign_of_its_company_has_no_set_and_gets_no_lp001() {
    let v = model("fixtures/model/no-target.md");
    assert_eq!(v["kind"], "star");
    assert_eq!(v["value_set"], Value::Null, "{v}");
    let out = run(&[
        "check",
        "--no-config",
        "--no-cache",
        "--select",
        "LP",
        "fixtures/model/no-target.md",
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn a_prfaq_shows_its_evidence_and_parts() {
    let v = model("examples/prfaq-launch.md");
    assert_eq!(v["kind"], "prfaq", "{v}");
    assert!(v["prfaq_score"].as_i64().unwrap_or(0) >= 10, "{v}");
    assert!(
        v["prfaq"]["faqs"].as_array().is_some_and(|f| !f.is_empty()),
        "{v}"
    );
}

#[test]
fn human_output_names_the_evidence() {
    let out = run(&[
        "debug",
        "model",
        "--no-config",
        "fixtures/model/meta-values.md",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("kind: star"), "{text}");
    assert!(text.contains("value set in force: meta"), "{text}");
    assert!(text.contains("tag"), "{text}");
}

#[test]
fn coverage_counts_front_matter_principles_written_as_a_block_list() {
    let out = run(&[
        "coverage",
        "--no-config",
        "--format",
        "json",
        "fixtures/model/front-matter-list.md",
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let stories_of = |name: &str| {
        v["principles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["stories"].as_array().unwrap().len())
    };
    assert_eq!(stories_of("Ownership"), Some(1), "{v}");
    assert_eq!(stories_of("Dive Deep"), Some(1), "{v}");
    assert_eq!(v["stories"][0]["principles"][1], "Dive Deep", "{v}");
    // `check` reads the same tags: the story is tagged, and the tags say Amazon.
    let m = model("fixtures/model/front-matter-list.md");
    assert_eq!(m["value_set"], "amazon", "{m}");
    assert_eq!(m["stories"][0]["tags"][0], "Ownership");
}

#[test]
fn prose_under_a_principle_heading_is_a_story_and_a_principle_description_is_not() {
    let v = model("fixtures/model/principle-headings-prose.md");
    let stories = v["stories"].as_array().expect("stories");
    assert_eq!(stories.len(), 1, "{v}");
    assert_eq!(stories[0]["title"], "Earn Trust", "{v}");
}

#[test]
fn placeholder_answers_under_principle_headings_are_story_slots_with_no_principle_judged() {
    let v = model("fixtures/model/placeholder-slots.md");
    assert_eq!(v["kind"], "star", "{v}");
    assert_eq!(v["stories"].as_array().map(Vec::len), Some(3), "{v}");
    let out = run(&[
        "check",
        "--no-config",
        "--no-cache",
        "--select",
        "LP",
        "fixtures/model/placeholder-slots.md",
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

/// The model of every layout fixture, as a reviewer reads it: the kind, then each story with
/// its lines and the parts found. A layout that loses a story, or finds one that is not
/// there, changes a snapshot.
#[test]
fn layout_fixtures_find_the_stories_a_reader_sees() {
    let mut checked = 0;
    for dir in ["clean", "unlabelled"] {
        for path in starlint_tests::fixtures(dir) {
            let rel = path
                .strip_prefix(repo_root())
                .unwrap()
                .display()
                .to_string();
            let v = model(&rel);
            assert_eq!(v["kind"], "star", "{rel}");
            let stories = v["stories"].as_array().unwrap();
            assert!(!stories.is_empty(), "{rel}: no story found");
            let mut out = String::new();
            for s in stories {
                let parts: Vec<String> = s["parts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| format!("{}@{}", p["part"].as_str().unwrap(), p["line"]))
                    .collect();
                out.push_str(&format!(
                    "{}-{} {} [{}]\n",
                    s["line"],
                    s["end_line"],
                    s["title"].as_str().unwrap(),
                    parts.join(" ")
                ));
            }
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            insta::assert_snapshot!(format!("layout__{dir}__{name}"), out);
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} layout fixtures");
}

/// A large text is parsed in pieces on several cores; the pieces must give exactly the blocks a
/// parse of the whole text gives. Every fixture, example and corpus file is cut as finely as it
/// can be (pieces of 64 bytes) and compared.
#[test]
fn parsing_in_pieces_gives_the_blocks_of_the_whole() {
    use starlint_lint::parse::{parse_in_pieces, pieces, MarkdownParser};
    let root = repo_root();
    let mut dirs = vec![root.join("fixtures"), root.join("examples")];
    dirs.push(root.join("..").join("shared").join("corpus"));
    let mut files = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "md" || x == "txt") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 100, "found {} files", files.len());
    let mut parser = MarkdownParser::new();
    let mut cut = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let whole = parse_in_pieces(&text, usize::MAX / 4, &mut parser);
        if pieces(&text, 64).len() > 1 {
            cut += 1;
        }
        let pieced = parse_in_pieces(&text, 64, &mut parser);
        assert_eq!(whole, pieced, "{}", path.display());
    }
    assert!(cut > 50, "only {cut} files were cut");
}
