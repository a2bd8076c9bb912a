//! Times one keystroke on a large document: apply the change, re-analyse (a manual profile aid).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use starlint_lsp::convert::Encoding;
use starlint_lsp::document::{OpenDoc, WireDiagnostics};
use std::sync::Arc;
use std::time::Instant;
use tower_lsp_server::ls_types as lsp;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let t = Instant::now();
    let mut doc = OpenDoc::new(
        text,
        1,
        Arc::new(starlint_lint::Settings::default()),
        Encoding::Utf8,
    );
    println!("open+parse {:?}", t.elapsed());
    println!("after open: {}", mem());
    let t = Instant::now();
    let a = doc.analysis();
    println!("after first analysis: {}", mem());
    println!("first analysis {:?} ({} diagnostics)", t.elapsed(), a.len());
    let t = Instant::now();
    let h = starlint_lint::document::groups::headings(&doc.text);
    println!("headings {:?} ({})", t.elapsed(), h.len());
    let t = Instant::now();
    let mut n = 0u64;
    for chunk in doc.text.as_bytes().chunks(2000) {
        n ^= xxhash_rust::xxh3::xxh3_64(chunk);
    }
    println!("hash {:?} {n}", t.elapsed());
    let t = Instant::now();
    let json = serde_json::to_string(&a.lsp()).unwrap_or_default();
    println!("json {:?} ({} bytes)", t.elapsed(), json.len());
    let fixes = a.iter().filter(|(_, d)| d.fix.is_some()).count();
    println!("fixes {fixes}");
    for d in a.lsp().iter().take(1) {
        println!("{}", serde_json::to_string(d).unwrap_or_default());
    }
    for i in 0..5u32 {
        let change = lsp::TextDocumentContentChangeEvent {
            range: Some(lsp::Range {
                start: lsp::Position {
                    line: 16,
                    character: 3,
                },
                end: lsp::Position {
                    line: 16,
                    character: 3,
                },
            }),
            range_length: None,
            text: "really ".to_string(),
        };
        let t = Instant::now();
        doc.apply_change(&change);
        doc.version = 2 + i as i32;
        let applied = t.elapsed();
        let a = doc.analysis();
        println!(
            "edit: apply {:?}, total {:?} ({} diagnostics)",
            applied,
            t.elapsed(),
            a.len()
        );
        // What the transport writes, against tower-lsp's way (lsp_types -> Value -> string).
        let t = Instant::now();
        let wire = serde_json::to_vec(&WireDiagnostics(Some(&a))).unwrap_or_default();
        let direct = t.elapsed();
        let t = Instant::now();
        let l = a.lsp();
        let owned = t.elapsed();
        let t = Instant::now();
        let v = serde_json::to_value(&l).unwrap_or_default();
        let value = t.elapsed();
        let t = Instant::now();
        let _ = serde_json::to_string(&v).unwrap_or_default();
        let string = t.elapsed();
        let t = Instant::now();
        drop(v);
        drop(l);
        println!(
            "  written directly {direct:?} ({} bytes); via tower-lsp: lsp {owned:?}, to_value {value:?}, to_string {string:?}, drop {:?}",
            wire.len(),
            t.elapsed()
        );
    }
}

fn mem() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
        .collect::<Vec<_>>()
        .join(" ")
}
