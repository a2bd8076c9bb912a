//! Print the stories the segmenter finds in each file given, with their parts: a tool for
//! reading real banks while working on the recognisers.
//! `cargo run -p starlint-lint --example stories -- FILE…`

use starlint_lint::{Document, Settings};

fn main() {
    let settings = Settings::default();
    if std::env::var_os("BLOCKS").is_some() {
        for path in std::env::args().skip(1) {
            blocks(&std::fs::read_to_string(&path).unwrap_or_default());
        }
        return;
    }
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let doc = Document::named(&text, &settings, None, Some(&path));
        println!("{path}: {:?} ({} stories)", doc.kind, doc.stories.len());
        for e in &doc.decision.evidence {
            println!(
                "  evidence {} {:?} {} {}",
                e.signal, e.toward, e.weight, e.detail
            );
        }
        for s in &doc.stories {
            let line = doc.lines.line_col(&text, s.range.start).line;
            let flag = if s.is_unlabelled() {
                " [unlabelled]"
            } else {
                ""
            };
            println!(
                "  story l{line} {:?}{flag} ({} bytes)",
                s.title,
                s.range.len()
            );
            for p in &s.parts {
                let body = text.get(p.body_start..p.range.end).unwrap_or("");
                let body: String = body.chars().take(60).collect();
                println!("    {:?}: {:?}", p.kind, body.replace('\n', " "));
            }
        }
    }
}
#[allow(dead_code)]
fn blocks(text: &str) {
    let settings = Settings::default();
    let doc = Document::new(text, &settings, Some(starlint_lint::DocKind::Star));
    for b in &doc.blocks {
        let segs: Vec<&str> = b.segments.iter().map(|s| &text[s.clone()]).collect();
        println!("{:?} {:?}", b.kind, segs);
    }
}
