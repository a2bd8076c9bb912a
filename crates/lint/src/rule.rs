//! The rule framework: static metadata (with the rule's doc captured from its doc comment) and
//! a check that reads what the rule needs (a document, its suppressions, or a bank) and
//! reports into a sink.

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
    /// The JSON Schema of the rule's options struct (`[rules.<name>]`), when it has options:
    /// its doc page's `## Options` table is generated from it.
    pub options: Option<fn() -> schemars::Schema>,
}

/// The JSON Schema of an options struct (for [`RuleMeta::options`]).
pub fn options_schema<T: schemars::JsonSchema>() -> schemars::Schema {
    schemars::SchemaGenerator::default().into_root_schema_for::<T>()
}

impl Family {
    /// The family's name in lower case (`star`, `prfaq`): its fixture directory too.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Star => "star",
            Family::Lp => "lp",
            Family::Style => "style",
            Family::Doc => "doc",
            Family::Prfaq => "prfaq",
            Family::Bank => "bank",
        }
    }
}

impl RuleMeta {
    /// The doc page as Markdown, with the comment's leading spaces removed. A rule with an
    /// options struct gets its `## Options` section generated from it, before `## Fix safety`.
    pub fn doc(&self) -> String {
        let mut out = String::new();
        let options = self
            .options
            .map(|schema| crate::options_doc::section(self, &schema()));
        for line in self.doc_raw.lines() {
            let line = line.strip_prefix(' ').unwrap_or(line);
            if line == "## Fix safety" {
                if let Some(section) = &options {
                    out.push_str(section);
                    out.push('\n');
                }
            }
            out.push_str(line);
            out.push('\n');
        }
        if options.is_some() && !self.doc_raw.contains("## Fix safety") {
            out.push('\n');
            out.push_str(options.as_deref().unwrap_or(""));
        }
        out.trim_end().to_string() + "\n"
    }
}

/// What a rule reads, and so when the linter runs it.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// One document's model (most rules).
    Document(fn(&Document, &Settings, &mut Sink)),
    /// The suppression comments, after the other rules' diagnostics were suppressed: per
    /// comment, per rule it names (one slot for "all"), whether it suppressed anything.
    Suppressions(fn(&Document, &Settings, &[Vec<bool>], &mut Sink)),
    /// The summaries of every file of a bank (`crate::bank::lint_bank`), never one document.
    Bank(crate::bank::BankCheckFn),
}

#[derive(Debug)]
pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
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

/// Declare a rule: its doc comment becomes its doc page. What it reads is the key of its check:
/// `check: f` (a document), `suppressions: f` or `bank: f` (see [`Check`]).
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
            $reads:ident: $check:path
            $(, options: $options:ty)?
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
                options: $crate::declare_rule!(@options $($options)?),
            },
            check: $crate::declare_rule!(@check $reads $check),
        };
    };
    (@check check $f:path) => { $crate::rule::Check::Document($f) };
    (@check suppressions $f:path) => { $crate::rule::Check::Suppressions($f) };
    (@check bank $f:path) => { $crate::rule::Check::Bank($f) };
    (@options) => { None };
    (@options $t:ty) => { Some($crate::rule::options_schema::<$t> as fn() -> schemars::Schema) };
    (@enabled) => { true };
    (@enabled $e:expr) => { $e };
}
