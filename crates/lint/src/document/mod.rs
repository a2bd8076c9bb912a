//! The document model: built once per text, read by every rule.
//!
//! A `Document` holds the block structure, the document kind, and what the prose means: the
//! stories with their STAR parts and principle tags, and the suppression comments. Building it
//! never fails: a malformed document is normal input and simply yields fewer stories.

pub mod groups;
pub mod kind;
pub mod segment;

pub use groups::{story_groups, StoryGroups};
pub use segment::clean_title;
use segment::find_stories;

use crate::frontmatter::{self, FrontMatter};
use crate::markers::{MarkerStyle, PartKind};
use crate::parse::{blocks_from_tree, Block, BlockKind, MarkdownParser, PIECE_MIN};
use crate::settings::Settings;
use crate::suppress::{self, Suppression};
use crate::text::LineIndex;
use kind::{Evidence, KindDecision, Toward};
use std::ops::Range;
use std::sync::OnceLock;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Star,
    Prfaq,
    Other,
}

impl DocKind {
    pub fn parse(s: &str) -> Option<DocKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "star" | "story" | "stories" | "star-story" | "behavioral" | "behavioural" => {
                Some(DocKind::Star)
            }
            "prfaq" | "pr-faq" | "pr/faq" | "press-release" => Some(DocKind::Prfaq),
            "other" | "none" => Some(DocKind::Other),
            _ => None,
        }
    }
}

/// One STAR story.
#[derive(Debug, Clone)]
pub struct Story {
    pub title: String,
    /// The title was written (a heading or a question), not made up from the line number.
    pub named: bool,
    /// Where story-level diagnostics point: the heading's text, or the first marker's label.
    pub title_range: Range<usize>,
    /// Block index of the story's heading, if it has one of its own.
    pub heading: Option<usize>,
    pub range: Range<usize>,
    pub parts: Vec<Part>,
    pub tags: Vec<Tag>,
    /// How the first marker was written; new markers copy it.
    pub style: MarkerStyle,
    /// Prose of the whole story (filled for unlabelled stories; for labelled ones the prose
    /// lives in the parts).
    pub prose: Vec<Range<usize>>,
}

/// One STAR part of a story.
#[derive(Debug, Clone)]
pub struct Part {
    pub kind: PartKind,
    /// The marker was a combined one (`Situation / Task`).
    pub combined: bool,
    /// The label as written (`Situation` in `**Situation:**`).
    pub label: Range<usize>,
    /// From the start of the marker's line content to the end of the part's text.
    pub range: Range<usize>,
    /// Where the part's own text starts.
    pub body_start: usize,
    /// Prose of the body: no markup that is not prose, no tag lines.
    pub prose: Vec<Range<usize>>,
    pub style: MarkerStyle,
    /// The marker was a weak form (`Problem:`, `Situation - …`), one that also heads text that
    /// is not a story.
    pub weak: bool,
}

/// Where a principle tag came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagSource {
    /// `Leadership Principles: A, B` or a `## Leadership Principles` list.
    Line,
    /// `Tags: …` (general tags: only names close to a principle count).
    Tags,
    Hashtag,
    FrontMatter,
    /// `### Title (Earn Trust / Dive Deep)`.
    Title,
    /// The story sits under a principle heading (`## 12. Dive Deep`).
    Heading,
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub range: Range<usize>,
    pub principle: Option<usize>,
    pub source: TagSource,
}

impl Story {
    /// The story is told without part labels (under a question): it has no parts, and rules
    /// that read the whole story read [`Story::prose`]. (A labelled story always has parts.)
    pub fn is_unlabelled(&self) -> bool {
        self.parts.is_empty()
    }

    pub fn part(&self, kind: PartKind) -> Option<&Part> {
        self.parts.iter().find(|p| p.kind == kind)
    }

    pub fn has(&self, kind: PartKind) -> bool {
        self.parts.iter().any(|p| p.kind == kind)
    }

    /// Where the story's own text ends: after the last prose of its parts (or a part's label
    /// when the part is empty), so text inserted there stays in the story.
    pub fn parts_end(&self) -> usize {
        self.parts
            .iter()
            .map(|p| p.prose.last().map_or(p.body_start, |r| r.end))
            .max()
            .unwrap_or(self.range.end)
    }

