//! The document model: built once per text, read by every rule.
//!
//! A `Document` holds the block structure, the document kind, and what the prose means: the
//! stories with their STAR parts and principle tags, and the suppression comments. Building it
//! never fails: a malformed document is normal input and simply yields fewer stories.

pub mod kind;

use crate::frontmatter::{self, FrontMatter};
use crate::markers::{LineMarker, MarkerHit, MarkerStyle, PartKind};
use crate::parse::{blocks_from_tree, Block, BlockKind, MarkdownParser};
use crate::settings::Settings;
use crate::suppress::{self, Suppression};
use crate::text::LineIndex;
use kind::{Evidence, KindDecision, Toward};
use regex::Regex;
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
        thread_local! {
            static PARSER: std::cell::RefCell<MarkdownParser> = std::cell::RefCell::new(MarkdownParser::new());
        }
        PARSER.with(|p| match p.try_borrow_mut() {
            Ok(mut parser) => Self::build(text, settings, kind, name, &mut parser),
            Err(_) => Self::build(text, settings, kind, name, &mut MarkdownParser::new()),
        })
    }

    /// Build with a given parser (the language server keeps its own, and its old trees).
    pub fn with_parser(
        text: &'a str,
        settings: &Settings,
        kind: Option<DocKind>,
        parser: &mut MarkdownParser,
    ) -> Self {
        Self::build(text, settings, kind, None, parser)
    }

    fn build(
        text: &'a str,
        settings: &Settings,
        kind: Option<DocKind>,
        name: Option<&str>,
        parser: &mut MarkdownParser,
    ) -> Self {
        let lines = LineIndex::new(text);
        let mut doc = Document {
            text,
            lines,
            kind: DocKind::Other,
            decision: KindDecision::default(),
            front_matter: None,
            blocks: Vec::new(),
            stories: Vec::new(),
            suppressions: Vec::new(),
            prfaq: None,
            prose: Vec::new(),
            words: OnceLock::new(),
        };
        // A cheap look first: a text with no marker word, no FAQ and no front matter is `other`
        // and needs no parse at all.
        let starts_fm = strip_bom(text).starts_with("---");
        // A file whose name says it is a PR/FAQ is always read.
        let named_kind = name.is_some_and(|n| !kind::name_evidence(n).is_empty());
        if kind.is_none() && !starts_fm && !named_kind && !settings.markers_prefilter(text) {
            return doc;
        }
        let bom = text.len() - strip_bom(text).len();
        let tree = parser.parse_blocks(strip_bom(text), None);
        let mut blocks = tree.as_ref().map(blocks_from_tree).unwrap_or_default();
        if bom > 0 {
            for b in &mut blocks {
                b.range = b.range.start + bom..b.range.end + bom;
                for s in &mut b.segments {
                    *s = s.start + bom..s.end + bom;
                }
            }
        }
        doc.set_blocks(blocks, settings, kind, name, parser);
        doc
    }

    /// Build the model from an existing tree (the language server re-parses incrementally).
    pub fn from_tree(
        text: &'a str,
        tree: &tree_sitter::Tree,
        settings: &Settings,
        kind: Option<DocKind>,
        parser: &mut MarkdownParser,
    ) -> Self {
        let mut doc = Document {
            text,
            lines: LineIndex::new(text),
            kind: DocKind::Other,
            decision: KindDecision::default(),
            front_matter: None,
            blocks: Vec::new(),
            stories: Vec::new(),
            suppressions: Vec::new(),
            prfaq: None,
            prose: Vec::new(),
            words: OnceLock::new(),
        };
        doc.set_blocks(blocks_from_tree(tree), settings, kind, None, parser);
        doc
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
        let stories = build_stories(text, &self.blocks, settings);
        self.decision = match (fm_kind, forced) {
            (Some(k), _) => kind::forced(k, "front matter"),
            (None, Some(k)) => kind::forced(k, "config"),
            (None, None) => kind::decide(self.kind_evidence(&stories, name)),
        };
        self.kind = self.decision.kind;
        if self.kind == DocKind::Star {
            self.stories = stories;
            self.fill_story_prose(settings, parser);
        } else if self.kind == DocKind::Prfaq {
            for i in 0..self.blocks.len() {
                if let Some(b) = self.blocks.get(i) {
                    let p = parser.prose_segments(text, &self.lines, b);
                    if let Some(slot) = self.prose.get_mut(i) {
                        *slot = Some(p);
                    }
                }
            }
            self.prfaq = Some(crate::prfaq::PrFaq::build(self));
        }
    }

    /// Every signal of the document's kind, for [`kind::decide`].
    fn kind_evidence(&self, stories: &[Story], name: Option<&str>) -> Vec<Evidence> {
        let text = self.text;
        let mut evidence = name.map(kind::name_evidence).unwrap_or_default();
        if !stories.is_empty() {
            evidence.push(
                Evidence::new("stories", Toward::Star, 20)
                    .detail(format!("{} stories with STAR parts", stories.len())),
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
        self.stories.iter().find(|s| s.range.contains(&offset))
    }

    fn fill_story_prose(&mut self, settings: &Settings, parser: &mut MarkdownParser) {
        let text = self.text;
        let tag_lines = tag_line_ranges(text, &self.blocks, &self.stories);
        for si in 0..self.stories.len() {
            let parts_len = self.stories.get(si).map_or(0, |s| s.parts.len());
            for pi in 0..parts_len {
                let Some(part) = self.stories.get(si).and_then(|s| s.parts.get(pi)) else {
                    continue;
                };
                let (start, end) = (part.body_start, part.range.end);
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
                }
                let prose = crate::parse::subtract(&prose, tag_lines.clone());
                let prose: Vec<_> = prose
                    .into_iter()
                    .filter(|r| {
                        text.get(r.clone())
                            .is_some_and(|s| s.chars().any(char::is_alphanumeric))
                    })
                    .collect();
                if let Some(part) = self.stories.get_mut(si).and_then(|s| s.parts.get_mut(pi)) {
                    part.prose = prose;
                }
            }
        }
        let _ = settings;
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

/// A marker with the heading that owns it.
struct Owned {
    hit: MarkerHit,
    owner: Option<usize>,
}

/// Find every STAR marker and group them into stories.
fn build_stories(text: &str, blocks: &[Block], settings: &Settings) -> Vec<Story> {
    let matcher = settings.marker_matcher();
    let mut hits: Vec<MarkerHit> = Vec::new();
    let mut marker_heading = vec![false; blocks.len()];
    for (bi, block) in blocks.iter().enumerate() {
        let found: Vec<LineMarker> = match block.kind {
            BlockKind::Heading(_) => {
                let content = heading_text_range(text, block);
                let s = text.get(content.clone()).unwrap_or("");
                matcher
                    .match_line(s, content.start, true)
                    .into_iter()
                    .collect()
            }
            BlockKind::Paragraph => {
                let mut v = Vec::new();
                for seg in &block.segments {
                    let s = text.get(seg.clone()).unwrap_or("");
                    let mut line_start = 0;
                    for line in s.split('\n') {
                        if let Some(m) = matcher.match_line(line, seg.start + line_start, false) {
                            v.push(m);
                        }
                        line_start += line.len() + 1;
                    }
                }
                v
            }
            BlockKind::Html => block
                .segments
                .iter()
                .flat_map(|seg| matcher.match_html(text.get(seg.clone()).unwrap_or(""), seg.start))
                .collect(),
            _ => Vec::new(),
        };
        for m in found {
            let heading_level = block.heading_level();
            // `A:` right after a `Q:` line is an answer, not an Action.
            if m.letter && m.parts == [PartKind::Action] && follows_question(text, m.label.start) {
                continue;
            }
            if heading_level.is_some() {
                if let Some(flag) = marker_heading.get_mut(bi) {
                    *flag = true;
                }
            }
            let line_start = line_start_of(text, m.label.start);
            let start = if heading_level.is_some() {
                block.range.start
            } else {
                m.label.start - m.before.len()
            };
            let prefix = text.get(line_start..start).unwrap_or("");
            let before = if heading_level.is_some() {
                format!("{} ", "#".repeat(heading_level.unwrap_or(1) as usize))
                    + m.before.trim_start()
            } else {
                // Keep list markers and quote prefixes so a new marker sits where the others do.
                format!(
                    "{}{}",
                    prefix.replace(
                        |c: char| !c.is_whitespace() && !"->*+0123456789.)".contains(c),
                        " "
                    ),
                    m.before
                )
            };
            hits.push(MarkerHit {
                start,
                label: m.label.clone(),
                body_start: if heading_level.is_some() {
                    block.range.end.min(text.len())
                } else {
                    m.body_start
                },
                parts: m.parts.clone(),
                style: MarkerStyle {
                    heading_level,
                    before,
                    after: m.after.clone(),
                    letter: m.letter,
                    case: m.case,
                },
                block: bi,
            });
        }
    }
    if hits.is_empty() {
        return Vec::new();
    }
    let headings: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.is_heading())
        .map(|(i, _)| i)
        .collect();
    let owned: Vec<Owned> = hits
        .into_iter()
        .map(|hit| {
            let owner = owner_of(&hit, blocks, &headings, &marker_heading);
            Owned { hit, owner }
        })
        .collect();
    // Every word label ends the part before it, even one whose own story is dropped.
    let label_starts: Vec<usize> = owned
        .iter()
        .filter(|o| !o.hit.style.letter)
        .map(|o| o.hit.start)
        .collect();
    let groups = group_hits(owned, blocks, text);
    let mut stories = Vec::new();
    let n = groups.len();
    for gi in 0..n {
        let Some(group) = groups.get(gi) else {
            continue;
        };
        let next_start = groups.get(gi + 1).map(|g| g.start);
        if let Some(story) = make_story(
            text,
            blocks,
            &headings,
            group,
            next_start,
            &label_starts,
            settings,
        ) {
            stories.push(story);
        }
    }
    stories
}

fn question_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"^(?-u:[\s>*_+\-\d.]*(?:\*\*|__)?)[^A-Za-z0-9\n#]{0,4}(?i-u:(?:Q|Question)\s*\d*\s*(?:\*\*|__)?\s*[:.)])").unwrap()
    })
}

