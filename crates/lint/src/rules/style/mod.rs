//! Writing-style rules for stories and PR/FAQs alike.

pub mod hedging;
pub mod long_sentence;
pub mod placeholder_text;
pub mod weasel_word;

use crate::document::Document;

/// The word before `offset` in the document, lowercased (for context checks).
pub fn word_before(doc: &Document, offset: usize) -> String {
    let before = doc.text.get(..offset).unwrap_or("");
    before
        .trim_end()
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '\''))
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// The word after `offset`, lowercased.
pub fn word_after(doc: &Document, offset: usize) -> String {
    let after = doc.text.get(offset..).unwrap_or("");
    after
        .trim_start()
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .next()
        .unwrap_or("")
        .to_lowercase()
}
