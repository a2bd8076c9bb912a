//! Lint files and print one line per diagnostic (a development aid until the CLI lands).
fn main() {
    let settings = starlint_lint::Settings::default();
    let mut total = 0;
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        let doc = starlint_lint::Document::new(&text, &settings, None);
        let result = starlint_lint::lint(&doc, &settings);
        println!(
            "== {path} kind={:?} stories={}",
            doc.kind,
            doc.stories.len()
        );
        for d in &result.diagnostics {
            let lc = doc.lines.line_col(&text, d.range.start);
            let snippet: String = text
                .get(d.range.clone())
                .unwrap_or("")
                .chars()
                .take(40)
                .collect();
            println!(
                "{}:{} {} {} [{}]",
                lc.line,
                lc.column,
                d.code,
                d.message,
                snippet.replace('\n', " ")
            );
            if std::env::var("CTX").is_ok_and(|c| c.split(',').any(|x| x == d.code)) {
                let story = doc.story_at(d.range.start);
                let ctx: String = if d.code == "STAR004" {
                    story
                        .and_then(|s| s.part(starlint_lint::PartKind::Result))
                        .map(|p| {
                            p.prose
                                .iter()
                                .map(|r| text.get(r.clone()).unwrap_or(""))
                                .collect::<Vec<_>>()
                                .join(" | ")
                        })
                        .unwrap_or_default()
                } else {
                    let r = doc
                        .lines
                        .line_range(&text, doc.lines.line_of(d.range.start));
                    text.get(r).unwrap_or("").to_string()
                };
                println!(
                    "      >> {}",
                    ctx.chars().take(300).collect::<String>().replace('\n', " ")
                );
            }
            total += 1;
        }
    }
    eprintln!("total {total}");
}