/// Is one of the few non-blank lines before `offset`'s line a `Q:` line?
fn follows_question(text: &str, offset: usize) -> bool {
    let start = line_start_of(text, offset);
    let before = text.get(..start).unwrap_or("");
    before
        .lines()
        .rev()
        .filter(|l| !l.trim().is_empty())
        .take(4)
        .any(|l| question_re().is_match(l))
}

/// Where a part marked inside HTML ends: the end of the element holding its label
/// (`</li>`, `</tr>`, `</p>`), or of the preformatted block or disclosure it sits in.
fn html_part_end(text: &str, label_start: usize, body_start: usize) -> Option<usize> {
    let context_start = crate::text::floor_char_boundary(text, label_start.saturating_sub(48));
    let context = text.get(context_start..label_start)?.to_ascii_lowercase();
    let last = |tag: &str| context.rfind(tag);
    let container = [
        ("<td", "</tr>"),
        ("<th", "</tr>"),
        ("<li", "</li>"),
        ("<p", "</p>"),
        ("<dd", "</dd>"),
        ("<dt", "</dd>"),
    ]
    .into_iter()
    .filter_map(|(open, close)| last(open).map(|at| (at, close)))
    .max_by_key(|(at, _)| *at);
    let body = text.get(body_start..)?;
    let lower_find = |needle: &str| -> Option<usize> {
        // Case-insensitive search without allocating the whole rest of the text.
        let n = needle.len();
        body.as_bytes()
            .windows(n)
            .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    let end = match container {
        Some((_, close)) => lower_find(close),
        None => ["</pre>", "</details>", "<summary", "</tabitem>"]
            .into_iter()
            .filter_map(lower_find)
            .min(),
    };
    end.map(|e| body_start + e)
}

fn line_start_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The text of a heading without `#`s, emphasis around it, or trailing `#`s.
fn heading_text_range(text: &str, block: &Block) -> Range<usize> {
    let r = block.content_start()..block.content_end();
    let s = text.get(r.clone()).unwrap_or("");
    let trimmed = s.trim_end_matches(['#', ' ', '\t', '\r', '\n']);
    r.start..r.start + trimmed.len()
}

/// The heading that owns a marker: for a heading marker at level N, the nearest heading above
/// level N; for a label, the nearest heading. Marker headings (`### Action`) are parts, not
/// stories, so the search goes on past them to the heading that encloses them.
fn owner_of(
    hit: &MarkerHit,
    blocks: &[Block],
    headings: &[usize],
    marker_heading: &[bool],
) -> Option<usize> {
    let level_of = |h: usize| blocks.get(h).and_then(Block::heading_level).unwrap_or(1);
    // Headings before the marker, nearest first.
    let before = headings.partition_point(|&h| h < hit.block);
    let mut limit = blocks
        .get(hit.block)
        .and_then(Block::heading_level)
        .unwrap_or(7);
    for &h in headings.get(..before).unwrap_or(&[]).iter().rev() {
        let level = level_of(h);
        if level >= limit {
            continue;
        }
        if marker_heading.get(h).copied().unwrap_or(false) {
            limit = level;
            continue;
        }
        return Some(h);
    }
    None
}

/// Markers that make up one story.
struct Group {
    owner: Option<usize>,
    hits: Vec<MarkerHit>,
    /// The group was split off from an earlier one under the same heading.
    split: bool,
    start: usize,
}

/// Group markers in document order: a new story at a new owning heading, or where a marker
/// restarts the sequence.
fn group_pass(owned: Vec<Owned>, blocks: &[Block], text: &str) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for Owned { hit, owner } in owned {
        let start_new = match groups.last() {
            None => true,
            Some(g) if g.owner != owner => {
                // A label group under a plain sub-heading of the previous story continues it.
                !(continues(g, owner, &hit, blocks))
            }
            Some(g) => restarts(g, &hit, text, blocks),
        };
        if start_new {
            let split = groups.last().is_some_and(|g| g.owner == owner);
            groups.push(Group {
                owner,
                start: hit.start,
                hits: vec![hit],
                split,
            });
        } else if let Some(g) = groups.last_mut() {
            g.hits.push(hit);
        }
    }
    groups
}

