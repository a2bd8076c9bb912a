//! Bank rules: they read a set of files' summaries (see `crate::bank`), never one document
//! (`Check::Bank`), so the per-document linter skips them and `crate::bank::lint_bank` runs them.

pub mod duplicate_story;
pub mod overplanned_story;
pub mod principle_coverage;
