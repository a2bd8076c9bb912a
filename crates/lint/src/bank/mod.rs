//! The story bank: a set of files read together. Each file is summarised once
//! ([`summarize`]); the coverage table, the job-description ranking and the bank rules (BANK001,
//! BANK002) work on those summaries only, so callers can cache them and re-run the bank rules
//! when one file changes without re-reading the others. Pure: no IO.

pub mod coverage;
pub mod jd;
pub mod summary;

pub use coverage::Coverage;
pub use jd::{rank_jd, JdScore};
pub use summary::{summarize, FileSummary, StorySummary};

use crate::diagnostic::{Diagnostic, Severity};
use crate::registry;
use crate::rule::Check;
use crate::rule::RuleMeta;
use crate::settings::Settings;
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// One file of the bank: how it is shown (a path relative to where the user stands, or a
/// URI) and its summary.
#[derive(Debug, Clone, Copy)]
pub struct BankFile<'a> {
    pub path: &'a str,
    pub summary: &'a FileSummary,
}

/// Another place a bank diagnostic refers to (the first telling of a duplicated story).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub file: usize,
    pub range: Range<usize>,
    pub message: String,
}

/// A diagnostic that belongs to one file of the bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankDiagnostic {
    /// Index into the files the bank was linted from.
    pub file: usize,
    pub diagnostic: Diagnostic,
    pub related: Option<Related>,
}

/// The signature of a bank rule's check.
pub type BankCheckFn = fn(&[BankFile], &Settings, &mut BankSink);

/// Collects one bank rule's diagnostics.
pub struct BankSink<'r> {
    rule: &'r RuleMeta,
    severity: Severity,
    out: Vec<BankDiagnostic>,
}

impl BankSink<'_> {
    /// Report a problem in `file`, at a story's title when `story` is given (its suppression
    /// comments are honoured), else at `range`.
    pub fn report(
        &mut self,
        files: &[BankFile],
        file: usize,
        story: Option<usize>,
        range: Range<usize>,
        message: String,
        related: Option<Related>,
    ) {
        let Some(f) = files.get(file) else {
            return;
        };
        if f.summary.suppressed.iter().any(|c| c == self.rule.code) {
            return;
        }
        let story = story.and_then(|i| f.summary.stories.get(i));
        if story.is_some_and(|s| s.suppressed.iter().any(|c| c == self.rule.code)) {
            return;
        }
        self.out.push(BankDiagnostic {
            file,
            diagnostic: Diagnostic {
                code: self.rule.code,
                rule: self.rule.name,
                severity: self.severity,
                message,
                range,
                story: story.map(|s| s.title.clone()),
                fix: None,
            },
            related,
        });
    }
}

/// Run the enabled bank rules over a set of files. A rule that panics loses its diagnostics
/// and is named in the second value; the others are kept.
pub fn lint_bank(
    files: &[BankFile],
    settings: &Settings,
) -> (Vec<BankDiagnostic>, Vec<&'static str>) {
    let mut out = Vec::new();
    let mut panicked = Vec::new();
    for (index, rule) in registry::RULES.iter().enumerate() {
        let Check::Bank(check) = rule.check else {
            continue;
        };
        let Some(severity) = settings.severity(index) else {
            continue;
        };
        let mut sink = BankSink {
            rule: &rule.meta,
            severity,
            out: Vec::new(),
        };
        match catch_unwind(AssertUnwindSafe(|| check(files, settings, &mut sink))) {
            Ok(()) => out.extend(sink.out),
            Err(_) => panicked.push(rule.meta.code),
        }
    }
    out.sort_by(|a, b| {
        (a.file, a.diagnostic.range.start, a.diagnostic.code).cmp(&(
            b.file,
            b.diagnostic.range.start,
            b.diagnostic.code,
        ))
    });
    (out, panicked)
}
