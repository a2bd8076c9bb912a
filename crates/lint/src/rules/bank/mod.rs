//! Bank rules: they read a set of files' summaries (see `crate::bank`), never one document, so
//! the per-document linter skips them and `crate::bank::lint_bank` runs them.

pub mod duplicate_story;
pub mod overplanned_story;
pub mod principle_coverage;

use crate::bank::BankCheckFn;
use crate::document::Document;
use crate::rule::{Rule, Sink};
use crate::settings::Settings;

/// Each bank rule with its check over the bank.
pub static BANK_CHECKS: &[(&Rule, BankCheckFn)] = &[
    (&principle_coverage::RULE, principle_coverage::check_bank),
    (&duplicate_story::RULE, duplicate_story::check_bank),
    (&overplanned_story::RULE, overplanned_story::check_bank),
];

/// The per-document check of a bank rule: nothing, as one file alone is not a bank.
pub(crate) fn no_document_check(_doc: &Document, _settings: &Settings, _sink: &mut Sink) {}
