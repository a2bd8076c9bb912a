//! An open document: its text (a rope for positions and edits, a string for the engine), its
//! version, its tree-sitter tree re-parsed incrementally on each change, and what linting it
//! gave, computed at most once per version.
//!
//! Large story banks are linted story group by story group: the text is split at the headings
//! that separate its stories (found in the tree), each group's result is cached under a hash of
//! its text, and an edit re-lints only the groups whose text changed. Stories are independent,
//! so this gives what a full lint gives (a test checks it); documents where that might not hold
//! (front matter, suppression comments, a BOM, PR/FAQs, small texts) are linted whole.

use crate::convert::{self, Encoding, LspDiagnostic};
use ropey::Rope;
use starlint_lint::coach::{self, Grade, Probe};
use starlint_lint::parse::MarkdownParser;
use starlint_lint::text::word_count;
use starlint_lint::value_sets::SetInForce;
use starlint_lint::{lint, DocKind, Document, PartKind, Settings};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use tower_lsp_server::ls_types as lsp;
use tree_sitter::{InputEdit, Point, Tree};

mod lint;
pub use lint::{LintJob, Linted};

/// Below this size a document is always linted whole.
pub const CHUNK_MIN: usize = 64 * 1024;

/// What the server needs to know about one story (for hover, symbols, hints).
#[derive(Debug, Clone)]
pub struct StorySummary {
    pub title: String,
    pub title_range: Range<usize>,
    pub range: Range<usize>,
    pub tags: Vec<TagSummary>,
    pub parts: Vec<PartSummary>,
    pub words: usize,
    /// The readiness grade and the follow-up probes (empty for a story the coach does not
    /// read), computed with the lint so requests never lint.
    pub coach: Arc<StoryCoach>,
}

/// What the coach says of one story: its grade and the questions an interviewer asks next.
#[derive(Debug, Default)]
pub struct StoryCoach {
    pub grade: Option<Grade>,
    pub probes: Vec<Probe>,
}

