//! Labels inside HTML blocks: `<strong>Situation:</strong>`, `<b>Task</b>`, `<h3>Action</h3>`, and components
//! with a label attribute (`<TabItem value="task" label="Task">`). A part ends with the element
//! that holds its label (`</li>`, `</tr>`, `</p>`), or the block or disclosure it sits in.

use super::label::label_hit;
use super::{next_break, Recogniser};
use crate::document::segment::style::{Family, MarkerHit};
use crate::document::segment::Builder;
use crate::parse::BlockKind;

pub(crate) struct Html;

impl Recogniser for Html {
    fn recognise(&self, cx: &Builder, bi: usize, out: &mut Vec<MarkerHit>) {
        let Some(block) = cx.block(bi) else {
            return;
        };
        // The block grammar reads an HTML heading line as a paragraph (`<h3>Task</h3>` on its
        // own): such a paragraph is looked at too.
        let tagged = block.kind == BlockKind::Paragraph && {
            let t = cx.slice(block.content_start()..block.content_end());
            let t = t.trim_start().as_bytes();
            matches!(t, [b'<', b'h' | b'H', b'1'..=b'6', ..])
        };
        if block.kind != BlockKind::Html && !tagged {
            return;
        }
        for seg in &block.segments {
            for m in cx.matcher.match_html(cx.slice(seg.clone()), seg.start) {
                out.extend(label_hit(cx, bi, m, Family::Html));
            }
        }
    }

    fn part_end(&self, cx: &Builder, hit: &MarkerHit, end: usize) -> usize {
        let limit = next_break(cx, hit.block, None, end);
        match html_part_end(cx.text, hit.label.start, hit.body_start) {
            Some(e) => limit.min(e.max(hit.body_start)),
            None => limit,
        }
    }
}

/// Where a part marked inside HTML ends: the end of the element holding its label
/// (`</li>`, `</tr>`, `</p>`), or of the preformatted block or disclosure it sits in.
fn html_part_end(text: &str, label_start: usize, body_start: usize) -> Option<usize> {
    let context_start = crate::text::floor_char_boundary(text, label_start.saturating_sub(48));
    let context = text.get(context_start..label_start)?.to_ascii_lowercase();
    let last = |tag: &str| context.rfind(tag);
    let container = [
        ("<td", "</tr>"),
        ("<th", "</tr>"),
        ("<li", "</li>"),
        ("<p", "</p>"),
        ("<dd", "</dd>"),
        ("<dt", "</dd>"),
    ]
    .into_iter()
    .filter_map(|(open, close)| last(open).map(|at| (at, close)))
    .max_by_key(|(at, _)| *at);
    let body = text.get(body_start..)?;
    let lower_find = |needle: &str| -> Option<usize> {
        // Case-insensitive search without allocating the whole rest of the text.
        let n = needle.len();
        body.as_bytes()
            .windows(n)
            .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    let end = match container {
        Some((_, close)) => lower_find(close),
        None => ["</pre>", "</details>", "<summary", "</tabitem>"]
            .into_iter()
            .filter_map(lower_find)
            .min(),
    };
    end.map(|e| body_start + e)
}
