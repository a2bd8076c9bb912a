//! Principle tags of a story: tag lines (`Leadership Principles: A, B`), a `## Leadership
//! Principles` list, hashtags, principles in the title's parentheses, and principle headings
//! the story sits under (`## 12. Dive Deep`).

use crate::document::{Story, Tag, TagSource};
use crate::parse::{Block, BlockKind};
use crate::principles::PrincipleSet;
use crate::settings::Settings;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static TAG_LINE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(
        r"^(?i-u:[\s>]*(?:\*\*|__|\*|_)?\s*(?:amazon(?:'s)?\s+)?(?P<word>leadership\s+principles?|lps?|principles?|tags?)(?:\s+(?:demonstrated|shown|covered|used|tested|addressed))?\s*(?:\*\*|__|\*|_)?\s*:\s*(?:\*\*|__|\*|_)?[ \t]*)(?P<list>[^\n]*)",
    )
    .unwrap()
});

static LP_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"^[^A-Za-z\n]*(?i-u:(?:amazon(?:'s)?\s+)?(?:leadership\s+principles?|lps?|principles?)(?:\s+(?:demonstrated|shown|covered|used|tested|addressed))?[\s:*_]*)$").unwrap()
});

static HASHTAG: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?-u:(?:^|[\s(,])#(?P<tag>[A-Za-z][A-Za-z0-9_-]*))").unwrap()
});

static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"^[^A-Za-z0-9]*(?:(?i-u:LP|principle)[ \t]*)?(?:[0-9]{1,2}[ \t]*[.):\-–—]?[ \t]*)?")
        .unwrap()
});

/// The principle a heading names on its own (`## 12. Dive Deep`, `## 4.Are right, a lot`).
pub fn principle_heading(set: &PrincipleSet, heading_text: &str) -> Option<usize> {
    HeadingName::of(heading_text).principle_in(set)
}

/// What a heading could name a principle as: its text without numbering, and the part before a
/// note in parentheses. Read once and looked up in each set.
pub struct HeadingName<'a> {
    name: &'a str,
    before_note: Option<&'a str>,
}

impl<'a> HeadingName<'a> {
    pub fn of(heading_text: &'a str) -> Self {
        let t = heading_text
            .trim()
            .trim_matches(|c: char| c == '*' || c == '_');
        let stripped = NUMBERING
            .find(t)
            .map_or(t, |m| t.get(m.end()..).unwrap_or(t));
        let name = stripped.trim_end_matches(':');
        // `## 13. Have Backbone; Disagree and Commit (the one I find hardest)`: a note after
        // the name does not make it another heading.
        let before_note = name
            .split_once(" (")
            .map(|(n, _)| n.trim_end_matches([' ', ':', '-', '—']));
        HeadingName { name, before_note }
    }

    /// The principle of `set` this heading names.
    pub fn principle_in(&self, set: &PrincipleSet) -> Option<usize> {
        set.lookup(self.name)
            .or_else(|| self.before_note.and_then(|n| set.lookup(n)))
    }
}

