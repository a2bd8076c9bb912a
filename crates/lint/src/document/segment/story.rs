//! A group of markers laid out as a story: its range, its title, and where each part ends.

use super::group::Group;
use super::style::MarkerHit;
use super::Builder;
use crate::document::{Part, Story};
use crate::parse::{Block, BlockKind};
use std::ops::Range;

/// The stories of the groups, in order. `label_starts` are where every word label starts
/// (even one whose own group was dropped): each ends the part before it.
pub(crate) fn make_stories(cx: &Builder, groups: &[Group], label_starts: &[usize]) -> Vec<Story> {
    let mut stories = Vec::new();
    for (gi, group) in groups.iter().enumerate() {
        let next_start = groups.get(gi + 1).map(|g| g.start);
        if let Some(story) = make_story(cx, group, next_start, label_starts) {
            stories.push(story);
        }
    }
    stories
}

/// Where the section of heading `h` ends: at the next heading of its level or above.
pub(crate) fn section_end(cx: &Builder, h: usize) -> usize {
    let level = cx.heading_level(h).unwrap_or(1);
    let after = cx.headings.partition_point(|&o| o <= h);
    cx.headings
        .get(after..)
        .unwrap_or(&[])
        .iter()
        .find(|&&o| cx.heading_level(o).is_some_and(|l| l <= level))
        .and_then(|&o| cx.block(o))
        .map_or(cx.text.len(), |b| b.range.start)
}

/// The story's title: its heading's text, a question right before its first marker, or a name
/// made up from the line number (then `named` is false).
struct Title {
    text: String,
    range: Range<usize>,
    named: bool,
    /// Where the story starts when the title is a question paragraph above it.
    start: Option<usize>,
}

/// The heading that names the story under heading `h`: `h` itself, or the heading above it
/// when `h` only names the answer's form (`### Quick Talking Points (STAR)`) and no other
/// heading of that section says the same (two `### Answer`s under one heading keep theirs).
fn named_heading(cx: &Builder, h: usize) -> usize {
    let text_of = |i: usize| {
        cx.block(i).filter(|b| b.is_heading()).map(|b| {
            cx.slice(heading_text_range(cx.text, b))
                .trim()
                .to_lowercase()
        })
    };
    let own = text_of(h).unwrap_or_default();
    let Some(level) = cx
        .heading_level(h)
        .filter(|_| crate::words::is_form_heading(&own))
    else {
        return h;
    };
    let Some(parent) = (0..h)
        .rev()
        .find(|&i| cx.heading_level(i).is_some_and(|l| l < level))
    else {
        return h;
    };
    let parent_level = cx.heading_level(parent).unwrap_or(level);
    let forms = (parent + 1..cx.blocks.len())
        .take_while(|&i| cx.heading_level(i).is_none_or(|l| l > parent_level))
        .filter(|&i| cx.heading_level(i) == Some(level) && text_of(i).as_ref() == Some(&own))
        .count();
    if forms == 1 {
        parent
    } else {
        h
    }
}

fn title_of(cx: &Builder, group: &Group, heading: Option<usize>, first: &MarkerHit) -> Title {
    let text = cx.text;
    // In a question-and-answer file under one heading, the question names the answer.
    let asked = first
        .block
        .checked_sub(1)
        .filter(|&q| heading.is_some_and(|h| h + 1 < q) && super::prompt::next_question(cx, q));
    if let Some(b) = heading
        .filter(|_| asked.is_none())
        .map(|h| named_heading(cx, h))
        .and_then(|h| cx.block(h))
    {
        let range = heading_text_range(text, b);
        return Title {
            text: clean_title(cx.slice(range.clone())),
            range,
            named: true,
            start: None,
        };
    }
    // A question right before the first marker names the story (`5. How did you…?`).
    let before = first.block.checked_sub(1);
    if let Some(prev) = before.and_then(|i| cx.block(i)) {
        let q = cx.slice(prev.content_start()..prev.content_end()).trim();
        if before.is_some_and(|i| super::prompt::question(cx, i).is_some()) {
            let t = clean_title(q);
            if !t.is_empty() {
                return Title {
                    text: t,
                    range: prev.content_start()..prev.content_end(),
                    named: true,
                    start: Some(prev.range.start),
                };
            }
        }
    }
    let owner_title = group
        .owner
        .and_then(|h| cx.block(h))
        .map(|b| clean_title(cx.slice(heading_text_range(text, b))));
    let line = text
        .get(..first.start)
        .map_or(0, |s| s.matches('\n').count())
        + 1;
    Title {
        text: match owner_title {
            Some(t) if !t.is_empty() => format!("{t} (story at line {line})"),
            _ => format!("Story at line {line}"),
        },
        range: first.label.clone(),
        named: false,
        start: None,
    }
}