fn group_hits(owned: Vec<Owned>, blocks: &[Block], text: &str) -> Vec<Group> {
    let mut groups = group_pass(owned, blocks, text);
    // Single-letter labels (`A:`) count only where the story has at least two different ones,
    // so a lone `A: answer` in a Q&A list is not an Action marker. The survivors are grouped
    // again: a dropped label must not split or merge stories.
    let mut dropped = false;
    for g in &mut groups {
        let mut distinct: Vec<PartKind> = g
            .hits
            .iter()
            .filter(|h| h.style.letter)
            .flat_map(|h| h.parts.clone())
            .collect();
        distinct.sort();
        distinct.dedup();
        if distinct.len() < 2 && g.hits.iter().any(|h| h.style.letter) {
            g.hits.retain(|h| !h.style.letter);
            dropped = true;
        }
    }
    if dropped {
        let survivors: Vec<Owned> = groups
            .into_iter()
            .flat_map(|g| {
                let owner = g.owner;
                g.hits.into_iter().map(move |hit| Owned { hit, owner })
            })
            .collect();
        groups = group_pass(survivors, blocks, text);
    }
    // A story has at least two of Situation, Task, Action, Result: "Results" and "Lessons"
    // headings in a project write-up do not make it a STAR story.
    groups.retain(|g| {
        let mut parts: Vec<PartKind> = g
            .hits
            .iter()
            .flat_map(|h| h.parts.clone())
            .filter(|p| *p != PartKind::Learning)
            .collect();
        parts.sort();
        parts.dedup();
        parts.len() >= 2
    });
    for g in &mut groups {
        if let Some(h) = g.hits.first() {
            g.start = h.start;
        }
    }
    groups
}

