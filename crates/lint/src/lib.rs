//! starlint's engine: the document model of STAR stories and PR/FAQs, and the rules.
//!
//! Architecture invariants:
//! - The engine does no IO except config discovery (`config`); it never prints.
//! - It never fails on any input: a malformed document is normal input and yields a model plus
//!   diagnostics, never an `Err` or a panic. A panic inside a rule is caught per rule.
//! - It speaks in byte offsets. Only the CLI and the server convert to lines and columns.
//! - A document is parsed once; every rule reads the shared model and never re-parses.

pub mod bank;
pub mod coach;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fix;
pub mod frontmatter;
pub mod linter;
pub mod markers;
pub mod options_doc;
pub mod parse;
pub mod prfaq;
pub mod principles;
pub mod registry;
pub mod rule;
pub mod rules;
pub mod settings;
pub mod suppress;
pub mod tags;
pub mod text;
pub mod value_sets;
pub mod words;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use document::{DocKind, Document, Part, Story, Tag};
pub use linter::{lint, LintResult};
pub use markers::PartKind;
pub use settings::Settings;
