//! Markdown structure from tree-sitter-md: a flat list of blocks with their prose segments.
//!
//! Only the block grammar runs over the whole text. The inline grammar runs lazily, on the few
//! blocks whose text can hold inline code, links or HTML, to mask those out of the prose.

mod pieces;

pub use pieces::{atx_heading_level, fence_run, parse_in_pieces, pieces, PIECE_MIN};

use crate::text::LineIndex;
use std::ops::Range;
use tree_sitter::{InputEdit, Node, Parser, Point, Tree};

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    Code,
    Html,
    ThematicBreak,
    Table,
    FrontMatter,
}

/// A leaf block of the document, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The whole block, including markers and trailing blank lines.
    pub range: Range<usize>,
    /// Raw text pieces (one per source line or run of lines) with block-quote and list
    /// continuation prefixes removed. Inline markup is still in them; see [`prose_segments`].
    pub segments: Vec<Range<usize>>,
    /// Nesting depth in lists (0 outside lists).
    pub list_depth: u8,
    /// Nesting depth in block quotes.
    pub quote_depth: u8,
}

impl Block {
    /// Move the block `by` bytes later (a block parsed from a piece of a larger text).
    pub fn shift(&mut self, by: usize) {
        self.range = self.range.start + by..self.range.end + by;
        for s in &mut self.segments {
            *s = s.start + by..s.end + by;
        }
    }

    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading(_))
    }

    pub fn heading_level(&self) -> Option<u8> {
        match self.kind {
            BlockKind::Heading(l) => Some(l),
            _ => None,
        }
    }

    /// Start of the block's content (after a heading's `#`s or a list marker).
    pub fn content_start(&self) -> usize {
        self.segments.first().map_or(self.range.start, |s| s.start)
    }

    /// End of the block's content, without trailing newlines.
    pub fn content_end(&self) -> usize {
        self.segments.last().map_or(self.range.end, |s| s.end)
    }
}

/// For each block, whether it lies in a section (under a heading, down to the next heading of
/// the same or a higher level) whose heading text `opens` accepts, at any depth.
pub fn in_sections(blocks: &[Block], text: &str, opens: impl Fn(&str) -> bool) -> Vec<bool> {
    // The open headings above the current block: (level, accepted).
    let mut open: Vec<(u8, bool)> = Vec::new();
    blocks
        .iter()
        .map(|b| {
            if let Some(level) = b.heading_level() {
                while open.last().is_some_and(|&(l, _)| l >= level) {
                    open.pop();
                }
                let heading = text.get(b.content_start()..b.content_end()).unwrap_or("");
                open.push((level, opens(heading)));
                // The heading itself belongs to the section above it.
                return open.iter().rev().skip(1).any(|&(_, yes)| yes);
            }
            open.iter().any(|&(_, yes)| yes)
        })
        .collect()
}

/// Run `f` with this thread's parser (a new one if it is in use further up the stack).
pub fn with_thread_parser<R>(f: impl FnOnce(&mut MarkdownParser) -> R) -> R {
    thread_local! {
        static PARSER: std::cell::RefCell<MarkdownParser> = std::cell::RefCell::new(MarkdownParser::new());
    }
    PARSER.with(|p| match p.try_borrow_mut() {
        Ok(mut parser) => f(&mut parser),
        Err(_) => f(&mut MarkdownParser::new()),
    })
}

/// A block parser for Markdown, reusable across documents (one per thread).
pub struct MarkdownParser {
    block: Parser,
    inline: Parser,
}

impl MarkdownParser {
    pub fn new() -> Self {
        let mut block = Parser::new();
        // Both grammars are compiled in; setting them only fails on an ABI mismatch, which the
        // test suite would catch, and then every parse returns None (an empty document).
        let _ = block.set_language(&tree_sitter_md::LANGUAGE.into());
        let mut inline = Parser::new();
        let _ = inline.set_language(&tree_sitter_md::INLINE_LANGUAGE.into());
        MarkdownParser { block, inline }
    }

    /// Parse (or re-parse after `old.edit(…)`) the block structure of `text`.
    pub fn parse_blocks(&mut self, text: &str, old: Option<&Tree>) -> Option<Tree> {
        self.block.parse(text, old)
    }

