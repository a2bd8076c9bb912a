//! The length ladder: a story's short version, kept as a `### 30-second version` part (any
//! heading naming a short, 30-second, one-minute or elevator version) or as `short:` front
//! matter when the file holds one story. STAR011 and STAR012 read it.

use crate::document::{Document, Story};
use crate::parse::BlockKind;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One short version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortVersion {
    /// Where it is named (the heading, or the `short:` line).
    pub at: Range<usize>,
    pub words: usize,
    /// The time limit its heading names, in seconds (`30-second version`), if any.
    pub seconds: Option<usize>,
}

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?i)^\s*(?:(?P<n>\d+|one|two)[- ]?(?P<unit>seconds?|secs?|s|minutes?|mins?)\b.*\b(?:version|answer|pitch)|short(?:er)? (?:version|answer)|elevator (?:pitch|version))").unwrap()
});

/// The short version of a story, if the author keeps one.
pub fn short_version(doc: &Document, story: &Story) -> Option<ShortVersion> {
    let mut found: Option<(usize, ShortVersion)> = None;
    // Blocks are in document order: start at the story's, not at the top.
    let from = doc
        .blocks
        .partition_point(|b| b.range.start <= story.title_range.end);
    for block in doc
        .blocks
        .get(from..)
        .unwrap_or(&[])
        .iter()
        .take_while(|b| b.range.start < story.range.end)
    {
        match (&mut found, block.kind) {
            (None, BlockKind::Heading(level)) => {
                let heading = doc.slice(block.range.clone()).trim_start_matches('#');
                if let Some(c) = HEADING.captures(heading) {
                    let n = c
                        .name("n")
                        .map(|m| match m.as_str().to_ascii_lowercase().as_str() {
                            "one" => 1,
                            "two" => 2,
                            n => n.parse().unwrap_or(0),
                        });
                    let minutes = c.name("unit").is_some_and(|u| u.as_str().starts_with('m'));
                    found = Some((
                        level as usize,
                        ShortVersion {
                            at: block.content_start()..block.content_end(),
                            words: 0,
                            seconds: n.map(|n| if minutes { n * 60 } else { n }),
                        },
                    ));
                }
            }
            (Some((level, _)), BlockKind::Heading(l)) if (l as usize) <= *level => break,
            (Some((_, short)), BlockKind::Paragraph) => {
                short.words += doc.words_in(block.range.clone()).len();
            }
            _ => {}
        }
    }
    if let Some((_, short)) = found {
        return Some(short);
    }
    front_matter_short(doc).filter(|_| doc.stories.len() == 1)
}

/// `short: …` in the front matter (one line, or an indented `|` / `>` block).
fn front_matter_short(doc: &Document) -> Option<ShortVersion> {
    let fm = doc.front_matter.as_ref()?;
    let raw = doc.slice(fm.range.clone());
    let mut offset = fm.range.start;
    let mut lines = raw.split_inclusive('\n');
    while let Some(line) = lines.next() {
        let start = offset;
        offset += line.len();
        let Some(value) = line.strip_prefix("short:") else {
            continue;
        };
        let value = value.trim();
        let mut words = crate::words::tokens(value.trim_matches(['|', '>', '"', '\''])).count();
        if value == "|" || value == ">" || value.is_empty() {
            for more in lines.by_ref() {
                if !more.starts_with([' ', '\t']) {
                    break;
                }
                words += crate::words::tokens(more).count();
            }
        }
        return Some(ShortVersion {
            at: start..start + line.trim_end().len(),
            words,
            seconds: None,
        });
    }
    None
}
