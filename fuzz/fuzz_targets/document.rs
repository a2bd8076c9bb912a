//! The server's document model: any sequence of edits applied incrementally (rope, string and
//! tree-sitter tree re-parsed from the old tree) gives the text a plain string edit gives, and
//! lints exactly like a fresh full parse of that text (the property `crates/lsp/tests/
//! incremental.rs` checks on generated edits, here on arbitrary ones).
//!
//! Input: the bytes up to the first 0 are the opening text (UTF-8, bad bytes replaced); the
//! rest drives the edits.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use starlint_lint::Settings;
use starlint_lsp::convert::{self, Encoding};
use starlint_lsp::document::{analyse_text, OpenDoc};
use std::sync::{Arc, LazyLock};
use tower_lsp_server::ls_types as lsp;

static SETTINGS: LazyLock<Arc<Settings>> = LazyLock::new(|| Arc::new(Settings::default()));

/// Text an edit inserts: story structure, line endings, multi-byte characters.
const FRAGMENTS: &[&str] = &[
    "",
    "we ",
    "I ",
    "\n",
    "\r\n",
    "\r",
    "**Situation:** ",
    "**Action:** ",
    "**Result:** ",
    "## A story\n\n",
    "😀",
    "漢字",
    "é",
    "basically ",
    "```\n",
    "- ",
    "  - ",
    "# ",
    "Tags: #ownership\n",
    "Leadership Principles: Ownership\n",
    "30% ",
    "<!-- starlint-disable-next-line STAR005 -->\n",
    "---\n",
    "## FAQ\n\n**Q: Why?**\n\n",
];

#[derive(Arbitrary, Debug)]
struct Edit {
    line: u8,
    character: u16,
    end_line: u8,
    end_character: u16,
    /// A fragment, or (when out of range) `own` as typed.
    fragment: u8,
    own: String,
    /// Replace the whole text instead (a change without a range).
    full: bool,
    /// Compare with a fresh parse after this edit.
    check: bool,
}

fn check_same(doc: &mut OpenDoc, enc: Encoding) {
    let whole = analyse_text(&doc.text, &SETTINGS, None, enc);
    let got = doc.analysis().diagnostics();
    assert_eq!(got, whole.diagnostics, "text: {:?}", doc.text);
    assert_eq!(doc.rope.to_string(), *doc.text);
}

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (head, rest) = data.split_at(split);
    let mut u = Unstructured::new(rest.get(1..).unwrap_or_default());
    let enc = if u.arbitrary::<bool>().unwrap_or(false) {
        Encoding::Utf16
    } else {
        Encoding::Utf8
    };
    let mut expected = String::from_utf8_lossy(head).into_owned();
    let mut doc = OpenDoc::new(expected.clone(), 1, SETTINGS.clone(), enc);
    let mut version = 1;
    // `arbitrary` makes up values once the bytes run out: stop there.
    let mut edits = 0;
    while !u.is_empty() && edits < 64 {
        edits += 1;
        let Ok(edit) = u.arbitrary::<Edit>() else {
            break;
        };
        let new_text = FRAGMENTS
            .get(usize::from(edit.fragment))
            .map_or(edit.own.as_str(), |f| *f);
        let range = (!edit.full).then_some(lsp::Range {
            start: lsp::Position {
                line: u32::from(edit.line),
                character: u32::from(edit.character),
            },
            end: lsp::Position {
                line: u32::from(edit.end_line),
                character: u32::from(edit.end_character),
            },
        });
        match &range {
            Some(r) => {
                let bytes = convert::byte_range(&ropey::Rope::from_str(&expected), r, enc);
                expected.replace_range(bytes, new_text);
            }
            None => expected = new_text.to_string(),
        }
        doc.apply_change(&lsp::TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: new_text.to_string(),
        });
        version += 1;
        doc.version = version;
        assert_eq!(doc.text.as_str(), expected.as_str());
        if edit.check {
            check_same(&mut doc, enc);
        }
    }
    check_same(&mut doc, enc);
});
