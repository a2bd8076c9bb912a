//! FAQ sections and their entries: questions as headings, `Q:` labels or bold lines, and answers.

use super::*;
use std::sync::LazyLock;

/// `Q:`, `**Q: …**`, `Q1.`, `**Question:**` at the start of a paragraph.
pub(super) static Q_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"^[*_]{0,3}\s*(?:Q|Question)\s*\d*\s*[*_]{0,3}\s*[:.)]").unwrap()
});

/// `A:` / `**A:**` / `Answer:` at the start of a line.
pub(super) static A_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"^[*_]{0,3}\s*(?:A|Answer)\s*\d*\s*[*_]{0,3}\s*[:.)][*_]{0,3}\s*").unwrap()
});

/// FAQ sections: each FAQ heading's section, plus `Q:` entries with no FAQ heading above them.
pub(super) fn faq_sections(doc: &Document, template: &[usize]) -> Vec<FaqSection> {
    let blocks = &doc.blocks;
    let n = blocks.len();
    let mut out = Vec::new();
    let heading_audience = |i: usize| -> Option<FaqAudience> {
        let b = blocks.get(i)?;
        if !b.is_heading() {
            return None;
        }
        faq_heading(&clean_heading(doc.slice(block_content(doc, i))))
    };
    for h in 0..n {
        let Some(audience) = heading_audience(h) else {
            continue;
        };
        let level = blocks.get(h).and_then(Block::heading_level).unwrap_or(1);
        let end = (h + 1..n)
            .find(|&k| {
                blocks
                    .get(k)
                    .and_then(Block::heading_level)
                    .is_some_and(|l| l <= level)
                    || heading_audience(k).is_some()
            })
            .unwrap_or(n);
        let entries = faq_entries(doc, h + 1..end, level, template);
        out.push(FaqSection {
            heading: Some(h),
            audience,
            blocks: h + 1..end,
            entries,
        });
    }
    // `**Q: …**` questions before any FAQ heading (a PR/FAQ whose FAQ has no heading).
    let first_faq = out.first().and_then(|f| f.heading).unwrap_or(n);
    let first_q = (0..first_faq).find(|&i| {
        blocks
            .get(i)
            .is_some_and(|b| b.kind == BlockKind::Paragraph && b.quote_depth == 0)
            && Q_LABEL.is_match(doc.slice(block_content(doc, i)))
    });
    if let Some(q) = first_q {
        let end = (q + 1..first_faq)
            .find(|&k| blocks.get(k).is_some_and(Block::is_heading))
            .unwrap_or(first_faq);
        let entries = faq_entries(doc, q..end, 0, template);
        if entries.len() >= 2 {
            out.insert(
                0,
                FaqSection {
                    heading: None,
                    audience: FaqAudience::General,
                    blocks: q..end,
                    entries,
                },
            );
        }
    }
    out
}

/// The questions in a section's blocks and the blocks that answer them.
pub(super) fn faq_entries(
    doc: &Document,
    range: Range<usize>,
    level: u8,
    template: &[usize],
) -> Vec<FaqEntry> {
    let blocks = &doc.blocks;
    let child_level = range
        .clone()
        .filter_map(|i| blocks.get(i).and_then(Block::heading_level))
        .filter(|&l| l > level)
        .min();
    let heading_q = |i: usize| -> Option<(Range<usize>, u8)> {
        let b = blocks.get(i)?;
        let l = b.heading_level()?;
        let r = heading_text_range(doc, i);
        let question = doc.slice(r.clone()).contains('?');
        (question || Some(l) == child_level).then_some((r, l))
    };
    let mut candidates: Vec<(usize, Range<usize>, QuestionStyle, Option<u8>)> = Vec::new();
    for i in range.clone() {
        if template.binary_search(&i).is_ok() {
            continue;
        }
        let Some(b) = blocks.get(i) else {
            break;
        };
        if let Some((r, l)) = heading_q(i) {
            candidates.push((i, r, QuestionStyle::Heading, Some(l)));
        } else if b.kind == BlockKind::Paragraph && b.quote_depth == 0 {
            let content = block_content(doc, i);
            let raw = doc.slice(content.clone());
            if Q_LABEL.is_match(raw) {
                let r = question_span(raw, true);
                candidates.push((
                    i,
                    content.start + r.start..content.start + r.end,
                    QuestionStyle::Label,
                    None,
                ));
            } else if is_bold_question(raw) || is_item_question(doc, b, raw) {
                let r = question_span(raw, false);
                candidates.push((
                    i,
                    content.start + r.start..content.start + r.end,
                    QuestionStyle::Line,
                    None,
                ));
            }
        }
    }
    // A heading without `?` that holds other questions is a group, not a question.
    let group = |k: usize| -> bool {
        let Some((i, _, style, Some(l))) = candidates.get(k) else {
            return false;
        };
        if *style != QuestionStyle::Heading || doc.slice(heading_text_range(doc, *i)).contains('?')
        {
            return false;
        }
        candidates.iter().skip(k + 1).any(|(j, _, _, jl)| {
            let inside = !(i + 1..*j).any(|m| {
                blocks
                    .get(m)
                    .and_then(Block::heading_level)
                    .is_some_and(|ml| ml <= *l)
            });
            inside && jl.is_none_or(|jl| jl > *l)
        })
    };
    let kept: Vec<usize> = (0..candidates.len()).filter(|&k| !group(k)).collect();
    let mut entries = Vec::new();
    for (pos, &k) in kept.iter().enumerate() {
        let Some((i, r, style, l)) = candidates.get(k) else {
            continue;
        };
        let next = kept
            .get(pos + 1)
            .and_then(|&k2| candidates.get(k2))
            .map_or(range.end, |c| c.0);
        // The answer runs to the next question, or a heading at the question's level or
        // above (any heading, for a paragraph question).
        let stop = (i + 1..next)
            .find(|&m| {
                blocks
                    .get(m)
                    .and_then(Block::heading_level)
                    .is_some_and(|ml| match l {
                        Some(l) => ml <= *l,
                        None => true,
                    })
            })
            .unwrap_or(next);
        let inline_answer = if *style == QuestionStyle::Heading {
            None
        } else {
            let content = block_content(doc, *i);
            let rest = r.end..content.end;
            let t = doc.slice(rest.clone());
            let trimmed = t.trim_start_matches(['*', '_', ' ', '\t', '\n', '\r', '?']);
            let lead = t.len() - trimmed.len();
            (!trimmed.trim().is_empty()).then_some(rest.start + lead..rest.end)
        };
        entries.push(FaqEntry {
            block: *i,
            question: r.clone(),
            style: *style,
            answer_blocks: i + 1..stop,
            inline_answer,
        });
    }
    entries
}

