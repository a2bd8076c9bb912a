//! Applying fixes, and fixing a text to a fixpoint: the one fixing loop behind `check --fix`
//! and the language server's fix-all.
//!
//! Edits arrive in the document's own line ending (the linter writes them so), fixes are
//! applied in position order with overlapping ones left for the next round, and every round is
//! checked by linting its result: a fix whose diagnostic does not go away is undone and never
//! tried again, so a second run over the fixed text has nothing left to do.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::{DocKind, Document};
use crate::linter::lint;
use crate::settings::Settings;
use std::collections::{HashMap, HashSet};

/// Rounds of lint-and-fix (undone rounds included) before giving up on a fixpoint.
pub const MAX_ROUNDS: usize = 16;

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
    let mut fixes: Vec<(usize, std::ops::Range<usize>, &crate::Fix)> = diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| wanted(d))
        .filter_map(|(i, d)| d.fix.as_ref().map(|f| (i, f)))
        .filter(|(_, f)| f.applicability() >= min)
        .filter_map(|(i, f)| Some((i, f.span()?, f)))
        .collect();
    fixes.sort_by_key(|(_, span, _)| (span.start, span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = Vec::new();
    let mut last_end: Option<usize> = None;
    for (index, span, fix) in fixes {
        // Two insertions at one place: their order would be a guess, so the second waits.
        if last_end.is_some_and(|e| span.start < e || (span.start == e && span.is_empty())) {
            continue;
        }
        let fits = span.end <= text.len()
            && fix.edits().iter().all(|e| {
                text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end)
            });
        if !fits || span.start < cursor {
            continue;
        }
        for edit in fix.edits() {
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
    /// Fixes applied over all rounds (undone ones not counted).
    pub applied: usize,
    /// Rounds of lint-and-fix run, undone ones included.
    pub rounds: usize,
    /// Nothing applicable was left (false when the round cap stopped it).
    pub converged: bool,
}

/// What a fix does, not where: offsets and titles move as earlier fixes land.
type FixKey = (&'static str, String, Vec<String>);

fn key(d: &Diagnostic) -> FixKey {
    let texts = d
        .fix
        .iter()
        .flat_map(|f| f.edits().iter().map(|e| e.new_text.clone()))
        .collect();
    (d.code, d.message.clone(), texts)
}

fn counts(diagnostics: &[Diagnostic], min: Applicability) -> HashMap<FixKey, usize> {
    let mut out = HashMap::new();
    for d in diagnostics {
        if d.fix.as_ref().is_some_and(|f| f.applicability() >= min) {
            *out.entry(key(d)).or_insert(0) += 1;
        }
    }
    out
}

/// Lint `text` (read as a file called `name`, when known) and apply its fixes at or above `min`
/// until none is left: the text `check --fix` writes and the server's fix-all sends.
///
/// Each round's result is linted before it is kept. When a kind of fix was applied and as many
/// of its diagnostics are left as before, the round is undone and that kind of fix is tried
/// alone: kept if it works alone, else never tried again (it does not work on this text). So
/// the result holds only fixes that worked, and fixing it again changes nothing. A BOM stays
/// at the front.
pub fn fix_text(
    text: &str,
    settings: &Settings,
    kind: Option<DocKind>,
    name: Option<&str>,
    min: Applicability,
) -> FixOutcome {
    let lint_text = |t: &str| lint(&Document::named(t, settings, kind, name), settings).diagnostics;
    let mut current = text.to_string();
    let mut diagnostics = lint_text(&current);
    let mut blocked: HashSet<FixKey> = HashSet::new();
    let mut seen: HashSet<u64> = HashSet::from([hash(&current)]);
    let mut applied = 0;
    let mut rounds = 0;
    let mut converged = false;
    while rounds < MAX_ROUNDS {
        let (next, done) =
            apply_fixes_tracked(&current, &diagnostics, min, |d| !blocked.contains(&key(d)));
        if done.is_empty() || next == current || seen.contains(&hash(&next)) {
            converged = true;
            break;
        }
        rounds += 1;
        let next_diagnostics = lint_text(&next);
        let before = counts(&diagnostics, min);
        let after = counts(&next_diagnostics, min);
        let mut used: HashMap<FixKey, usize> = HashMap::new();
        for d in done.iter().filter_map(|&i| diagnostics.get(i)) {
            *used.entry(key(d)).or_insert(0) += 1;
        }
        let failed: Vec<FixKey> = used
            .into_iter()
            .filter(|(k, n)| {
                after.get(k).copied().unwrap_or(0) + n > before.get(k).copied().unwrap_or(0)
            })
            .map(|(k, _)| k)
            .collect();
        if let Some(suspect) = failed.into_iter().next() {
            // Other fixes of the round may have raised more of its diagnostics (a reordered
            // part now read by a rule): apply that kind of fix alone to tell.
            let (alone, done_alone) =
                apply_fixes_tracked(&current, &diagnostics, min, |d| key(d) == suspect);
            let alone_diagnostics = lint_text(&alone);
            let left = counts(&alone_diagnostics, min)
                .get(&suspect)
                .copied()
                .unwrap_or(0);
            let had = before.get(&suspect).copied().unwrap_or(0);
            if !done_alone.is_empty() && left + done_alone.len() <= had && alone != current {
                applied += done_alone.len();
                seen.insert(hash(&alone));
                current = alone;
                diagnostics = alone_diagnostics;
            } else {
                blocked.insert(suspect);
            }
            continue;
        }
        applied += done.len();
        seen.insert(hash(&next));
        current = next;
        diagnostics = next_diagnostics;
    }
    FixOutcome {
        text: keep_bom_first(text, current),
        applied,
        rounds,
        converged,
    }
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// A fix that inserted text before the original's BOM: the BOM goes back to the front.
fn keep_bom_first(original: &str, mut fixed: String) -> String {
    const BOM: char = '\u{feff}';
    if original.starts_with(BOM) && !fixed.starts_with(BOM) {
        fixed = fixed.replacen(BOM, "", 1);
        fixed.insert(0, BOM);
    }
    fixed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Fix, Severity};

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
            diag(Fix::safe("a", Edit::replace(0..2, "I"))),
            diag(Fix::safe("b", Edit::replace(1..5, "x"))),
            diag(Fix::safe("c", Edit::replace(7..9, "that"))),
        ];
        let (out, n) = apply_fixes(text, &d, Applicability::Safe);
        assert_eq!((out.as_str(), n), ("I did that", 2));
    }

    #[test]
    fn unsafe_fixes_need_asking() {
        let d = [diag(Fix::unsafe_("a", Edit::replace(0..2, "I")))];
        assert_eq!(apply_fixes("we", &d, Applicability::Safe).1, 0);
        assert_eq!(apply_fixes("we", &d, Applicability::Unsafe).0, "I");
    }

    #[test]
    fn a_fix_keeps_its_edits_sorted_and_disjoint() {
        let two = vec![Edit::replace(5..6, "b"), Edit::replace(0..1, "a")];
        let fix = Fix::new(Applicability::Safe, "two", two).unwrap_or_else(|| unreachable!());
        assert_eq!(fix.edits()[0].range, 0..1);
        assert_eq!(fix.span(), Some(0..6));
        let overlapping = vec![Edit::replace(0..4, "a"), Edit::replace(3..6, "b")];
        assert!(Fix::new(Applicability::Safe, "x", overlapping).is_none());
        assert!(Fix::new(Applicability::Safe, "none", Vec::new()).is_none());
        // A stored fix is read back through the same check.
        let stored = r#"{"applicability":"safe","message":"x","edits":[{"range":{"start":0,"end":4},"new_text":""},{"range":{"start":2,"end":3},"new_text":""}]}"#;
        assert!(serde_json::from_str::<Fix>(stored).is_err());
    }

    /// After a complete story, one lacking its Task and one lacking its Situation and Task:
    /// the last story's two markers go in at one place, and all land in one run.
    #[test]
    fn unsafe_fixes_converge_in_one_run() {
        let text = "## Story zero\n\n**Situation:** Tests were flaky.\n\n**Task:** I owned the suite.\n\n**Action:** I fixed the timing.\n\n**Result:** Flakes fell from 9 to 1 a week.\n\n## Story one\n\n**Situation:** The build was slow.\n\n**Action:** I cached the steps.\n\n**Result:** Builds fell from 40 to 9 minutes.\n\n## Story two\n\n**Action:** I rewrote the importer.\n\n**Result:** Imports fell from 3 hours to 20 minutes.\n";
        let settings = Settings::default();
        let once = fix_text(text, &settings, None, None, Applicability::Unsafe);
        assert!(once.converged);
        assert_eq!(once.text.matches("**Task:**").count(), 3, "{}", once.text);
        assert_eq!(once.text.matches("**Situation:**").count(), 3);
        let twice = fix_text(&once.text, &settings, None, None, Applicability::Unsafe);
        assert_eq!((twice.applied, twice.text), (0, once.text));
    }

    #[test]
    fn crlf_text_is_fixed_in_crlf() {
        let text = "## Story\r\n\r\n**Situation:** The build was slow.\r\n\r\n**Action:** We cached the steps.\r\n\r\n**Result:** Builds fell from 40 to 9 minutes.\r\n";
        let settings = Settings::default();
        let fixed = fix_text(text, &settings, None, None, Applicability::Unsafe);
        assert!(fixed.text.contains("**Task:**"), "{}", fixed.text);
        assert_eq!(
            fixed.text.matches('\n').count(),
            fixed.text.matches("\r\n").count(),
            "{:?}",
            fixed.text
        );
    }

    #[test]
    fn the_bom_stays_first() {
        assert_eq!(
            keep_bom_first("\u{feff}a", "x\u{feff}a".into()),
            "\u{feff}xa"
        );
        assert_eq!(keep_bom_first("a", "xa".into()), "xa");
    }
}