    /// Prose pieces of a block: its segments with inline code, HTML tags, autolinks, link
    /// destinations, images and bare URLs cut out.
    pub fn prose_segments(
        &mut self,
        text: &str,
        lines: &LineIndex,
        block: &Block,
    ) -> Vec<Range<usize>> {
        match block.kind {
            BlockKind::Paragraph | BlockKind::Heading(_) | BlockKind::Table => {}
            BlockKind::Html => return html_text_segments(text, &block.segments),
            _ => return Vec::new(),
        }
        let needs_inline = block.segments.iter().any(|r| {
            text.get(r.clone()).is_some_and(|s| {
                s.contains(['`', '<', '[', '!']) || s.contains("http") || s.contains("www.")
            })
        });
        if !needs_inline {
            return block.segments.clone();
        }
        let mut masked: Vec<Range<usize>> = Vec::new();
        let ranges: Vec<tree_sitter::Range> = block
            .segments
            .iter()
            .filter(|r| !r.is_empty())
            .map(|r| ts_range(lines, r.clone()))
            .collect();
        if !ranges.is_empty() && self.inline.set_included_ranges(&ranges).is_ok() {
            if let Some(tree) = self.inline.parse(text, None) {
                collect_masked(tree.root_node(), &mut masked);
            }
        }
        for seg in &block.segments {
            if let Some(s) = text.get(seg.clone()) {
                for url in bare_urls(s) {
                    masked.push(seg.start + url.start..seg.start + url.end);
                }
            }
        }
        subtract(&block.segments, masked)
    }
}

impl Default for MarkdownParser {
    fn default() -> Self {
        Self::new()
    }
}

/// The tree-sitter edit for replacing `old_range` of `old_text` with `new_len` bytes, as the
/// language server needs for incremental re-parsing.
pub fn input_edit(
    old_text: &str,
    new_text: &str,
    old_range: Range<usize>,
    new_len: usize,
) -> InputEdit {
    let new_end = old_range.start + new_len;
    InputEdit {
        start_byte: old_range.start,
        old_end_byte: old_range.end,
        new_end_byte: new_end,
        start_position: point_at(old_text, old_range.start),
        old_end_position: point_at(old_text, old_range.end),
        new_end_position: point_at(new_text, new_end),
    }
}

fn point_at(text: &str, offset: usize) -> Point {
    let offset = crate::text::floor_char_boundary(text, offset);
    let before = text.get(..offset).unwrap_or("");
    let row = before.bytes().filter(|&b| b == b'\n').count();
    let column = before.rfind('\n').map_or(offset, |i| offset - i - 1);
    Point { row, column }
}

/// A tree-sitter range; points come from the line index (no scan from the text's start).
fn ts_range(lines: &LineIndex, r: Range<usize>) -> tree_sitter::Range {
    let point = |offset: usize| {
        let row = lines.line_of(offset);
        Point {
            row,
            column: offset - lines.line_start(row).min(offset),
        }
    };
    tree_sitter::Range {
        start_byte: r.start,
        end_byte: r.end,
        start_point: point(r.start),
        end_point: point(r.end),
    }
}

/// Flatten a block tree into leaf blocks, in document order. Iterative: nesting depth in
/// hostile input cannot overflow the stack.
pub fn blocks_from_tree(tree: &Tree) -> Vec<Block> {
    let mut blocks = Vec::new();
    // (node, list depth, quote depth)
    let mut stack: Vec<(Node, u8, u8)> = vec![(tree.root_node(), 0, 0)];
    while let Some((node, list, quote)) = stack.pop() {
        let kind = match node.kind() {
            "document" | "section" => {
                push_children(&mut stack, node, list, quote);
                continue;
            }
            "list" => {
                push_children(&mut stack, node, list.saturating_add(1), quote);
                continue;
            }
            "list_item" => {
                push_children(&mut stack, node, list, quote);
                continue;
            }
            "block_quote" => {
                push_children(&mut stack, node, list, quote.saturating_add(1));
                continue;
            }
            "atx_heading" => BlockKind::Heading(atx_level(node)),
            "setext_heading" => BlockKind::Heading(setext_level(node)),
            "paragraph" => BlockKind::Paragraph,
            "fenced_code_block" | "indented_code_block" => BlockKind::Code,
            "html_block" => BlockKind::Html,
            "thematic_break" => BlockKind::ThematicBreak,
            "pipe_table" => BlockKind::Table,
            "minus_metadata" | "plus_metadata" => BlockKind::FrontMatter,
            _ => continue,
        };
        let segments = match kind {
            BlockKind::Heading(_) | BlockKind::Paragraph => inline_segments(node),
            BlockKind::Table => table_segments(node),
            BlockKind::Html => minus_continuations(node.byte_range(), node),
            _ => Vec::new(),
        };
        blocks.push(Block {
            kind,
            range: node.byte_range(),
            segments,
            list_depth: list,
            quote_depth: quote,
        });
    }
    blocks
}

