//! Leadership-principle rules: every story tagged, with real principles, backed by its text.

pub mod too_many_principles;
pub mod unknown_principle;
pub mod unsupported_principle;
pub mod untagged_principle;

use crate::document::{Document, Story};
use crate::markers::PartKind;

/// The story's words that count as evidence: its title and all its parts.
pub fn evidence_text(doc: &Document, story: &Story) -> String {
    let mut text = story.title.clone();
    for r in story.prose_of(&PartKind::ALL) {
        text.push(' ');
        text.push_str(doc.slice(r));
    }
    text
}
