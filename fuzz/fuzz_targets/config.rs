//! Config parsing from a string (no IO): any text gives options or a one-line error with a
//! line number inside the text, never a panic; options that parse build settings (word lists,
//! patterns, principles) that lint and fix a story without a rule panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use starlint_lint::config::{parse_options, settings_from};
use starlint_lint::fix::fix_text;
use starlint_lint::{lint, Applicability, DocKind, Document};

const STORY: &str = "## Fixing the flaky deploys\n\n**Situation:** In March 2024 our deploys failed 30% of the time.\n\n**Task:** I owned the pipeline.\n\n**Action:** We basically traced the failures to a shared cache and I rewrote it.\n\n**Result:** Failures fell to 2%.\n\nLeadership Principles: Ownership, Dive Deep\nTags: #ownership\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let options = match parse_options(text) {
        Ok((options, _table)) => options,
        Err((line, message)) => {
            let lines = text.matches('\n').count() + 1;
            assert!(line.is_none_or(|l| (1..=lines).contains(&l)), "line {line:?} of {lines}");
            assert!(!message.is_empty());
            return;
        }
    };
    // Principle and question files are read from disk: not here.
    if options.principles.file.is_some()
        || options.principles.extend.is_some()
        || options.bank.questions.is_some()
    {
        return;
    }
    let Ok(settings) = settings_from(&options, None) else {
        return;
    };
    let result = lint(&Document::new(STORY, &settings, Some(DocKind::Star)), &settings);
    assert!(result.panicked.is_empty(), "rules panicked: {:?}", result.panicked);
    let fixed = fix_text(STORY, &settings, Some(DocKind::Star), None, Applicability::Unsafe);
    let again = fix_text(&fixed.text, &settings, Some(DocKind::Star), None, Applicability::Unsafe);
    assert_eq!(again.text, fixed.text);
});
