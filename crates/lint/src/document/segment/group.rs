//! Markers into stories: each marker is owned by a heading; a new story starts at a new owning
//! heading or where the markers restart (a repeated part, a Situation after a Result past a
//! break). A group needs two different parts to be a story.

use super::part::PartKind;
use super::style::MarkerHit;
use super::Builder;
use crate::parse::{Block, BlockKind};

/// Markers that make up one story.
pub(crate) struct Group {
    /// The heading that owns the markers.
    pub owner: Option<usize>,
    pub hits: Vec<MarkerHit>,
    /// The group was split off from an earlier one under the same heading.
    pub split: bool,
    pub start: usize,
}

/// A marker with the heading that owns it.
struct Owned {
    hit: MarkerHit,
    owner: Option<usize>,
}

/// Group markers (in document order) into stories.
pub(crate) fn group(cx: &Builder, hits: Vec<MarkerHit>) -> Vec<Group> {
    let owned: Vec<Owned> = hits
        .into_iter()
        .map(|hit| {
            let owner = owner_of(cx, &hit);
            Owned { hit, owner }
        })
        .collect();
    let mut groups = group_pass(cx, owned);
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
        groups = group_pass(cx, survivors);
    }
    // In a bank of stories, a lone `Situation:` under a heading of its own is a story begun
    // and not yet finished; anywhere else one label is not a story.
    let bank = groups.iter().filter(|g| is_story(g)).count() >= 2;
    let owners: Vec<Option<usize>> = groups.iter().map(|g| g.owner).collect();
    groups.retain(|g| is_story(g) || (bank && begun(g, &owners)));
    for g in &mut groups {
        if let Some(h) = g.hits.first() {
            g.start = h.start;
        }
    }
    groups
}

/// A story has at least two of Situation, Task, Action, Result: "Results" and "Lessons"
/// headings in a project write-up do not make it a STAR story. Weak markers (`Problem:`, a
/// dash after a title-case label) need more: an Action and three parts in all.
fn is_story(g: &Group) -> bool {
    let mut parts: Vec<PartKind> = g
        .hits
        .iter()
        .flat_map(|h| h.parts.clone())
        .filter(|p| *p != PartKind::Learning)
        .collect();
    parts.sort();
    parts.dedup();
    if g.hits.iter().any(|h| h.weak) {
        return parts.len() >= 3 && parts.contains(&PartKind::Action);
    }
    parts.len() >= 2
}

/// Is `g` one strong `Situation` label alone under a heading that no other group shares?
fn begun(g: &Group, owners: &[Option<usize>]) -> bool {
    let [hit] = g.hits.as_slice() else {
        return false;
    };
    g.owner.is_some()
        && owners.iter().filter(|&&o| o == g.owner).count() == 1
        && !hit.weak
        && !hit.style.letter
        && hit.parts == [PartKind::Situation]
}

/// The heading that owns a marker: for a heading marker at level N, the nearest heading above
/// level N; for a label, the nearest heading. Marker headings (`### Action`) are parts, not
/// stories, so the search goes on past them to the heading that encloses them.
fn owner_of(cx: &Builder, hit: &MarkerHit) -> Option<usize> {
    let level_of = |h: usize| cx.heading_level(h).unwrap_or(1);
    // Headings before the marker, nearest first.
    let before = cx.headings.partition_point(|&h| h < hit.block);
    let mut limit = cx.heading_level(hit.block).unwrap_or(7);
    for &h in cx.headings.get(..before).unwrap_or(&[]).iter().rev() {
        let level = level_of(h);
        if level >= limit {
            continue;
        }
        if cx.marker_heading.get(h).copied().unwrap_or(false) {
            limit = level;
            continue;
        }
        if is_blank_heading(cx, h) {
            continue;
        }
        return Some(h);
    }
    None
}

