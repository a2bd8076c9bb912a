//! The engine on arbitrary text: no rule panics, and fixing to a fixpoint (what `check --fix`
//! and the server's fix-all do) gives a text that a second pass leaves unchanged.
//!
//! A rule's panic is caught by the linter, but libFuzzer's panic hook aborts on it first: the
//! second pass (which lints the fixed text) is also the re-lint. Settings are built once.
//!
//! The first byte picks the document kind (story bank, PR/FAQ, or detected) and the fix level
//! (safe or unsafe); the rest, read as UTF-8 with bad bytes replaced, is the document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use starlint_lint::fix::fix_text;
use starlint_lint::{lint, Applicability, DocKind, Document, Settings};
use std::sync::LazyLock;

/// Built once: the default rules, word lists and principles.
static SETTINGS: LazyLock<Settings> = LazyLock::new(Settings::default);

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let kind = match selector % 3 {
        0 => Some(DocKind::Star),
        1 => Some(DocKind::Prfaq),
        _ => None,
    };
    let min = if selector & 0x80 == 0 {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    let text = String::from_utf8_lossy(rest);
    let settings = &*SETTINGS;

    let result = lint(&Document::new(&text, settings, kind), settings);
    assert!(result.panicked.is_empty(), "rules panicked: {:?}", result.panicked);
    for d in &result.diagnostics {
        let r = &d.range;
        assert!(
            r.start <= r.end && text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "a diagnostic's range is outside the text or splits a character: {d:?}"
        );
    }

    let fixed = fix_text(&text, settings, kind, None, min);
    let again = fix_text(&fixed.text, settings, kind, None, min);
    assert_eq!(
        again.text, fixed.text,
        "a second fix pass changed the text (first pass: {} fixes in {} rounds)",
        fixed.applied, fixed.rounds
    );
});
