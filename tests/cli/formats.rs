//! `starlint check`'s output formats, `rules`, `explain`, colour and usage errors.

use super::support::*;

#[test]
fn config_files_section_sets_kinds_and_excludes() {
    let config = "[files]\nexclude = [\"drafts/**\"]\n";
    let dir = project(&[
        ("starlint.toml", config.as_bytes()),
        ("drafts/bank.md", BANK.as_bytes()),
        ("clean.md", CLEAN.as_bytes()),
    ]);
    let r = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.json()["summary"]["files"], 1);
    let r = run(dir.path(), &["check", "--no-config", "--format", "json"]);
    assert_eq!(r.json()["summary"]["files"], 2);
    // The nearest config wins: one in drafts/ without the exclude.
    std::fs::write(
        dir.path().join("drafts/.starlint.toml"),
        "ignore = [\"STAR005\"]\n",
    )
    .unwrap();
    let r = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(r.json()["summary"]["files"], 2);
    assert!(!codes(&r).iter().any(|c| c == "STAR005"), "{r:?}");
    assert!(!codes(&r).is_empty());
}

#[test]
fn rules_json_lists_every_rule() {
    let dir = project(&[]);
    let r = run(dir.path(), &["rules", "--format", "json"]);
    assert_eq!(r.code, 0);
    let rules = r.json();
    let rules = rules.as_array().unwrap();
    assert_eq!(rules.len(), starlint_lint::registry::RULES.len());
    assert_eq!(rules[0].as_object().unwrap().len(), 7);
    assert_keys_in_order(
        &r.stdout,
        "[",
        &[
            "code",
            "name",
            "family",
            "severity",
            "fix",
            "summary",
            "enabled_by_default",
        ],
    );
    assert!(rules
        .iter()
        .any(|r| r["code"] == "STAR004" && r["name"] == "result-without-metric"));
    let table = run(dir.path(), &["rules"]);
    assert_eq!(
        table.stdout.lines().count(),
        starlint_lint::registry::RULES.len() + 1,
        "{}",
        table.stdout
    );
}

