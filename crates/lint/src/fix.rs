//! Applying fixes: edits sorted and applied in one pass, overlapping fixes skipped (the next
//! round picks them up), repeated to a fixpoint with an iteration cap.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::{DocKind, Document};
use crate::linter::lint;
use crate::settings::Settings;

/// Apply every fix at or above `min` whose edits do not overlap an earlier one.
/// Returns the new text and how many fixes were applied.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], min: Applicability) -> (String, usize) {
    let mut fixes: Vec<&Fix> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability >= min && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| f.span().map(|s| (s.start, s.end)));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = 0;
    let mut last_end: Option<usize> = None;
    for fix in fixes {
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
        applied += 1;
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
    while rounds < max_rounds {
        let doc = Document::new(&current, settings, kind);
        let result = lint(&doc, settings);
        let (next, n) = apply_fixes(&current, &result.diagnostics, min);
        if n == 0 || next == current {
            break;
        }
        applied += n;
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