    /// Distinct known principles the story is tagged with, in tag order.
    pub fn principles(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for t in &self.tags {
            if let Some(p) = t.principle {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        out
    }

    /// Prose of the whole story: its parts' prose, or the answer of an unlabelled story.
    pub fn text_prose(&self) -> Vec<Range<usize>> {
        if self.is_unlabelled() {
            return self.prose.clone();
        }
        self.prose_of(&PartKind::ALL)
    }

    /// Prose ranges of the given parts, each range once (combined markers share a body).
    pub fn prose_of(&self, kinds: &[PartKind]) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for p in self.parts.iter().filter(|p| kinds.contains(&p.kind)) {
            for r in &p.prose {
                if !out.contains(r) {
                    out.push(r.clone());
                }
            }
        }
        out.sort_by_key(|r| r.start);
        out
    }
}

/// A parsed document.
#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    pub lines: LineIndex,
    pub kind: DocKind,
    /// How the kind was decided, with every piece of evidence seen.
    pub decision: KindDecision,
    /// The company value set the stories are written for, and why (story banks only).
    pub principle_set: crate::value_sets::SetInForce,
    pub front_matter: Option<FrontMatter>,
    pub blocks: Vec<Block>,
    pub stories: Vec<Story>,
    pub suppressions: Vec<Suppression>,
    /// The press release's parts and the FAQ entries (PR/FAQs only).
    pub prfaq: Option<crate::prfaq::PrFaq>,
    /// Prose ranges of every block that holds prose (filled for PR/FAQs and story parts).
    prose: Vec<Option<Vec<Range<usize>>>>,
    /// Every word of the text (offset, length), built on first use and shared by the rules.
    words: OnceLock<Vec<(usize, &'a str)>>,
}

impl<'a> Document<'a> {
    /// Build the model of `text`. `kind` forces the document kind (from config globs).
    pub fn new(text: &'a str, settings: &Settings, kind: Option<DocKind>) -> Self {
        Self::named(text, settings, kind, None)
    }

    /// Build the model of `text` read from a file called `name` (the name is evidence of the
    /// kind: `prfaq.md`, `star-stories.md`).
    pub fn named(
        text: &'a str,
        settings: &Settings,
        kind: Option<DocKind>,
        name: Option<&str>,
    ) -> Self {
        crate::parse::with_thread_parser(|parser| Self::build(text, settings, kind, name, parser))
    }

    /// Build with a given parser (the language server keeps its own, and its old trees).
    pub fn with_parser(
        text: &'a str,
        settings: &Settings,
        kind: Option<DocKind>,
        name: Option<&str>,
        parser: &mut MarkdownParser,
    ) -> Self {
        Self::build(text, settings, kind, name, parser)
    }

    fn build(
        text: &'a str,
        settings: &Settings,
        kind: Option<DocKind>,
        name: Option<&str>,
        parser: &mut MarkdownParser,
    ) -> Self {
        let mut doc = Document::unread(text);
        if Self::plainly_other(text, settings, kind, name) {
            return doc;
        }
        let bom = text.len() - strip_bom(text).len();
        let mut blocks = crate::parse::parse_in_pieces(strip_bom(text), PIECE_MIN, parser);
        if bom > 0 {
            for b in &mut blocks {
                b.shift(bom);
            }
        }
        doc.set_blocks(blocks, settings, kind, name, parser);
        doc
    }

    /// The model of a text before anything is read from it: `other`, with no blocks.
    fn unread(text: &'a str) -> Self {
        Document {
            text,
            lines: LineIndex::new(text),
            kind: DocKind::Other,
            decision: KindDecision::default(),
            principle_set: crate::value_sets::SetInForce::default(),
            front_matter: None,
            blocks: Vec::new(),
            stories: Vec::new(),
            suppressions: Vec::new(),
            prfaq: None,
            prose: Vec::new(),
            words: OnceLock::new(),
        }
    }

    /// Build the model from an existing tree (the language server re-parses incrementally).
    pub fn from_tree(
        text: &'a str,
        tree: &tree_sitter::Tree,
        settings: &Settings,
        kind: Option<DocKind>,
        name: Option<&str>,
        parser: &mut MarkdownParser,
    ) -> Self {
        let mut doc = Document::unread(text);
        // The same cheap look as `build`: a tree kept by the server must not make a text a
        // story bank or PR/FAQ that the CLI reads as `other`.
        if Self::plainly_other(text, settings, kind, name) {
            return doc;
        }
        doc.set_blocks(blocks_from_tree(tree), settings, kind, name, parser);
        doc
    }

    /// A cheap look first: a text with no marker word, no FAQ and no front matter is `other`
    /// and needs no parse at all. A file whose name says what it is is always read.
    fn plainly_other(
        text: &str,
        settings: &Settings,
        kind: Option<DocKind>,
        name: Option<&str>,
    ) -> bool {
        let starts_fm = strip_bom(text).starts_with("---");
        let named_kind = name.is_some_and(|n| !kind::name_evidence(n).is_empty());
        kind.is_none() && !starts_fm && !named_kind && !settings.markers_prefilter(text)
    }