fn push_children<'t>(stack: &mut Vec<(Node<'t>, u8, u8)>, node: Node<'t>, list: u8, quote: u8) {
    let mut cursor = node.walk();
    let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
    for child in children.into_iter().rev() {
        stack.push((child, list, quote));
    }
}

fn atx_level(node: Node) -> u8 {
    let mut cursor = node.walk();
    let level = node
        .named_children(&mut cursor)
        .find_map(|c| match c.kind() {
            "atx_h1_marker" => Some(1),
            "atx_h2_marker" => Some(2),
            "atx_h3_marker" => Some(3),
            "atx_h4_marker" => Some(4),
            "atx_h5_marker" => Some(5),
            "atx_h6_marker" => Some(6),
            _ => None,
        });
    level.unwrap_or(1)
}

fn setext_level(node: Node) -> u8 {
    let mut cursor = node.walk();
    let two = node
        .named_children(&mut cursor)
        .any(|c| c.kind() == "setext_h2_underline");
    if two {
        2
    } else {
        1
    }
}

/// The `inline` content of a heading or paragraph, minus continuation prefixes.
fn inline_segments(node: Node) -> Vec<Range<usize>> {
    let mut cursor = node.walk();
    let mut out = Vec::new();
    for child in node.named_children(&mut cursor) {
        match child.kind() {
            "inline" => out.extend(minus_continuations(child.byte_range(), child)),
            // A setext heading's text sits in a paragraph child.
            "paragraph" => out.extend(inline_segments(child)),
            _ => {}
        }
    }
    out
}

fn table_segments(node: Node) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.kind() == "inline" {
            out.push(n.byte_range());
            continue;
        }
        let mut cursor = n.walk();
        let children: Vec<Node> = n.named_children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

/// `range` with its `block_continuation` children (`> `, list indentation) cut out.
fn minus_continuations(range: Range<usize>, node: Node) -> Vec<Range<usize>> {
    let mut cursor = node.walk();
    let cuts: Vec<Range<usize>> = node
        .named_children(&mut cursor)
        .filter(|c| c.kind() == "block_continuation")
        .map(|c| c.byte_range())
        .collect();
    subtract(&[range], cuts)
}

fn collect_masked(root: Node, out: &mut Vec<Range<usize>>) {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        match n.kind() {
            "code_span" | "html_tag" | "uri_autolink" | "email_autolink" | "link_destination"
            | "link_title" | "image" => {
                out.push(n.byte_range());
                continue;
            }
            "full_reference_link" => {
                // `[text][label]`: the label is a key, not prose.
                let mut cursor = n.walk();
                out.extend(
                    n.named_children(&mut cursor)
                        .filter(|c| c.kind() == "link_label")
                        .map(|c| c.byte_range()),
                );
            }
            _ => {}
        }
        let mut cursor = n.walk();
        let children: Vec<Node> = n.named_children(&mut cursor).collect();
        stack.extend(children);
    }
}

/// Byte ranges of bare `http(s)://` and `www.` URLs in `s`.
fn bare_urls(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = s
        .get(from..)
        .and_then(|t| t.find("http").or_else(|| t.find("www.")))
    {
        let start = from + rel;
        let rest = s.get(start..).unwrap_or("");
        if rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.") {
            let len = rest
                .find(|c: char| c.is_whitespace() || c == ')' || c == '>')
                .unwrap_or(rest.len());
            out.push(start..start + len);
            from = start + len.max(1);
        } else {
            from = start + 4;
        }
    }
    out
}

