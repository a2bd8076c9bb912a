//! Labels inside one paragraph: letters in brackets (`(S) The release slipped… (T) I had to…
//! (A) I split… (R) We shipped two days early.`) or labels joined by pipes (`**S**: … |
//! **T**: … | **A**: … | **R**: …`). Three different parts, in STAR order, make the paragraph
//! a story; each part runs to the next label, the last to the paragraph's end.

use super::{next_break, Recogniser};
use crate::document::segment::part::PartKind;
use crate::document::segment::style::{Family, LabelCase, LabelForm, MarkerHit, MarkerStyle};
use crate::document::segment::Builder;
use crate::parse::BlockKind;
use regex::Regex;
use std::sync::LazyLock;

pub(crate) struct Inline;

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(
        r"(?:^|[\s>*_])(?P<open>\((?:\*\*)?)(?P<label>[STARL])(?P<close>(?:\*\*)?\)[ \t]*:?[ \t]*)",
    )
    .unwrap()
});

/// A label after a pipe, or opening the paragraph: `| **Task**: …`, `**S**: …`.
static PIPED: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?:^|[ \t]\|)[ \t]*(?P<open>(?:\*\*|__)?)(?P<label>[A-Za-z]{1,12})(?P<close>(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*)").unwrap()
});

impl Recogniser for Inline {
    fn recognise(&self, cx: &Builder, bi: usize, out: &mut Vec<MarkerHit>) {
        let Some(block) = cx.block(bi) else {
            return;
        };
        if block.kind != BlockKind::Paragraph {
            return;
        }
        let range = block.content_start()..block.content_end();
        let text = cx.slice(range.clone());
        let mut found: Vec<MarkerHit> = Vec::new();
        // The last part named so far, and how many of STAR's four.
        let (mut last, mut core) = (None, 0usize);
        // Pipes between labels, or letters in brackets.
        let piping = text.contains(" | ");
        let pattern: &Regex = if piping { &PIPED } else { &PATTERN };
        for caps in pattern.captures_iter(text) {
            let (Some(open), Some(label), Some(close)) =
                (caps.name("open"), caps.name("label"), caps.name("close"))
            else {
                continue;
            };
            let (parts, _) = cx.matcher.parts_named(label.as_str());
            let Some(&part) = parts.first() else {
                continue;
            };
            // In STAR order: a label that goes back is a reference, not a new part.
            if last.is_some_and(|p| p >= part) {
                continue;
            }
            last = Some(part);
            core += usize::from(part != PartKind::Learning);
            let label_range = range.start + label.start()..range.start + label.end();
            // The paragraph's opening label is a line label, found already.
            if out.iter().any(|h| h.label == label_range) {
                continue;
            }
            // A pipe before the label belongs to it, not to the part before.
            let start = match caps.get(0) {
                Some(m) if piping => m.start(),
                _ => open.start(),
            };
            found.push(MarkerHit {
                start: range.start + start,
                label: label_range,
                body_start: range.start + close.end(),
                parts: vec![part],
                style: MarkerStyle {
                    heading_level: None,
                    before: open.as_str().to_string(),
                    after: close.as_str().to_string(),
                    letter: label.as_str().len() == 1,
                    case: LabelCase::Title,
                    form: LabelForm::Word,
                },
                block: bi,
                family: Family::Inline,
                weak: false,
            });
        }
        if core >= 3 {
            out.extend(found);
        }
    }

    fn part_end(&self, cx: &Builder, hit: &MarkerHit, end: usize) -> usize {
        let block_end = cx.block(hit.block).map_or(end, |b| b.content_end());
        next_break(cx, hit.block, None, end).min(block_end)
    }
}
