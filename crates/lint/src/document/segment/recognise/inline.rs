//! Letter labels inside one paragraph: `(S) The release slipped… (T) I had to… (A) I split…
//! (R) We shipped two days early.` Three different letters, in STAR order, make the paragraph
//! a story; each part runs to the next letter, the last to the paragraph's end.

use super::{next_break, Recogniser};
use crate::document::segment::part::PartKind;
use crate::document::segment::style::{Family, LabelCase, LabelForm, MarkerHit, MarkerStyle};
use crate::document::segment::Builder;
use crate::parse::BlockKind;
use regex::Regex;
use std::sync::OnceLock;

pub(crate) struct Inline;

fn re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?:^|[\s>*_])(?P<open>\((?:\*\*)?)(?P<label>[STARL])(?P<close>(?:\*\*)?\)[ \t]*:?[ \t]*)").unwrap()
    })
}

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
        for caps in re().captures_iter(text) {
            let (Some(open), Some(label), Some(close)) =
                (caps.name("open"), caps.name("label"), caps.name("close"))
            else {
                continue;
            };
            let (parts, _) = cx.matcher.parts_named(label.as_str());
            let Some(&part) = parts.first() else {
                continue;
            };
            // In STAR order: a letter that goes back is a reference, not a new part.
            if found
                .last()
                .and_then(|h| h.parts.first())
                .is_some_and(|&p| p >= part)
            {
                continue;
            }
            found.push(MarkerHit {
                start: range.start + open.start(),
                label: range.start + label.start()..range.start + label.end(),
                body_start: range.start + close.end(),
                parts: vec![part],
                style: MarkerStyle {
                    heading_level: None,
                    before: open.as_str().to_string(),
                    after: close.as_str().to_string(),
                    letter: true,
                    case: LabelCase::Title,
                    form: LabelForm::Word,
                },
                block: bi,
                family: Family::Inline,
                weak: false,
            });
        }
        let core = found
            .iter()
            .filter(|h| h.parts.first() != Some(&PartKind::Learning))
            .count();
        if core >= 3 {
            out.extend(found);
        }
    }

    fn part_end(&self, cx: &Builder, hit: &MarkerHit, end: usize) -> usize {
        let block_end = cx.block(hit.block).map_or(end, |b| b.content_end());
        next_break(cx, hit.block, None, end).min(block_end)
    }
}
