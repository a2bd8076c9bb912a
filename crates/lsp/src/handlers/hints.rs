//! Inlay hints: after each story's title, its length in words, its spoken time at the
//! configured pace, and its principles.

use crate::convert;
use crate::State;
use tower_lsp_server::ls_types::*;

pub fn inlay_hints(state: &State, params: &InlayHintParams) -> Option<Vec<InlayHint>> {
    let enc = state.enc();
    let doc = state.docs.get(&params.text_document.uri)?;
    let wpm = doc.settings().rules.words_per_minute.max(1);
    let analysis = doc.analysed();
    let wanted = convert::byte_range(&doc.rope, &params.range, enc);
    let hints = analysis
        .stories()
        .iter()
        .filter(|s| s.title_range.end >= wanted.start && s.title_range.start <= wanted.end)
        .map(|s| {
            // At the end of the title's line.
            let line_end = doc
                .text
                .get(s.title_range.end..)
                .and_then(|rest| rest.find(['\n', '\r']).map(|i| s.title_range.end + i))
                .unwrap_or(doc.text.len());
            let seconds = s.words * 60 / wpm;
            let principles = s.principles();
            let mut label = format!(
                "{} words · {}:{:02} spoken",
                s.words,
                seconds / 60,
                seconds % 60
            );
            if !principles.is_empty() {
                label.push_str(" · ");
                label.push_str(&principles.join(", "));
            }
            InlayHint {
                position: convert::position(&doc.rope, line_end, enc),
                label: InlayHintLabel::String(label),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            }
        })
        .collect();
    Some(hints)
}
