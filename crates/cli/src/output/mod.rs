//! Report formats, one module each. Every format reads the same data: the checked files (sorted
//! by path, diagnostics sorted by offset) and the summary counts.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use starlint_lint::text::{LineCol, LineIndex};
use starlint_lint::{Applicability, Diagnostic, DocKind, Severity};

/// One checked file, ready to print.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// As given on the command line or walked, forward slashes; stdin's `--stdin-filename` or `-`.
    pub path: String,
    /// The text the diagnostics' offsets refer to.
    pub text: String,
    pub kind: DocKind,
    pub stories: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Counts over every checked file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub stories: usize,
    pub prfaqs: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Diagnostics with a safe fix (`--fix` applies them).
    pub fixable: usize,
    /// Diagnostics with an unsafe fix (`--fix --unsafe-fixes` applies them).
    pub unsafe_fixable: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for report in reports {
            s.stories += report.stories;
            s.prfaqs += usize::from(report.kind == DocKind::Prfaq);
            for d in &report.diagnostics {
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
                match d.fix.as_ref().map(|f| f.applicability()) {
                    Some(Applicability::Safe) => s.fixable += 1,
                    Some(Applicability::Unsafe) => s.unsafe_fixable += 1,
                    _ => {}
                }
            }
        }
        s
    }

    pub fn problems(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// `1 file`, `2 files`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// 1-based line and column (Unicode scalar values) of a byte offset, as editors show them: a
/// UTF-8 byte order mark is not a column.
pub fn line_col(index: &LineIndex, text: &str, offset: usize) -> LineCol {
    let mut lc = index.line_col(text, offset);
    if lc.line == 1 && lc.column > 1 && text.starts_with('\u{feff}') {
        lc.column -= 1;
    }
    lc
}
