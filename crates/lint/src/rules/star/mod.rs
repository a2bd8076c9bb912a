//! STAR story rules: structure, results, voice and length.

pub mod empty_section;
pub mod hypothetical_language;
pub mod missing_learning;
pub mod missing_section;
pub mod missing_short_version;
pub mod result_without_metric;
pub mod section_order;
pub mod short_version_too_long;
pub mod story_too_long;
pub mod unbalanced_story;
pub mod unlabelled_story;
pub mod we_language;

use crate::document::{Document, Story};
use crate::markers::PartKind;

/// Text that inserts a new marker for `kind` into `story`: where, and what. New markers copy
/// the story's own style and go in STAR order. `None` when the only place for it is inside
/// code or HTML, where it would not be read as a marker (so the fix could never succeed).
pub fn insert_marker(
    doc: &Document,
    story: &Story,
    kind: PartKind,
    settings: &crate::settings::Settings,
) -> Option<(usize, String)> {
    let style = &story.style;
    let marker = style.render(kind);
    let heading = style.heading_level.is_some();
    // Before the first present part that comes later in STAR order…
    let (at, text) = if let Some(next) = story
        .parts
        .iter()
        .filter(|p| p.kind > kind)
        .min_by_key(|p| p.range.start)
    {
        let at = next.range.start
            - (next.range.start - line_start(doc, next.range.start))
                .min(prefix_len(doc, next.range.start));
        let blank_before = doc
            .text
            .get(..at)
            .is_some_and(|t| t.ends_with("\n\n") || t.ends_with("\n\r\n"));
        let sep = if heading || blank_before {
            "\n\n"
        } else {
            "\n"
        };
        (at, format!("{marker}{sep}"))
    } else {
        // …else after the last part.
        let end = story.parts_end();
        (end, format!("\n\n{marker}"))
    };
    let edit = crate::diagnostic::Edit::insert(at, text.clone());
    let works = doc.is_prose_position(at)
        && crate::rules::story_fix_works(doc, story, &edit, settings, |s| s.has(kind));
    works.then_some((at, text))
}

fn line_start(doc: &Document, offset: usize) -> usize {
    doc.lines.line_start(doc.lines.line_of(offset))
}

/// Length of list or quote markers before `offset` on its line, so a new marker goes before them.
fn prefix_len(doc: &Document, offset: usize) -> usize {
    let ls = line_start(doc, offset);
    let prefix = doc.text.get(ls..offset).unwrap_or("");
    if prefix
        .chars()
        .all(|c| c.is_whitespace() || "->*+0123456789.)".contains(c))
    {
        prefix.len()
    } else {
        0
    }
}

/// The texts that pose a story's question: its own heading (or question line), the headings
/// that enclose it (`## Failure` above `### The night the backup broke`), and short lines
/// inside it before its first part (`Q: Describe a time you made a mistake`, `Best for: …`).
/// Rules read these to know what the story answers.
pub fn story_prompts(doc: &Document, story: &Story) -> Vec<String> {
    let mut out = Vec::new();
    if story.named {
        out.push(story.title.clone());
    }
    // Enclosing headings, nearest first, each at a higher level than the one below it.
    let first_block = story
        .heading
        .or_else(|| doc.block_at(story.range.start))
        .unwrap_or(0);
    let mut level = story
        .heading
        .and_then(|h| doc.blocks.get(h))
        .and_then(|b| b.heading_level())
        .unwrap_or(7);
    for b in doc.blocks.get(..first_block).unwrap_or(&[]).iter().rev() {
        if let Some(l) = b.heading_level() {
            if l < level {
                level = l;
                out.push(crate::document::clean_title(
                    doc.slice(b.content_start()..b.content_end()),
                ));
            }
        }
        if level <= 1 {
            break;
        }
    }
    // Short blocks inside the story before its first part.
    let first_part = story
        .parts
        .iter()
        .map(|p| p.range.start)
        .min()
        .unwrap_or(story.range.end);
    for b in &doc.blocks {
        if b.range.start < story.range.start || b.is_heading() {
            continue;
        }
        if b.range.start >= first_part {
            break;
        }
        let t = doc.slice(b.content_start()..b.content_end());
        if t.len() <= 300 {
            out.push(crate::document::clean_title(t));
        }
    }
    out
}
