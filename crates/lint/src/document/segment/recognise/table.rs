//! Table rows whose first cell is a label: `| **S – Situation** | The release slipped… |`. The
//! part is the rest of the row. (The block parser gives a table no prose segments, so the
//! rows are read from the text.)

use super::label::label_hit;
use super::Recogniser;
use crate::document::segment::style::{Family, MarkerHit};
use crate::document::segment::Builder;
use crate::parse::BlockKind;

pub(crate) struct Table;

impl Recogniser for Table {
    fn recognise(&self, cx: &Builder, bi: usize, out: &mut Vec<MarkerHit>) {
        let Some(block) = cx.block(bi) else {
            return;
        };
        if block.kind != BlockKind::Table {
            return;
        }
        let mut at = block.range.start;
        for row in cx.slice(block.range.clone()).split_inclusive('\n') {
            let row_start = at;
            at += row.len();
            // The first cell: after the leading pipe, up to the next one.
            let lead = row.len() - row.trim_start().len();
            let Some(inner) = row.trim_start().strip_prefix('|') else {
                continue;
            };
            let Some(cell_len) = inner.find('|') else {
                continue;
            };
            let cell = inner.get(..cell_len).unwrap_or("");
            let pad = cell.len() - cell.trim_start().len();
            let cell_start = row_start + lead + 1 + pad;
            let Some(mut m) = cx.matcher.match_line(cell.trim(), cell_start, false) else {
                continue;
            };
            // The part's text is in the next cell.
            let next = row_start + lead + 1 + cell_len + 1;
            let rest = cx.slice(next..at);
            m.body_start = next + (rest.len() - rest.trim_start().len());
            let before_len = m.label.start - cell_start;
            let Some(mut hit) = label_hit(cx, bi, m, Family::Table) else {
                continue;
            };
            hit.start = row_start + lead;
            hit.style.before = format!("| {}", cx.slice(cell_start..cell_start + before_len));
            hit.style.after = format!("{} |", hit.style.after.trim_end());
            out.push(hit);
        }
    }

    fn part_end(&self, cx: &Builder, hit: &MarkerHit, end: usize) -> usize {
        let row_end = cx
            .text
            .get(hit.label.end..)
            .and_then(|t| t.find('\n'))
            .map_or(cx.text.len(), |i| hit.label.end + i);
        // Without the closing pipe.
        let row = cx.slice(hit.body_start.min(row_end)..row_end);
        let trimmed = row.trim_end().trim_end_matches('|');
        (hit.body_start.min(row_end) + trimmed.len()).min(end)
    }
}
