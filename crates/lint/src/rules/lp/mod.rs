//! Leadership-principle rules: every story tagged, with real principles, backed by its text.

pub mod too_many_principles;
pub mod unknown_principle;
pub mod unsupported_principle;
pub mod untagged_principle;

use crate::document::{Document, Story};
use crate::principles::PrincipleSet;

/// For each principle, the distinct evidence keywords in the story's title and parts (read
/// from the document's shared word table).
pub fn evidence_counts(doc: &Document, story: &Story, set: &PrincipleSet) -> Vec<usize> {
    let title: Vec<(usize, &str)> = crate::words::tokens(&story.title).collect();
    // The whole story's text: its parts, or the answer of a story told without labels.
    let ranges = story.text_prose();
    set.evidence_counts_in(
        std::iter::once(title.as_slice()).chain(ranges.iter().map(|r| doc.words_in(r.clone()))),
    )
}