/// Does `hit` (owned by `owner`) continue group `g` although its heading differs?
fn continues(g: &Group, owner: Option<usize>, hit: &MarkerHit, blocks: &[Block]) -> bool {
    let (Some(parent), Some(child)) = (g.owner, owner) else {
        return false;
    };
    if child <= parent || restarts(g, hit, "", blocks) {
        return false;
    }
    // Only a story that goes on forward (Situation, then Action under a sub-heading) continues;
    // earlier parts under a new heading begin another story.
    let latest = g.hits.iter().flat_map(|h| h.parts.iter().copied()).max();
    if hit.parts.iter().any(|p| latest.is_some_and(|l| *p <= l)) {
        return false;
    }
    let Some(pl) = blocks.get(parent).and_then(Block::heading_level) else {
        return false;
    };
    // The child heading must be nested in the parent's section, with only deeper headings between.
    let between = blocks.get(parent + 1..=child).unwrap_or(&[]);
    between
        .iter()
        .all(|b| b.heading_level().is_none_or(|l| l > pl))
        && blocks.get(hit.block).is_some_and(|b| !b.is_heading())
}

/// Is there a question, a thematic break, a heading or an HTML block boundary between two markers?
fn separated(prev: &MarkerHit, hit: &MarkerHit, text: &str, blocks: &[Block]) -> bool {
    if prev.block == hit.block {
        return false;
    }
    let both_html = [prev.block, hit.block]
        .iter()
        .all(|&b| blocks.get(b).is_some_and(|b| b.kind == BlockKind::Html));
    both_html
        || blocks
            .get(prev.block + 1..hit.block)
            .unwrap_or(&[])
            .iter()
            .any(|b| match b.kind {
                BlockKind::ThematicBreak | BlockKind::Heading(_) => true,
                BlockKind::Paragraph => text
                    .get(b.content_start()..b.content_end())
                    .is_some_and(|t| t.trim_end().trim_end_matches(['*', '_']).ends_with('?')),
                _ => false,
            })
}

