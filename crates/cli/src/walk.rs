//! Finding the inputs: explicit files, `-` for stdin, and directories walked with the `ignore`
//! crate (honouring `.gitignore` and friends, in a git repository or not).

use std::path::{Path, PathBuf};

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file: the path as given on the command line or as walked.
    File(PathBuf),
    Stdin,
}

/// What walking the command line's paths found.
#[derive(Debug, Default)]
pub struct Walked {
    pub inputs: Vec<Input>,
    /// I/O problems: `(path, message)`; each makes the exit code 2.
    pub errors: Vec<(String, String)>,
    /// Problems that do not stop anything (an ignore file with a bad glob).
    pub warnings: Vec<String>,
}

/// Extensions picked when walking a directory.
const EXTENSIONS: [&str; 2] = ["md", "markdown"];

/// Expand the command line's paths (none = `.`).
pub fn collect(paths: &[PathBuf]) -> Walked {
    let mut walked = Walked::default();
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    for path in paths {
        if path.as_os_str() == "-" {
            walked.inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, &mut walked),
            Ok(_) => walked.inputs.push(Input::File(path.clone())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && path.is_symlink() => {
                walked.errors.push((
                    crate::paths::display(path),
                    "cannot read: dangling symbolic link".to_string(),
                ));
            }
            Err(e) => walked.errors.push((
                crate::paths::display(path),
                format!("cannot read: {}", io_text(&e)),
            )),
        }
    }
    walked
}

fn walk_dir(root: &Path, walked: &mut Walked) {
    let walker = ignore::WalkBuilder::new(root).require_git(false).build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.depth() == 0 || !has_markdown_extension(entry.path()) {
                    continue;
                }
                // A symlink is checked when it points at a file; one to a directory is not
                // followed. A dangling symlink, a FIFO, a socket or a device named like a
                // Markdown file is an error (never opened: a FIFO would block).
                let problem = match entry.file_type() {
                    Some(t) if t.is_file() => None,
                    Some(t) if t.is_dir() => continue,
                    Some(t) if t.is_symlink() => match std::fs::metadata(entry.path()) {
                        Ok(meta) if meta.is_file() => None,
                        Ok(meta) if meta.is_dir() => continue,
                        Ok(_) => Some("not a regular file (a FIFO, socket or device)".to_string()),
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                            Some("dangling symbolic link".to_string())
                        }
                        Err(e) => Some(io_text(&e)),
                    },
                    _ => Some("not a regular file (a FIFO, socket or device)".to_string()),
                };
                match problem {
                    None => walked.inputs.push(Input::File(entry.into_path())),
                    Some(message) => walked.errors.push((
                        crate::paths::display(entry.path()),
                        format!("cannot read: {message}"),
                    )),
                }
            }
            Err(err) => {
                let (path, message) = describe(&err);
                let shown = path
                    .as_deref()
                    .map_or_else(|| crate::paths::display(root), crate::paths::display);
                if err.io_error().is_some() {
                    walked
                        .errors
                        .push((shown, format!("cannot read: {message}")));
                } else {
                    walked.warnings.push(format!("{shown}: {message}"));
                }
            }
        }
    }
}

fn has_markdown_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The path an `ignore` error is about, and what went wrong, without the path repeated.
fn describe(err: &ignore::Error) -> (Option<PathBuf>, String) {
    match err {
        ignore::Error::WithPath { path, err } => {
            let (inner, message) = describe(err);
            (inner.or_else(|| Some(path.clone())), message)
        }
        ignore::Error::WithDepth { err, .. } => describe(err),
        ignore::Error::WithLineNumber { line, err } => {
            let (path, message) = describe(err);
            (path, format!("line {line}: {message}"))
        }
        ignore::Error::Partial(errors) => {
            let mut path = None;
            let mut messages = Vec::new();
            for e in errors {
                let (p, m) = describe(e);
                path = path.or(p);
                messages.push(m);
            }
            (path, messages.join("; "))
        }
        ignore::Error::Loop { child, .. } => {
            (Some(child.clone()), "symbolic link loop".to_string())
        }
        ignore::Error::Io(e) => (None, io_text(e)),
        other => (None, other.to_string()),
    }
}

/// An I/O error as a short phrase (`No such file or directory`), without `(os error 2)`.
pub fn io_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text.get(..i).unwrap_or(&text).to_string(),
        None => text,
    }
}
