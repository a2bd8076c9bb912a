//! `starlint report` and `starlint export`: real runs of the binary. The page and the exports of
//! `examples/` are snapshots; the rest asserts what a reader relies on (escaping, the matrix
//! against `coverage --format json`, the job description, files written, errors).
// Test code: a failed unwrap or index is a failed test, which is what we want.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::Value;
use starlint_tests::run;

/// A run on the repository's `examples/`, from the repository root.
fn examples(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["examples", "--no-config"]);
    let r = run(&starlint_tests::repo_root(), &all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    r.stdout
}

#[test]
fn report_of_the_examples() {
    // The stylesheet is a static file: the snapshot is the page's content.
    let html = examples(&["report"]);
    let (head, rest) = html.split_once("<style>").unwrap();
    let (_, tail) = rest.split_once("</style>").unwrap();
    insta::assert_snapshot!(
        "report_examples_html",
        format!("{head}<style>…</style>{tail}")
    );
}

#[test]
fn exports_of_the_examples() {
    insta::assert_snapshot!(
        "export_examples_csv",
        examples(&["export", "--format", "csv"])
    );
    insta::assert_snapshot!(
        "export_examples_anki",
        examples(&["export", "--format", "anki"])
    );
    insta::assert_snapshot!(
        "export_examples_cheatsheet",
        examples(&["export", "--format", "cheatsheet"])
    );
}

/// `(principle index, story index)` of every filled matrix cell, read off the page.
fn cells(html: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for row in html.split("<tr data-story=\"").skip(1) {
        let story: usize = row.split('"').next().unwrap().parse().unwrap();
        let row = row.split("</tr>").next().unwrap();
        for cell in row.split("<td class=\"cell ").skip(1) {
            let k = cell.split("data-principle=\"").nth(1).unwrap();
            out.push((k.split('"').next().unwrap().parse().unwrap(), story));
        }
    }
    out.sort_unstable();
    out
}

#[test]
fn the_matrix_is_the_coverage_table() {
    let html = examples(&["report"]);
    let json: Value = serde_json::from_str(&examples(&["coverage", "--format", "json"])).unwrap();
    let mut want = Vec::new();
    for (k, p) in json["principles"].as_array().unwrap().iter().enumerate() {
        for s in p["stories"].as_array().unwrap() {
            want.push((k, s.as_u64().unwrap() as usize));
        }
    }
    want.sort_unstable();
    assert!(!want.is_empty());
    assert_eq!(cells(&html), want);
}

/// A bank whose titles and tags hold markup, quotes and delimiters.
fn hostile_bank() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("bank")).unwrap();
    std::fs::write(
        dir.path().join("bank/stories.md"),
        "# Stories\n\n## <script>alert(1)</script> & \"the, queue\"\tfix\n\n\
         Leadership Principles: Ownership, Dive Deep\n\n\
         **Situation:** The <b>nightly</b> export failed, \"every\" night.\n\n\
         **Task:** I owned the export job.\n\n\
         **Action:** I traced the queue and moved the job to 01:00.\n\n\
         **Result:** The export has not failed in 90 days.\n",
    )
    .unwrap();
    dir
}