/// The known companies' values one line names as tags: a principle heading (`## Dive Deep`),
/// values in a heading's parentheses (`### Title (Move Fast)`), or a tag line. Each is
/// `(set id, canonical value, where)`; `offset` is where the line starts in the text.
pub fn values_named(line: &str, offset: usize) -> Vec<(&'static str, String, Range<usize>)> {
    let mut out = Vec::new();
    let trimmed = line.trim_start();
    // Only a heading or a `label: list` line can name values; most lines are neither.
    if !trimmed.starts_with('#') && !trimmed.contains(':') {
        return out;
    }
    let sets = crate::value_sets::sets;
    let name_of = |name: &str| {
        sets().find_map(|(id, set)| set.lookup(name).map(|p| (id, set.name(p).to_string())))
    };
    let Some((_, first)) = sets().next() else {
        return out;
    };
    let lead = line.len() - trimmed.len();
    if let Some(heading) = trimmed.strip_prefix('#') {
        let heading = heading.trim_start_matches('#');
        let at = offset + line.len() - heading.len();
        let named = HeadingName::of(heading);
        for (id, set) in sets() {
            if let Some(p) = named.principle_in(set) {
                out.push((id, set.name(p).to_string(), at..offset + line.len()));
                return out;
            }
        }
        for (open, _) in heading.match_indices('(') {
            let Some(close) = heading.get(open..).and_then(|t| t.find(')')) else {
                continue;
            };
            let inner = heading.get(open + 1..open + close).unwrap_or("");
            for (name, range) in split_names(first, inner, at + open + 1) {
                if let Some((id, value)) = name_of(&name) {
                    out.push((id, value, range));
                }
            }
        }
        return out;
    }
    if let Some(c) = TAG_LINE.captures(trimmed) {
        if let Some(list) = c.name("list") {
            let start = offset + lead + list.start();
            for (name, range) in split_names(first, list.as_str(), start) {
                if let Some((id, value)) = name_of(&name) {
                    out.push((id, value, range));
                }
            }
        }
    }
    out
}

/// For each heading (by position in `headings`), the position of the nearest heading before it
/// at a higher level (a lower number): the chain a story's principle headings are found on.
pub fn heading_parents(blocks: &[Block], headings: &[usize]) -> Vec<Option<usize>> {
    let level = |i: usize| {
        headings
            .get(i)
            .and_then(|&h| blocks.get(h))
            .and_then(Block::heading_level)
            .unwrap_or(7)
    };
    let mut stack: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(headings.len());
    for i in 0..headings.len() {
        while stack.last().is_some_and(|&j| level(j) >= level(i)) {
            stack.pop();
        }
        out.push(stack.last().copied());
        stack.push(i);
    }
    out
}

