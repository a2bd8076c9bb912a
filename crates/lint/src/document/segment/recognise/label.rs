//! Labels at the start of a line of a paragraph or list item: bold or italic
//! (`**Situation:**`, `*outcome*`), plain (`Situation: …`, `ACTION - …`) and single letters
//! (`- S: …`). The label grammar is [`super::matcher`]'s.

use super::matcher::LineMarker;
use super::{line_start_of, Recogniser};
use crate::document::segment::part::PartKind;
use crate::document::segment::style::{Family, MarkerHit, MarkerStyle};
use crate::document::segment::Builder;
use crate::parse::BlockKind;
use regex::Regex;
use std::sync::LazyLock;

pub(crate) struct Label;

impl Recogniser for Label {
    fn recognise(&self, cx: &Builder, bi: usize, out: &mut Vec<MarkerHit>) {
        let Some(block) = cx.block(bi) else {
            return;
        };
        if block.kind != BlockKind::Paragraph {
            return;
        }
        for seg in &block.segments {
            let s = cx.slice(seg.clone());
            let mut line_start = 0;
            for line in s.split('\n') {
                if let Some(m) = cx.matcher.match_line(line, seg.start + line_start, false) {
                    out.extend(label_hit(cx, bi, m, Family::Label));
                }
                line_start += line.len() + 1;
            }
        }
    }
}

/// A hit for a label found on a line (or in HTML) of block `bi`: the marker starts at its line
/// content, and a new marker keeps the line's list or quote prefix so it sits where the others
/// do. `None` for an `A:` that answers a `Q:`.
pub(crate) fn label_hit(
    cx: &Builder,
    bi: usize,
    m: LineMarker,
    family: Family,
) -> Option<MarkerHit> {
    let text = cx.text;
    // `A:` right after a `Q:` line is an answer, not an Action.
    if m.letter && m.parts == [PartKind::Action] && follows_question(text, m.label.start) {
        return None;
    }
    let line_start = line_start_of(text, m.label.start);
    let start = m.label.start - m.before.len();
    let prefix = text.get(line_start..start).unwrap_or("");
    let before = format!(
        "{}{}",
        prefix.replace(
            |c: char| !c.is_whitespace() && !"->*+0123456789.)".contains(c),
            " "
        ),
        m.before
    );
    Some(MarkerHit {
        start,
        label: m.label,
        body_start: m.body_start,
        parts: m.parts,
        style: MarkerStyle {
            heading_level: None,
            before,
            after: m.after,
            letter: m.letter,
            case: m.case,
            form: m.form,
        },
        block: bi,
        family,
        weak: m.weak,
    })
}

static QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"^(?-u:[\s>*_+\-\d.]*(?:\*\*|__)?)[^A-Za-z0-9\n#]{0,4}(?i-u:(?:Q|Question)\s*\d*\s*(?:\*\*|__)?\s*[:.)])").unwrap()
});

/// Is one of the few non-blank lines before `offset`'s line a `Q:` line?
fn follows_question(text: &str, offset: usize) -> bool {
    let start = line_start_of(text, offset);
    let before = text.get(..start).unwrap_or("");
    before
        .lines()
        .rev()
        .filter(|l| !l.trim().is_empty())
        .take(4)
        .any(|l| QUESTION.is_match(l))
}
