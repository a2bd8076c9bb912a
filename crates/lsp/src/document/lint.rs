//! Linting a snapshot of an open document, off the server's lock.

use super::{analyse, analyse_in, groupable, Analysed, Analysis, Mode};
use crate::convert::Encoding;
use rayon::prelude::*;
use ropey::Rope;
use starlint_lint::document::groups::{story_groups, story_groups_at_level};
use starlint_lint::parse::MarkdownParser;
use starlint_lint::{DocKind, Document, Settings};
use std::collections::HashMap;
use std::sync::Arc;
use tree_sitter::Tree;

/// What a lint needs, taken from an `OpenDoc` under the lock and linted off it.
pub struct LintJob {
    pub(super) revision: u64,
    pub(super) version: i32,
    pub(super) text: Arc<String>,
    pub(super) rope: Rope,
    pub(super) tree: Option<Tree>,
    pub(super) parser: MarkdownParser,
    pub(super) settings: Arc<Settings>,
    pub(super) encoding: Encoding,
    pub(super) mode: Mode,
    pub(super) name: Option<String>,
    pub(super) forced_kind: Option<DocKind>,
    pub(super) previous: Option<Arc<Analysis>>,
}

/// A finished lint job, to `install` in its document.
pub struct Linted {
    pub analysis: Arc<Analysis>,
    pub(super) mode: Mode,
    pub(super) tree: Option<Tree>,
    pub(super) parser: MarkdownParser,
}

impl LintJob {
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn too_large(&self) -> bool {
        self.settings
            .max_size
            .is_some_and(|limit| self.text.len() as u64 > limit)
    }

    /// Lint the snapshot (the expensive part: call it off the lock).
    pub fn run(mut self) -> Linted {
        if self.too_large() {
            // Not parsed, not linted: the server says so once (see `OpenDoc::too_large`).
            return Linted {
                analysis: Arc::new(Analysis::empty(self.version, self.revision)),
                mode: self.mode,
                tree: None,
                parser: self.parser,
            };
        }
        if self.mode == Mode::Undecided {
            self.mode = Mode::Whole;
            if groupable(&self.text) {
                if let Some(groups) = story_groups(&self.text, &self.settings) {
                    self.mode = Mode::Groups(groups.level);
                }
            }
        }
        let mut result = None;
        if let Mode::Groups(level) = self.mode {
            if groupable(&self.text) {
                result = self.analyse_groups(level);
            }
            if result.is_none() {
                self.mode = Mode::Whole;
            }
        }
        let analysis = match result {
            Some(a) => a,
            None => self.analyse_whole(),
        };
        Linted {
            analysis: Arc::new(analysis),
            mode: self.mode,
            tree: self.tree,
            parser: self.parser,
        }
    }

    fn analyse_whole(&mut self) -> Analysis {
        let settings = Arc::clone(&self.settings);
        let enc = self.encoding;
        let text: &str = &self.text;
        if self.tree.is_none() {
            self.tree = self.parser.parse_blocks(text, None);
        }
        let result = match &self.tree {
            Some(tree) if !text.starts_with('\u{feff}') => {
                let doc = Document::from_tree(
                    text,
                    tree,
                    &settings,
                    self.forced_kind,
                    self.name.as_deref(),
                    &mut self.parser,
                );
                analyse(&doc, &settings, Some(&self.rope), enc)
            }
            _ => {
                let doc = Document::with_parser(
                    text,
                    &settings,
                    self.forced_kind,
                    self.name.as_deref(),
                    &mut self.parser,
                );
                analyse(&doc, &settings, Some(&self.rope), enc)
            }
        };
        let kind = result.kind.unwrap_or(DocKind::Other);
        Analysis::new(
            self.version,
            self.revision,
            kind,
            vec![(0, 0, Arc::new(result))],
        )
    }

    /// Lint group by group; `None` when this document must be linted whole after all (a group
    /// is a PR/FAQ, or starts with a STAR marker heading, or no group holds a story).
    fn analyse_groups(&mut self, level: u8) -> Option<Analysis> {
        let text: &str = &self.text;
        // The engine says where the groups are (and that none starts with a marker heading).
        let groups = story_groups_at_level(text, level, &self.settings)?.ranges;
        let empty = HashMap::new();
        let previous = self.previous.as_ref().map_or(&empty, |a| &a.cache);
        let mut cache = HashMap::with_capacity(groups.len());
        let mut parts = Vec::with_capacity(groups.len());
        let mut any_story = false;
        let set = starlint_lint::value_sets::infer(text, None, &self.settings);
        let key_of = |group: &str| {
            let mut hasher = xxhash_rust::xxh3::Xxh3::new();
            hasher.update(group.as_bytes());
            hasher.update(set.set.unwrap_or("").as_bytes());
            hasher.digest()
        };
        // The groups the last lint did not see are linted in parallel, one per core.
        let keys: Vec<u64> = groups
            .iter()
            .map(|g| key_of(text.get(g.clone()).unwrap_or("")))
            .collect();
        let fresh: Vec<Option<Arc<Analysed>>> = groups
            .par_iter()
            .zip(keys.par_iter())
            .map(|(g, key)| {
                (!previous.contains_key(key)).then(|| {
                    Arc::new(analyse_in(
                        text.get(g.clone()).unwrap_or(""),
                        &self.settings,
                        self.forced_kind,
                        self.encoding,
                        Some(&set),
                    ))
                })
            })
            .collect();
        for ((g, key), fresh) in groups.iter().zip(keys).zip(fresh) {
            let result = match fresh.or_else(|| previous.get(&key).cloned()) {
                Some(r) => r,
                None => continue,
            };
            match result.kind {
                Some(DocKind::Prfaq) => return None,
                Some(DocKind::Star) => any_story = true,
                _ => {}
            }
            let line = self.rope.byte_to_line(g.start.min(self.rope.len_bytes()));
            let line = u32::try_from(line).unwrap_or(u32::MAX);
            parts.push((g.start, line, Arc::clone(&result)));
            cache.insert(key, result);
        }
        if !any_story {
            return None;
        }
        // Large banks are not kept parsed: the tree is rebuilt if the document goes whole.
        self.tree = None;
        let mut analysis = Analysis::new(self.version, self.revision, DocKind::Star, parts);
        analysis.cache = cache;
        Some(analysis)
    }
}
