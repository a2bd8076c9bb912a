//! `starlint check`: exit codes, config errors, selection, stdin, files, threads, the cache and fixes.

use super::support::*;
use std::path::PathBuf;

#[test]
fn clean_file_exits_0() {
    let dir = project(&[("clean.md", CLEAN.as_bytes())]);
    let r = run(dir.path(), &["check", "clean.md"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.stdout, "No problems in 1 file.\n");
    assert_eq!(r.stderr, "");
    let quiet = run(dir.path(), &["check", "--quiet", "clean.md"]);
    assert_eq!((quiet.code, quiet.stdout.as_str()), (0, ""));
}

#[test]
fn problems_exit_1_with_a_summary() {
    let dir = project(&[("bank.md", BANK.as_bytes())]);
    let r = run(dir.path(), &["check", "bank.md"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.starts_with("bank.md:5:"), "{}", r.stdout);
    let last = r.stdout.lines().last().unwrap();
    assert!(
        last.contains(" problems (") && last.ends_with("more with --unsafe-fixes"),
        "{last}"
    );
    // Exactly one blank line between diagnostics, none doubled.
    assert!(!r.stdout.contains("\n\n\n"), "{}", r.stdout);
}

#[test]
fn missing_file_and_good_file_are_both_reported_with_exit_2() {
    let dir = project(&[("bank.md", BANK.as_bytes())]);
    let r = run(dir.path(), &["check", "missing.md", "bank.md"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stdout.contains("bank.md:11:13: warning[STAR005]"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("in 1 file;"), "{}", r.stdout);
    assert_eq!(
        r.stderr_lines(),
        ["starlint: error: missing.md: cannot read: No such file or directory"]
    );
}

#[test]
fn bad_config_is_one_line_naming_file_and_line() {
    let config = "select = [\"STAR\"]\n\n[rules.story-too-long]\nmax-wrds = 10\n";
    let dir = project(&[
        ("starlint.toml", config.as_bytes()),
        ("stories/a.md", CLEAN.as_bytes()),
    ]);
    let r = run(dir.path(), &["check"]);
    assert_eq!(r.code, 2, "{r:?}");
    let lines = r.stderr_lines();
    assert_eq!(lines.len(), 1, "{r:?}");
    assert!(
        lines[0].starts_with("starlint: error: starlint.toml:4: "),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("max-wrds"), "{}", lines[0]);

    // The same file given with --config.
    let r = run(
        dir.path(),
        &["check", "--config", "starlint.toml", "stories"],
    );
    assert_eq!(r.code, 2, "{r:?}");
    assert_eq!(r.stderr_lines().len(), 1, "{r:?}");
}

#[test]
fn fail_on_sets_the_threshold() {
    // BANK has warnings and infos, no errors (without its principle typo).
    let bank = BANK.replace(", Custmer Obsession", "");
    let dir = project(&[("bank.md", bank.as_bytes())]);
    assert_eq!(run(dir.path(), &["check", "bank.md"]).code, 1);
    assert_eq!(
        run(dir.path(), &["check", "--fail-on", "never", "bank.md"]).code,
        0
    );
    assert_eq!(
        run(dir.path(), &["check", "--fail-on", "error", "bank.md"]).code,
        0
    );
    assert_eq!(
        run(dir.path(), &["check", "--fail-on", "info", "bank.md"]).code,
        1
    );
    let typo = project(&[("bank.md", BANK.as_bytes())]);
    assert_eq!(
        run(typo.path(), &["check", "--fail-on", "error", "bank.md"]).code,
        1
    );
}

#[test]
fn select_and_ignore() {
    let dir = project(&[("bank.md", BANK.as_bytes())]);
    let only = run(
        dir.path(),
        &[
            "check", "--format", "json", "--select", "STAR005", "bank.md",
        ],
    );
    // One STAR005 diagnostic per sentence: "We rewrote … and we added …" is reported once.
    assert_eq!(codes(&only), ["STAR005"]);
    let by_name = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "we-language,STYLE",
            "bank.md",
        ],
    );
    assert!(
        codes(&by_name)
            .iter()
            .all(|c| c == "STAR005" || c.starts_with("STYLE")),
        "{by_name:?}"
    );
    assert!(
        codes(&by_name).iter().any(|c| c.starts_with("STYLE")),
        "{by_name:?}"
    );
    let ignored = run(
        dir.path(),
        &[
            "check", "--format", "json", "--ignore", "STAR005", "--ignore", "LP", "bank.md",
        ],
    );
    let ignored = codes(&ignored);
    assert!(
        !ignored.is_empty()
            && ignored
                .iter()
                .all(|c| c != "STAR005" && !c.starts_with("LP")),
        "{ignored:?}"
    );
    let unknown = run(dir.path(), &["check", "--select", "STAR999", "bank.md"]);
    assert_eq!(unknown.code, 2);
    assert_eq!(unknown.stdout, "");
    assert_eq!(unknown.stderr_lines().len(), 1, "{unknown:?}");
}

#[test]
fn json_shape_and_positions_in_scalar_values() {
    let story = "# Shipping the app\n\nLeadership Principles: Ownership\n\n**Situation:** The release was late.\n\n**Task:** I owned the release.\n\n**Action:** 🚀 We shipped the app in 2 weeks.\n\n**Result:** Crashes fell by 40%.\n";
    let dir = project(&[("s.md", story.as_bytes()), ("bank.md", BANK.as_bytes())]);
    let r = run(
        dir.path(),
        &["check", "--format", "json", "s.md", "bank.md"],
    );
    assert_eq!(r.code, 1, "{r:?}");
    let json = r.json();
    assert_eq!(json["version"], 1);
    let summary = json["summary"].as_object().unwrap();
    assert_keys_in_order(
        &r.stdout,
        "\"summary\"",
        &[
            "files", "stories", "prfaqs", "errors", "warnings", "infos", "fixable",
        ],
    );
    assert_eq!(summary.len(), 7);
    assert_eq!(summary["files"], 2);
    assert_eq!(summary["stories"], 3);
    assert_eq!(summary["prfaqs"], 0);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let total = summary["errors"].as_u64().unwrap()
        + summary["warnings"].as_u64().unwrap()
        + summary["infos"].as_u64().unwrap();
    assert_eq!(total as usize, diagnostics.len());
    assert!(
        summary["fixable"].as_u64().unwrap() >= 1,
        "the principle typo has a safe fix"
    );
    // Sorted by path, then offset.
    let order: Vec<(String, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["range"]["start"]["offset"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);

    let we = diagnostics
        .iter()
        .find(|d| d["path"] == "s.md" && d["code"] == "STAR005")
        .expect("STAR005 in s.md");
    assert_eq!(we.as_object().unwrap().len(), 8);
    assert_keys_in_order(
        &r.stdout,
        "\"diagnostics\"",
        &[
            "path", "code", "rule", "severity", "message", "range", "story", "fix",
        ],
    );
    assert_eq!(we["rule"], "we-language");
    assert_eq!(we["severity"], "warning");
    assert_eq!(we["story"], "Shipping the app");
    let offset = story.find("We shipped").unwrap();
    assert_eq!(
        we["range"]["start"],
        serde_json::json!({"line": 9, "column": 15, "offset": offset})
    );
    assert_eq!(
        we["range"]["end"],
        serde_json::json!({"line": 9, "column": 17, "offset": offset + 2})
    );
    let fix = &we["fix"];
    assert_eq!(fix["applicability"], "unsafe");
    assert!(fix["message"].as_str().unwrap().contains("We"));
    let edit = &fix["edits"][0];
    assert_eq!(edit["new_text"], "I");
    assert_eq!(edit["range"]["start"]["column"], 15);
    let no_fix = diagnostics
        .iter()
        .find(|d| d["code"] == "STAR004")
        .expect("STAR004 in bank.md");
    assert!(no_fix["fix"].is_null());
}

#[test]
fn stdin_with_a_filename() {
    let dir = project(&[]);
    let r = run_full(
        dir.path(),
        &["check", "--stdin-filename", "notes/bank.md", "-"],
        &[],
        Some(BANK.as_bytes()),
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.starts_with("notes/bank.md:5:"), "{}", r.stdout);
    // Alone, --stdin-filename means stdin; its config is found from the name's directory.
    std::fs::create_dir_all(dir.path().join("team")).unwrap();
    std::fs::write(
        dir.path().join("team/starlint.toml"),
        "ignore = [\"we-language\"]\n",
    )
    .unwrap();
    let r = run_full(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "team/bank.md",
        ],
        &[],
        Some(BANK.as_bytes()),
    );
    assert_eq!(r.json()["diagnostics"][0]["path"], "team/bank.md");
    assert!(
        !codes(&r).is_empty() && !codes(&r).iter().any(|c| c == "STAR005"),
        "{r:?}"
    );
    let plain = run_full(
        dir.path(),
        &["check", "--format", "json", "-"],
        &[],
        Some(CLEAN.as_bytes()),
    );
    assert_eq!(plain.code, 0, "{plain:?}");
    assert_eq!(plain.json()["summary"]["files"], 1);
}

#[test]
fn gitignore_is_honoured_outside_git() {
    let dir = project(&[
        (".gitignore", b"drafts/\nscratch.md\n"),
        ("good.md", CLEAN.as_bytes()),
        ("scratch.md", BANK.as_bytes()),
        ("drafts/bank.md", BANK.as_bytes()),
        ("notes.txt", BANK.as_bytes()),
    ]);
    let r = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(r.json()["summary"]["files"], 1);
    // A file named on the command line is checked whatever its extension or ignore status.
    let r = run(
        dir.path(),
        &["check", "--format", "json", "notes.txt", "scratch.md"],
    );
    assert_eq!(r.json()["summary"]["files"], 2);
}

#[test]
fn non_utf8_file_is_read_as_windows_1252() {
    // A cp1252 e-acute (0xE9) and curly quotes (0x93, 0x94) before a bank with `we` in an Action.
    let mut cp1252 = b"Caf\xe9 notes, \x93drafts\x94.\n\n".to_vec();
    cp1252.extend_from_slice(BANK.as_bytes());
    assert!(std::str::from_utf8(&cp1252).is_err());
    let dir = project(&[("old.md", &cp1252)]);
    let r = run(dir.path(), &["check", "old.md"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("warning[STAR005]"), "{}", r.stdout);
    assert_eq!(
        r.stderr_lines(),
        ["starlint: warning: old.md: not valid UTF-8; read as Windows-1252"]
    );
    // --fix never rewrites it.
    let r = run(dir.path(), &["check", "--fix", "--unsafe-fixes", "old.md"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains("old.md: not valid UTF-8: not fixed"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(dir.path().join("old.md")).unwrap(), cp1252);
}

#[test]
fn output_is_the_same_at_any_thread_count() {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..12 {
        let text = if i % 3 == 0 {
            CLEAN.to_string()
        } else {
            BANK.replace("Deploys", &format!("Deploys {i}"))
        };
        files.push((format!("dir{}/story{i:02}.md", i % 4), text.into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_slice()))
        .collect();
    let dir = project(&refs);
    for format in ["human", "json"] {
        let one = run_full(
            dir.path(),
            &["check", "--no-cache", "--format", format],
            &[("RAYON_NUM_THREADS", "1")],
            None,
        );
        let two = run_full(
            dir.path(),
            &["check", "--no-cache", "--format", format],
            &[("RAYON_NUM_THREADS", "2")],
            None,
        );
        let four = run_full(
            dir.path(),
            &["check", "--no-cache", "--format", format],
            &[("RAYON_NUM_THREADS", "4")],
            None,
        );
        assert_eq!(one.code, 1);
        assert_eq!(one.stdout, two.stdout);
        assert_eq!(one.stdout, four.stdout);
    }
}

#[test]
fn cache_gives_the_same_output_and_survives_corruption() {
    let dir = project(&[("bank.md", BANK.as_bytes()), ("clean.md", CLEAN.as_bytes())]);
    let cold = run(dir.path(), &["check", "--no-cache", "--format", "json"]);
    assert!(
        !dir.path().join(".starlint_cache").exists(),
        "--no-cache writes nothing"
    );
    let fill = run(dir.path(), &["check", "--format", "json"]);
    let warm = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(cold.stdout, fill.stdout);
    assert_eq!(
        cold.stdout, warm.stdout,
        "fixes and all round-trip through the cache"
    );
    assert_eq!((fill.code, warm.code), (1, 1));
    let cache_dir = dir.path().join(".starlint_cache");
    assert_eq!(
        std::fs::read_to_string(cache_dir.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*")
    );
    let cache_files: Vec<PathBuf> = std::fs::read_dir(&cache_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(cache_files.len(), 1, "{cache_files:?}");
    let cache_file = &cache_files[0];
    let human = run(dir.path(), &["check", "--no-cache"]).stdout;

    // A warm run answers from the cache (no parsing): an entry edited in place shows through.
    let good = std::fs::read_to_string(cache_file).unwrap();
    assert!(good.contains("Result has no measurable outcome"));
    std::fs::write(
        cache_file,
        good.replace("Result has no measurable outcome", "From the cache"),
    )
    .unwrap();
    let r = run(dir.path(), &["check"]);
    assert!(
        r.stdout
            .contains("bank.md:13:3: warning[STAR004] From the cache"),
        "{}",
        r.stdout
    );

    // Truncated, garbage, and foreign-but-well-formed caches are all ignored.
    let good = std::fs::read(cache_file).unwrap();
    for broken in [
        good[..good.len() / 2].to_vec(),
        b"\x00\xffnot json at all".to_vec(),
        br#"{"magic":"starlint-cache","stamp":"x","entries":{}}"#.to_vec(),
        String::from_utf8(good.clone())
            .unwrap()
            .replace("STAR005", "NOPE001")
            .into_bytes(),
    ] {
        std::fs::write(cache_file, &broken).unwrap();
        let r = run(dir.path(), &["check"]);
        assert_eq!(r.code, 1, "{r:?}");
        assert_eq!(r.stdout, human);
        assert_eq!(r.stderr, "");
    }

    // An edited file is re-checked.
    std::fs::write(dir.path().join("bank.md"), CLEAN).unwrap();
    let r = run(dir.path(), &["check"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "No problems in 2 files.\n")
    );
}

#[test]
fn fix_is_atomic_idempotent_and_keeps_permissions() {
    let dir = project(&[("bank.md", BANK.as_bytes())]);
    let path = dir.path().join("bank.md");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    // Safe fixes only: the principle typo.
    let safe = run(dir.path(), &["check", "--fix", "bank.md"]);
    assert_eq!(safe.code, 1, "{safe:?}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Ownership, Customer Obsession"), "{text}");
    assert!(
        text.contains("**Action:** We rewrote"),
        "unsafe fixes wait for --unsafe-fixes"
    );
    assert!(
        safe.stdout.contains("Applied 1 fix in 1 file."),
        "{}",
        safe.stdout
    );

    let first = run(dir.path(), &["check", "--fix", "--unsafe-fixes", "bank.md"]);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(
        fixed.contains("**Action:** I rewrote the deploy script and I added retries."),
        "{fixed}"
    );
    assert!(!first.stdout.contains("we-language"), "{}", first.stdout);
    let second = run(dir.path(), &["check", "--fix", "--unsafe-fixes", "bank.md"]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        fixed,
        "a second --fix changes nothing"
    );
    assert!(!second.stdout.contains("Applied"), "{}", second.stdout);
    assert_eq!(first.code, second.code);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
    // No temp file left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["bank.md"]);
}

#[test]
fn fix_keeps_bom_and_crlf() {
    let crlf = format!("\u{feff}{}", BANK.replace('\n', "\r\n"));
    let dir = project(&[("bank.md", crlf.as_bytes())]);
    let r = run(dir.path(), &["check", "--fix", "--unsafe-fixes", "bank.md"]);
    assert!(r.stdout.contains("Applied"), "{r:?}");
    let fixed = std::fs::read_to_string(dir.path().join("bank.md")).unwrap();
    assert!(
        fixed.starts_with('\u{feff}') && !fixed[3..].contains('\u{feff}'),
        "{fixed:?}"
    );
    assert_eq!(
        fixed.matches('\n').count(),
        fixed.matches("\r\n").count(),
        "{fixed:?}"
    );
    assert!(fixed.contains("I rewrote"), "{fixed:?}");
}

#[test]
fn diff_writes_nothing() {
    let dir = project(&[("bank.md", BANK.as_bytes())]);
    let r = run(
        dir.path(),
        &["check", "--diff", "--unsafe-fixes", "bank.md"],
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stdout.starts_with("--- bank.md\n+++ bank.md\n@@"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("\n-**Action:** We rewrote")
            && r.stdout.contains("\n+**Action:** I rewrote"),
        "{}",
        r.stdout
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("bank.md")).unwrap(),
        BANK
    );
    let clean = project(&[("clean.md", CLEAN.as_bytes())]);
    let r = run(clean.path(), &["check", "--diff", "clean.md"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[test]
fn fix_from_stdin_prints_the_fixed_text() {
    let dir = project(&[]);
    let r = run_full(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "-"],
        &[],
        Some(BANK.as_bytes()),
    );
    assert!(
        r.stdout.contains("**Action:** I rewrote the deploy script"),
        "{r:?}"
    );
    assert!(
        r.stderr.contains("problem"),
        "the report goes to stderr: {r:?}"
    );
}
