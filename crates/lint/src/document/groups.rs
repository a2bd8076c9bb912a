//! Story groups: where a text splits into parts that can be parsed and linted on their own.
//!
//! A story bank repeats one heading level for its stories (or for the principles that hold
//! them); the text splits before every heading of the highest level used at least twice. The
//! scan is a single pass over the lines (ATX headings outside fenced code), so a 2 MB bank is
//! split without being parsed. A heading that is itself a STAR marker (`## Result`) belongs to
//! the story above it, so a text whose split headings include one is not split at all.

use crate::parse::{atx_heading_level, fence_run};
use crate::settings::Settings;
use std::ops::Range;

/// The groups of a text: `ranges` cover it, in order, each starting at a heading of `level`
/// (the first starts at 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryGroups {
    pub level: u8,
    pub ranges: Vec<Range<usize>>,
}

/// Where `text` splits into independent story groups; `None` when it does not split (no
/// heading level is used twice, or a split heading is a STAR marker).
pub fn story_groups(text: &str, settings: &Settings) -> Option<StoryGroups> {
    let headings = headings(text);
    let level = split_level(&headings)?;
    story_groups_at(text, &headings, level, settings)
}

/// [`story_groups`] at a given level (the server keeps the level it chose when a document was
/// opened, so that an edit never moves every group at once).
pub fn story_groups_at_level(text: &str, level: u8, settings: &Settings) -> Option<StoryGroups> {
    story_groups_at(text, &headings(text), level, settings)
}

fn story_groups_at(
    text: &str,
    headings: &[(u8, usize)],
    level: u8,
    settings: &Settings,
) -> Option<StoryGroups> {
    let matcher = settings.marker_matcher();
    let marker_split = headings.iter().any(|&(l, at)| {
        l == level && at > 0 && {
            let line = text.get(at..).and_then(|t| t.lines().next()).unwrap_or("");
            matcher
                .match_line(line.trim_start_matches('#').trim(), 0, true)
                .is_some()
        }
    });
    if marker_split {
        return None;
    }
    let mut ranges = Vec::new();
    let mut start = 0;
    for &(l, at) in headings {
        if l == level && at > start {
            ranges.push(start..at);
            start = at;
        }
    }
    if start < text.len() || ranges.is_empty() {
        ranges.push(start..text.len());
    }
    Some(StoryGroups { level, ranges })
}

/// ATX headings outside fenced code: (level, start byte), in order. Setext headings are not
/// split points: missing one only makes a group larger, which is always safe.
pub fn headings(text: &str) -> Vec<(u8, usize)> {
    let mut out = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = line.trim_start_matches(' ');
        if let Some((c, run)) = fence_run(body, indent) {
            match fence {
                None => fence = Some((c, run)),
                Some((fc, fl)) if fc == c && run >= fl && body.trim_end().len() == run => {
                    fence = None
                }
                Some(_) => {}
            }
            continue;
        }
        if fence.is_some() || indent > 0 {
            continue;
        }
        if let Some(level) = atx_heading_level(body) {
            out.push((level, start));
        }
    }
    out
}

/// The level that separates stories: the highest heading level used at least twice.
pub fn split_level(headings: &[(u8, usize)]) -> Option<u8> {
    (1..=6u8).find(|l| headings.iter().filter(|&&(s, _)| s == *l).count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_before_the_repeated_level_outside_code() {
        let s = Settings::default();
        let text = "# Bank\n\n## One\n\nx\n\n```\n## not\n```\n\n## Two\n\ny\n";
        let g = story_groups(text, &s).unwrap();
        assert_eq!(g.level, 2);
        let starts: Vec<usize> = g.ranges.iter().map(|r| r.start).collect();
        assert_eq!(starts, [0, 8, text.find("## Two").unwrap()]);
        assert_eq!(g.ranges.last().unwrap().end, text.len());
    }

    #[test]
    fn marker_headings_do_not_split() {
        let s = Settings::default();
        let text = "## Story\n\n## Situation\n\nx\n\n## Result\n\ny\n";
        assert_eq!(story_groups(text, &s), None);
        assert_eq!(story_groups("# One heading\n", &s), None);
    }
}