/// All tags of `story`, in document order. `parents` is [`heading_parents`] of `headings`.
pub fn story_tags(
    text: &str,
    blocks: &[Block],
    headings: &[usize],
    parents: &[Option<usize>],
    story: &Story,
    settings: &Settings,
) -> Vec<Tag> {
    let set = settings.principles();
    let mut tags = Vec::new();
    // Principle headings the story sits under, and its own heading.
    let level_limit = story
        .heading
        .and_then(|h| blocks.get(h))
        .and_then(Block::heading_level);
    let mut limit = level_limit.map_or(7, |l| l + 1);
    let first_block = blocks.partition_point(|b| b.range.start < story.range.start);
    // Headings at or before the story's first block (its own heading among them), nearest
    // first; past a heading, only the headings above its level can matter, so the walk follows
    // the parent chain (linear in the depth, not in the number of headings).
    let upto = headings.partition_point(|&h| h <= first_block.max(story.heading.unwrap_or(0)));
    let mut next = upto.checked_sub(1);
    while let Some(i) = next {
        let parent = parents.get(i).copied().flatten();
        next = parent;
        let Some(&h) = headings.get(i) else { break };
        let Some(b) = blocks.get(h) else { continue };
        if h > first_block && Some(h) != story.heading {
            next = i.checked_sub(1);
            continue;
        }
        let Some(level) = b.heading_level() else {
            continue;
        };
        let r = b.content_start()..b.content_end();
        if level >= limit {
            continue;
        }
        // A heading with no text (`# `) ends no section: the walk goes on to the heading
        // just before it.
        if text
            .get(r.clone())
            .is_none_or(|t| t.trim_matches(['#', ' ', '\t', '\r', '\n']).is_empty())
        {
            next = i.checked_sub(1);
            continue;
        }
        limit = level;
        if let Some(p) = principle_heading(set, text.get(r.clone()).unwrap_or("")) {
            tags.push(Tag {
                name: set.name(p).to_string(),
                range: r,
                principle: Some(p),
                source: TagSource::Heading,
            });
        }
        if level == 1 {
            break;
        }
    }
    // `### Title (Earn Trust / Dive Deep)`.
    if let Some(h) = story.heading.and_then(|h| blocks.get(h)) {
        let r = h.content_start()..h.content_end();
        let s = text.get(r.clone()).unwrap_or("");
        for (open, _) in s.match_indices('(') {
            let Some(close) = s.get(open..).and_then(|t| t.find(')')) else {
                continue;
            };
            let inner = open + 1..open + close;
            for (name, range) in split_names(
                set,
                s.get(inner.clone()).unwrap_or(""),
                r.start + inner.start,
            ) {
                // Another company's value in the title is that company's tag, not a note.
                let principle = set.lookup(&name);
                if principle.is_some() || crate::value_sets::other_set_of(&name).is_some() {
                    tags.push(Tag {
                        name,
                        range,
                        principle,
                        source: TagSource::Title,
                    });
                }
            }
        }
    }
    // Tag lines, principle lists and hashtags inside the story.
    let mut in_lp_section: Option<u8> = None;
    for b in blocks.iter().skip(first_block) {
        if b.range.start >= story.range.end {
            break;
        }
        if b.range.start < story.range.start {
            continue;
        }
        let content = b.content_start()..b.content_end();
        let s = text.get(content.clone()).unwrap_or("");
        match b.kind {
            BlockKind::Heading(level) => {
                if in_lp_section.is_some_and(|l| level <= l) {
                    in_lp_section = None;
                }
                if LP_SECTION.is_match(s) {
                    in_lp_section = Some(level);
                    continue;
                }
                tag_lines(set, s, content.start, &mut tags);
            }
            BlockKind::Paragraph if in_lp_section.is_some() => {
                let line = s.lines().next().unwrap_or("");
                // A list of practice questions under the heading is not a list of tags.
                if is_practice_question(line) {
                    continue;
                }
                for (name, range) in split_names(set, line, content.start) {
                    let principle = set.lookup(&name);
                    if principle.is_some() || name.split_whitespace().count() <= 5 {
                        tags.push(Tag {
                            name,
                            range,
                            principle,
                            source: TagSource::Line,
                        });
                    }
                }
            }
            BlockKind::Paragraph => {
                let mut offset = content.start;
                for line in s.split('\n') {
                    tag_lines(set, line, offset, &mut tags);
                    offset += line.len() + 1;
                }
                for seg in &b.segments {
                    let st = text.get(seg.clone()).unwrap_or("");
                    for c in HASHTAG.captures_iter(st) {
                        let Some(m) = c.name("tag") else { continue };
                        if let Some(p) = set.lookup(m.as_str()) {
                            tags.push(Tag {
                                name: m.as_str().to_string(),
                                range: seg.start + m.start() - 1..seg.start + m.end(),
                                principle: Some(p),
                                source: TagSource::Hashtag,
                            });
                        }
                    }
                }
            }
            _ => {}
        }
    }
    tags
}

/// A practice question (`Tell me about a time…`, `Why Amazon?`), not a principle's name.
fn is_practice_question(line: &str) -> bool {
    let t = line.trim().trim_end_matches(['*', '_', ' ']);
    t.ends_with('?') || crate::document::segment::asks_in_so_many_words(t)
}

/// Tags from one line if it is a tag line.
fn tag_lines(set: &PrincipleSet, line: &str, offset: usize, tags: &mut Vec<Tag>) {
    let Some(c) = TAG_LINE.captures(line) else {
        return;
    };
    let (Some(word), Some(list)) = (c.name("word"), c.name("list")) else {
        return;
    };
    let general = word.as_str().to_ascii_lowercase().starts_with("tag");
    let mut names = split_names(set, list.as_str(), offset + list.start());
    // `Tags: #frugality #deliver-results`: hashtags separated by spaces are one name each.
    if list.as_str().contains('#') {
        names = HASHTAG
            .captures_iter(list.as_str())
            .filter_map(|c| c.name("tag"))
            .map(|m| {
                (
                    m.as_str().to_string(),
                    offset + list.start() + m.start() - 1..offset + list.start() + m.end(),
                )
            })
            .collect();
    }
    for (name, range) in names {
        let principle = set.lookup(&name);
        let source = if general {
            TagSource::Tags
        } else {
            TagSource::Line
        };
        let keep = match (principle, general) {
            (Some(_), _) => true,
            // General tags name other things too; only a near miss of a principle is a typo.
            (None, true) => !set.suggestions(&name, 2).is_empty(),
            (None, false) => name.split_whitespace().count() <= 6,
        };
        if keep {
            tags.push(Tag {
                name,
                range,
                principle,
                source,
            });
        }
    }
}