#[test]
fn user_text_is_escaped_in_the_page_and_the_sheet() {
    let dir = hostile_bank();
    for args in [
        &["report", "bank", "--no-config"][..],
        &["export", "bank", "--format", "cheatsheet", "--no-config"],
    ] {
        let r = run(dir.path(), args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(!r.stdout.contains("<script"), "{}", r.stdout);
        assert!(!r.stdout.contains("<b>nightly"), "{}", r.stdout);
        assert!(
            r.stdout
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;the, queue&quot;"),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn delimited_exports_quote_what_they_must() {
    let dir = hostile_bank();
    let csv = run(
        dir.path(),
        &["export", "bank", "--format", "csv", "--no-config"],
    );
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let row = csv.stdout.lines().nth(1).unwrap();
    assert!(
        row.starts_with("\"<script>alert(1)</script> & \"\"the, queue\"\" fix\",bank/stories.md,3,Ownership | Dive Deep,Situation | Task | Action | Result,"),
        "{row}"
    );
    let anki = run(
        dir.path(),
        &["export", "bank", "--format", "anki", "--no-config"],
    );
    let card = anki.stdout.lines().find(|l| !l.starts_with('#')).unwrap();
    let fields: Vec<&str> = card.split('\t').collect();
    assert_eq!(fields.len(), 3, "{card}");
    assert!(fields[0].starts_with("&lt;script&gt;"), "{card}");
    assert!(
        fields[1].contains("<b>Situation</b> The nightly export failed, &quot;every&quot; night."),
        "{card}"
    );
    assert_eq!(fields[2], "Ownership Dive_Deep starlint");
}

#[test]
fn a_job_description_leads_and_narrows_the_sheet() {
    let dir = hostile_bank();
    std::fs::write(
        dir.path().join("jd.md"),
        "We want people who dive deep and do root cause analysis.\n",
    )
    .unwrap();
    let page = run(
        dir.path(),
        &["report", "bank", "--jd", "jd.md", "--no-config"],
    );
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(page.stdout.contains("What the job description emphasises"));
    assert!(
        page.stdout.contains(
            "<li><strong>Dive Deep</strong> (2 phrases): dive deep, root cause analysis</li>"
        ),
        "{}",
        page.stdout
    );
    // Dive Deep is the first column and the only one starred.
    assert!(
        page.stdout.contains(
            "<th scope=\"col\" class=\"p jd\" data-principle=\"0\"><span>Dive Deep ★</span></th>"
        ),
        "{}",
        page.stdout
    );
    assert_eq!(page.stdout.matches("★</span></th>").count(), 1);
    let sheet = run(
        dir.path(),
        &[
            "export",
            "bank",
            "--format",
            "cheatsheet",
            "--jd",
            "jd.md",
            "--no-config",
        ],
    );
    assert!(
        sheet.stdout.contains("<h2 id=\"p0\">Dive Deep</h2>"),
        "{}",
        sheet.stdout
    );
    assert!(
        !sheet.stdout.contains(">Ownership</h2>"),
        "{}",
        sheet.stdout
    );
    assert!(sheet
        .stdout
        .contains("— The export has not failed in 90 days.</li>"));
}

#[test]
fn output_goes_to_the_file_with_links_relative_to_it() {
    let dir = hostile_bank();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let r = run(
        dir.path(),
        &["report", "bank", "-o", "out/bank.html", "--no-config"],
    );
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
    let html = std::fs::read_to_string(dir.path().join("out/bank.html")).unwrap();
    assert!(
        html.contains("<a href=\"../bank/stories.md\" data-path=\"bank/stories.md\" data-line=\"3\">bank/stories.md:3</a>"),
        "{html}"
    );
    // Written again over the old page, whole.
    let again = run(
        dir.path(),
        &["report", "bank", "-o", "out/bank.html", "--no-config"],
    );
    assert_eq!(again.code, 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/bank.html")).unwrap(),
        html
    );
}

#[test]
fn errors_are_one_line_and_name_the_file() {
    let dir = hostile_bank();
    let r = run(
        dir.path(),
        &[
            "report",
            "bank",
            "-o",
            "missing/dir/bank.html",
            "--no-config",
        ],
    );
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("starlint: error: missing/dir/bank.html: cannot write: "),
        "{}",
        r.stderr
    );
    // A missing input is named; the other files are still reported.
    let r = run(
        dir.path(),
        &[
            "export",
            "bank",
            "nowhere.md",
            "--format",
            "csv",
            "--no-config",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nowhere.md"), "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    let r = run(
        dir.path(),
        &["report", "bank", "--jd", "no-jd.md", "--no-config"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("starlint: error: no-jd.md: cannot read: ")
            && r.stderr.lines().count() == 1,
        "{}",
        r.stderr
    );
}

#[test]
fn an_empty_bank_still_makes_a_page() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("notes.md"),
        "# Notes\n\nNothing here yet.\n",
    )
    .unwrap();
    let r = run(dir.path(), &["report", "--no-config"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("0 stories in 1 file"), "{}", r.stdout);
    assert!(r.stdout.contains("No stories found."));
    let r = run(dir.path(), &["export", "--format", "csv", "--no-config"]);
    assert_eq!(
        r.stdout,
        "title,path,line,principles,parts,words,seconds,state,problems,codes\r\n"
    );
}

#[test]
fn bank_diagnostics_belong_to_their_story() {
    let dir = hostile_bank();
    let text = std::fs::read_to_string(dir.path().join("bank/stories.md")).unwrap();
    std::fs::write(dir.path().join("bank/again.md"), text).unwrap();
    let r = run(
        dir.path(),
        &["export", "bank", "--format", "csv", "--no-config"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The second telling is the duplicate (files are read in path order: again.md first).
    let rows: Vec<&str> = r.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{}", r.stdout);
    assert!(
        rows[1].contains("bank/stories.md") && rows[1].ends_with("BANK002"),
        "{}",
        r.stdout
    );
    assert!(!rows[0].contains("BANK002"), "{}", r.stdout);
    let page = run(dir.path(), &["report", "bank", "--no-config"]);
    assert!(
        page.stdout
            .contains("docs/rules/BANK002.md\">BANK002</a> <span class=\"where\">3:4</span>"),
        "{}",
        page.stdout
    );
}
