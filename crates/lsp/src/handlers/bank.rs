//! The workspace bank in the server: keeping each folder's file summaries current (scan, open,
//! save, close, files changed on disk), re-running the bank rules when they change, and the
//! `starlint.coverage` command.

use crate::workspace::{self, Folder};
use crate::{lint_for_push, Outbox, State};
use starlint_lint::bank::FileSummary;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tower_lsp::lsp_types::*;

/// The command that returns the coverage table.
pub const COVERAGE_COMMAND: &str = "starlint.coverage";

/// The summary of an open document's current text.
pub fn open_summary(state: &State, uri: &Url) -> Option<(PathBuf, FileSummary)> {
    let path = uri.to_file_path().ok()?;
    state.workspace.folder_of(&path)?;
    let doc = state.docs.get(uri)?;
    Some((path, workspace::summarize_text(&doc.text, doc.settings())))
}

/// A file's summary changed (or the file is gone: `None`): re-run its folder's bank.
pub(crate) fn update_file(
    state: &mut State,
    path: &Path,
    summary: Option<FileSummary>,
    out: &mut Outbox,
) {
    let Some(i) = state.workspace.folder_of(path) else {
        return;
    };
    let Some(folder) = state.workspace.folders.get_mut(i) else {
        return;
    };
    let same = match &summary {
        Some(s) => folder.files.get(path) == Some(s),
        None => !folder.files.contains_key(path),
    };
    match summary {
        Some(s) => {
            folder.files.insert(path.to_path_buf(), s);
        }
        None => {
            folder.files.remove(path);
        }
    }
    if !same && folder.scanned {
        relint_folder(state, i, out);
    }
}

/// A folder's scan finished: take its summaries (open documents keep their own).
pub(crate) fn install_scan(
    state: &mut State,
    root: &Path,
    mut files: BTreeMap<PathBuf, FileSummary>,
    out: &mut Outbox,
) {
    let Some(i) = state.workspace.folders.iter().position(|f| f.root == root) else {
        return;
    };
    let open: Vec<Url> = state.docs.keys().cloned().collect();
    for uri in open {
        if let Some((path, summary)) = open_summary(state, &uri) {
            if path.starts_with(root) {
                files.insert(path, summary);
            }
        }
    }
    if let Some(folder) = state.workspace.folders.get_mut(i) {
        folder.files = files;
        folder.scanned = true;
    }
    relint_folder(state, i, out);
}

/// Run folder `i`'s bank rules; re-publish (push) or ask for a re-pull (pull) where they changed.
pub(crate) fn relint_folder(state: &mut State, i: usize, out: &mut Outbox) {
    let settings = folder_settings(state, i);
    let Some(folder) = state.workspace.folders.get_mut(i) else {
        return;
    };
    let changed = folder.relint(&settings);
    if changed.is_empty() {
        return;
    }
    state.workspace.generation += 1;
    if state.pull {
        out.refresh |= state.refresh_support;
        return;
    }
    let uris: Vec<Url> = changed
        .iter()
        .filter_map(|p| Url::from_file_path(p).ok())
        .filter(|u| state.docs.contains_key(u))
        .collect();
    for uri in uris {
        lint_for_push(state, &uri, out);
    }
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
pub fn diagnostics_for(state: &mut State, uri: &Url) -> Vec<Diagnostic> {
    let Ok(path) = uri.to_file_path() else {
        return Vec::new();
    };
    if state.workspace.folder_of(&path).is_none() {
        return Vec::new();
    }
    let enc = state.enc();
    let Some(doc) = state.docs.get_mut(uri) else {
        return Vec::new();
    };
    let analysis = doc.analysis();
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
        .and_then(|s| Url::parse(s).ok())
        .and_then(|u| u.to_file_path().ok());
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

/// Files changed on disk: Markdown files update their folder's bank (open documents keep
/// their buffer's summary until saved or closed).
pub(crate) fn watched(state: &mut State, changes: &[FileEvent], out: &mut Outbox) {
    for change in changes {
        let Ok(path) = change.uri.to_file_path() else {
            continue;
        };
        if !workspace::is_bank_file(&path) || state.docs.contains_key(&change.uri) {
            continue;
        }
        let summary = if change.typ == FileChangeType::DELETED {
            None
        } else {
            workspace::read_text(&path).map(|text| {
                let (settings, _) = state.config.settings_for(Some(&path));
                workspace::summarize_text(&text, &settings)
            })
        };
        update_file(state, &path, summary, out);
    }
}
