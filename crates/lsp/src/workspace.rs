//! The workspace as a story bank, one per workspace folder: a summary of every Markdown file in
//! the folder (read from disk, or from the open buffer when the file is open and saved), the
//! bank diagnostics (BANK001, BANK002) computed from those summaries, and the coverage table.
//!
//! Summaries change when a folder is scanned, when a document is opened or saved, and when the
//! client reports files changed on disk (`workspace/didChangeWatchedFiles`); typing alone does
//! not re-run the bank. Bank diagnostics are anchored to a story's title, so an open document
//! shows them at the title's current place even after edits above it.

use crate::convert::{self, Encoding, RULE_DOCS};
use crate::coverage_text::{coverage_text, Paint};
use crate::document;
use crate::settings::ConfigStore;
use ropey::Rope;
use starlint_lint::bank::{self, BankFile, Coverage, FileSummary};
use starlint_lint::{Document, Settings};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types as lsp;

/// Files the bank reads, as `starlint check` walks directories.
const EXTENSIONS: [&str; 2] = ["md", "markdown"];
/// A workspace bigger than this is not read as a bank (a monorepo, not a story bank).
const MAX_FILES: usize = 10_000;
/// Files bigger than this are left out of the bank.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A bank diagnostic kept for one file.
#[derive(Debug, Clone)]
pub struct Kept {
    pub diagnostic: starlint_lint::Diagnostic,
    /// The title of the story it is about (where it is shown), if any.
    pub story: Option<(String, usize)>,
    /// The first telling, for BANK002: file, 1-based line.
    pub related: Option<(PathBuf, usize, String)>,
}

/// One workspace folder's bank.
#[derive(Debug)]
pub struct Folder {
    pub root: PathBuf,
    pub name: String,
    /// Every Markdown file's summary, by path: path order is bank order, as in the CLI.
    pub files: BTreeMap<PathBuf, FileSummary>,
    /// The hash of the text each summary was read from (an unchanged text is not re-read).
    pub hashes: HashMap<PathBuf, u64>,
    /// The bank diagnostics of the last run, per file.
    pub diagnostics: HashMap<PathBuf, Vec<Kept>>,
    pub scanned: bool,
}

impl Folder {
    fn new(root: PathBuf) -> Self {
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| root.display().to_string());
        Folder {
            root,
            name,
            files: BTreeMap::new(),
            hashes: HashMap::new(),
            diagnostics: HashMap::new(),
            scanned: false,
        }
    }

    /// A path as shown in messages and the coverage table: relative to the folder.
    pub fn display(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// The settings the bank uses: those of a file at the folder's root, as `starlint
    /// coverage DIR` does.
    pub fn settings(&self, config: &mut ConfigStore) -> Arc<Settings> {
        config
            .settings_for(Some(&self.root.join("starlint-coverage.md")))
            .0
    }

    /// Every file as shown, in bank order.
    fn shown(&self) -> Vec<String> {
        self.files.keys().map(|p| self.display(p)).collect()
    }

    /// The bank's files, named by `shown` (from [`Folder::shown`]).
    fn bank_files<'a>(&'a self, shown: &'a [String]) -> Vec<BankFile<'a>> {
        shown
            .iter()
            .zip(self.files.values())
            .map(|(path, summary)| BankFile { path, summary })
            .collect()
    }

    /// Run the bank rules again. Returns the files whose bank diagnostics changed, and the
    /// rules that panicked.
    pub fn relint(&mut self, settings: &Settings) -> (Vec<PathBuf>, Vec<&'static str>) {
        let paths: Vec<&PathBuf> = self.files.keys().collect();
        let shown = self.shown();
        let (found, panicked) = bank::lint_bank(&self.bank_files(&shown), settings);
        let mut next: HashMap<PathBuf, Vec<Kept>> = HashMap::new();
        for d in found {
            let Some(path) = paths.get(d.file) else {
                continue;
            };
            let summary = self.files.get(*path);
            // The story by title and its rank among same-titled stories of the file.
            let story = summary.and_then(|s| {
                let pos = s
                    .stories
                    .iter()
                    .position(|st| st.range == d.diagnostic.range)?;
                let title = &s.stories.get(pos)?.title;
                let nth = s
                    .stories
                    .iter()
                    .take(pos)
                    .filter(|st| &st.title == title)
                    .count();
                Some((title.clone(), nth))
            });
            let related = d.related.as_ref().and_then(|r| {
                let other = paths.get(r.file)?;
                let line = self
                    .files
                    .get(*other)?
                    .stories
                    .iter()
                    .find(|s| s.range == r.range)
                    .map_or(1, |s| s.line);
                Some(((*other).clone(), line, r.message.clone()))
            });
            next.entry((*path).clone()).or_default().push(Kept {
                diagnostic: d.diagnostic,
                story,
                related,
            });
        }
        let mut changed: Vec<PathBuf> = Vec::new();
        for path in self.diagnostics.keys().chain(next.keys()) {
            let before = self.diagnostics.get(path).map(|v| messages(v));
            let after = next.get(path).map(|v| messages(v));
            if before != after && !changed.contains(path) {
                changed.push(path.clone());
            }
        }
        self.diagnostics = next;
        (changed, panicked)
    }

    /// The coverage table of this folder.
    pub fn coverage(&self, settings: &Settings) -> Coverage {
        let shown = self.shown();
        Coverage::build(&self.bank_files(&shown), settings, None)
    }

    /// The `starlint.coverage` result for this folder (see `editors/vscode`).
    pub fn coverage_json(&self, settings: &Settings) -> serde_json::Value {
        let coverage = self.coverage(settings);
        let paths: Vec<&PathBuf> = self.files.keys().collect();
        let stories: Vec<serde_json::Value> = coverage
            .stories
            .iter()
            .map(|s| {
                let uri = paths
                    .get(s.file)
                    .and_then(|p| crate::convert::file_uri(p))
                    .map(|u| u.to_string());
                serde_json::json!({
                    "uri": uri,
                    "path": s.path,
                    "line": s.line,
                    "title": s.title,
                    "principles": s.principles,
                    "parts": s.parts,
                    "words": s.words,
                })
            })
            .collect();
        let principles: Vec<serde_json::Value> = coverage
            .rows()
            .map(|r| {
                serde_json::json!({
                    "name": r.name,
                    "stories": r.stories,
                    "target": r.target,
                    "required": r.required,
                })
            })
            .collect();
        serde_json::json!({
            "uri": convert::file_uri(&self.root).map(|u| format!("{}/", u.as_str().trim_end_matches('/'))),
            "name": self.name,
            "target": coverage.target,
            "stories": stories,
            "principles": principles,
            "untagged": coverage.untagged,
            "over_tagged": coverage.over_tagged,
            "text": coverage_text(&coverage, Paint::plain()),
        })
    }
}

