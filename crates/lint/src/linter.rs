//! Running the enabled rules over a document, as the registry says what each reads: document
//! rules first (panics caught per rule, story titles attached), then the suppression comments
//! are applied, then the rules that judge those comments (DOC001/DOC002) run.

use crate::config::selector_matches;
use crate::diagnostic::Diagnostic;
use crate::document::{DocKind, Document};
use crate::registry::{self, RULES};
use crate::rule::{Check, Sink};
use crate::settings::Settings;
use crate::suppress::SuppressionKind;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// What linting one document gives.
#[derive(Debug, Clone, Default)]
pub struct LintResult {
    /// Sorted by offset, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// Rules that panicked on this document (their diagnostics are lost; the others are kept).
    pub panicked: Vec<&'static str>,
}

/// Lint a parsed document with the enabled rules.
pub fn lint(doc: &Document, settings: &Settings) -> LintResult {
    let mut result = LintResult::default();
    if doc.kind == DocKind::Other {
        return result;
    }
    for (index, rule) in RULES.iter().enumerate() {
        let Some(severity) = settings.severity(index) else {
            continue;
        };
        let Check::Document(check) = rule.check else {
            continue;
        };
        if !rule.meta.kinds.contains(&doc.kind) {
            continue;
        }
        let mut sink = Sink::new(&rule.meta, severity);
        let ran = catch_unwind(AssertUnwindSafe(|| check(doc, settings, &mut sink)));
        match ran {
            Ok(()) => result.diagnostics.extend(sink.into_diagnostics()),
            Err(_) => result.panicked.push(rule.meta.code),
        }
    }
    for d in &mut result.diagnostics {
        if d.story.is_none() {
            d.story = doc.story_at(d.range.start).map(|s| s.title.clone());
        }
    }
    let used = apply_suppressions(doc, &mut result.diagnostics);
    // The rules that judge the suppression comments, now that they have been applied.
    for (index, rule) in RULES.iter().enumerate() {
        let Check::Suppressions(report) = rule.check else {
            continue;
        };
        let Some(severity) = settings.severity(index) else {
            continue;
        };
        if !rule.meta.kinds.contains(&doc.kind) || file_disabled(doc, rule.meta.code) {
            continue;
        }
        let mut sink = Sink::new(&rule.meta, severity);
        match catch_unwind(AssertUnwindSafe(|| report(doc, settings, &used, &mut sink))) {
            Ok(()) => result.diagnostics.extend(sink.into_diagnostics()),
            Err(_) => result.panicked.push(rule.meta.code),
        }
    }
    // Stable: diagnostics at one place keep the order their rule reported them in.
    result.diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    result.diagnostics.dedup();
    // Rules write new lines as `\n`; every fix goes out in the document's own ending.
    let ending = doc.lines.ending();
    for d in &mut result.diagnostics {
        d.fix = d.fix.take().map(|f| f.with_line_ending(ending));
    }
    result
}

fn names_rule(name: &str, code: &str) -> bool {
    registry::find(code).is_some_and(|r| {
        name.eq_ignore_ascii_case(r.meta.code)
            || name.eq_ignore_ascii_case(r.meta.name)
            || name.eq_ignore_ascii_case("all")
    })
}

/// Is `code` turned off for the whole file (front matter or `starlint-disable-file`)?
pub fn file_disabled(doc: &Document, code: &str) -> bool {
    doc.front_matter
        .as_ref()
        .is_some_and(|fm| fm.disable.iter().any(|n| names_rule(n, code)))
        || doc.suppressions.iter().any(|s| {
            s.kind == SuppressionKind::File
                && s.malformed.is_none()
                && (s.rules.is_empty() || s.rules.iter().any(|(n, _)| names_rule(n, code)))
        })
}

/// Would a diagnostic of rule `code` at `range` be suppressed? For rules that report outside
/// `lint` (the bank rules), so they honour the same comments.
pub fn is_suppressed(doc: &Document, code: &str, range: std::ops::Range<usize>) -> bool {
    let Some(rule) = registry::find(code) else {
        return false;
    };
    let mut probe = vec![Diagnostic {
        code: rule.meta.code,
        rule: rule.meta.name,
        severity: rule.meta.severity,
        message: String::new(),
        range,
        story: None,
        fix: None,
    }];
    apply_suppressions(doc, &mut probe);
    probe.is_empty()
}