/// A heading with no text (`# `) names nothing and owns nothing.
fn is_blank_heading(cx: &Builder, h: usize) -> bool {
    cx.block(h).is_some_and(|b| {
        cx.slice(b.content_start()..b.content_end())
            .trim_matches(|c: char| c.is_whitespace() || c == '#')
            .is_empty()
    })
}

/// Group markers in document order: a new story at a new owning heading, or where a marker
/// restarts the sequence.
fn group_pass(cx: &Builder, owned: Vec<Owned>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for Owned { hit, owner } in owned {
        let start_new = match groups.last() {
            None => true,
            // A label group under a plain sub-heading of the previous story continues it.
            Some(g) if g.owner != owner => !continues(cx, g, owner, &hit),
            Some(g) => restarts(cx, g, &hit),
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

/// Does `hit` (owned by `owner`) continue group `g` although its heading differs?
fn continues(cx: &Builder, g: &Group, owner: Option<usize>, hit: &MarkerHit) -> bool {
    let (Some(parent), Some(child)) = (g.owner, owner) else {
        return false;
    };
    if child <= parent || repeats(g, hit) {
        return false;
    }
    // Only a story that goes on forward (Situation, then Action under a sub-heading) continues;
    // earlier parts under a new heading begin another story.
    let latest = g.hits.iter().flat_map(|h| h.parts.iter().copied()).max();
    if hit.parts.iter().any(|p| latest.is_some_and(|l| *p <= l)) {
        return false;
    }
    let Some(pl) = cx.heading_level(parent) else {
        return false;
    };
    // The child heading must be nested in the parent's section, with only deeper headings between.
    let between = cx.blocks.get(parent + 1..=child).unwrap_or(&[]);
    between
        .iter()
        .all(|b| b.heading_level().is_none_or(|l| l > pl))
        && cx.block(hit.block).is_some_and(|b| !b.is_heading())
}

/// Is there a question, a thematic break, a heading or an HTML block boundary between two markers?
fn separated(cx: &Builder, prev: &MarkerHit, hit: &MarkerHit) -> bool {
    if prev.block == hit.block {
        return false;
    }
    let both_html = [prev.block, hit.block]
        .iter()
        .all(|&b| cx.block(b).is_some_and(|b| b.kind == BlockKind::Html));
    both_html
        || cx
            .blocks
            .get(prev.block + 1..hit.block)
            .unwrap_or(&[])
            .iter()
            .any(|b| match b.kind {
                BlockKind::ThematicBreak | BlockKind::Heading(_) => true,
                BlockKind::Paragraph => is_question_block(cx, b),
                _ => false,
            })
}

/// A paragraph that asks a question (its text ends with `?`).
pub(crate) fn is_question_block(cx: &Builder, b: &Block) -> bool {
    cx.slice(b.content_start()..b.content_end())
        .trim_end()
        .trim_end_matches(['*', '_'])
        .ends_with('?')
}

/// Does `hit` repeat a part the story already has, other than by continuing the part before
/// it (`### Action` then `**Action:**`)?
fn repeats(g: &Group, hit: &MarkerHit) -> bool {
    let present: Vec<PartKind> = g.hits.iter().flat_map(|h| h.parts.clone()).collect();
    let last = g.hits.last().map(|h| h.parts.clone()).unwrap_or_default();
    hit.parts
        .iter()
        .any(|p| present.contains(p) && !last.contains(p))
}

/// Does `hit` start a new story after group `g`? It does when it repeats a part, or when a
/// Situation follows a Result past something that separates them (a question, a break,
/// another HTML block); right after it, it is a story told out of order.
fn restarts(cx: &Builder, g: &Group, hit: &MarkerHit) -> bool {
    let has_result = g.hits.iter().any(|h| h.parts.contains(&PartKind::Result));
    let after_result = hit.parts.contains(&PartKind::Situation)
        && has_result
        && g.hits.last().is_some_and(|prev| separated(cx, prev, hit));
    after_result || repeats(g, hit)
}
