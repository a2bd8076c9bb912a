//! Headings that are markers: `### Situation`, `## **Task:**`, `### Result: the outage`.
//! The part runs to the next heading at its level or above.

use super::{next_break, Recogniser};
use crate::document::segment::story::heading_text_range;
use crate::document::segment::style::{Family, MarkerHit, MarkerStyle};
use crate::document::segment::Builder;

pub(crate) struct Heading;

impl Recogniser for Heading {
    fn recognise(&self, cx: &Builder, bi: usize, out: &mut Vec<MarkerHit>) {
        let Some(block) = cx.block(bi) else {
            return;
        };
        let Some(level) = block.heading_level() else {
            return;
        };
        let content = heading_text_range(cx.text, block);
        let Some(m) = cx
            .matcher
            .match_line(cx.slice(content.clone()), content.start, true)
        else {
            return;
        };
        out.push(MarkerHit {
            start: block.range.start,
            label: m.label,
            body_start: block.range.end.min(cx.text.len()),
            parts: m.parts,
            style: MarkerStyle {
                heading_level: Some(level),
                before: format!("{} ", "#".repeat(level as usize)) + m.before.trim_start(),
                after: m.after,
                letter: m.letter,
                case: m.case,
                form: m.form,
            },
            block: bi,
            family: Family::Heading,
            weak: m.weak,
        });
    }

    fn part_end(&self, cx: &Builder, hit: &MarkerHit, end: usize) -> usize {
        next_break(cx, hit.block, cx.heading_level(hit.block), end)
    }
}