fn make_story(
    cx: &Builder,
    group: &Group,
    next_start: Option<usize>,
    label_starts: &[usize],
) -> Option<Story> {
    let text = cx.text;
    let first = group.hits.first()?;
    // The story's heading: the owner, unless this group was split off under it.
    let heading = if group.split { None } else { group.owner };
    let title = title_of(cx, group, heading, first);
    let mut start = match heading {
        Some(h) => cx.block(h).map_or(first.start, |b| b.range.start),
        None => title.start.unwrap_or(first.start),
    };
    // A story with no heading above it is the file: it starts where the document does.
    if group.owner.is_none() && !group.split {
        let doc_start = cx
            .blocks
            .iter()
            .find(|b| b.kind != BlockKind::FrontMatter)
            .map_or(start, |b| b.range.start);
        start = start.min(doc_start);
    }
    let mut end = match group.owner {
        Some(h) => section_end(cx, h),
        None => text.len(),
    };
    if let Some(n) = next_start {
        if n > start && n < end {
            end = n;
        }
    }
    // In a question-and-answer file the answer ends where the next question begins.
    if let Some(last) = group.hits.last() {
        for (bi, b) in cx.blocks.iter().enumerate().skip(last.block + 1) {
            if b.range.start >= end {
                break;
            }
            if super::prompt::next_question(cx, bi) {
                end = b.range.start;
                break;
            }
        }
    }
    // Where each part ends: the next marker, or a boundary that no part crosses.
    let mut parts = Vec::new();
    for (i, hit) in group.hits.iter().enumerate() {
        let next_label = label_starts
            .get(label_starts.partition_point(|&l| l <= hit.start))
            .copied()
            .unwrap_or(end);
        let next_hit = group
            .hits
            .get(i + 1)
            .map_or(end, |h| h.start)
            .min(next_label);
        let boundary = hit.family.recogniser().part_end(cx, hit, end);
        let limit = next_hit.min(boundary).min(end);
        let part_end = trim_end_ws(text, hit.body_start, limit);
        for &kind in &hit.parts {
            parts.push(Part {
                kind,
                combined: hit.parts.len() > 1,
                label: hit.label.clone(),
                range: hit.start..part_end.max(hit.body_start.min(part_end)),
                body_start: hit.body_start.min(part_end.max(hit.body_start)),
                prose: Vec::new(),
                style: hit.style.clone(),
                weak: hit.weak,
            });
        }
    }
    let mut story = Story {
        title: title.text,
        named: title.named,
        title_range: title.range,
        heading,
        range: start..end,
        parts,
        tags: Vec::new(),
        style: first.style.clone(),
        prose: Vec::new(),
    };
    story.tags = crate::tags::story_tags(
        text,
        cx.blocks,
        &cx.headings,
        &cx.parents,
        &story,
        cx.settings,
    );
    Some(story)
}

pub(crate) fn trim_end_ws(text: &str, floor: usize, end: usize) -> usize {
    let s = text.get(floor.min(end)..end).unwrap_or("");
    floor.min(end) + s.trim_end().len()
}

/// The text of a heading without `#`s, emphasis around it, or trailing `#`s.
pub(crate) fn heading_text_range(text: &str, block: &Block) -> Range<usize> {
    let r = block.content_start()..block.content_end();
    let s = text.get(r.clone()).unwrap_or("");
    let trimmed = s.trim_end_matches(['#', ' ', '\t', '\r', '\n']);
    r.start..r.start + trimmed.len()
}

/// A title for people: emphasis, numbering and trailing colons removed.
pub fn clean_title(raw: &str) -> String {
    let t = raw
        .trim()
        .trim_matches(|c| c == '*' || c == '_' || c == '`');
    let t = t.trim_end_matches(':').trim();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}