#[derive(Debug, Clone)]
pub struct TagSummary {
    pub name: String,
    pub range: Range<usize>,
    /// The principle's canonical name, when the tag names a known one.
    pub principle: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PartSummary {
    pub kind: PartKind,
    pub label: Range<usize>,
    pub range: Range<usize>,
    pub words: usize,
}

impl StorySummary {
    /// Distinct known principles, in tag order.
    pub fn principles(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for t in &self.tags {
            if let Some(p) = t.principle.as_deref() {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        out
    }
}

/// The result of linting one text (a whole document or one story group), positions relative to
/// it: diagnostics in LSP positions from its first line (shifted by lines when the group moves,
/// never recomputed), stories in byte offsets from its start.
#[derive(Debug, Clone, Default)]
pub struct Analysed {
    pub kind: Option<DocKind>,
    pub diagnostics: Vec<LspDiagnostic>,
    pub stories: Vec<StorySummary>,
    pub panicked: Vec<&'static str>,
}

/// Everything computed for one version of a document: the results of its story groups (one
/// group when it is linted whole), put together in document positions only when asked for, so
/// a keystroke in a large bank costs the groups it touched plus one pass to send.
#[derive(Debug)]
pub struct Analysis {
    /// The client's version of the text linted (for the client: it may repeat or go back).
    pub version: i32,
    /// The server's revision of the text linted (unique, never reused: see `next_revision`).
    pub revision: u64,
    pub kind: DocKind,
    pub panicked: Vec<&'static str>,
    /// (start byte, start line, result relative to the group).
    groups: Vec<(usize, u32, Arc<Analysed>)>,
    /// Each story group's result by the hash of its text (empty when linted whole): what the
    /// next revision's lint reuses.
    cache: HashMap<u64, Arc<Analysed>>,
    stories: OnceLock<Vec<StorySummary>>,
}

impl Analysis {
    /// Nothing known yet about a revision (before its lint finished).
    fn empty(version: i32, revision: u64) -> Self {
        Analysis::new(version, revision, DocKind::Other, Vec::new())
    }

    fn new(
        version: i32,
        revision: u64,
        kind: DocKind,
        groups: Vec<(usize, u32, Arc<Analysed>)>,
    ) -> Self {
        let mut panicked: Vec<&'static str> = Vec::new();
        for p in groups.iter().flat_map(|g| &g.2.panicked) {
            if !panicked.contains(p) {
                panicked.push(p);
            }
        }
        Analysis {
            version,
            revision,
            kind,
            panicked,
            groups,
            cache: HashMap::new(),
            stories: OnceLock::new(),
        }
    }

    /// Each diagnostic with the number of lines it is to be moved down by, in document order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &LspDiagnostic)> + '_ {
        self.groups
            .iter()
            .flat_map(|(_, line, r)| r.diagnostics.iter().map(move |d| (*line, d)))
    }

    /// How many diagnostics there are.
    pub fn len(&self) -> usize {
        self.groups.iter().map(|g| g.2.diagnostics.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The diagnostics in document positions (a copy).
    pub fn diagnostics(&self) -> Vec<LspDiagnostic> {
        self.iter().map(|(line, d)| d.shifted(line)).collect()
    }

    /// The diagnostics as `lsp_types` values (a copy).
    pub fn lsp(&self) -> Vec<lsp::Diagnostic> {
        self.iter().map(|(line, d)| d.to_lsp(line)).collect()
    }

    /// The stories, in document byte offsets.
    pub fn stories(&self) -> &[StorySummary] {
        self.stories.get_or_init(|| {
            self.groups
                .iter()
                .flat_map(|(start, _, r)| r.stories.iter().map(|s| shifted_story(s, *start)))
                .collect()
        })
    }
}

/// The diagnostics of an analysis (none for `None`) as a JSON array of LSP diagnostics, written
/// straight from the stored form.
pub struct WireDiagnostics<'a>(pub Option<&'a Analysis>);

impl serde::Serialize for WireDiagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WireAll(self.0, &[]).serialize(serializer)
    }
}

/// The analysis' diagnostics, then others (the workspace bank's for this document), as one
/// JSON array.
pub struct WireAll<'a>(pub Option<&'a Analysis>, pub &'a [lsp::Diagnostic]);

impl serde::Serialize for WireAll<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let len = self.0.map_or(0, Analysis::len) + self.1.len();
        let mut seq = serializer.serialize_seq(Some(len))?;
        for (lines, diagnostic) in self.0.into_iter().flat_map(Analysis::iter) {
            seq.serialize_element(&convert::Wire { lines, diagnostic })?;
        }
        for extra in self.1 {
            seq.serialize_element(extra)?;
        }
        seq.end()
    }
}

/// Lint a parsed document and summarise its stories. `rope` is the document's text, or `None`
/// to build one (a story group).
pub fn analyse(
    doc: &Document,
    settings: &Settings,
    rope: Option<&Rope>,
    enc: Encoding,
) -> Analysed {
    let result = lint(doc, settings);
    let coached = coach(doc, &result.diagnostics, settings);
    let own;
    let rope = match rope {
        Some(r) => r,
        None => {
            own = Rope::from_str(doc.text);
            &own
        }
    };
    let diagnostics = result
        .diagnostics
        .into_iter()
        .map(|d| convert::diagnostic(d, rope, enc))
        .collect();
    Analysed {
        kind: Some(doc.kind),
        diagnostics,
        stories: summarise(doc, settings, coached),
        panicked: result.panicked,
    }
}

/// Lint a text from scratch (the engine's own path: BOM handling, prefilter).
pub fn analyse_text(
    text: &str,
    settings: &Settings,
    kind: Option<DocKind>,
    enc: Encoding,
) -> Analysed {
    analyse_in(text, settings, kind, enc, None)
}

/// Lint a story group of a larger text: the value set in force is the whole text's.
fn analyse_in(
    text: &str,
    settings: &Settings,
    kind: Option<DocKind>,
    enc: Encoding,
    set: Option<&SetInForce>,
) -> Analysed {
    let mut doc = Document::new(text, settings, kind);
    if let Some(set) = set {
        doc.principle_set = set.clone();
    }
    analyse(&doc, settings, None, enc)
}

