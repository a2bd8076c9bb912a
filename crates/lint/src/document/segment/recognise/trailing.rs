//! A part named at the end of its paragraph: `The release slipped a week… (Situation)`. The
//! label closes the paragraph it names; the part is the paragraph before it.

use super::{next_break, Recogniser};
use crate::document::segment::style::{Family, LabelForm, MarkerHit, MarkerStyle};
use crate::document::segment::Builder;
use crate::parse::BlockKind;
use regex::Regex;
use std::sync::{LazyLock, OnceLock};

pub(crate) struct Trailing;

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"[ \t](?P<open>(?:\*\*|__|\*|_)?\()(?P<label>[A-Za-z][A-Za-z ]{1,24})(?P<close>\)(?:\*\*|__|\*|_)?)[.:]?[ \t]*$").unwrap()
});

impl Recogniser for Trailing {
    fn recognise(&self, cx: &Builder, bi: usize, out: &mut Vec<MarkerHit>) {
        let Some(block) = cx.block(bi) else {
            return;
        };
        if block.kind != BlockKind::Paragraph {
            return;
        }
        let range = block.content_start()..block.content_end();
        let text = cx.slice(range.clone());
        let Some(caps) = PATTERN.captures(text) else {
            return;
        };
        let (Some(open), Some(label), Some(close)) =
            (caps.name("open"), caps.name("label"), caps.name("close"))
        else {
            return;
        };
        let (parts, weak) = cx.matcher.parts_named(label.as_str());
        // A paragraph of a few words is a caption, not a part; a line that points somewhere
        // (`… → notes.md STORY 8 (Situation)`) cites a part of another text.
        if parts.is_empty() || open.start() < 20 || cites(text.get(..open.start()).unwrap_or("")) {
            return;
        }
        out.push(MarkerHit {
            start: range.start,
            label: range.start + label.start()..range.start + label.end(),
            body_start: range.start,
            parts,
            style: MarkerStyle {
                heading_level: None,
                before: open.as_str().to_string(),
                after: close.as_str().to_string(),
                letter: false,
                case: super::matcher::label_case(label.as_str()),
                form: LabelForm::Word,
            },
            block: bi,
            family: Family::Trailing,
            weak,
        });
    }

    fn part_end(&self, cx: &Builder, hit: &MarkerHit, end: usize) -> usize {
        // The part ends before its own label's bracket.
        let label_open = cx
            .text
            .get(..hit.label.start)
            .and_then(|t| t.rfind('('))
            .unwrap_or(hit.label.start);
        next_break(cx, hit.block, None, end).min(label_open)
    }
}

/// Does the text before a trailing label cite a source rather than tell a part: an arrow to a
/// reference, or a reference just before the label (`` `notes.md` ``, `STORY 8`, `Example 3`)?
fn cites(before: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?:→|->|=>|`\s*$|\b(?:[A-Z]{2,}|(?i:story|example|chapter|section|part|page|case|question))\s*#?\d+\s*$)").unwrap()
    });
    re.is_match(before.trim_end_matches(['*', '_', ' ']))
}
