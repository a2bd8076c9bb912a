//! The rule framework: static metadata (with the rule's doc captured from its doc comment) and
//! a check function that reads the document model and reports into a sink.

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::document::{DocKind, Document};
use crate::settings::Settings;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Star,
    Lp,
    Style,
    Doc,
    Prfaq,
    Bank,
}

/// Whether a rule offers a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    None,
    Safe,
    Unsafe,
    /// Safe in some cases, unsafe in others.
    Sometimes,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::None => "none",
            FixKind::Safe => "safe",
            FixKind::Unsafe => "unsafe",
            FixKind::Sometimes => "sometimes",
        }
    }
}

#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub fix: FixKind,
    pub kinds: &'static [DocKind],
    /// One line: what fires the rule.
    pub summary: &'static str,
    /// The rule's doc comment (Markdown with fixed headings).
    pub doc_raw: &'static str,
    /// Off unless selected (rules that need a whole bank, for example).
    pub default_enabled: bool,
}

impl RuleMeta {
    /// The doc page as Markdown, with the comment's leading spaces removed.
    pub fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.doc_raw.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_string() + "\n"
    }
}

pub type CheckFn = fn(&Document, &Settings, &mut Sink);

#[derive(Debug)]
pub struct Rule {
    pub meta: RuleMeta,
    pub check: CheckFn,
}

/// Collects one rule's diagnostics.
pub struct Sink<'r> {
    rule: &'r RuleMeta,
    severity: Severity,
    pub(crate) out: Vec<Diagnostic>,
}

impl<'r> Sink<'r> {
    pub fn new(rule: &'r RuleMeta, severity: Severity) -> Self {
        Sink {
            rule,
            severity,
            out: Vec::new(),
        }
    }

    /// Report a problem at `range`.
    pub fn report(&mut self, range: Range<usize>, message: impl Into<String>) {
        self.report_fix(range, message, None);
    }

    /// Report a problem with a fix.
    pub fn report_fix(
        &mut self,
        range: Range<usize>,
        message: impl Into<String>,
        fix: Option<Fix>,
    ) {
        self.out.push(Diagnostic {
            code: self.rule.code,
            rule: self.rule.name,
            severity: self.severity,
            message: message.into(),
            range,
            story: None,
            fix,
        });
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.out
    }
}

/// Declare a rule: its doc comment becomes its doc page.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $NAME:ident = {
            code: $code:literal,
            name: $name:literal,
            family: $family:ident,
            severity: $severity:ident,
            fix: $fix:ident,
            kinds: [$($kind:ident),*],
            summary: $summary:literal,
            check: $check:path
            $(, default_enabled: $enabled:expr)?
            $(,)?
        }
    ) => {
        $vis static $NAME: $crate::rule::Rule = $crate::rule::Rule {
            meta: $crate::rule::RuleMeta {
                code: $code,
                name: $name,
                family: $crate::rule::Family::$family,
                severity: $crate::diagnostic::Severity::$severity,
                fix: $crate::rule::FixKind::$fix,
                kinds: &[$($crate::document::DocKind::$kind),*],
                summary: $summary,
                doc_raw: concat!($($doc, "\n"),*),
                default_enabled: $crate::declare_rule!(@enabled $($enabled)?),
            },
            check: $check,
        };
    };
    (@enabled) => { true };
    (@enabled $e:expr) => { $e };
}
