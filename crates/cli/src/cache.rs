//! The result cache: one JSON file per project root (`.starlint_cache/v1-<version>.json`) mapping
//! each checked file to the hash its result was computed for (content + settings + kind +
//! starlint build) and that result. Loaded once before checking, written once after (atomically,
//! and only when something changed). A file that does not parse, belongs to another build, or
//! holds anything out of range is ignored: a cache is never trusted, only used.

use serde::{Deserialize, Serialize};
use starlint_lint::bank::FileSummary;
use starlint_lint::registry;
use starlint_lint::{Diagnostic, DocKind, Fix, Severity};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

const MAGIC: &str = "starlint-cache";
const DIR_NAME: &str = ".starlint_cache";

/// A cached result for one file.
#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: DocKind,
    pub stories: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// What the bank rules need of the file.
    pub summary: FileSummary,
}

pub struct Cache {
    dir: PathBuf,
    file: PathBuf,
    stamp: String,
    entries: HashMap<String, Entry>,
    bank: Option<BankEntry>,
    dirty: bool,
}

#[derive(Debug, Serialize, Deserialize)]
struct CacheFile {
    magic: String,
    stamp: String,
    entries: HashMap<String, Entry>,
    /// The last bank run: unchanged files and settings give the same bank diagnostics.
    #[serde(default)]
    bank: Option<BankEntry>,
}

/// The bank diagnostics of one set of files, keyed by every file's result hash and the bank's
/// settings; each diagnostic with the index of its file in that set.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct BankEntry {
    key: String,
    diagnostics: Vec<(usize, CachedDiagnostic)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    hash: String,
    kind: DocKind,
    stories: usize,
    diagnostics: Vec<CachedDiagnostic>,
    summary: FileSummary,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CachedDiagnostic {
    code: String,
    severity: Severity,
    message: String,
    start: usize,
    end: usize,
    story: Option<String>,
    fix: Option<Fix>,
}

/// The hash a result is stored under.
pub fn result_hash(content_hash: u128, profile_key: u64, kind: Option<DocKind>) -> String {
    let kind_tag: u8 = match kind {
        None => 0,
        Some(DocKind::Star) => 1,
        Some(DocKind::Prfaq) => 2,
        Some(DocKind::Other) => 3,
    };
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&content_hash.to_le_bytes());
    hasher.update(&profile_key.to_le_bytes());
    hasher.update(&[kind_tag]);
    format!("{:032x}", hasher.digest128())
}