    fn set_blocks(
        &mut self,
        blocks: Vec<Block>,
        settings: &Settings,
        forced: Option<DocKind>,
        name: Option<&str>,
        parser: &mut MarkdownParser,
    ) {
        let text = self.text;
        self.blocks = blocks;
        self.prose = vec![None; self.blocks.len()];
        if let Some(b) = self.blocks.first() {
            if b.kind == BlockKind::FrontMatter && b.range.start <= 3 {
                self.front_matter = Some(frontmatter::parse(text, b.range.clone()));
            }
        }
        self.suppressions = suppress::scan(text, &self.blocks);
        let fm_kind = self
            .front_matter
            .as_ref()
            .and_then(|f| f.kind.as_deref())
            .and_then(DocKind::parse);
        let segment::Found { stories, against } = find_stories(text, &self.blocks, settings);
        self.decision = match (fm_kind, forced) {
            (Some(k), _) => kind::forced(k, "front matter"),
            (None, Some(k)) => kind::forced(k, "config"),
            (None, None) => {
                let mut evidence = self.kind_evidence(&stories, name, settings);
                evidence.extend(against);
                kind::decide(evidence)
            }
        };
        self.kind = self.decision.kind;
        if self.kind == DocKind::Star {
            let mut stories = stories;
            self.add_front_matter_tags(&mut stories, settings);
            self.principle_set = crate::value_sets::infer(text, name, settings);
            for t in stories.iter().flat_map(|s| &s.tags) {
                if t.source == TagSource::FrontMatter {
                    self.principle_set.add_tag(t);
                }
            }
            self.stories = stories;
            self.fill_story_prose(parser);
        } else if self.kind == DocKind::Prfaq {
            for i in 0..self.blocks.len() {
                if let Some(b) = self.blocks.get(i) {
                    let p = parser.prose_segments(text, &self.lines, b);
                    if let Some(slot) = self.prose.get_mut(i) {
                        *slot = Some(p);
                    }
                }
            }
            self.prfaq = Some(crate::prfaq::PrFaq::build(self, name));
        }
    }

    /// Principles named in the front matter (`principles: [Ownership]`, or a YAML block list)
    /// tag every story of the file, as a tag line would.
    fn add_front_matter_tags(&self, stories: &mut [Story], settings: &Settings) {
        let Some(fm) = &self.front_matter else {
            return;
        };
        let set = settings.principles();
        let block = self.slice(fm.range.clone());
        let mut tags = Vec::new();
        let mut from = 0;
        for (name, general) in &fm.principles {
            let principle = set.lookup(name);
            // General `tags:` name other things too; only principles count there.
            if *general && principle.is_none() {
                continue;
            }
            let at = block
                .get(from..)
                .and_then(|b| b.find(name.as_str()))
                .map(|i| from + i);
            let range = match at {
                Some(i) => {
                    from = i + name.len();
                    fm.range.start + i..fm.range.start + i + name.len()
                }
                None => fm.range.start..fm.range.start,
            };
            tags.push(Tag {
                name: name.clone(),
                range,
                principle,
                source: TagSource::FrontMatter,
            });
        }
        for s in stories.iter_mut() {
            s.tags.extend(tags.iter().cloned());
        }
    }

    /// Every signal of the document's kind, for [`kind::decide`].
    fn kind_evidence(
        &self,
        stories: &[Story],
        name: Option<&str>,
        settings: &Settings,
    ) -> Vec<Evidence> {
        let text = self.text;
        let mut evidence = name.map(kind::name_evidence).unwrap_or_default();
        let labelled = stories.iter().filter(|s| !s.is_unlabelled()).count();
        if labelled > 0 {
            // More stories, more weight: a bank of a dozen is not undone by one explainer
            // list or one self-description that the segmenter set aside.
            let weight = (15 + 5 * labelled).min(40);
            evidence.push(
                Evidence::new("stories", Toward::Star, weight as i32)
                    .detail(format!("{labelled} stories with STAR parts")),
            );
        }
        // Stories told without labels: each answer to a question counts a little, one to a
        // question that asks for a story in so many words (`Tell me about a time…`), or under a
        // heading that names a principle (`## Dive Deep`), counts more.
        let unlabelled: Vec<&Story> = stories.iter().filter(|s| s.is_unlabelled()).collect();
        if !unlabelled.is_empty() {
            let asked = unlabelled
                .iter()
                .filter(|s| {
                    segment::asks_in_so_many_words(&s.title)
                        || (s.heading.is_some()
                            && crate::tags::principle_heading(settings.principles(), &s.title)
                                .is_some())
                })
                .count();
            let weight = (5 * unlabelled.len() + 5 * asked).min(20);
            evidence.push(
                Evidence::new("unlabelled-stories", Toward::Star, weight as i32).detail(format!(
                    "{} first-person past-tense answers to questions ({asked} asking for a story)",
                    unlabelled.len()
                )),
            );
        }
        // A story bank is a PR/FAQ only in the strong shape, which needs an FAQ: with no FAQ word
        // and no `Q` label anywhere, the (costlier) PR/FAQ look is not needed.
        if stories.is_empty() || may_have_faq(text) {
            evidence.extend(crate::prfaq::evidence(text, &self.blocks));
        }
        evidence
    }

