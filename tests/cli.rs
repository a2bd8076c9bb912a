//! CLI tests: real runs of the `starlint` binary on temporary directories.
// Test code: a failed unwrap or index is a failed test, which is what we want.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A story with nothing to report under the default rules.
const CLEAN: &str = "\
# Cutting the nightly build time

Leadership Principles: Frugality, Deliver Results

**Situation:** Our nightly build took 95 minutes, and engineers waited for it every morning.

**Task:** As the build owner, I had to bring it under 30 minutes without any budget for new machines.

**Action:** I profiled every step of the build and found that 60% of the time went to tests that ran twice. I removed the duplicate runs, split the slowest suite into four shards, and cached the dependency downloads. I measured the build every night for two weeks to confirm the gain held.

**Result:** I delivered a nightly build of 22 minutes instead of 95, at no extra cost.
";

/// Two stories with warnings, an unsafe-fixable `we` and a safe-fixable principle typo.
const BANK: &str = "\
# Story bank

## Fixing the flaky deploys

Leadership Principles: Ownership, Custmer Obsession

**Situation:** Deploys failed about once a week.

**Task:** I had to make them reliable.

**Action:** We rewrote the deploy script and we added retries.

**Result:** The deploys were much better.

## The launch I rushed

**Situation:** A partner launch was moved up by a month.

**Action:** I cut the scope to the two features the partner needed and shipped them in 3 weeks.

**Result:** The partner launched on the new date with 2 features.
";

fn starlint() -> &'static Path {
    starlint_tests::starlint_bin()
}

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{}", self.stdout))
    }

    fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

fn run_full(dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::new(starlint());
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RAYON_NUM_THREADS")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn starlint");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let run = Run {
        code: out.status.code().expect("exited by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{run:?}"
    );
    run
}

fn run(dir: &Path, args: &[&str]) -> Run {
    run_full(dir, args, &[], None)
}

/// A temporary directory with the given files.
fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

/// The first object after `after` in a JSON text has these keys first, in this order (serde_json's
/// `Value` sorts keys, so the order is checked on the text).
fn assert_keys_in_order(json: &str, after: &str, keys: &[&str]) {
    let mut at = json.find(after).expect("anchor") + after.len();
    for key in keys {
        let quoted = format!("\"{key}\":");
        let found = json[at..]
            .find(&quoted)
            .unwrap_or_else(|| panic!("no {quoted} after offset {at}"));
        at += found + quoted.len();
    }
}

fn codes(run: &Run) -> Vec<String> {
    run.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

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

// ---------------------------------------------------------------------------------------------
// `starlint coverage`

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

// ---------------------------------------------------------------------------------------------
// `check --changed-since REF` on a real git repository

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
