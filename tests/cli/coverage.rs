//! `starlint coverage`, `--jd` and principle coverage in `check` on a bank.

use super::support::*;
use serde_json::Value;

/// A STAR story with a title, a principle line (none when `principles` is empty) and four parts.
fn story(title: &str, principles: &[&str], action: &str) -> String {
    let tags = if principles.is_empty() {
        String::new()
    } else {
        format!("Leadership Principles: {}\n\n", principles.join(", "))
    };
    format!(
        "## {title}\n\n{tags}**Situation:** Our checkout page lost 4% of orders every week.\n\n\
         **Task:** I had to find out why within a month.\n\n**Action:** {action}\n\n\
         **Result:** Lost orders fell from 4% to 1% in six weeks.\n\n"
    )
}

/// A small bank: Customer Obsession and Dive Deep covered twice, three principles once, one
/// untagged story and one with four principles.
fn coverage_project() -> tempfile::TempDir {
    let a = format!(
        "# Stories\n\n{}{}",
        story(
            "Reading the support tickets",
            &["Customer Obsession", "Dive Deep"],
            "I read 300 support tickets and grouped them by cause."
        ),
        story(
            "The migration nobody planned",
            &[],
            "I wrote the migration plan and ran it over two weekends."
        )
    );
    let b = format!(
        "# More stories\n\n{}{}",
        story(
            "Calling the customers who left",
            &["Customer Obsession"],
            "I called 20 customers who had left and wrote up what they said."
        ),
        story(
            "Everything at once",
            &["Ownership", "Frugality", "Dive Deep", "Earn Trust"],
            "I traced the failures to one cache and fixed it without new hardware."
        )
    );
    project(&[
        ("stories/a.md", a.as_bytes()),
        ("stories/b.md", b.as_bytes()),
        ("notes.md", b"# Notes\n\nNothing to see here.\n"),
    ])
}

/// A product-manager posting that stresses customers and data.
const PM_POSTING: &str = "\
# Senior Product Manager, Checkout

We are looking for a customer-obsessed product manager to own the end-user experience of our
checkout. You will talk to customers every week, run user research and turn customer feedback
into a roadmap that raises customer satisfaction.

## What you will do

- Work backwards from the customer: write the press release before the spec.
- Dive deep into funnel metrics; write your own SQL and build dashboards.
- Lead root cause analysis when conversion drops, and share what you learn.
- Partner with engineering and design.

## What you bring

- 5+ years of product management, with strong analytical skills.
- A track record of shipping features customers love.
";

/// An infrastructure posting that stresses ownership, frugality and operations.
const INFRA_POSTING: &str = "\
Site Reliability Engineer - Core Infrastructure

Our small, lean team runs the compute platform every service depends on. We look for an engineer
with a strong sense of ownership who will take ownership of services end to end: you will be
accountable for their availability, join the on-call rotation, and drive operational excellence.

Responsibilities:
* Own the outcome of incidents, from the first page to the postmortem.
* Lead cost optimization of our cloud costs; we are frugal and cost-conscious and expect you
  to do more with less.
* Keep spend within budget while the fleet grows.
* Automate the toil away.

Requirements: Linux, Kubernetes, Terraform, and experience with troubleshooting production
systems.
";

