//! Property tests: no input makes the engine panic, report a range outside the text or off a
//! character boundary, or produce fixes that do not converge.

use proptest::prelude::*;
use starlint_lint::fix::{apply_fixes, fix_text};
use starlint_lint::{lint, Applicability, Document, Settings};
use starlint_tests::fixtures;

/// Pieces that real story banks and PR/FAQs are made of, so random texts hit the parser's and
/// the rules' interesting paths far more often than uniform random characters would.
const PIECES: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "#### ",
    "\n",
    "\n\n",
    "\r\n",
    "- ",
    "* ",
    "1. ",
    "> ",
    "  ",
    "\t",
    "---\n",
    "```\n",
    "`",
    "**",
    "__",
    "*",
    "_",
    ":",
    " - ",
    "<!-- starlint-disable-next-line STAR005 -->\n",
    "<!-- starlint-enable -->",
    "<!-- starlint-disable-file -->",
    "<strong>Result</strong>:",
    "<li>",
    "</li>",
    "Situation",
    "Task",
    "Action",
    "Result",
    "Learning",
    "S:",
    "T:",
    "A:",
    "R:",
    "Q:",
    "**S:**",
    "Situation:",
    "**Action:**",
    "### Result\n",
    "Context",
    "Outcome",
    "What I did",
    "Leadership Principles: ",
    "LPs: ",
    "Tags: ",
    "#ownership",
    "Ownership",
    "Dive Deep, ",
    "Custmer Obsesion",
    "Have Backbone; Disagree and Commit",
    "(Earn Trust / Dive Deep)",
    "we",
    "We",
    "our",
    "us",
    "I would",
    "I’d",
    "usually",
    "very",
    "most customers",
    "a lot of",
    "I think",
    "tried to",
    "TODO",
    "XX%",
    "$X",
    "[metric]",
    "40%",
    "from 3 to 5",
    "three",
    "a week",
    "failed",
    "mistake",
    "learned",
    "😀",
    "📋",
    "大阪",
    "é",
    "\u{feff}",
    "word ",
    "The team shipped it. ",
    "kind: star\n",
    "principles: [Ownership]\n",
    "FAQ",
    "## External FAQ\n",
    "SEATTLE, WA — March 3, 2027 — ",
    "\"We did it,\" said Ana, VP.",
    "[link](http://x.io)",
    "<div>",
    "|a|b|\n",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

fn check_invariants(text: &str) -> Result<(), TestCaseError> {
    let settings = Settings::default();
    let doc = Document::new(text, &settings, None);
    let result = lint(&doc, &settings);
    prop_assert!(
        result.panicked.is_empty(),
        "rules panicked: {:?}",
        result.panicked
    );
    for d in &result.diagnostics {
        prop_assert!(
            d.range.start <= d.range.end && d.range.end <= text.len(),
            "{d:?}"
        );
        prop_assert!(
            text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end),
            "{d:?}"
        );
        if let Some(fix) = &d.fix {
            for e in fix.edits() {
                prop_assert!(
                    e.range.end <= text.len()
                        && text.is_char_boundary(e.range.start)
                        && text.is_char_boundary(e.range.end),
                    "{fix:?}"
                );
            }
        }
    }
    let (fixed, _) = apply_fixes(text, &result.diagnostics, Applicability::Unsafe);
    let doc = Document::new(&fixed, &settings, None);
    prop_assert!(lint(&doc, &settings).panicked.is_empty());
    let outcome = fix_text(text, &settings, None, None, Applicability::Unsafe);
    prop_assert!(outcome.converged, "fixes did not converge");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn markdown_like_text_never_breaks_the_engine(text in text_strategy()) {
        check_invariants(&text)?;
    }

    #[test]
    fn arbitrary_unicode_never_breaks_the_engine(text in "\\PC{0,400}") {
        check_invariants(&text)?;
    }

    /// Real fixtures cut and spliced at random places (on character boundaries).
    #[test]
    fn edited_fixtures_never_break_the_engine(file in 0usize..64, cut in 0usize..4000, len in 0usize..300, insert in text_strategy()) {
        let mut all = fixtures("clean");
        all.extend(fixtures("star"));
        all.extend(fixtures("unicode"));
        let path = &all[file % all.len()];
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let mut start = cut.min(text.len());
        while !text.is_char_boundary(start) { start -= 1; }
        let mut end = (start + len).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let edited = format!("{}{}{}", &text[..start], insert, &text[end..]);
        check_invariants(&edited)?;
    }
}
