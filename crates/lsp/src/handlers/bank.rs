//! The workspace bank in the server: keeping each folder's file summaries current (scan, open,
//! save, close, files changed on disk), re-running the bank rules when they change, and the
//! `starlint.coverage` command.

use crate::workspace::{self, Folder};
use crate::{Outbox, State};
use starlint_lint::bank::FileSummary;
use starlint_lint::Settings;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::*;

/// The command that returns the coverage table.
pub const COVERAGE_COMMAND: &str = "starlint.coverage";

/// A file whose summary may need reading again: its path, the text to read (an open buffer)
/// or `None` for the file on disk, and the settings to read it with.
pub struct Job {
    pub path: PathBuf,
    pub text: Option<Arc<String>>,
    pub settings: Arc<Settings>,
}

impl Job {
    /// Read it (off the lock).
    pub fn run(&self) -> workspace::Read {
        workspace::read_one(
            &self.path,
            self.text.as_deref().map(String::as_str),
            &self.settings,
        )
    }
}

/// The job for an open document, unless its folder already holds a summary of this text (or
/// it is in no folder, or its folder is still being scanned: the scan reads it).
pub fn open_job(state: &mut State, uri: &Uri) -> Option<Job> {
    let path = crate::convert::file_path(uri)?;
    let folder = state.workspace.folder_of(&path)?;
    if !state.workspace.folders.get(folder)?.scanned {
        return None;
    }
    let doc = state.docs.get(uri)?;
    // Over `[files] max-size`: not read into the bank either.
    if doc.too_large().is_some() {
        return None;
    }
    if state
        .workspace
        .is_current(&path, workspace::text_hash(&doc.text))
    {
        return None;
    }
    Some(Job {
        text: Some(Arc::clone(&doc.text)),
        settings: doc.settings().clone(),
        path,
    })
}

/// The job for a file on disk (closed, or changed on disk), if it is in a folder.
pub fn disk_job(state: &mut State, path: &Path) -> Option<Job> {
    state.workspace.folder_of(path)?;
    let (settings, _) = state.config.settings_for(Some(path));
    Some(Job {
        path: path.to_path_buf(),
        text: None,
        settings,
    })
}

/// Take what the jobs read: each folder touched runs its bank rules once.
pub(crate) fn install(state: &mut State, done: Vec<(PathBuf, workspace::Read)>, out: &mut Outbox) {
    let mut touched: Vec<usize> = Vec::new();
    for (path, read) in done {
        let Some(i) = state.workspace.folder_of(&path) else {
            continue;
        };
        let Some(folder) = state.workspace.folders.get_mut(i) else {
            continue;
        };
        let changed = match read {
            Some((hash, summary)) => {
                folder.hashes.insert(path.clone(), hash);
                folder.files.insert(path, summary.clone()) != Some(summary)
            }
            None => {
                folder.hashes.remove(&path);
                folder.files.remove(&path).is_some()
            }
        };
        if changed && folder.scanned && !touched.contains(&i) {
            touched.push(i);
        }
    }
    for i in touched {
        relint_folder(state, i, out);
    }
}

/// A folder's scan finished: take its summaries. Returns jobs for open documents whose buffer
/// differs from the file on disk.
pub(crate) fn install_scan(
    state: &mut State,
    root: &Path,
    files: BTreeMap<PathBuf, (u64, FileSummary)>,
    out: &mut Outbox,
) -> Vec<Job> {
    let Some(i) = state.workspace.folders.iter().position(|f| f.root == root) else {
        return Vec::new();
    };
    if let Some(folder) = state.workspace.folders.get_mut(i) {
        folder.hashes = files.iter().map(|(p, (h, _))| (p.clone(), *h)).collect();
        folder.files = files.into_iter().map(|(p, (_, s))| (p, s)).collect();
        folder.scanned = true;
    }
    relint_folder(state, i, out);
    let open: Vec<Uri> = state.docs.keys().cloned().collect();
    open.iter()
        .filter(|u| crate::convert::file_path(u).is_some_and(|p| p.starts_with(root)))
        .filter_map(|u| open_job(state, u))
        .collect()
}

