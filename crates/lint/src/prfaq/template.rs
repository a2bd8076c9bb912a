//! Template guidance, metadata lines and working-backwards artifacts (README, CHANGELOG).

use super::*;
use std::sync::LazyLock;

/// Blocks of template guidance: blockquotes right under a heading that instruct the writer
/// ("Describe…", "This section should…", or questions to answer), with no attribution.
pub(super) fn template_blocks(doc: &Document) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.blocks.len() {
        // Right under a heading, or under the metadata list below the title.
        let after_heading = i == 0
            || doc
                .blocks
                .get(i - 1)
                .is_some_and(|b| b.is_heading() || b.kind == BlockKind::FrontMatter)
            || is_metadata(doc, i - 1);
        let starts_quote = doc.blocks.get(i).is_some_and(|b| b.quote_depth > 0);
        if !(after_heading && starts_quote) {
            i += 1;
            continue;
        }
        // The whole blockquote: consecutive quoted blocks.
        let end = (i..doc.blocks.len())
            .find(|&k| doc.blocks.get(k).is_none_or(|b| b.quote_depth == 0))
            .unwrap_or(doc.blocks.len());
        let text: String = (i..end)
            .map(|k| prose_text(doc, k))
            .collect::<Vec<_>>()
            .join(" ");
        let t = text.trim_start();
        let attributed = (i..end).any(|k| attribution_line(doc, k).is_some());
        let quoted = t.starts_with(['"', '“']);
        if !attributed && !quoted && INSTRUCTION.is_match(t) {
            out.extend(i..end);
        }
        i = end.max(i + 1);
    }
    out
}

pub(super) static INSTRUCTION: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?i)^(?:describe|write|explain|include|list|summari[sz]e|add|provide|state|quote|choose|briefly|feel\s+free|this\s+section|the\s+goal\s+of\s+this|if\s+the\s+answer|make\s+sure|tell|give|answer|what\b[^.]*\?|why\b[^.]*\?|how\b[^.]*\?|is\s+there\b[^.]*\?)").unwrap()
});

/// Is block `i` a line of metadata (`Reference: <url>`, an author list) to skip over?
pub(super) fn is_metadata(doc: &Document, i: usize) -> bool {
    let Some(b) = doc.blocks.get(i) else {
        return false;
    };
    if b.list_depth > 0 {
        let raw = doc.slice(block_content(doc, i));
        return raw.trim_start().starts_with("**") && raw.contains(':') && raw.len() < 120;
    }
    if b.kind == BlockKind::Paragraph {
        // Little prose left once links are masked: a reference line.
        let words = crate::text::word_count(&prose_text(doc, i));
        let raw = doc.slice(block_content(doc, i));
        return words <= 3 && (raw.contains("http") || raw.contains(':'));
    }
    matches!(b.kind, BlockKind::Html | BlockKind::ThematicBreak)
}

/// A heading or bold label naming a working-backwards artifact other than a press release.
pub(super) fn is_artifact(doc: &Document, i: usize) -> bool {
    let Some(b) = doc.blocks.get(i) else {
        return false;
    };
    let raw = doc.slice(block_content(doc, i));
    let label = match b.kind {
        BlockKind::Heading(_) => clean_heading(raw),
        BlockKind::Paragraph if raw.starts_with("**") => {
            let inner = raw.trim_start_matches('*');
            inner
                .split("**")
                .next()
                .unwrap_or("")
                .trim_end_matches(':')
                .to_string()
        }
        _ => return false,
    };
    let lower = label.to_lowercase();
    let lower = lower
        .trim_start_matches("working backwards")
        .trim_start_matches([' ', '-', '—', '–', ':']);
    [
        "readme",
        "changelog",
        "contributing",
        "help",
        "runbook",
        "user guide",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
}

pub(super) fn line_spans(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut off = 0;
    s.split('\n').map(move |l| {
        let here = off;
        off += l.len() + 1;
        (here, l)
    })
}