/// Text between tags of an HTML block; comments, `<code>`, `<script>` and `<style>` skipped.
fn html_text_segments(text: &str, segments: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for seg in segments {
        let Some(s) = text.get(seg.clone()) else {
            continue;
        };
        let bytes = s.as_bytes();
        let mut i = 0;
        let mut start = 0;
        let mut skip_until: Option<&str> = None;
        while i < bytes.len() {
            if let Some(end_tag) = skip_until {
                match s.get(i..).and_then(|t| t.find(end_tag)) {
                    Some(rel) => {
                        i += rel + end_tag.len();
                        start = i;
                        skip_until = None;
                        continue;
                    }
                    None => {
                        i = bytes.len();
                        start = i;
                        break;
                    }
                }
            }
            if bytes.get(i) == Some(&b'<') {
                if start < i {
                    out.push(seg.start + start..seg.start + i);
                }
                let rest = s.get(i..).unwrap_or("");
                let lower: String = rest
                    .chars()
                    .take(8)
                    .collect::<String>()
                    .to_ascii_lowercase();
                if rest.starts_with("<!--") {
                    skip_until = Some("-->");
                    i += 4;
                    continue;
                }
                for tag in ["code", "script", "style"] {
                    if lower.starts_with(&format!("<{tag}")) {
                        skip_until = Some(match tag {
                            "code" => "</code>",
                            "script" => "</script>",
                            _ => "</style>",
                        });
                    }
                }
                match rest.find('>') {
                    Some(rel) => {
                        i += rel + 1;
                        start = i;
                    }
                    None => {
                        i = bytes.len();
                        start = i;
                    }
                }
                continue;
            }
            i += 1;
        }
        if start < bytes.len() && skip_until.is_none() {
            out.push(seg.start + start..seg.end);
        }
    }
    out.retain(|r| text.get(r.clone()).is_some_and(|t| !t.trim().is_empty()));
    out
}

/// `ranges` minus `cuts` (both in the same coordinates); empty pieces dropped.
pub fn subtract(ranges: &[Range<usize>], mut cuts: Vec<Range<usize>>) -> Vec<Range<usize>> {
    cuts.sort_by_key(|r| r.start);
    let mut out = Vec::new();
    for r in ranges {
        let mut start = r.start;
        for c in &cuts {
            if c.end <= start || c.start >= r.end {
                continue;
            }
            if c.start > start {
                out.push(start..c.start);
            }
            start = start.max(c.end);
        }
        if start < r.end {
            out.push(start..r.end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        let mut p = MarkdownParser::new();
        let tree = p.parse_blocks(text, None).unwrap();
        blocks_from_tree(&tree)
    }

    #[test]
    fn flattens_nested_lists_and_quotes() {
        let text = "# T\n\n> a **b**\n> c\n\n- x\n  - y\n    z\n";
        let b = blocks(text);
        let kinds: Vec<_> = b
            .iter()
            .map(|b| (b.kind, b.list_depth, b.quote_depth))
            .collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Heading(1), 0, 0),
                (BlockKind::Paragraph, 0, 1),
                (BlockKind::Paragraph, 1, 0),
                (BlockKind::Paragraph, 2, 0)
            ]
        );
        let quote: Vec<_> = b[1].segments.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(quote, ["a **b**\n", "c"]);
    }

    #[test]
    fn masks_code_links_and_urls() {
        let text = "We ran `we code` and [our docs](http://x.io/we) at https://we.io now\n";
        let mut p = MarkdownParser::new();
        let b = blocks(text);
        let prose: String = p
            .prose_segments(text, &LineIndex::new(text), &b[0])
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert!(!prose.contains("we code"));
        assert!(!prose.contains("x.io"));
        assert!(!prose.contains("we.io"));
        assert!(prose.contains("our docs"));
    }

    #[test]
    fn html_text_only() {
        let text = "<div><strong>Result</strong>: 5x <!-- we --> <code>we</code> done</div>\n";
        let mut p = MarkdownParser::new();
        let b = blocks(text);
        let prose: String = p
            .prose_segments(text, &LineIndex::new(text), &b[0])
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(
            prose.split_whitespace().collect::<Vec<_>>(),
            ["Result:", "5x", "done"]
        );
    }
}
