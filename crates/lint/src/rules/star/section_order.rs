//! STAR003: parts out of Situation → Task → Action → Result order.

use crate::diagnostic::{Edit, Fix};
use crate::document::{Document, Story};
use crate::rule::Sink;
use crate::settings::Settings;
use std::ops::Range;

crate::declare_rule! {
    /// ## What it does
    /// Reports a story whose parts do not come in Situation → Task → Action → Result order
    /// (a Learning part, if any, comes last).
    ///
    /// ## Why it matters
    /// The order is what makes a STAR answer easy to follow: context, then your job, then what
    /// you did, then what changed. Out of order, the listener has to rebuild it.
    ///
    /// ## Example
    /// ```markdown
    /// **Action:** I rewrote the importer.
    /// **Situation:** Imports took an hour.
    /// ```
    /// Use instead:
    /// ```markdown
    /// **Situation:** Imports took an hour.
    /// **Action:** I rewrote the importer.
    /// ```
    ///
    /// ## Options
    /// None.
    ///
    /// ## Fix safety
    /// Unsafe: moves each part, text unchanged, into STAR order. Offered only when every part
    /// appears once and the parts sit next to each other.
    pub static RULE = {
        code: "STAR003",
        name: "section-order",
        family: Star,
        severity: Warning,
        fix: Unsafe,
        kinds: [Star],
        summary: "Parts appear out of Situation, Task, Action, Result order",
        check: check,
    }
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    for story in &doc.stories {
        // One entry per marker, its kind being the earliest part it opens.
        let mut markers: Vec<(crate::markers::PartKind, Range<usize>, Range<usize>)> = Vec::new();
        for p in story
            .parts
            .iter()
            .filter(|p| p.kind != crate::markers::PartKind::Learning)
        {
            if markers
                .last()
                .is_some_and(|(_, label, _)| *label == p.label)
            {
                continue;
            }
            markers.push((p.kind, p.label.clone(), p.range.clone()));
        }
        let Some(bad) = (1..markers.len()).find(|&i| {
            let max_before = markers.get(..i).and_then(|m| m.iter().map(|x| x.0).max());
            markers
                .get(i)
                .is_some_and(|m| max_before.is_some_and(|b| m.0 < b))
        }) else {
            continue;
        };
        let Some((kind, label, _)) = markers.get(bad) else {
            continue;
        };
        let after = markers.get(..bad).and_then(|m| m.iter().map(|x| x.0).max());
        let message = format!(
            "{} comes after {}: tell the story in Situation → Task → Action → Result order",
            kind.name(),
            after.map_or("", |a| a.name())
        );
        // Offered only when the reordered story reads back in order.
        let fix = reorder_fix(doc, story, &markers).filter(|f| {
            f.edits().first().is_some_and(|e| {
                crate::rules::story_fix_works(doc, story, e, settings, |s| {
                    let core: Vec<_> = s
                        .parts
                        .iter()
                        .map(|p| p.kind)
                        .filter(|k| *k != crate::markers::PartKind::Learning)
                        .collect();
                    core.windows(2).all(|w| matches!(w, [a, b] if a <= b))
                })
            })
        });
        sink.report_fix(label.clone(), message, fix);
    }
}

fn reorder_fix(
    doc: &Document,
    story: &Story,
    markers: &[(crate::markers::PartKind, Range<usize>, Range<usize>)],
) -> Option<Fix> {
    let _ = story;
    let mut kinds: Vec<_> = markers.iter().map(|m| m.0).collect();
    kinds.sort();
    if kinds.windows(2).any(|w| matches!(w, [a, b] if a == b)) {
        return None;
    }
    // Chunks run from one marker to the next; the last ends where its part ends.
    let mut chunks: Vec<(crate::markers::PartKind, &str)> = Vec::new();
    for (i, (kind, _, range)) in markers.iter().enumerate() {
        let end = markers.get(i + 1).map_or(range.end, |n| n.2.start);
        if end < range.start {
            return None;
        }
        let between = doc.slice(range.end.min(end)..end);
        if !between.trim().is_empty() {
            return None;
        }
        chunks.push((*kind, doc.slice(range.start..range.end.min(end)).trim_end()));
    }
    let first = markers.first()?.2.start;
    let last = markers.last()?.2.end;
    let original = doc.slice(first..last);
    let sep = if story.style.heading_level.is_some() || original.contains("\n\n") {
        "\n\n"
    } else {
        "\n"
    };
    chunks.sort_by_key(|c| c.0);
    let new_text = chunks.iter().map(|c| c.1).collect::<Vec<_>>().join(sep);
    Some(Fix::unsafe_(
        "Move the parts into STAR order",
        Edit::replace(first..last, new_text),
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn reorders_parts_text_unchanged() {
        let src = "## A\n\n**Action:** I rewrote it.\n\n**Situation:** Imports took an hour.\n\n**Result:** 5 minutes.\n";
        let found = check("STAR003", src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("5:3 STAR003 Situation comes after Action"),
            "{found:?}"
        );
    }

    #[test]
    fn in_order_is_silent() {
        assert!(check("STAR003", "## A\n\nS: a\nT: b\nA: c\nR: d\nL: e\n").is_empty());
        // A Learning between Action and Result is the author's choice, not an order problem.
        assert!(check("STAR003", "## A\n\nS: a\nA: c\nL: e\nR: d\n").is_empty());
    }
}
