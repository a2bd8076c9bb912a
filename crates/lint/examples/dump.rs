//! Print the document model of a file (a development aid).
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let settings = starlint_lint::Settings::default();
    let doc = starlint_lint::Document::new(&text, &settings, None);
    println!("kind: {:?}", doc.kind);
    for b in &doc.blocks {
        println!(
            "  block {:?} {:?} {:?}",
            b.kind,
            b.range,
            text.get(b.range.clone())
                .unwrap_or("")
                .chars()
                .take(40)
                .collect::<String>()
        );
    }
    for s in &doc.stories {
        println!(
            "story {:?} heading={:?} range={:?}",
            s.title, s.heading, s.range
        );
        for t in &s.tags {
            println!("   tag {:?} {:?} {:?}", t.name, t.principle, t.source);
        }
        for p in &s.parts {
            let prose: String = p
                .prose
                .iter()
                .map(|r| text.get(r.clone()).unwrap_or(""))
                .collect::<Vec<_>>()
                .join("|");
            println!(
                "   {:?} {:?} {:?}",
                p.kind,
                p.range,
                prose.chars().take(70).collect::<String>()
            );
        }
    }
}