fn messages(kept: &[Kept]) -> Vec<(&str, &str, Option<&str>)> {
    kept.iter()
        .map(|k| {
            (
                k.diagnostic.code,
                k.diagnostic.message.as_str(),
                k.story.as_ref().map(|s| s.0.as_str()),
            )
        })
        .collect()
}

/// Every folder of the workspace.
#[derive(Debug, Default)]
pub struct Workspace {
    pub folders: Vec<Folder>,
    /// Bumped whenever some bank diagnostics change (part of pull result ids).
    pub generation: u64,
}

impl Workspace {
    /// Make the folders match `roots` (existing folders keep their summaries).
    pub fn set_roots(&mut self, roots: &[PathBuf]) {
        self.folders.retain(|f| roots.contains(&f.root));
        for root in roots {
            if !self.folders.iter().any(|f| &f.root == root) {
                self.folders.push(Folder::new(root.clone()));
            }
        }
    }

    /// The folder a file belongs to: the deepest root that holds it.
    pub fn folder_of(&self, path: &Path) -> Option<usize> {
        self.folders
            .iter()
            .enumerate()
            .filter(|(_, f)| path.starts_with(&f.root))
            .max_by_key(|(_, f)| f.root.components().count())
            .map(|(i, _)| i)
    }

    /// The bank diagnostics of an open document as LSP diagnostics, anchored to the current
    /// place of the story titles they are about (`titles`: each story's title and range now).
    pub fn lsp_diagnostics(
        &self,
        path: &Path,
        titles: &[(String, std::ops::Range<usize>)],
        rope: &Rope,
        enc: Encoding,
    ) -> Vec<lsp::Diagnostic> {
        let Some(kept) = self
            .folder_of(path)
            .and_then(|i| self.folders.get(i))
            .and_then(|f| f.diagnostics.get(path))
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for k in kept {
            let range = match &k.story {
                None => k.diagnostic.range.clone(),
                Some((title, nth)) => {
                    let Some((_, r)) = titles.iter().filter(|(t, _)| t == title).nth(*nth) else {
                        // The title was edited since the bank last ran: shown again on save.
                        continue;
                    };
                    r.clone()
                }
            };
            let related_information = k.related.as_ref().and_then(|(other, line, message)| {
                let uri = crate::convert::file_uri(other)?;
                let pos = lsp::Position::new(u32::try_from(line.saturating_sub(1)).ok()?, 0);
                Some(vec![lsp::DiagnosticRelatedInformation {
                    location: lsp::Location {
                        uri,
                        range: lsp::Range::new(pos, pos),
                    },
                    message: message.clone(),
                }])
            });
            out.push(lsp::Diagnostic {
                range: convert::range(rope, &range, enc),
                severity: Some(convert::severity(k.diagnostic.severity)),
                code: Some(lsp::NumberOrString::String(k.diagnostic.code.to_string())),
                code_description: convert::parse_uri(&format!(
                    "{RULE_DOCS}{}.md",
                    k.diagnostic.code
                ))
                .map(|href| lsp::CodeDescription { href }),
                source: Some("starlint".to_string()),
                message: format!("{} ({})", k.diagnostic.message, k.diagnostic.rule),
                related_information,
                tags: None,
                data: None,
            });
        }
        out
    }