/// Does `hit` start a new story after group `g`? It does when it repeats a part the story
/// already has, unless it just continues the part before it (`### Action` then `**Action:**`).
fn restarts(g: &Group, hit: &MarkerHit, text: &str, blocks: &[Block]) -> bool {
    let present: Vec<PartKind> = g.hits.iter().flat_map(|h| h.parts.clone()).collect();
    let last = g.hits.last().map(|h| h.parts.clone()).unwrap_or_default();
    // A Situation after a Result opens the next story when something separates them (a
    // question, a break, another HTML block); right after it, it is a story told out of order.
    let after_result = hit.parts.contains(&PartKind::Situation)
        && present.contains(&PartKind::Result)
        && g.hits
            .last()
            .is_some_and(|prev| separated(prev, hit, text, blocks));
    after_result
        || hit
            .parts
            .iter()
            .any(|p| present.contains(p) && !last.contains(p))
}

fn make_story(
    text: &str,
    blocks: &[Block],
    headings: &[usize],
    group: &Group,
    next_start: Option<usize>,
    label_starts: &[usize],
    settings: &Settings,
) -> Option<Story> {
    let first = group.hits.first()?;
    // The story's heading: the owner, unless this group was split off under it.
    let heading = if group.split { None } else { group.owner };
    let section_end = |h: usize| -> usize {
        let level = blocks.get(h).and_then(Block::heading_level).unwrap_or(1);
        headings
            .iter()
            .filter(|&&o| o > h)
            .find(|&&o| {
                blocks
                    .get(o)
                    .and_then(Block::heading_level)
                    .is_some_and(|l| l <= level)
            })
            .and_then(|&o| blocks.get(o))
            .map_or(text.len(), |b| b.range.start)
    };
    let mut start = match heading {
        Some(h) => blocks.get(h).map_or(first.start, |b| b.range.start),
        None => first.start,
    };
    let mut title_range = match heading {
        Some(h) => blocks
            .get(h)
            .map_or(first.label.clone(), |b| heading_text_range(text, b)),
        None => first.label.clone(),
    };
    let mut title = match heading {
        Some(_) => clean_title(text.get(title_range.clone()).unwrap_or("")),
        None => String::new(),
    };
    let mut named = true;
    if heading.is_none() {
        // A question right before the first marker names the story (`5. How did you…?`).
        if let Some(prev) = first.block.checked_sub(1).and_then(|i| blocks.get(i)) {
            let q = text
                .get(prev.content_start()..prev.content_end())
                .unwrap_or("")
                .trim();
            if !prev.is_heading()
                && prev.kind == BlockKind::Paragraph
                && q.len() <= 300
                && !q.contains('\n')
                && q.trim_end_matches(['*', '_', ' ']).ends_with('?')
            {
                start = prev.range.start;
                title_range = prev.content_start()..prev.content_end();
                title = clean_title(q);
            }
        }
        if title.is_empty() {
            named = false;
            let owner_title = group
                .owner
                .and_then(|h| blocks.get(h))
                .map(|b| clean_title(text.get(heading_text_range(text, b)).unwrap_or("")));
            let line = text
                .get(..first.start)
                .map_or(0, |s| s.matches('\n').count())
                + 1;
            title = match owner_title {
                Some(t) if !t.is_empty() => format!("{t} (story at line {line})"),
                _ => format!("Story at line {line}"),
            };
        }
    }
    // A story with no heading above it is the file: it starts where the document does.
    if group.owner.is_none() && !group.split {
        let doc_start = blocks
            .iter()
            .find(|b| b.kind != BlockKind::FrontMatter)
            .map_or(start, |b| b.range.start);
        start = start.min(doc_start);
    }
    let mut end = match group.owner {
        Some(h) => section_end(h),
        None => text.len(),
    };
    if let Some(n) = next_start {
        if n > start && n < end {
            end = n;
        }
    }
    // Where each part ends: the next marker, or a boundary that no part crosses.
    let mut parts = Vec::new();
    for (i, hit) in group.hits.iter().enumerate() {
        let next_label = label_starts
            .iter()
            .copied()
            .find(|&l| l > hit.start)
            .unwrap_or(end);
        let next_hit = group
            .hits
            .get(i + 1)
            .map_or(end, |h| h.start)
            .min(next_label);
        let boundary = part_boundary(text, blocks, hit, end);
        let mut limit = next_hit.min(boundary).min(end);
        if blocks
            .get(hit.block)
            .is_some_and(|b| b.kind == BlockKind::Html)
        {
            if let Some(e) = html_part_end(text, hit.label.start, hit.body_start) {
                limit = limit.min(e.max(hit.body_start));
            }
        }
        let part_end = trim_end_ws(text, hit.body_start, limit);
        for (k, &kind) in hit.parts.iter().enumerate() {
            parts.push(Part {
                kind,
                combined: hit.parts.len() > 1,
                label: hit.label.clone(),
                range: hit.start..part_end.max(hit.body_start.min(part_end)),
                body_start: hit.body_start.min(part_end.max(hit.body_start)),
                prose: Vec::new(),
                style: hit.style.clone(),
            });
            let _ = k;
        }
    }
    // A story whose first marker comes from a split keeps the preceding question in range.
    let mut story = Story {
        title,
        named,
        title_range,
        heading,
        range: start..end,
        parts,
        tags: Vec::new(),
        style: first.style.clone(),
    };
    story.tags = crate::tags::story_tags(text, blocks, headings, &story, settings);
    Some(story)
}