/// Run folder `i`'s bank rules; re-publish (push) or ask for a re-pull (pull) where they changed.
pub(crate) fn relint_folder(state: &mut State, i: usize, out: &mut Outbox) {
    let settings = folder_settings(state, i);
    let Some(folder) = state.workspace.folders.get_mut(i) else {
        return;
    };
    let (changed, panicked) = folder.relint(&settings);
    let root = folder.root.display().to_string();
    for code in panicked {
        if state.reported.first(code) {
            out.messages.push((
                MessageType::WARNING,
                format!("starlint: rule {code} crashed on the bank in {root}; its diagnostics are missing (please report it)"),
            ));
        }
    }
    if changed.is_empty() {
        return;
    }
    state.workspace.generation += 1;
    if state.pull {
        out.refresh |= state.refresh_support;
        return;
    }
    let uris: Vec<Uri> = changed
        .iter()
        .filter_map(|p| crate::convert::file_uri(p))
        .filter(|u| state.docs.contains_key(u))
        .collect();
    out.lint.extend(uris);
}

fn folder_settings(state: &mut State, i: usize) -> std::sync::Arc<starlint_lint::Settings> {
    let root = state
        .workspace
        .folders
        .get(i)
        .map(|f| f.root.join("starlint-coverage.md"));
    state.config.settings_for(root.as_deref()).0
}

/// Bank diagnostics of an open document, at its stories' current titles.
pub fn diagnostics_for(state: &State, uri: &Uri) -> Vec<Diagnostic> {
    let Some(path) = crate::convert::file_path(uri) else {
        return Vec::new();
    };
    if state.workspace.folder_of(&path).is_none() {
        return Vec::new();
    }
    let enc = state.enc();
    let Some(doc) = state.docs.get(uri) else {
        return Vec::new();
    };
    let analysis = doc.analysed();
    let titles: Vec<(String, std::ops::Range<usize>)> = analysis
        .stories()
        .iter()
        .map(|s| (s.title.clone(), s.title_range.clone()))
        .collect();
    state
        .workspace
        .lsp_diagnostics(&path, &titles, &doc.rope, enc)
}

/// `workspace/executeCommand` `starlint.coverage`: the coverage table of every folder, or of
/// the folder whose URI is given as `{"folder": URI}`.
pub fn coverage(state: &mut State, arguments: &[serde_json::Value]) -> serde_json::Value {
    let wanted: Option<PathBuf> = arguments
        .first()
        .and_then(|a| a.get("folder"))
        .and_then(|f| f.as_str())
        .and_then(crate::convert::parse_uri)
        .and_then(|u| crate::convert::file_path(&u));
    let indices: Vec<usize> = (0..state.workspace.folders.len())
        .filter(|&i| {
            wanted.as_ref().is_none_or(|w| {
                state
                    .workspace
                    .folders
                    .get(i)
                    .is_some_and(|f: &Folder| &f.root == w)
            })
        })
        .collect();
    let mut folders = Vec::new();
    for i in indices {
        let settings = folder_settings(state, i);
        if let Some(folder) = state.workspace.folders.get(i) {
            folders.push(folder.coverage_json(&settings));
        }
    }
    serde_json::json!({ "folders": folders })
}

/// Files changed on disk: jobs to read the Markdown files again (open documents keep their
/// buffer's summary until saved or closed).
pub fn watched(state: &mut State, changes: &[FileEvent]) -> Vec<Job> {
    let mut jobs = Vec::new();
    for change in changes {
        let Some(path) = crate::convert::file_path(&change.uri) else {
            continue;
        };
        if !workspace::is_bank_file(&path) || state.docs.contains_key(&change.uri) {
            continue;
        }
        if let Some(job) = disk_job(state, &path) {
            jobs.push(job);
        }
    }
    jobs
}
