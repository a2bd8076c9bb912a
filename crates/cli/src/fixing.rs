//! `--fix` and `--diff`: the engine's fixpoint over a file's text, written back atomically
//! (temp file in the same directory + rename, permissions kept, never over a file that changed
//! since it was read), and unified diffs.

use starlint_lint::fix::fix_text;
use starlint_lint::{Applicability, DocKind, Settings};
use std::io::Write;
use std::path::Path;

/// The fixed text and how many fixes went into it: the engine's fixpoint, which keeps the
/// text's line endings and BOM.
pub fn fix(
    original: &str,
    settings: &Settings,
    kind: Option<DocKind>,
    name: &str,
    min: Applicability,
) -> (String, usize) {
    let outcome = fix_text(original, settings, kind, Some(name), min);
    if outcome.applied == 0 {
        return (original.to_string(), 0);
    }
    (outcome.text, outcome.applied)
}

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file on disk is no longer what was read.
    Changed,
    /// The file is read-only: a fix never replaces it.
    ReadOnly,
    Io(std::io::Error),
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Replace a file's content atomically: a temp file in the same directory with the original's
/// permissions, renamed over the file, unless the file changed since `original` was read.
/// A symlink is followed: its target is replaced, the link stays. A read-only file is never
/// replaced (the rename would succeed in a writable directory). Returns `Ok(false)` when the file
/// already holds `new_text` (another run fixed it meanwhile): nothing is written.
pub fn write_atomic(path: &Path, original: &str, new_text: &str) -> Result<bool, WriteError> {
    let target = std::fs::canonicalize(path)?;
    let metadata = std::fs::metadata(&target)?;
    let permissions = metadata.permissions();
    // `readonly()` holds for root too (who may write anyway); opening for writing (without
    // truncating) catches a file owned by someone else.
    if permissions.readonly() {
        return Err(WriteError::ReadOnly);
    }
    if let Err(e) = std::fs::OpenOptions::new().write(true).open(&target) {
        return Err(if e.kind() == std::io::ErrorKind::PermissionDenied {
            WriteError::ReadOnly
        } else {
            WriteError::Io(e)
        });
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    sweep_stale_temps(dir);
    // Removed on any error (dropped); a run killed outright (SIGKILL, a file-size limit's
    // SIGXFSZ) leaves it, named `.starlint-fix-<pid>-<random>.tmp`: a later `--fix` in the same
    // directory removes it once that process is gone, and a walk never picks it up (not `.md`).
    let mut temp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    temp.write_all(new_text.as_bytes())?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), permissions)?;
    // Checked as late as possible: an editor may have saved the file while we were fixing it.
    let now = std::fs::read(&target)?;
    if now != original.as_bytes() {
        // A concurrent `--fix` already wrote the very same fix: nothing is lost, nothing to do.
        if now == new_text.as_bytes() {
            return Ok(false);
        }
        return Err(WriteError::Changed);
    }
    temp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    Ok(true)
}

/// How a fix's temporary file is named: `.starlint-fix-<pid>-<random>.tmp`.
const TEMP_PREFIX: &str = ".starlint-fix-";
const TEMP_SUFFIX: &str = ".tmp";

/// Remove the temporary files that killed runs left in a directory (once per directory per
/// run): those whose process is gone (on Linux, no `/proc/<pid>`), elsewhere those over an hour
/// old. Best effort: any error leaves the file.
fn sweep_stale_temps(dir: &Path) {
    static SWEPT: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());
    {
        let Ok(mut swept) = SWEPT.lock() else { return };
        if swept.iter().any(|d| d == dir) {
            return;
        }
        swept.push(dir.to_path_buf());
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let proc = Path::new("/proc/self").exists();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(rest) = name
            .strip_prefix(TEMP_PREFIX)
            .and_then(|r| r.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let stale = if proc {
            pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists()
        } else {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600)
        };
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A unified diff of one file's fixes (empty when nothing changes).
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(path, path)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.md");
        std::fs::write(&path, "**Action:** We rebuilt it, edited meanwhile.\n").unwrap();
        // What the fixer read before the editor saved the new text above.
        let read_earlier = "**Action:** We rebuilt it.\n";
        let result = write_atomic(&path, read_earlier, "**Action:** I rebuilt it.\n");
        assert!(matches!(result, Err(WriteError::Changed)));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "**Action:** We rebuilt it, edited meanwhile.\n"
        );
        // Nothing is left behind in the directory either.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let now = std::fs::read_to_string(&path).unwrap();
        assert!(write_atomic(&path, &now, "**Action:** I rebuilt it.\n").unwrap());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "**Action:** I rebuilt it.\n"
        );
    }

    #[test]
    fn a_read_only_file_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.md");
        std::fs::write(&path, "old\n").unwrap();
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        let result = write_atomic(&path, "old\n", "new\n");
        assert!(matches!(result, Err(WriteError::ReadOnly)));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_another_run_already_fixed_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.md");
        std::fs::write(&path, "new\n").unwrap();
        assert!(!write_atomic(&path, "old\n", "new\n").unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn temp_files_of_dead_runs_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        // No process has a pid this large on Linux (pid_max is at most 2^22).
        let stale = dir.path().join(".starlint-fix-4294967294-abc.tmp");
        let other = dir.path().join(".starlint-fix-notes.tmp");
        std::fs::write(&stale, "partial").unwrap();
        std::fs::write(&other, "kept").unwrap();
        let path = dir.path().join("story.md");
        std::fs::write(&path, "old\n").unwrap();
        write_atomic(&path, "old\n", "new\n").unwrap();
        if Path::new("/proc/self").exists() {
            assert!(!stale.exists());
        }
        assert!(other.exists());
    }
}