/// Drop suppressed diagnostics. Returns, per suppression, per named rule (or one slot for
/// "all"), whether it suppressed anything.
fn apply_suppressions(doc: &Document, diagnostics: &mut Vec<Diagnostic>) -> Vec<Vec<bool>> {
    let sups = &doc.suppressions;
    let mut used: Vec<Vec<bool>> = sups
        .iter()
        .map(|s| vec![false; s.rules.len().max(1)])
        .collect();
    let fm_disable: Vec<String> = doc
        .front_matter
        .as_ref()
        .map(|f| f.disable.clone())
        .unwrap_or_default();
    // Each diagnostic looks only at the suppressions that can reach it: file-wide ones, the
    // next-line ones aimed at its line, and the disable regions (a bank with a suppression per
    // story would otherwise cost diagnostics x suppressions).
    let mut file_wide = Vec::new();
    let mut next_line: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut regions = Vec::new();
    for (si, s) in sups.iter().enumerate() {
        if s.malformed.is_some() {
            continue;
        }
        match s.kind {
            SuppressionKind::File => file_wide.push(si),
            SuppressionKind::NextLine => {
                if let Some(line) = next_content_line(doc, s.range.end) {
                    next_line.entry(line).or_default().push(si);
                }
            }
            SuppressionKind::Disable => regions.push(si),
            SuppressionKind::Enable => {}
        }
    }
    let mut region_ends: HashMap<(usize, &'static str), usize> = HashMap::new();
    diagnostics.retain(|d| {
        if fm_disable.iter().any(|n| names_rule(n, d.code)) {
            return false;
        }
        let line = doc.lines.line_of(d.range.start);
        let aimed = next_line.get(&line).map_or(&[][..], Vec::as_slice);
        let mut suppressed = false;
        for &si in file_wide.iter().chain(aimed).chain(&regions) {
            let Some(s) = sups.get(si) else {
                continue;
            };
            if s.kind == SuppressionKind::Disable
                && !(d.range.start >= s.range.end
                    && *region_ends
                        .entry((si, d.code))
                        .or_insert_with(|| region_end(doc, si, d.code))
                        > d.range.start)
            {
                continue;
            }
            let slot = if s.rules.is_empty() {
                Some(0)
            } else {
                s.rules.iter().position(|(n, _)| names_rule(n, d.code))
            };
            if let Some(k) = slot {
                if let Some(flag) = used.get_mut(si).and_then(|u| u.get_mut(k)) {
                    *flag = true;
                }
                suppressed = true;
            }
        }
        !suppressed
    });
    used
}

/// Where a `starlint-disable` region for `code` opened by suppression `index` ends.
fn region_end(doc: &Document, index: usize, code: &str) -> usize {
    doc.suppressions
        .iter()
        .skip(index + 1)
        .find(|s| {
            s.kind == SuppressionKind::Enable
                && s.malformed.is_none()
                && (s.rules.is_empty() || s.rules.iter().any(|(n, _)| names_rule(n, code)))
        })
        .map_or(usize::MAX, |s| s.range.start)
}

/// The first line after `offset`'s line that holds anything but whitespace.
fn next_content_line(doc: &Document, offset: usize) -> Option<usize> {
    let first = doc.lines.line_of(offset) + 1;
    (first..doc.lines.line_count()).find(|&l| {
        let r = doc.lines.line_range(doc.text, l);
        doc.text.get(r).is_some_and(|s| !s.trim().is_empty())
    })
}

/// Is `name` a rule a suppression may name (code, name or `all`)?
pub fn is_rule_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("all")
        || RULES.iter().any(|r| {
            name.eq_ignore_ascii_case(r.meta.code) || name.eq_ignore_ascii_case(r.meta.name)
        })
}

/// Is the rule a suppression names enabled under `settings`?
pub fn rule_enabled(name: &str, settings: &Settings) -> bool {
    RULES
        .iter()
        .enumerate()
        .any(|(i, r)| selector_matches(name, &r.meta) && settings.severity(i).is_some())
}