/// Each story's grade and probes, in story order (none when the document is not STAR).
fn coach(
    doc: &Document,
    diagnostics: &[starlint_lint::Diagnostic],
    settings: &Settings,
) -> Vec<StoryCoach> {
    coach::profiles(doc, diagnostics, settings, false)
        .iter()
        .map(|profile| StoryCoach {
            grade: Some(coach::grade(profile)),
            probes: coach::probes(profile, settings),
        })
        .collect()
}

fn summarise(doc: &Document, settings: &Settings, coached: Vec<StoryCoach>) -> Vec<StorySummary> {
    let mut coached = coached.into_iter();
    let words_of = |ranges: &[Range<usize>]| -> usize {
        ranges
            .iter()
            .map(|r| word_count(doc.slice(r.clone())))
            .sum()
    };
    doc.stories
        .iter()
        .map(|s| StorySummary {
            title: s.title.clone(),
            title_range: s.title_range.clone(),
            range: s.range.clone(),
            tags: s
                .tags
                .iter()
                .map(|t| TagSummary {
                    name: t.name.clone(),
                    range: t.range.clone(),
                    principle: t
                        .principle
                        .and_then(|i| settings.principles().get(i))
                        .map(|p| p.name.clone()),
                })
                .collect(),
            parts: s
                .parts
                .iter()
                .map(|p| PartSummary {
                    kind: p.kind,
                    label: p.label.clone(),
                    range: p.range.clone(),
                    words: words_of(&p.prose),
                })
                .collect(),
            words: words_of(&s.prose_of(&PartKind::ALL)),
            coach: Arc::new(coached.next().unwrap_or_default()),
        })
        .collect()
}

fn shift_range(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

fn shifted_story(s: &StorySummary, by: usize) -> StorySummary {
    let mut s = s.clone();
    s.title_range = shift_range(&s.title_range, by);
    s.range = shift_range(&s.range, by);
    for t in &mut s.tags {
        t.range = shift_range(&t.range, by);
    }
    for p in &mut s.parts {
        p.label = shift_range(&p.label, by);
        p.range = shift_range(&p.range, by);
    }
    s
}

/// How an open document is linted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Not decided yet (before the first analysis).
    Undecided,
    /// The whole text at once, from the incrementally re-parsed tree.
    Whole,
    /// Story groups split before headings of this level, each cached by its text's hash.
    Groups(u8),
}

/// A new revision number: unique in the process, so a revision never names two texts (a
/// document closed and opened again, or a client whose versions go back, gets new ones).
pub fn next_revision() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// One open document: the text as the client has it. Only the server's mutating handlers
/// change it (under the session lock, never linting there); linting runs on a `LintJob`, a
/// snapshot taken under the lock and linted off it, whose result comes back with `install`.
pub struct OpenDoc {
    pub version: i32,
    /// Bumped (see `next_revision`) on every change of the text or the settings.
    pub revision: u64,
    pub rope: Rope,
    /// Shared with lint jobs in flight; an edit copies it only while one still reads it.
    pub text: Arc<String>,
    /// The block tree of `text`, re-parsed incrementally on each edit; `None` until a lint has
    /// parsed it, and while the document is linted in groups (large banks are never parsed
    /// whole on a keystroke).
    tree: Option<Tree>,
    /// For the incremental re-parse on edits.
    parser: MarkdownParser,
    /// For lint jobs (lent to one at a time; another job makes its own).
    lint_parser: Option<MarkdownParser>,
    settings: Arc<Settings>,
    encoding: Encoding,
    mode: Mode,
    /// The newest analysis installed (its revision may be older than the text's).
    latest: Option<Arc<Analysis>>,
    /// The file's name (from its URI's path): evidence of the kind, as in the CLI
    /// (`press-release.md`, `star-stories.md`).
    pub name: Option<String>,
    /// The kind the config's `[files]` globs force on this file, if any.
    pub forced_kind: Option<DocKind>,
}

