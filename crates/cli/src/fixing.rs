//! `--fix` and `--diff`: fixing a text to a fixpoint while keeping its BOM and line endings,
//! writing it back atomically (temp file in the same directory + rename, permissions kept, never
//! over a file that changed since it was read), and unified diffs.

use starlint_lint::fix::fix_text;
use starlint_lint::{Applicability, DocKind, Settings};
use std::io::Write;
use std::path::Path;

/// Rounds of lint-and-fix before giving up on reaching a fixpoint.
const MAX_ROUNDS: usize = 10;

/// The fixed text and how many fixes went into it.
pub fn fix(
    original: &str,
    settings: &Settings,
    kind: Option<DocKind>,
    min: Applicability,
) -> (String, usize) {
    let outcome = fix_text(original, settings, kind, min, MAX_ROUNDS);
    if outcome.applied == 0 {
        return (original.to_string(), 0);
    }
    (keep_format(original, outcome.text), outcome.applied)
}

/// Keep the original's BOM and CRLF line endings in the fixed text (fixes write `\n`).
fn keep_format(original: &str, fixed: String) -> String {
    let mut out = if uses_crlf(original) {
        to_crlf(&fixed)
    } else {
        fixed
    };
    if original.starts_with('\u{feff}') && !out.starts_with('\u{feff}') {
        // A fix inserted text before the BOM: move the BOM back to the front.
        out = out.replacen('\u{feff}', "", 1);
        out.insert(0, '\u{feff}');
    }
    out
}

/// Does every line of the text end in CRLF?
fn uses_crlf(text: &str) -> bool {
    let lf = text.matches('\n').count();
    lf > 0 && text.matches("\r\n").count() == lf
}

fn to_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut previous = '\0';
    for c in text.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file on disk is no longer what was read.
    Changed,
    Io(std::io::Error),
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Replace a file's content atomically: a temp file in the same directory with the original's
/// permissions, renamed over the file, unless the file changed since `original` was read.
/// A symlink is followed: its target is replaced, the link stays.
pub fn write_atomic(path: &Path, original: &str, new_text: &str) -> Result<(), WriteError> {
    let target = std::fs::canonicalize(path)?;
    let permissions = std::fs::metadata(&target)?.permissions();
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(new_text.as_bytes())?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), permissions)?;
    // Checked as late as possible: an editor may have saved the file while we were fixing it.
    if std::fs::read(&target)? != original.as_bytes() {
        return Err(WriteError::Changed);
    }
    temp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
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
        write_atomic(&path, &now, "**Action:** I rebuilt it.\n").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "**Action:** I rebuilt it.\n"
        );
    }

    #[test]
    fn crlf_and_bom_are_kept() {
        let original = "\u{feff}a\r\nb\r\n";
        assert_eq!(
            keep_format(original, "a\r\nnew\nb\r\n".to_string()),
            "\u{feff}a\r\nnew\r\nb\r\n"
        );
        assert_eq!(
            keep_format("a\nb\n", "a\nnew\nb\n".to_string()),
            "a\nnew\nb\n"
        );
    }

    #[test]
    fn mixed_endings_are_left_alone() {
        assert!(!uses_crlf("a\r\nb\n"));
        assert!(uses_crlf("a\r\nb\r\n"));
    }
}
