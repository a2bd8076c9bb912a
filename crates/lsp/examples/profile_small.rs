//! Times keystrokes on a small document, by phase (a manual profile aid).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use starlint_lsp::convert::Encoding;
use starlint_lsp::document::{OpenDoc, WireDiagnostics};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower_lsp_server::ls_types as lsp;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let settings = Arc::new(starlint_lint::Settings::default());
    let mut doc = OpenDoc::new(text.clone(), 1, settings.clone(), Encoding::Utf8);
    doc.analysis();
    let (mut apply, mut analyse, mut engine, mut json) = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
    );
    let n = 300;
    for i in 0..n {
        let change = lsp::TextDocumentContentChangeEvent {
            range: Some(lsp::Range {
                start: lsp::Position {
                    line: 16,
                    character: 28,
                },
                end: lsp::Position {
                    line: 16,
                    character: 28,
                },
            }),
            range_length: None,
            text: "x".to_string(),
        };
        let t = Instant::now();
        doc.apply_change(&change);
        doc.version = 2 + i;
        apply += t.elapsed();
        let t = Instant::now();
        let a = doc.analysis();
        analyse += t.elapsed();
        let t = Instant::now();
        let _ = serde_json::to_vec(&WireDiagnostics(Some(&a))).unwrap();
        json += t.elapsed();
        let t = Instant::now();
        let d = starlint_lint::Document::new(&doc.text, &settings, None);
        let _ = starlint_lint::lint(&d, &settings);
        engine += t.elapsed();
    }
    let per = |d: Duration| d / n as u32;
    println!(
        "apply {:?} analyse {:?} json {:?} (engine alone, full parse: {:?})",
        per(apply),
        per(analyse),
        per(json),
        per(engine)
    );
}