impl OpenDoc {
    pub fn new(text: String, version: i32, settings: Arc<Settings>, encoding: Encoding) -> Self {
        OpenDoc {
            version,
            revision: next_revision(),
            rope: Rope::from_str(&text),
            text: Arc::new(text),
            tree: None,
            parser: MarkdownParser::new(),
            lint_parser: None,
            settings,
            encoding,
            mode: Mode::Undecided,
            latest: None,
            name: None,
            forced_kind: None,
        }
    }

    /// New settings, and the kind the config forces on the file: everything computed is
    /// dropped when either changed.
    pub fn configure(&mut self, settings: Arc<Settings>, kind: Option<DocKind>) {
        self.forced_kind = kind;
        self.set_settings(settings);
    }

    /// The document's file name, from its URI (`file:///…/press-release.md` → `press-release.md`).
    pub fn with_name_of(mut self, uri: &lsp::Uri) -> Self {
        self.name = convert::file_path(uri)
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .or_else(|| {
                let path = uri.path().decode().to_string_lossy().into_owned();
                path.rsplit('/').next().map(str::to_string)
            })
            .filter(|n| !n.is_empty());
        self
    }

    pub fn settings(&self) -> &Arc<Settings> {
        &self.settings
    }

    /// New settings: everything computed is dropped.
    pub fn set_settings(&mut self, settings: Arc<Settings>) {
        self.settings = settings;
        self.revision = next_revision();
        self.latest = None;
        if self.mode != Mode::Whole {
            self.mode = Mode::Undecided;
        }
    }

    /// Why the document is not checked, when it is over `[files] max-size` (it is kept, not
    /// parsed or linted).
    pub fn too_large(&self) -> Option<String> {
        let limit = self.settings.max_size?;
        let size = self.text.len() as u64;
        (size > limit).then(|| starlint_lint::config::too_large(size, limit))
    }

    /// The current tree (parsed now if there is none).
    pub fn tree(&mut self) -> Option<&Tree> {
        if self.tree.is_none() {
            self.tree = self.parser.parse_blocks(&self.text, None);
        }
        self.tree.as_ref()
    }

    /// Apply one `didChange` content change: to the rope, the string and the tree.
    pub fn apply_change(&mut self, change: &lsp::TextDocumentContentChangeEvent) {
        self.revision = next_revision();
        let Some(range) = change.range else {
            self.text = Arc::new(change.text.clone());
            self.rope = Rope::from_str(&self.text);
            // The next lint parses it (off the lock).
            self.tree = None;
            return;
        };
        let bytes = convert::byte_range(&self.rope, &range, self.encoding);
        let start_position = point(&self.rope, bytes.start);
        let old_end_position = point(&self.rope, bytes.end);
        let (start_char, end_char) = (
            self.rope.byte_to_char(bytes.start),
            self.rope.byte_to_char(bytes.end),
        );
        let text = Arc::make_mut(&mut self.text);
        if text.get(bytes.clone()).is_none() {
            // Cannot happen (offsets are clamped to character boundaries): resync.
            *text = self.rope.to_string();
        }
        text.replace_range(bytes.clone(), &change.text);
        self.rope.remove(start_char..end_char);
        self.rope.insert(start_char, &change.text);
        let new_end = bytes.start + change.text.len();
        let edit = InputEdit {
            start_byte: bytes.start,
            old_end_byte: bytes.end,
            new_end_byte: new_end,
            start_position,
            old_end_position,
            new_end_position: point(&self.rope, new_end),
        };
        if let Some(tree) = self.tree.as_mut() {
            tree.edit(&edit);
            self.tree = self.parser.parse_blocks(&self.text, Some(tree));
        }
    }

    /// The analysis of the current revision, if it has been installed.
    pub fn current(&self) -> Option<Arc<Analysis>> {
        self.latest
            .as_ref()
            .filter(|a| a.revision == self.revision)
            .cloned()
    }