    /// Was this exact text already summarised for `path`?
    pub fn is_current(&self, path: &Path, hash: u64) -> bool {
        self.folder_of(path)
            .and_then(|i| self.folders.get(i))
            .is_some_and(|f| f.scanned && f.hashes.get(path) == Some(&hash))
    }

    /// Every story of every folder, with its file.
    pub fn stories(&self) -> impl Iterator<Item = (&PathBuf, &bank::StorySummary)> {
        self.folders
            .iter()
            .flat_map(|f| f.files.iter())
            .flat_map(|(path, s)| s.stories.iter().map(move |st| (path, st)))
    }
}

/// The summary of one text, as the bank sees it. Large texts are read story group by story
/// group, as the server lints them, so a 2 MB bank never holds a whole-text tree in memory.
pub fn summarize_text(text: &str, name: Option<&str>, settings: &Settings) -> FileSummary {
    let groups = (text.len() >= document::CHUNK_MIN)
        .then(|| starlint_lint::document::story_groups(text, settings))
        .flatten();
    let Some(groups) = groups else {
        let doc = Document::named(text, settings, None, name);
        return bank::summarize(&doc, settings);
    };
    let mut out = FileSummary::default();
    let mut line = 0;
    let mut last = 0;
    for group in groups.ranges {
        let Some(slice) = text.get(group.clone()) else {
            continue;
        };
        line += text
            .get(last..group.start)
            .map_or(0, |s| s.matches('\n').count());
        last = group.start;
        let doc = Document::named(slice, settings, None, name);
        let part = bank::summarize(&doc, settings);
        for mut story in part.stories {
            story.range = story.range.start + group.start..story.range.end + group.start;
            story.line += line;
            out.stories.push(story);
        }
        for code in part.suppressed {
            if !out.suppressed.contains(&code) {
                out.suppressed.push(code);
            }
        }
    }
    out
}

/// Is this a file the bank reads?
pub fn is_bank_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The hash a summary is kept under.
pub fn text_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// A file's hash and summary, or `None` when it cannot be read as UTF-8 (or is gone).
pub type Read = Option<(u64, FileSummary)>;

/// Summarise a text (`Some`) or the file on disk (`None`). Runs off the server's lock.
pub fn read_one(path: &Path, text: Option<&str>, settings: &Settings) -> Read {
    let disk;
    let text = match text {
        Some(t) => t,
        None => {
            disk = read_text(path)?;
            &disk
        }
    };
    let name = path.file_name().and_then(|n| n.to_str());
    Some((text_hash(text), summarize_text(text, name, settings)))
}

/// Read a folder's Markdown files (honouring `.gitignore`, skipping hidden directories) and
/// summarise each with its own settings. Runs off the server's lock: `config` is a copy.
pub fn scan(root: &Path, config: &mut ConfigStore) -> BTreeMap<PathBuf, (u64, FileSummary)> {
    let mut out = BTreeMap::new();
    // An editor opened on a loose file may make `/` or the home directory the root: that is
    // not a story bank, and walking it would read every note on the machine.
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if root.parent().is_none() || home.as_deref() == Some(root) {
        return out;
    }
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .build();
    for entry in walker.flatten() {
        if out.len() >= MAX_FILES {
            break;
        }
        let path = entry.path();
        if !entry.file_type().is_some_and(|t| t.is_file()) || !is_bank_file(path) {
            continue;
        }
        if entry.metadata().map_or(true, |m| m.len() > MAX_FILE_BYTES) {
            continue;
        }
        let Some(text) = read_text(path) else {
            continue;
        };
        let (settings, _) = config.settings_for(Some(path));
        out.insert(
            path.to_path_buf(),
            (
                text_hash(&text),
                summarize_text(&text, path.file_name().and_then(|n| n.to_str()), &settings),
            ),
        );
    }
    out
}

/// A file's text as the CLI reads it: UTF-8, else nothing (the CLI reports those; the bank
/// leaves them out).
pub fn read_text(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deepest_root_owns_a_file() {
        let mut ws = Workspace::default();
        ws.set_roots(&[PathBuf::from("/a"), PathBuf::from("/a/b")]);
        assert_eq!(ws.folder_of(Path::new("/a/b/c.md")), Some(1));
        assert_eq!(ws.folder_of(Path::new("/a/c.md")), Some(0));
        assert_eq!(ws.folder_of(Path::new("/z.md")), None);
        ws.set_roots(&[PathBuf::from("/a/b")]);
        assert_eq!(ws.folder_of(Path::new("/a/c.md")), None);
    }
}
