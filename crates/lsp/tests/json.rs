//! The JSON the transport writes for diagnostics (straight from the stored form) is exactly the
//! JSON of the `lsp_types` values tower-lsp would have sent, on every fixture, in both position
//! encodings, and for every kind of pull report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::Value;
use starlint_lint::Settings;
use starlint_lsp::convert::Encoding;
use starlint_lsp::document::{OpenDoc, WireDiagnostics, CHUNK_MIN};
use starlint_lsp::handlers::diagnostics::Report;
use std::path::Path;
use std::sync::Arc;

/// Every UTF-8 fixture of the repository.
fn fixtures() -> Vec<String> {
    fn walk(dir: &Path, texts: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, texts);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push(text);
            }
        }
    }
    let mut texts = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures"),
        &mut texts,
    );
    assert!(texts.len() > 50, "{}", texts.len());
    texts
}

/// A text whose messages need escaping (quotes, backslashes) or carry non-ASCII text.
const ESCAPES: &str = "## \"Quoted\" \\ story\n\n**Situation:** In 2024 the \"build\" failed.\n\n**Action:** Then we fixed it.\n\nLeadership Principles: Ownership, Zorp\"x\\y\tq, Frugalité\n";

fn json_of(doc: &mut OpenDoc) -> (Value, Value) {
    let a = doc.analysis();
    let wire = serde_json::to_value(WireDiagnostics(Some(&a))).unwrap();
    let typed = serde_json::to_value(a.lsp()).unwrap();
    (wire, typed)
}

#[test]
fn diagnostics_json_is_the_lsp_types_json() {
    let mut texts = fixtures();
    texts.push(ESCAPES.to_string());
    // A bank linted in groups: positions are moved down per group when written.
    let mut bank = String::from("# Bank\n\n");
    while bank.len() < CHUNK_MIN * 2 {
        bank.push_str(&ESCAPES.replace("## ", "## Story 😀 "));
        bank.push('\n');
    }
    texts.push(bank);
    let mut seen = 0;
    for text in &texts {
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let mut doc = OpenDoc::new(text.clone(), 7, Arc::new(Settings::default()), enc);
            let (wire, typed) = json_of(&mut doc);
            assert_eq!(wire, typed, "{text}");
            seen += wire.as_array().unwrap().len();
        }
    }
    assert!(seen > 1000, "{seen}");
    // The escapes really are in there.
    let mut doc = OpenDoc::new(
        ESCAPES.to_string(),
        1,
        Arc::new(Settings::default()),
        Encoding::Utf8,
    );
    let (wire, _) = json_of(&mut doc);
    assert!(wire.to_string().contains(r#"Zorp\"x\\y"#), "{wire}");
    assert!(wire.to_string().contains("Frugalité"), "{wire}");
}

#[test]
fn pull_reports_json_is_the_lsp_types_json() {
    let mut doc = OpenDoc::new(
        ESCAPES.to_string(),
        3,
        Arc::new(Settings::default()),
        Encoding::Utf16,
    );
    let reports = [
        Report::Full {
            result_id: Some("1:3".to_string()),
            analysis: Some(doc.analysis()),
            bank: Vec::new(),
        },
        // The workspace bank's diagnostics follow the document's own.
        Report::Full {
            result_id: Some("1:0:3".to_string()),
            analysis: Some(doc.analysis()),
            bank: vec![tower_lsp_server::ls_types::Diagnostic {
                message: "Duplicate story: `A \"quoted\" title` is also the title of the story at b.md:3 (duplicate-story)".to_string(),
                code: Some(tower_lsp_server::ls_types::NumberOrString::String("BANK002".to_string())),
                ..Default::default()
            }],
        },
        Report::empty(),
        Report::Unchanged {
            result_id: "1:3".to_string(),
        },
    ];
    for report in reports {
        assert_eq!(
            serde_json::to_value(&report).unwrap(),
            serde_json::to_value(report.to_lsp()).unwrap(),
            "{report:?}"
        );
    }
}
