//! Time tree-sitter-md's block parse, and block + inline parse, over files (a development aid).
fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_default())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut block = tree_sitter::Parser::new();
    let _ = block.set_language(&tree_sitter_md::LANGUAGE.into());
    let t = std::time::Instant::now();
    let mut nodes = 0;
    for text in &texts {
        if let Some(tree) = block.parse(text, None) {
            nodes += tree.root_node().descendant_count();
        }
    }
    let b = t.elapsed();
    let settings = starlint_lint::Settings::default();
    let t = std::time::Instant::now();
    let mut diags = 0;
    for text in &texts {
        let doc = starlint_lint::Document::new(text, &settings, None);
        diags += starlint_lint::lint(&doc, &settings).diagnostics.len();
    }
    let c = t.elapsed();
    println!("{} bytes; block parse {:.3}s ({:.1} MB/s, {nodes} nodes); full check {:.3}s ({diags} diagnostics); ratio {:.2}", bytes, b.as_secs_f64(), bytes as f64 / b.as_secs_f64() / 1e6, c.as_secs_f64(), c.as_secs_f64() / b.as_secs_f64());
}