impl Cache {
    /// Open the cache of a project root (nothing is read from or written to disk yet on error).
    pub fn load(root: &Path) -> Cache {
        let dir = root.join(DIR_NAME);
        let file = dir.join(format!("v1-{}.json", env!("CARGO_PKG_VERSION")));
        let stamp = build_stamp();
        // Only a regular file is read: a FIFO or device in its place would block for ever.
        let (entries, bank) = std::fs::metadata(&file)
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|_| std::fs::read(&file).ok())
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|f| f.magic == MAGIC && f.stamp == stamp)
            .map(|f| (f.entries, f.bank))
            .unwrap_or_default();
        Cache {
            dir,
            file,
            stamp,
            entries,
            bank,
            dirty: false,
        }
    }

    /// The cached result for a file, if it was computed for exactly this hash and still fits
    /// the text.
    pub fn get(&self, key: &str, hash: &str, text: &str) -> Option<Hit> {
        let entry = self.entries.get(key).filter(|e| e.hash == hash)?;
        let diagnostics = entry
            .diagnostics
            .iter()
            .map(|d| restore(d, text))
            .collect::<Option<Vec<_>>>()?;
        // A summary pointing outside the text is not this file's.
        if entry
            .summary
            .stories
            .iter()
            .any(|s| s.range.start > s.range.end || text.get(s.range.clone()).is_none())
        {
            return None;
        }
        Some(Hit {
            kind: entry.kind,
            stories: entry.stories,
            diagnostics,
            summary: entry.summary.clone(),
        })
    }

    /// Store a fresh result.
    pub fn put(&mut self, key: &str, hash: String, hit: &Hit) {
        let entry = Entry {
            hash,
            kind: hit.kind,
            stories: hit.stories,
            diagnostics: hit.diagnostics.iter().map(cached).collect(),
            summary: hit.summary.clone(),
        };
        self.entries.insert(key.to_string(), entry);
        self.dirty = true;
    }

    /// The bank diagnostics stored under `key`, restored against the files' texts.
    pub fn bank(&self, key: &str, texts: &[&str]) -> Option<Vec<(usize, Diagnostic)>> {
        let bank = self.bank.as_ref().filter(|b| b.key == key)?;
        bank.diagnostics
            .iter()
            .map(|(file, d)| Some((*file, restore(d, texts.get(*file)?)?)))
            .collect()
    }

    /// Store a bank run.
    pub fn put_bank(&mut self, key: String, diagnostics: &[(usize, Diagnostic)]) {
        self.bank = Some(BankEntry {
            key,
            diagnostics: diagnostics.iter().map(|(f, d)| (*f, cached(d))).collect(),
        });
        self.dirty = true;
    }

    /// Write the cache if anything changed. Failing to write only costs speed next time.
    pub fn save(mut self) {
        if !self.dirty {
            return;
        }
        // Entries of files checked in other runs are kept while the file exists.
        self.entries.retain(|key, _| Path::new(key).exists());
        let file = CacheFile {
            magic: MAGIC.to_string(),
            stamp: self.stamp,
            entries: self.entries,
            bank: self.bank,
        };
        let _ = write(&self.dir, &self.file, &file);
    }
}

fn write(dir: &Path, path: &Path, file: &CacheFile) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let gitignore = dir.join(".gitignore");
    if !gitignore.exists() {
        std::fs::write(&gitignore, "# Created by starlint.\n*\n")?;
    }
    let tag = dir.join("CACHEDIR.TAG");
    if !tag.exists() {
        std::fs::write(
            &tag,
            "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by starlint.\n",
        )?;
    }
    let bytes = serde_json::to_vec(file).map_err(std::io::Error::other)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(&bytes)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn cached(d: &Diagnostic) -> CachedDiagnostic {
    CachedDiagnostic {
        code: d.code.to_string(),
        severity: d.severity,
        message: d.message.clone(),
        start: d.range.start,
        end: d.range.end,
        story: d.story.clone(),
        fix: d.fix.clone(),
    }
}

/// The key a bank run is stored under: every file's path and result hash, in order, and the
/// bank's settings.
pub fn bank_key(files: &[(&str, &str)], settings_fingerprint: &str) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for (path, hash) in files {
        hasher.update(path.as_bytes());
        hasher.update(&[0]);
        hasher.update(hash.as_bytes());
        hasher.update(&[0]);
    }
    hasher.update(settings_fingerprint.as_bytes());
    format!("{:032x}", hasher.digest128())
}

/// A cached diagnostic back as the engine's, if its rule still exists and its ranges fit.
fn restore(d: &CachedDiagnostic, text: &str) -> Option<Diagnostic> {
    let rule = registry::find(&d.code)?;
    if !fits(text, d.start, d.end) {
        return None;
    }
    if let Some(fix) = &d.fix {
        if !fix
            .edits()
            .iter()
            .all(|e| fits(text, e.range.start, e.range.end))
        {
            return None;
        }
    }
    Some(Diagnostic {
        code: rule.meta.code,
        rule: rule.meta.name,
        severity: d.severity,
        message: d.message.clone(),
        range: d.start..d.end,
        story: d.story.clone(),
        fix: d.fix.clone(),
    })
}

fn fits(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Identifies this build of starlint: the version, plus the executable's size and modification
/// time, so a rebuilt engine never reads results of an older one.
fn build_stamp() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}-{mtime}", m.len())
        })
        .unwrap_or_default();
    format!("{}+{exe}", env!("CARGO_PKG_VERSION"))
}
