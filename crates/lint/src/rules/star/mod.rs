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

/// The texts that pose each story's question, in story order: its own heading (or question
/// line), the headings that enclose it (`## Failure` above `### The night the backup broke`),
/// and short lines inside it before its first part (`Q: Describe a time you made a mistake`,
/// `Best for: …`). Rules read these to know what the story answers.
///
/// One pass over the blocks for the whole document (a bank of many stories under one `#` title
/// would cost stories x blocks if each story walked back to the top).
pub fn story_prompts(doc: &Document) -> Vec<Vec<String>> {
    // Where each story's enclosing headings are looked for (the blocks before this one), in
    // block order.
    let mut queries: Vec<(usize, usize)> = doc
        .stories
        .iter()
        .enumerate()
        .map(|(si, story)| {
            let first_block = story
                .heading
                .or_else(|| doc.block_at(story.range.start))
                .unwrap_or(0);
            (first_block, si)
        })
        .collect();
    queries.sort_unstable();
    let mut out: Vec<Vec<String>> = vec![Vec::new(); doc.stories.len()];
    // The open headings: levels strictly rising from the bottom. The nearest heading above a
    // block with a level under L is on it, and so is the next one above that, and so on.
    let mut open: Vec<(u8, usize)> = Vec::new();
    let mut next_block = 0;
    for (first_block, si) in queries {
        while next_block < first_block {
            if let Some(l) = doc.blocks.get(next_block).and_then(|b| b.heading_level()) {
                while open.last().is_some_and(|(top, _)| *top >= l) {
                    open.pop();
                }
                open.push((l, next_block));
            }
            next_block += 1;
        }
        let (Some(story), Some(prompts)) = (doc.stories.get(si), out.get_mut(si)) else {
            continue;
        };
        if story.named {
            prompts.push(story.title.clone());
        }
        // Enclosing headings, nearest first, each at a higher level than the one below it.
        let level = story
            .heading
            .and_then(|h| doc.blocks.get(h))
            .and_then(|b| b.heading_level())
            .unwrap_or(7);
        for &(_, b) in open.iter().rev().filter(|(l, _)| *l < level) {
            if let Some(b) = doc.blocks.get(b) {
                prompts.push(crate::document::clean_title(
                    doc.slice(b.content_start()..b.content_end()),
                ));
            }
        }
        // Short blocks inside the story before its first part.
        let first_part = story
            .parts
            .iter()
            .map(|p| p.range.start)
            .min()
            .unwrap_or(story.range.end);
        let from = doc
            .blocks
            .partition_point(|b| b.range.start < story.range.start);
        for b in doc.blocks.get(from..).unwrap_or(&[]) {
            if b.range.start >= first_part {
                break;
            }
            if b.is_heading() {
                continue;
            }
            let t = doc.slice(b.content_start()..b.content_end());
            if t.len() <= 300 {
                prompts.push(crate::document::clean_title(t));
            }
        }
    }
    out
}
