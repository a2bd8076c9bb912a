//! Applying fixes: edits sorted and applied in one pass, overlapping fixes skipped (the next
//! round picks them up), repeated to a fixpoint with an iteration cap.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::{DocKind, Document};
use crate::linter::lint;
use crate::settings::Settings;
use std::collections::HashSet;

/// Apply every fix at or above `min` whose edits do not overlap an earlier one.
/// Returns the new text and how many fixes were applied.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], min: Applicability) -> (String, usize) {
    let (out, applied) = apply_fixes_tracked(text, diagnostics, min, |_| true);
    (out, applied.len())
}

/// Like [`apply_fixes`], for the diagnostics `wanted` accepts; returns which were applied.
fn apply_fixes_tracked(
    text: &str,
    diagnostics: &[Diagnostic],
    min: Applicability,
    wanted: impl Fn(&Diagnostic) -> bool,
) -> (String, Vec<usize>) {
    let mut fixes: Vec<(usize, &Fix)> = diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| wanted(d))
        .filter_map(|(i, d)| d.fix.as_ref().map(|f| (i, f)))
        .filter(|(_, f)| f.applicability >= min && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|(_, f)| f.span().map(|s| (s.start, s.end)));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = Vec::new();
    let mut last_end: Option<usize> = None;
    for (index, fix) in fixes {
        let Some(span) = fix.span() else { continue };
        if last_end.is_some_and(|e| span.start < e || (span.start == e && span.is_empty())) {
            continue;
        }
        let valid = fix.edits.iter().all(|e| {
            e.range.start <= e.range.end
                && e.range.end <= text.len()
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end)
        });
        if !valid || span.start < cursor {
            continue;
        }
        for edit in &fix.edits {
            out.push_str(text.get(cursor..edit.range.start).unwrap_or(""));
            out.push_str(&edit.new_text);
            cursor = edit.range.end;
        }
        last_end = Some(span.end);
        applied.push(index);
    }
    out.push_str(text.get(cursor..).unwrap_or(""));
    (out, applied)
}

/// The outcome of fixing a text to a fixpoint.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    pub text: String,
    /// Fixes applied over all rounds.
    pub applied: usize,
    pub rounds: usize,
}

/// Lint and fix repeatedly until nothing applicable is left (at most `max_rounds` rounds).
///
/// A fix whose diagnostic comes back unchanged after it was applied did not work on this
/// text, so it is not applied again: repeated rounds can never stack the same insertion.
pub fn fix_text(
    text: &str,
    settings: &Settings,
    kind: Option<DocKind>,
    min: Applicability,
    max_rounds: usize,
) -> FixOutcome {
    let mut current = text.to_string();
    let mut applied = 0;
    let mut rounds = 0;
    let mut tried: HashSet<(&'static str, String, Vec<String>)> = HashSet::new();
    while rounds < max_rounds {
        let doc = Document::new(&current, settings, kind);
        let result = lint(&doc, settings);
        // What the fix does, not where: offsets and titles move as earlier fixes land.
        let key = |d: &Diagnostic| {
            let texts = d
                .fix
                .iter()
                .flat_map(|f| f.edits.iter().map(|e| e.new_text.clone()))
                .collect();
            (d.code, d.message.clone(), texts)
        };
        let (next, done) = apply_fixes_tracked(&current, &result.diagnostics, min, |d| {
            !tried.contains(&key(d))
        });
        if done.is_empty() || next == current {
            break;
        }
        for i in &done {
            if let Some(d) = result.diagnostics.get(*i) {
                tried.insert(key(d));
            }
        }
        applied += done.len();
        rounds += 1;
        current = next;
    }
    FixOutcome {
        text: current,
        applied,
        rounds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Severity};

    fn diag(fix: Fix) -> Diagnostic {
        Diagnostic {
            code: "T",
            rule: "t",
            severity: Severity::Warning,
            message: String::new(),
            range: 0..0,
            story: None,
            fix: Some(fix),
        }
    }

    #[test]
    fn overlapping_fixes_are_skipped() {
        let text = "we did it";
        let d = [
            diag(Fix::safe("a", vec![Edit::replace(0..2, "I")])),
            diag(Fix::safe("b", vec![Edit::replace(1..5, "x")])),
            diag(Fix::safe("c", vec![Edit::replace(7..9, "that")])),
        ];
        let (out, n) = apply_fixes(text, &d, Applicability::Safe);
        assert_eq!((out.as_str(), n), ("I did that", 2));
    }

    #[test]
    fn unsafe_fixes_need_asking() {
        let d = [diag(Fix::unsafe_("a", vec![Edit::replace(0..2, "I")]))];
        assert_eq!(apply_fixes("we", &d, Applicability::Safe).1, 0);
        assert_eq!(apply_fixes("we", &d, Applicability::Unsafe).0, "I");
    }
}