/// Split a list of principle names on `,` `;` `|` `/`, re-joining pieces that together form
/// one name (`Have Backbone; Disagree and Commit`, `Are Right, A Lot`).
pub fn split_names(set: &PrincipleSet, list: &str, offset: usize) -> Vec<(String, Range<usize>)> {
    let set_free = list;
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, c) in set_free.char_indices() {
        if matches!(c, ',' | ';' | '|' | '/' | '·' | '•') {
            pieces.push(start..i);
            start = i + c.len_utf8();
        }
    }
    pieces.push(start..set_free.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        // Prefer the longest run of pieces that names one principle.
        let mut taken = 1;
        for span in (2..=3).rev() {
            if let (Some(a), Some(b)) = (pieces.get(i), pieces.get(i + span - 1)) {
                let joined = clean_name(list.get(a.start..b.end).unwrap_or(""));
                if set.lookup(&joined).is_some()
                    || crate::value_sets::other_set_of(&joined).is_some()
                {
                    taken = span;
                    break;
                }
            }
        }
        if let (Some(a), Some(b)) = (pieces.get(i), pieces.get(i + taken - 1)) {
            let raw = list.get(a.start..b.end).unwrap_or("");
            let name = clean_name(raw);
            if !name.is_empty() {
                let lead = raw.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
                let trail = raw
                    .rfind(|c: char| c.is_alphanumeric())
                    .map_or(raw.len(), |e| {
                        e + raw
                            .get(e..)
                            .and_then(|t| t.chars().next())
                            .map_or(1, char::len_utf8)
                    });
                let cut = raw
                    .find(['(', '—', '–'])
                    .or_else(|| raw.find(" - "))
                    .unwrap_or(raw.len());
                let trail = trail.min(raw.get(..cut).map_or(trail, |t| t.trim_end().len()));
                out.push((
                    name,
                    offset + a.start + lead..offset + a.start + trail.max(lead),
                ));
            }
        }
        i += taken;
    }
    out
}

/// A tag name without emphasis, hashes, quotes, trailing notes in parentheses or after a dash.
fn clean_name(raw: &str) -> String {
    let cut = raw
        .find(['(', '—', '–'])
        .or_else(|| raw.find(" - "))
        .unwrap_or(raw.len());
    let s = raw.get(..cut).unwrap_or(raw);
    let s = s
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
    let s = s.trim_start_matches("and ").trim();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_rejoins_names() {
        let names: Vec<String> = split_names(
            &PrincipleSet::default_set(),
            "Ownership; Have Backbone; Disagree and Commit, Are Right, A Lot",
            0,
        )
        .into_iter()
        .map(|(n, _)| n)
        .collect();
        assert_eq!(
            names,
            [
                "Ownership",
                "Have Backbone; Disagree and Commit",
                "Are Right, A Lot"
            ]
        );
    }

    #[test]
    fn principle_headings_with_numbers() {
        let set = PrincipleSet::default_set();
        assert!(principle_heading(&set, "12. Dive deep").is_some());
        assert!(principle_heading(&set, "4.Are right, a lot").is_some());
        assert!(principle_heading(&set, "1: Customer Obsession").is_some());
        assert!(principle_heading(&set, "A tough week").is_none());
        assert!(
            principle_heading(&set, "13. Have Backbone; Disagree and Commit (hardest one)")
                .is_some()
        );
        assert!(principle_heading(&set, "A tough week (Ownership)").is_none());
    }
}
