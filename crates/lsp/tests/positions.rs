//! UTF-8 ↔ UTF-16 positions round-trip on any text: every character boundary (but the middle of
//! a CRLF) maps to a position and back to itself in both encodings, both encodings name the same place, and any
//! position (past a line's end, past the last line, inside a character) maps to a boundary.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use ropey::Rope;
use starlint_lsp::convert::{self, Encoding};
use tower_lsp_server::ls_types as lsp;

/// Text with what makes positions hard: multi-byte characters, astral ones (two UTF-16 units),
/// CRLF and lone CR line breaks.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("a"),
            Just("é"),
            Just("漢"),
            Just("😀"),
            Just("\n"),
            Just("\r\n"),
            Just("\r"),
            Just(" "),
            Just("we"),
            Just("\u{feff}"),
            Just("\u{0301}"),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_boundary_round_trips_in_both_encodings(text in text()) {
        let rope = Rope::from_str(&text);
        for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            // Between the CR and the LF of a CRLF is no position: LSP line breaks are whole.
            if text[..b].ends_with('\r') && text[b..].starts_with('\n') {
                continue;
            }
            let p8 = convert::position(&rope, b, Encoding::Utf8);
            let p16 = convert::position(&rope, b, Encoding::Utf16);
            prop_assert_eq!(convert::offset(&rope, p8, Encoding::Utf8), b);
            prop_assert_eq!(convert::offset(&rope, p16, Encoding::Utf16), b);
            // The same place: the same line, and a column that counts the same characters.
            prop_assert_eq!(p8.line, p16.line);
            let line_start = rope.line_to_byte(p8.line as usize);
            let before = &text[line_start..b];
            prop_assert_eq!(p8.character as usize, before.len());
            prop_assert_eq!(p16.character as usize, before.encode_utf16().count());
        }
    }

    #[test]
    fn any_position_maps_to_a_boundary(text in text(), line in 0u32..30, character in 0u32..200) {
        let rope = Rope::from_str(&text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let b = convert::offset(&rope, lsp::Position { line, character }, enc);
            prop_assert!(b <= text.len());
            prop_assert!(text.is_char_boundary(b));
            // Clamping is stable: the clamped position maps to the same offset.
            let again = convert::position(&rope, b, enc);
            prop_assert_eq!(convert::offset(&rope, again, enc), b);
        }
    }
}