/// A top-level list item whose first line is a question (`1. Can I export my data?` with the
/// answer on the next line or below).
fn is_item_question(doc: &Document, b: &Block, raw: &str) -> bool {
    let first = raw.lines().next().unwrap_or("").trim_end();
    // Numbered: the list marker before the text is digits and `.` or `)`.
    let before = doc.text.get(..b.content_start()).unwrap_or("");
    let marker = before.rsplit('\n').next().unwrap_or("").trim();
    let numbered = marker.len() > 1
        && marker.ends_with(['.', ')'])
        && marker
            .trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_digit());
    b.list_depth == 1 && numbered && first.len() < 200 && first.ends_with('?')
}

/// A paragraph that is one bold line ending in `?` (`**Can I export my data?**`).
pub(super) fn is_bold_question(raw: &str) -> bool {
    let first = raw.lines().next().unwrap_or("").trim();
    (first.starts_with("**") || first.starts_with("__"))
        && first.trim_end_matches(['*', '_', ' ']).ends_with('?')
}

/// The question part of a `Q:` paragraph (relative to `raw`): a bold span, else up to the
/// question mark, else the first line.
pub(super) fn question_span(raw: &str, labelled: bool) -> Range<usize> {
    let first_line_end = raw.find('\n').unwrap_or(raw.len());
    if let Some(body) = raw.strip_prefix("**").or_else(|| raw.strip_prefix("__")) {
        let close = if raw.starts_with("**") { "**" } else { "__" };
        // `**Q:** What…?` (label only in bold) or `**Q: What…?**` (the whole question).
        if let Some(end) = body.find(close) {
            let inner = body.get(..end).unwrap_or("");
            let label_only = labelled
                && inner.trim_end().trim_end_matches([':', '.', ')']).len() <= 9
                && !inner.contains('?');
            if !label_only {
                return 0..2 + end + 2;
            }
        }
    }
    let line = raw.get(..first_line_end).unwrap_or("");
    let mut end = line.rfind('?').map_or(line.len(), |q| q + 1);
    // Keep closing emphasis with the question.
    end += line
        .get(end..)
        .map_or(0, |r| r.len() - r.trim_start_matches(['*', '_']).len());
    if !line.contains('?') {
        // A question written over several lines ends at its `?`.
        if let Some(q) = raw.find('?') {
            let next_line = raw
                .get(q..)
                .and_then(|r| r.find('\n'))
                .map_or(raw.len(), |n| q + n);
            if raw
                .get(first_line_end..q)
                .is_some_and(|m| !A_LABEL.is_match(m.trim_start()))
            {
                end = next_line;
            }
        }
    }
    0..end.min(raw.len())
}

/// Is `s` (an answer) only a placeholder: `TODO`, `TBD`, `[TODO: …]`?
pub fn placeholder_only(s: &str) -> bool {
    let mut rest = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => rest.push(c),
            _ => {}
        }
    }
    let rest = A_LABEL.replace(rest.trim(), "");
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            matches!(
                w,
                "TODO" | "TBD" | "TBA" | "TBC" | "FIXME" | "XXX" | "WIP" | "tbd" | "todo"
            )
        })
}
