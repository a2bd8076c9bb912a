//! PR/FAQ rules: the parts of a working-backwards press release, its length, its FAQ, and its
//! acronyms. They read `Document::prfaq`, the model built once per document.

pub mod faq_not_a_question;
pub mod faq_unanswered;
pub mod missing_dateline;
pub mod missing_prfaq_section;
pub mod press_release_too_long;
pub mod undefined_acronym;

use crate::document::Document;
use crate::parse::BlockKind;
use crate::prfaq::PrFaq;
use std::ops::Range;

/// Where a diagnostic about the whole press release points: its `Press Release` heading, its
/// headline, its summary's first line, or the first line of the document's content.
pub fn press_release_anchor(doc: &Document, pr: &PrFaq) -> Range<usize> {
    if let Some(h) = pr.headline.or(pr.release_heading) {
        return crate::prfaq::heading_text_range(doc, h);
    }
    if let Some(s) = pr.summary {
        return first_line(doc, s);
    }
    let first = pr.press_release.start;
    if doc.blocks.get(first).is_some() {
        return first_line(doc, first);
    }
    0..doc.text.find('\n').unwrap_or(doc.text.len())
}

/// The first line of block `i`'s content (a heading's text for headings).
pub fn first_line(doc: &Document, i: usize) -> Range<usize> {
    let Some(b) = doc.blocks.get(i) else {
        return 0..0;
    };
    if b.is_heading() {
        return crate::prfaq::heading_text_range(doc, i);
    }
    let start = b.content_start();
    let content = doc.slice(start..b.content_end());
    let line = content.split('\n').next().unwrap_or("").trim_end();
    start..start + line.len()
}

/// Where a block's text ends (trailing blank lines and a code fence's newline excluded).
pub fn block_end(doc: &Document, i: usize) -> usize {
    let Some(b) = doc.blocks.get(i) else {
        return doc.text.len();
    };
    let end = match b.kind {
        BlockKind::Paragraph | BlockKind::Heading(_) => b.content_end(),
        _ => b.range.end,
    };
    let s = doc.slice(b.range.start..end);
    b.range.start + s.trim_end().len()
}

/// The last block of the press release worth inserting after (not a thematic break, an HTML
/// comment or template guidance).
pub fn last_release_block(doc: &Document, pr: &PrFaq) -> Option<usize> {
    pr.press_release.clone().rev().find(|&i| {
        doc.blocks.get(i).is_some_and(|b| {
            let empty_html = b.kind == BlockKind::Html && doc.block_prose(i).is_empty();
            !(empty_html || matches!(b.kind, BlockKind::ThematicBreak | BlockKind::FrontMatter))
        }) && !pr.is_template(i)
    })
}

/// An insertion of `skeleton` as new blocks after block `i` (or at the document's start).
pub fn insert_after(doc: &Document, i: Option<usize>, skeleton: &str) -> (usize, String) {
    match i {
        Some(i) => (block_end(doc, i), format!("\n\n{skeleton}")),
        None => {
            // After front matter, if any.
            let at = doc
                .blocks
                .iter()
                .find(|b| b.kind == BlockKind::FrontMatter)
                .map_or(0, |b| b.range.end);
            (at, format!("{skeleton}\n\n"))
        }
    }
}

/// An insertion of `skeleton` as new blocks before block `i` (at the end when out of range).
pub fn insert_before(doc: &Document, i: usize, skeleton: &str) -> (usize, String) {
    match doc.blocks.get(i) {
        Some(b) => (b.range.start, format!("{skeleton}\n\n")),
        None => {
            let trimmed = doc.text.trim_end().len();
            (trimmed, format!("\n\n{skeleton}"))
        }
    }
}