    /// Prose ranges of block `index` (empty when it holds none or was not needed).
    pub fn block_prose(&self, index: usize) -> &[Range<usize>] {
        self.prose
            .get(index)
            .and_then(|p| p.as_deref())
            .unwrap_or(&[])
    }

    /// The words lying wholly inside `range`, as `(offset, word)`: a slice of one table built
    /// on first use and shared by every word-list rule.
    pub fn words_in(&self, range: Range<usize>) -> &[(usize, &'a str)] {
        let all = self
            .words
            .get_or_init(|| crate::words::tokens(self.text).collect());
        let first = all.partition_point(|&(at, _)| at < range.start);
        let last = all.partition_point(|&(at, w)| at + w.len() <= range.end);
        all.get(first..last.max(first)).unwrap_or(&[])
    }

    /// The text of a range ("" when out of bounds).
    pub fn slice(&self, range: Range<usize>) -> &'a str {
        self.text.get(range).unwrap_or("")
    }

    /// Prose units the style rules read: each block's prose, per block, in document order.
    /// In a story bank that is the text of the story parts; in a PR/FAQ, all prose.
    pub fn prose_units(&self) -> Vec<(Option<usize>, Vec<Range<usize>>)> {
        match self.kind {
            DocKind::Star => {
                let mut out = Vec::new();
                for (si, story) in self.stories.iter().enumerate() {
                    let mut seen: Vec<&Range<usize>> = Vec::new();
                    for part in &story.parts {
                        // Group the part's prose by block so sentences never span blocks.
                        let mut unit: Vec<Range<usize>> = Vec::new();
                        let mut current_block = None;
                        for r in &part.prose {
                            if seen.contains(&r) {
                                continue;
                            }
                            seen.push(r);
                            let block = self.block_at(r.start);
                            if block != current_block && !unit.is_empty() {
                                out.push((Some(si), std::mem::take(&mut unit)));
                            }
                            current_block = block;
                            unit.push(r.clone());
                        }
                        if !unit.is_empty() {
                            out.push((Some(si), unit));
                        }
                    }
                }
                out
            }
            DocKind::Prfaq => (0..self.blocks.len())
                // Template guidance left in is not the author's prose.
                .filter(|&i| {
                    !self.block_prose(i).is_empty()
                        && !self.prfaq.as_ref().is_some_and(|p| p.is_template(i))
                })
                .map(|i| (None, self.block_prose(i).to_vec()))
                .collect(),
            DocKind::Other => Vec::new(),
        }
    }

    /// Would text inserted at `offset` be read as prose? Not inside code, HTML or front matter
    /// (an unclosed code fence runs to the end of the text, so nothing after it is prose).
    pub fn is_prose_position(&self, offset: usize) -> bool {
        !self.blocks.iter().any(|b| {
            matches!(
                b.kind,
                BlockKind::Code | BlockKind::Html | BlockKind::FrontMatter
            ) && b.range.start < offset
                && (offset < b.range.end || b.range.end >= self.text.len())
        })
    }

    /// Index of the block containing `offset`.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.range.start <= offset);
        let i = i.checked_sub(1)?;
        self.blocks
            .get(i)
            .filter(|b| offset < b.range.end.max(b.range.start + 1))
            .map(|_| i)
    }

    /// The story containing `offset`.
    pub fn story_at(&self, offset: usize) -> Option<&Story> {
        // Stories are in document order and do not overlap.
        let i = self.stories.partition_point(|s| s.range.start <= offset);
        self.stories
            .get(i.checked_sub(1)?)
            .filter(|s| s.range.contains(&offset))
    }