/// The furthest a part starting at `hit` may run: the next heading at its level or above
/// (heading markers), or the next heading or thematic break (label markers).
fn part_boundary(text: &str, blocks: &[Block], hit: &MarkerHit, end: usize) -> usize {
    let level = blocks.get(hit.block).and_then(Block::heading_level);
    for b in blocks.iter().skip(hit.block + 1) {
        if b.range.start >= end {
            break;
        }
        let stop = match (level, b.kind) {
            (Some(n), BlockKind::Heading(l)) => l <= n,
            (None, BlockKind::Heading(_)) | (None, BlockKind::ThematicBreak) => true,
            _ => false,
        };
        if stop {
            return b.range.start;
        }
    }
    let _ = text;
    end
}

fn trim_end_ws(text: &str, floor: usize, end: usize) -> usize {
    let s = text.get(floor.min(end)..end).unwrap_or("");
    floor.min(end) + s.trim_end().len()
}

/// A title for people: emphasis, numbering and trailing colons removed.
pub fn clean_title(raw: &str) -> String {
    let t = raw
        .trim()
        .trim_matches(|c| c == '*' || c == '_' || c == '`');
    let t = t.trim_end_matches(':').trim();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Byte ranges of principle tag lines inside stories (not prose, not counted as words).
fn tag_line_ranges(text: &str, blocks: &[Block], stories: &[Story]) -> Vec<Range<usize>> {
    let _ = blocks;
    let mut out = Vec::new();
    for s in stories {
        for t in &s.tags {
            if matches!(t.source, TagSource::Line | TagSource::Tags) {
                let ls = line_start_of(text, t.range.start);
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