#[test]
fn explain_by_code_or_name() {
    let dir = project(&[]);
    let by_code = run(dir.path(), &["explain", "STAR004"]);
    let by_name = run(dir.path(), &["explain", "result-without-metric"]);
    let lower = run(dir.path(), &["explain", "star004"]);
    assert_eq!(by_code.code, 0);
    assert_eq!(by_code.stdout, by_name.stdout);
    assert_eq!(by_code.stdout, lower.stdout);
    assert!(
        by_code
            .stdout
            .starts_with("STAR004 result-without-metric (warning, fix: "),
        "{}",
        by_code.stdout
    );
    assert!(
        by_code.stdout.contains("## What it does"),
        "{}",
        by_code.stdout
    );
    let unknown = run(dir.path(), &["explain", "STAR04"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .starts_with("starlint: error: unknown rule `STAR04`; did you mean"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn color_follows_the_option() {
    let dir = project(&[("bank.md", BANK.as_bytes())]);
    let always = run(dir.path(), &["check", "--color", "always", "bank.md"]);
    assert!(always.stdout.contains("\u{1b}["), "{}", always.stdout);
    let never = run(dir.path(), &["check", "--color", "never", "bank.md"]);
    assert!(!never.stdout.contains('\u{1b}'), "{}", never.stdout);
    let auto = run(dir.path(), &["check", "bank.md"]);
    assert_eq!(auto.stdout, never.stdout, "a pipe gets no colour");
}

#[test]
fn usage_errors_exit_2() {
    let dir = project(&[]);
    assert_eq!(run(dir.path(), &["check", "--format", "xml"]).code, 2);
    assert_eq!(run(dir.path(), &["frobnicate"]).code, 2);
    assert_eq!(
        run(
            dir.path(),
            &["check", "--config", "nope.toml", "--no-config"]
        )
        .code,
        2
    );
    let missing_config = run(dir.path(), &["check", "--config", "nope.toml"]);
    assert_eq!(missing_config.code, 2);
    assert_eq!(missing_config.stderr_lines().len(), 1, "{missing_config:?}");
}

#[test]
fn human_output_snapshot() {
    let dir = project(&[("bank.md", BANK.as_bytes()), ("clean.md", CLEAN.as_bytes())]);
    let r = run(dir.path(), &["check", "--no-cache", "--color", "never"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("human_story_bank", r.stdout);
}

/// The project the machine-readable format snapshots run on: the bank, a clean story, and a file
/// whose name and text need escaping in every format (`&`, `"`, `,`, `:`, `%`).
fn format_project() -> tempfile::TempDir {
    let odd = "# R&D \"notes\"\n\nLeadership Principles: Ownership\n\n**Situation:** The owner of the launch left.\n\n**Task:** I owned the launch.\n\n**Action:** I wrote the plan and ran the reviews.\n\n**Result:** Latency fell by XX%.\n";
    project(&[
        ("stories/bank.md", BANK.as_bytes()),
        ("clean.md", CLEAN.as_bytes()),
        ("R&D, \"odd\": 100%.md", odd.as_bytes()),
    ])
}

#[test]
fn sarif_output_has_rule_metadata_and_valid_positions() {
    let dir = format_project();
    let r = run(dir.path(), &["check", "--no-cache", "--format", "sarif"]);
    assert_eq!(r.code, 1, "{r:?}");
    let log = r.json();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let run0 = &log["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "starlint");

    // Every rule, with its metadata and its doc page as help.
    let listed = run(dir.path(), &["rules", "--format", "json"]).json();
    let listed = listed.as_array().unwrap();
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), listed.len());
    for (rule, meta) in rules.iter().zip(listed) {
        let code = meta["code"].as_str().unwrap();
        assert_eq!(rule["id"], code);
        assert_eq!(rule["name"], meta["name"]);
        assert_eq!(rule["shortDescription"]["text"], meta["summary"]);
        let explain = run(dir.path(), &["explain", code]).stdout;
        let page = explain.split_once("\n\n").unwrap().1;
        for field in ["fullDescription", "help"] {
            assert_eq!(rule[field]["markdown"], page, "{code} {field}");
            assert_eq!(rule[field]["text"], page, "{code} {field}");
        }
        let doc = format!("docs/rules/{code}.md");
        assert_eq!(
            rule["helpUri"],
            format!("https://github.com/starlint/starlint/blob/main/{doc}")
        );
        assert!(starlint_tests::repo_root().join(&doc).is_file(), "{doc}");
        let level = match meta["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level, "{code}");
        assert_eq!(
            rule["defaultConfiguration"]["enabled"],
            meta["enabled_by_default"]
        );
    }

    // Results point at their rule, and carry relative, percent-encoded URIs.
    let mut results = run0["results"].as_array().unwrap().clone();
    assert!(!results.is_empty());
    for result in &results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    assert!(results.iter().any(
        |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "R%26D%2C%20%22odd%22%3A%20100%25.md"
    ));
    // The snapshot leaves out the rule indices, which move whenever a rule is added.
    for result in &mut results {
        result.as_object_mut().unwrap().remove("ruleIndex");
    }
    insta::assert_snapshot!(
        "sarif_story_bank_results",
        serde_json::to_string_pretty(&results).unwrap()
    );
}

#[test]
fn sarif_columns_count_code_points_and_fixes_are_replacements() {
    let story = "# Shipping the app\n\nLeadership Principles: Ownership\n\n**Situation:** The release was late.\n\n**Task:** I owned the release.\n\n**Action:** 🚀 We shipped the app in 2 weeks.\n\n**Result:** Crashes fell by 40%.\n";
    let dir = project(&[("s.md", story.as_bytes())]);
    let r = run(dir.path(), &["check", "--format", "sarif", "s.md"]);
    let log = r.json();
    let we = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "STAR005")
        .expect("STAR005")
        .clone();
    assert_eq!(we["level"], "warning");
    assert_eq!(
        we["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 9, "startColumn": 15, "endLine": 9, "endColumn": 17, "snippet": {"text": "We"}})
    );
    let fix = &we["fixes"][0];
    assert_eq!(fix["properties"]["applicability"], "unsafe");
    let change = &fix["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "s.md");
    assert_eq!(
        change["replacements"][0],
        serde_json::json!({
            "deletedRegion": {"startLine": 9, "startColumn": 15, "endLine": 9, "endColumn": 17},
            "insertedContent": {"text": "I"}
        })
    );
    // A clean run is a valid log with no results.
    let clean = project(&[("clean.md", CLEAN.as_bytes())]);
    let r = run(clean.path(), &["check", "--format", "sarif"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.json()["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn github_output_snapshot() {
    let dir = format_project();
    let r = run(dir.path(), &["check", "--no-cache", "--format", "github"]);
    assert_eq!(r.code, 1, "{r:?}");
    for line in r.stdout.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
    }
    // Property values escape `,` and `:`; the message escapes `%`.
    assert!(
        r.stdout
            .contains("file=R&D%2C \"odd\"%3A 100%25.md,line=11,col="),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Placeholder `XX%25` left"),
        "{}",
        r.stdout
    );
    insta::assert_snapshot!("github_story_bank", r.stdout);
    let clean = project(&[("clean.md", CLEAN.as_bytes())]);
    let r = run(clean.path(), &["check", "--format", "github"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[test]
fn junit_output_snapshot() {
    let dir = format_project();
    let r = run(dir.path(), &["check", "--no-cache", "--format", "junit"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r
        .stdout
        .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
    // One suite per file; the clean file's suite holds one passing case.
    assert_eq!(r.stdout.matches("<testsuite ").count(), 3);
    assert!(
        r.stdout.contains(
            "<testsuite name=\"clean.md\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n    <testcase name=\"starlint\" classname=\"clean.md\" file=\"clean.md\"/>\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("<testsuite name=\"R&amp;D, &quot;odd&quot;: 100%.md\""),
        "{}",
        r.stdout
    );
    // No raw markup characters outside tags: every `&` starts an entity.
    for (i, _) in r.stdout.match_indices('&') {
        let entity = &r.stdout[i..(i + 6).min(r.stdout.len())];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "{entity}"
        );
    }
    let failures = r.stdout.matches("<failure type=\"").count();
    let json = run(dir.path(), &["check", "--no-cache", "--format", "json"]).json();
    assert_eq!(failures, json["diagnostics"].as_array().unwrap().len());
    insta::assert_snapshot!("junit_story_bank", r.stdout);
}