    fn fill_story_prose(&mut self, parser: &mut MarkdownParser) {
        let mut tag_lines = tag_line_ranges(self.text, &self.stories);
        tag_lines.sort_by_key(|r| (r.start, r.end));
        for si in 0..self.stories.len() {
            let Some(story) = self.stories.get(si) else {
                continue;
            };
            let spans: Vec<Range<usize>> = if story.is_unlabelled() {
                // The whole answer, after the question.
                let answer = story.title_range.end.max(story.range.start)..story.range.end;
                std::iter::once(answer).collect()
            } else {
                story
                    .parts
                    .iter()
                    .map(|p| p.body_start..p.range.end)
                    .collect()
            };
            let prose: Vec<Vec<Range<usize>>> = spans
                .into_iter()
                .map(|r| self.prose_between(r, &tag_lines, parser))
                .collect();
            let Some(story) = self.stories.get_mut(si) else {
                continue;
            };
            if story.is_unlabelled() {
                story.prose = prose.into_iter().flatten().collect();
            } else {
                for (part, p) in story.parts.iter_mut().zip(prose) {
                    part.prose = p;
                }
            }
        }
    }

    /// The prose of the blocks in `start..end`, clipped to it, without tag lines.
    fn prose_between(
        &mut self,
        Range { start, end }: Range<usize>,
        tag_lines: &[Range<usize>],
        parser: &mut MarkdownParser,
    ) -> Vec<Range<usize>> {
        let text = self.text;
        let mut prose = Vec::new();
        let first = self.blocks.partition_point(|b| b.range.end <= start);
        for bi in first..self.blocks.len() {
            let Some(block) = self.blocks.get(bi) else {
                break;
            };
            if block.range.start >= end {
                break;
            }
            if self.prose.get(bi).is_some_and(Option::is_none) {
                let p = parser.prose_segments(text, &self.lines, block);
                if let Some(slot) = self.prose.get_mut(bi) {
                    *slot = Some(p);
                }
            }
            for r in self.block_prose(bi) {
                let clipped = r.start.max(start)..r.end.min(end);
                if clipped.start < clipped.end {
                    prose.push(clipped);
                }
            }
            // A part in a table row (the block parser gives tables no prose): the row's cells
            // after the label.
            if block.kind == BlockKind::Table {
                let clipped = block.range.start.max(start)..block.range.end.min(end);
                let mut at = clipped.start;
                for cell in text.get(clipped.clone()).unwrap_or("").split('|') {
                    let lead = cell.len() - cell.trim_start().len();
                    let r = at + lead..at + cell.trim_end().len();
                    if r.start < r.end {
                        prose.push(r);
                    }
                    at += cell.len() + 1;
                }
            }
        }
        // Only the tag lines inside this span cut it (a bank has one per story).
        let first_cut = tag_lines.partition_point(|t| t.end <= start);
        let last_cut = tag_lines.partition_point(|t| t.start < end);
        let cuts = tag_lines
            .get(first_cut..last_cut.max(first_cut))
            .unwrap_or(&[])
            .to_vec();
        crate::parse::subtract(&prose, cuts)
            .into_iter()
            .filter(|r| {
                text.get(r.clone())
                    .is_some_and(|s| s.chars().any(char::is_alphanumeric))
            })
            .collect()
    }
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Could the text hold an FAQ (an FAQ heading or `Q:` lines)? A cheap superset test.
fn may_have_faq(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(3).any(|w| w.eq_ignore_ascii_case(b"faq"))
        || bytes
            .windows(17)
            .any(|w| w.eq_ignore_ascii_case(b"frequently asked "))
        || text.lines().any(is_q_label_line)
}

/// `Q:`, `Q3.`, `**Q:**`, `Question 2)` at the start of a line (a superset of what the PR/FAQ
/// model counts as a question label).
fn is_q_label_line(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\t', '*', '_', '-', '>']);
    let rest = t.strip_prefix("Question").or_else(|| t.strip_prefix('Q'));
    rest.is_some_and(|r| {
        r.trim_start_matches(|c: char| c == ' ' || c == '*' || c == '_' || c.is_ascii_digit())
            .starts_with([':', '.', ')'])
    })
}

/// Byte ranges of principle tag lines inside stories (not prose, not counted as words).
fn tag_line_ranges(text: &str, stories: &[Story]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for s in stories {
        for t in &s.tags {
            if matches!(t.source, TagSource::Line | TagSource::Tags) {
                let ls = segment::recognise::line_start_of(text, t.range.start);
                let le = text
                    .get(t.range.end..)
                    .and_then(|r| r.find('\n'))
                    .map_or(text.len(), |i| t.range.end + i);
                out.push(ls..le);
            }
        }
    }
    out
}