#[test]
fn coverage_human_output_snapshot() {
    let dir = coverage_project();
    let r = run(dir.path(), &["coverage", "--no-config"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stderr.is_empty(), "{r:?}");
    insta::assert_snapshot!("coverage_human", r.stdout);
}

#[test]
fn coverage_marks_below_target_untagged_and_over_tagged() {
    let dir = coverage_project();
    let r = run(dir.path(), &["coverage", "--no-config", "stories"]);
    assert_eq!(r.code, 0, "{r:?}");
    let line = |name: &str| -> String {
        r.stdout
            .lines()
            .find(|l| l.contains(&format!("] {name} ")))
            .unwrap_or_else(|| panic!("no row for {name}: {}", r.stdout))
            .to_string()
    };
    assert!(line("Customer Obsession").starts_with("[ok]"));
    assert!(line("Dive Deep").starts_with("[ok]"));
    assert!(line("Ownership").starts_with("[!!]"));
    assert!(line("Ownership").contains("1/2  below target"));
    assert!(line("Think Big").contains("0/2  below target"));
    let untagged = r
        .stdout
        .split("Stories with no principle (1):")
        .nth(1)
        .unwrap();
    assert!(untagged
        .lines()
        .nth(1)
        .unwrap()
        .contains("The migration nobody planned  (stories/a.md:"));
    let over = r
        .stdout
        .split("Stories with more than 3 principles (1):")
        .nth(1)
        .unwrap();
    assert!(over.lines().nth(1).unwrap().contains("Everything at once"));
    assert!(r.stdout.contains("14 of 16 principles below target."));
}

#[test]
fn coverage_json_shape_and_counts() {
    let dir = coverage_project();
    let r = run(dir.path(), &["coverage", "--no-config", "--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_keys_in_order(&r.stdout, "", &["stories", "principles"]);
    assert_keys_in_order(
        &r.stdout,
        "\"stories\": [",
        &["path", "line", "title", "principles", "parts", "words"],
    );
    assert_keys_in_order(
        &r.stdout,
        "\"principles\": [",
        &["name", "stories", "target"],
    );
    let v = r.json();
    assert!(v.get("jd").is_none());
    let stories = v["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 4);
    let first = &stories[0];
    assert_eq!(first["path"], "stories/a.md");
    assert_eq!(first["line"], 3);
    assert_eq!(first["title"], "Reading the support tickets");
    assert_eq!(
        first["principles"],
        serde_json::json!(["Customer Obsession", "Dive Deep"])
    );
    assert_eq!(
        first["parts"],
        serde_json::json!(["Situation", "Task", "Action", "Result"])
    );
    // Words in S+T+A+R as the engine counts them.
    let text = std::fs::read_to_string(dir.path().join("stories/a.md")).unwrap();
    let settings = starlint_lint::Settings::default();
    let doc = starlint_lint::Document::new(&text, &settings, None);
    let parts = [
        starlint_lint::PartKind::Situation,
        starlint_lint::PartKind::Task,
        starlint_lint::PartKind::Action,
        starlint_lint::PartKind::Result,
    ];
    let words = starlint_lint::rules::part_words(&doc, &doc.stories[0], &parts);
    assert!(words > 30);
    assert_eq!(first["words"], words);
    let principles = v["principles"].as_array().unwrap();
    assert_eq!(principles.len(), 16);
    let by_name = |name: &str| {
        principles
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    // Stories are indices into `stories`.
    assert_eq!(
        by_name("Customer Obsession")["stories"],
        serde_json::json!([0, 2])
    );
    assert_eq!(by_name("Dive Deep")["stories"], serde_json::json!([0, 3]));
    assert_eq!(by_name("Ownership")["stories"], serde_json::json!([3]));
    assert_eq!(by_name("Think Big")["stories"], serde_json::json!([]));
    assert!(principles.iter().all(|p| p["target"] == 2));
}

#[test]
fn coverage_role_principles_come_first_and_others_are_not_required() {
    let dir = coverage_project();
    std::fs::write(
        dir.path().join("starlint.toml"),
        "[bank]\ntarget = 1\nrole-principles = [\"frugality\", \"Dive Deep\", \"Think Big\"]\n",
    )
    .unwrap();
    let r = run(dir.path(), &["coverage", "--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    let principles = v["principles"].as_array().unwrap();
    let head: Vec<(&str, u64)> = principles[..4]
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["target"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        head,
        [
            ("Frugality", 1),
            ("Dive Deep", 1),
            ("Think Big", 1),
            ("Customer Obsession", 0)
        ]
    );
    let human = run(dir.path(), &["coverage"]);
    assert!(human.stdout.contains("Required by the role:"), "{human:?}");
    assert!(human.stdout.contains("Not required by the role:"));
    assert!(human.stdout.contains("[!!] Think Big"));
    assert!(human.stdout.contains("  not required"));
    assert!(human.stdout.contains("1 of 3 principles below target."));
}

/// The names `--jd` ranks, best first, and the whole JSON.
fn jd_ranking(posting: &str) -> (Vec<String>, Value, String) {
    let dir = coverage_project();
    std::fs::write(dir.path().join("posting.md"), posting).unwrap();
    let r = run(
        dir.path(),
        &[
            "coverage",
            "--no-config",
            "--format",
            "json",
            "--jd",
            "posting.md",
            "stories",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let v = r.json();
    let names = v["jd"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["name"].as_str().unwrap().to_string())
        .collect();
    (names, v, r.stdout)
}

#[test]
fn jd_ranks_a_product_posting_on_customers_and_data() {
    let (names, v, stdout) = jd_ranking(PM_POSTING);
    assert_eq!(names[..2], ["Customer Obsession", "Dive Deep"], "{v:#}");
    let top = &v["jd"][0];
    assert!(top["score"].as_u64().unwrap() >= 5, "{v:#}");
    let phrases: Vec<&str> = top["phrases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(phrases.contains(&"customer feedback"), "{phrases:?}");
    assert!(phrases.contains(&"user research"), "{phrases:?}");
    assert_keys_in_order(&stdout, "\"jd\": [", &["name", "score", "phrases"]);
    // The emphasised principles lead the coverage list.
    assert_eq!(v["principles"][0]["name"], "Customer Obsession");
    assert_eq!(v["principles"][1]["name"], "Dive Deep");
}

#[test]
fn jd_ranks_an_infrastructure_posting_on_ownership_and_frugality() {
    let (names, v, _) = jd_ranking(INFRA_POSTING);
    let mut top: Vec<&str> = names[..2].iter().map(String::as_str).collect();
    top.sort_unstable();
    assert_eq!(top, ["Frugality", "Ownership"], "{v:#}");
    assert!(!names.contains(&"Customer Obsession".to_string()), "{v:#}");
}

#[test]
fn jd_human_output_shows_phrases_and_what_needs_a_story() {
    let dir = coverage_project();
    std::fs::write(dir.path().join("infra.txt"), INFRA_POSTING).unwrap();
    let r = run(
        dir.path(),
        &["coverage", "--no-config", "--jd", "infra.txt", "stories"],
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r
        .stdout
        .starts_with("Job description infra.txt: principles it emphasises\n"));
    assert!(r.stdout.contains("cost optimization"), "{}", r.stdout);
    assert!(r.stdout.contains("Emphasised by the job description:"));
    assert!(r.stdout.contains("Needs a story for the job description: "));
    let need = r
        .stdout
        .lines()
        .find(|l| l.starts_with("Needs a story"))
        .unwrap();
    assert!(
        need.contains("Ownership") && need.contains("Frugality"),
        "{need}"
    );

    let missing = run(dir.path(), &["coverage", "--jd", "nope.md"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("nope.md: cannot read"),
        "{missing:?}"
    );
}

#[test]
fn coverage_reads_a_bank_of_500_files() {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "Customer Obsession",
        "Ownership",
        "Dive Deep",
        "Frugality",
        "Deliver Results",
    ];
    for i in 0..500 {
        let text = format!(
            "# Story {i}\n\nLeadership Principles: {}\n\n**Situation:** Build {i} was slow.\n\n\
             **Task:** I had to speed it up.\n\n**Action:** I cached {i} steps.\n\n\
             **Result:** It took {i} seconds less.\n",
            names[i % names.len()]
        );
        std::fs::write(dir.path().join(format!("story-{i:03}.md")), text).unwrap();
    }
    // How fast is measured by scripts/bench.sh; here, that every file is read.
    let r = run(dir.path(), &["coverage", "--no-config", "--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.json()["stories"].as_array().unwrap().len(), 500);
}

/// The bank fixtures copied into a fresh project (so the cache can be written).
fn bank_project() -> tempfile::TempDir {
    let root = starlint_tests::repo_root().join("fixtures/bank");
    let files: Vec<(String, Vec<u8>)> = ["a-billing.md", "b-reused.md", "c-questions.md"]
        .iter()
        .map(|n| (format!("bank/{n}"), std::fs::read(root.join(n)).unwrap()))
        .collect();
    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    project(&borrowed)
}

/// `(path, code, line)` of every BANK diagnostic in a JSON report.
fn bank_diagnostics(r: &Run) -> Vec<(String, String, u64)> {
    r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("BANK"))
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn check_on_a_directory_reads_it_as_a_bank() {
    let dir = bank_project();
    let r = run(
        dir.path(),
        &["check", "--no-config", "--format", "json", "bank"],
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(
        bank_diagnostics(&r),
        [
            ("bank/b-reused.md".to_string(), "BANK002".to_string(), 3),
            ("bank/b-reused.md".to_string(), "BANK002".to_string(), 20),
        ]
    );
    // From the cache, the bank rules still see every file.
    let again = run(
        dir.path(),
        &["check", "--no-config", "--format", "json", "bank"],
    );
    assert!(dir.path().join(".starlint_cache").is_dir());
    assert_eq!(again.stdout, r.stdout);
    // A changed file changes the bank's result (the cached bank run is keyed by every file).
    let first = dir.path().join("bank/a-billing.md");
    let renamed = std::fs::read_to_string(&first).unwrap().replace(
        "## Rewriting the hiring loop",
        "## Hiring two engineers in seven weeks",
    );
    std::fs::write(&first, renamed).unwrap();
    let changed = run(
        dir.path(),
        &["check", "--no-config", "--format", "json", "bank"],
    );
    assert_eq!(
        bank_diagnostics(&changed),
        [("bank/b-reused.md".to_string(), "BANK002".to_string(), 3)]
    );

    // One file is not a bank.
    let single = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "bank/b-reused.md",
        ],
    );
    assert!(bank_diagnostics(&single).is_empty(), "{single:?}");
}

#[test]
fn principle_coverage_is_off_in_check_until_selected() {
    let dir = bank_project();
    let config =
        "select = [\"BANK\"]\n[bank]\nrole-principles = [\"Ownership\", \"Bias for Action\"]\n";
    std::fs::write(dir.path().join("starlint.toml"), config).unwrap();
    let r = run(dir.path(), &["check", "--format", "json", "bank"]);
    let found = bank_diagnostics(&r);
    let coverage: Vec<_> = found.iter().filter(|d| d.1 == "BANK001").collect();
    assert_eq!(
        coverage,
        [
            &("bank/a-billing.md".to_string(), "BANK001".to_string(), 1),
            &("bank/a-billing.md".to_string(), "BANK001".to_string(), 1),
        ],
        "{r:?}"
    );
    let human = run(
        dir.path(),
        &["check", "--no-cache", "--select", "BANK001", "bank"],
    );
    assert!(
        human
            .stdout
            .contains("info[BANK001] `Bias for Action` has 0 of 2 stories in the bank"),
        "{human:?}"
    );
}