    /// What handlers read under the lock: the current revision's analysis, or an empty one
    /// when its lint has not finished (handlers never lint; the server lints before it calls
    /// them, so this is empty only when an edit raced the request).
    pub fn analysed(&self) -> Arc<Analysis> {
        self.current()
            .unwrap_or_else(|| Arc::new(Analysis::empty(self.version, self.revision)))
    }

    /// The current revision's analysis, linted now in this thread if needed (for tests and
    /// tools; the server lints through `lint_job`).
    pub fn analysis(&mut self) -> Arc<Analysis> {
        if let Some(a) = self.current() {
            return a;
        }
        let linted = self.lint_job().run();
        self.install(linted)
    }

    /// A snapshot of what linting the current revision needs (cheap: the text, rope and tree
    /// are shared, not copied).
    pub fn lint_job(&mut self) -> LintJob {
        LintJob {
            revision: self.revision,
            version: self.version,
            text: Arc::clone(&self.text),
            rope: self.rope.clone(),
            tree: self.tree.clone(),
            parser: self.lint_parser.take().unwrap_or_default(),
            settings: Arc::clone(&self.settings),
            encoding: self.encoding,
            mode: self.mode,
            name: self.name.clone(),
            forced_kind: self.forced_kind,
            previous: self.latest.clone(),
        }
    }

    /// Take a finished job's result: it becomes the current analysis if the text has not
    /// changed since the job was taken. Returns the job's analysis either way.
    pub fn install(&mut self, linted: Linted) -> Arc<Analysis> {
        let Linted {
            analysis,
            mode,
            tree,
            parser,
        } = linted;
        if self.lint_parser.is_none() {
            self.lint_parser = Some(parser);
        }
        if analysis.revision == self.revision {
            self.mode = mode;
            match mode {
                Mode::Groups(_) => self.tree = None,
                _ => {
                    if self.tree.is_none() {
                        self.tree = tree;
                    }
                }
            }
            self.latest = Some(Arc::clone(&analysis));
        }
        analysis
    }
}

/// May a text be linted in groups at all? Large, and nothing that reaches across stories.
fn groupable(text: &str) -> bool {
    text.len() >= CHUNK_MIN
        && !text.starts_with('\u{feff}')
        && !text.starts_with("---")
        && !text.contains("starlint-")
}

/// The tree-sitter point of a byte offset.
fn point(rope: &Rope, byte: usize) -> Point {
    let byte = byte.min(rope.len_bytes());
    let line = rope.byte_to_line(byte);
    Point {
        row: line,
        column: byte - rope.line_to_byte(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A press-release draft whose only strong sign is its file name: the server reads the name
    /// from the URI, as the CLI reads it from the path.
    #[test]
    fn the_file_name_from_the_uri_is_evidence_of_the_kind() {
        let text = "# Harbourline Berths\n\n## Summary\n\nMarinas book visiting boats from one calendar.\n\n## Problem\n\nTwo skippers are promised one berth.\n\n## Solution\n\nOne calendar per marina.\n";
        let settings = Arc::new(Settings::default());
        let kind_of = |uri: &str| {
            let uri = uri
                .parse::<lsp::Uri>()
                .unwrap_or_else(|e| panic!("{uri}: {e}"));
            let mut doc = OpenDoc::new(text.to_string(), 1, settings.clone(), Encoding::Utf16)
                .with_name_of(&uri);
            (doc.name.clone(), doc.analysis().kind)
        };
        assert_eq!(
            kind_of("file:///work/drafts/press-release.md"),
            (Some("press-release.md".to_string()), DocKind::Prfaq)
        );
        assert_eq!(
            kind_of("file:///work/drafts/My%20PR%20FAQ.md"),
            (Some("My PR FAQ.md".to_string()), DocKind::Prfaq)
        );
        assert_eq!(kind_of("file:///work/drafts/notes.md").1, DocKind::Other);
        assert_eq!(kind_of("untitled:Untitled-1").1, DocKind::Other);
    }
}
