//! File-system faults through the real binary (issue 11, §4): a read-only file under `--fix`,
//! FIFOs in place of a file to check, an `extend` target or the cache. Every case must finish
//! (a FIFO opened for reading would block for ever), say one line naming the file, and lose
//! nothing. `tests/e2e/faults.sh` covers the rest (concurrent runs, kills, closed pipes).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use starlint_tests::starlint_bin;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A story with a safe fix (`Custmer` → `Customer`).
const STORY: &str = "## Cutting the report job\n\nLeadership Principles: Custmer Obsession\n\n\
**Situation:** The nightly job took 40 minutes.\n\n**Task:** I had to make it faster.\n\n\
**Action:** I rewrote the query.\n\n**Result:** It now takes 6 minutes.\n";

/// Run starlint in `dir`; killed (and the test failed) after 30 s.
fn run(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(starlint_bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("starlint {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn errors(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.starts_with("starlint: error:"))
        .map(str::to_string)
        .collect()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn fix_never_replaces_a_read_only_file_and_fixes_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), STORY).unwrap();
    let locked = dir.path().join("b.md");
    std::fs::write(&locked, STORY).unwrap();
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&locked, permissions).unwrap();

    let out = run(dir.path(), &["check", "--no-config", "--fix", "."]);
    assert_eq!(out.status.code(), Some(2));
    let errors = errors(&out);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("b.md: cannot write fix: permission denied"),
        "{errors:?}"
    );
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), STORY);
    assert!(std::fs::metadata(&locked).unwrap().permissions().readonly());
    let fixed = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert!(fixed.contains("Customer Obsession"), "{fixed}");
    // No temporary file is left beside them.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[cfg(unix)]
#[test]
fn a_fifo_to_check_is_an_error_and_the_other_files_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), STORY).unwrap();
    mkfifo(&dir.path().join("f.md"));
    for args in [
        &["check", "--no-config", "f.md", "a.md"][..],
        &["check", "--no-config", "."],
    ] {
        let out = run(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let errors = errors(&out);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("f.md: cannot read: not a regular file"),
            "{errors:?}"
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("a.md:"));
    }
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_to_check_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), STORY).unwrap();
    std::os::unix::fs::symlink("nowhere.md", dir.path().join("s.md")).unwrap();
    for args in [
        &["check", "--no-config", "s.md", "a.md"][..],
        &["check", "--no-config", "."],
    ] {
        let out = run(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let errors = errors(&out);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("s.md: cannot read: dangling symbolic link"),
            "{errors:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_extend_pointing_at_a_fifo_is_a_config_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), STORY).unwrap();
    std::fs::write(dir.path().join("starlint.toml"), "extend = \"base.toml\"\n").unwrap();
    mkfifo(&dir.path().join("base.toml"));
    let out = run(dir.path(), &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(2));
    let errors = errors(&out);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("base.toml: cannot read config: not a regular file"),
        "{errors:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_the_cache_file_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), STORY).unwrap();
    let first = run(dir.path(), &["check", "--no-config", "a.md"]);
    let cache_dir = dir.path().join(".starlint_cache");
    let cache = std::fs::read_dir(&cache_dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap();
    std::fs::remove_file(&cache).unwrap();
    mkfifo(&cache);
    let second = run(dir.path(), &["check", "--no-config", "a.md"]);
    assert_eq!(second.status.code(), first.status.code());
    assert_eq!(second.stdout, first.stdout);
    assert!(errors(&second).is_empty());
}
