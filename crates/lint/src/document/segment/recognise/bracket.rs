//! Labels in square brackets at the start of a line: `[Situation]`, `[Actions]`,
//! `[Situation, at the lab]` (a note after a comma). Never a link (`[Task](…)`, `[Task][1]`).

use super::label::label_hit;
use super::matcher::LineMarker;
use super::Recogniser;
use crate::document::segment::style::{Family, LabelForm, MarkerHit};
use crate::document::segment::Builder;
use crate::parse::BlockKind;
use regex::Regex;
use std::sync::LazyLock;

pub(crate) struct Bracket;

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"^(?:\*\*|__)?\[(?P<label>[A-Za-z][A-Za-z '’/&]{0,30}?)[ \t]*(?:,[^\]\n]{0,40})?\](?:\*\*|__)?(?P<after>[ \t]*:?[ \t]*)")
        .unwrap()
});

impl Recogniser for Bracket {
    fn recognise(&self, cx: &Builder, bi: usize, out: &mut Vec<MarkerHit>) {
        let Some(block) = cx.block(bi) else {
            return;
        };
        if block.kind != BlockKind::Paragraph {
            return;
        }
        for seg in &block.segments {
            let s = cx.slice(seg.clone());
            let mut at = seg.start;
            for line in s.split('\n') {
                if let Some(m) = bracket_label(cx, line, at) {
                    out.extend(label_hit(cx, bi, m, Family::Bracket));
                }
                at += line.len() + 1;
            }
        }
    }
}

fn bracket_label(cx: &Builder, line: &str, offset: usize) -> Option<LineMarker> {
    let caps = PATTERN.captures(line)?;
    let whole = caps.get(0)?;
    let rest = line.get(whole.end()..).unwrap_or("");
    if rest.starts_with(['(', '[']) {
        return None;
    }
    let label = caps.name("label")?;
    let (parts, weak) = cx.matcher.parts_named(label.as_str());
    if parts.is_empty() || label.as_str().trim().chars().count() < 2 {
        return None;
    }
    let close = line.get(label.end()..).and_then(|r| r.find(']'))? + label.end();
    Some(LineMarker {
        label: offset + label.start()..offset + label.end(),
        body_start: offset + whole.end(),
        parts,
        before: line.get(..label.start()).unwrap_or("").to_string(),
        // A new marker is written `[Task]` whatever note followed the label.
        after: line.get(close..whole.end()).unwrap_or("").to_string(),
        letter: false,
        case: super::matcher::label_case(label.as_str()),
        weak,
        form: LabelForm::Word,
    })
}
