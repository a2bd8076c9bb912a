//! Engine benchmark on a large story bank: tree-sitter-md's own parse (block only, and block +
//! inline as its `MarkdownParser` does) next to starlint's full check of the same text.
//!
//! The target is the whole check at no more than 1.5× tree-sitter-md's block + inline parse.
//! The bank is built from the project's fixtures (every story and PR/FAQ file, repeated to
//! about 1 MB), so the bench needs nothing outside the repository.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use starlint_lint::{lint, Document, Settings};
use std::path::Path;

fn large_bank() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut parts = Vec::new();
    for dir in ["clean", "star", "lp", "style", "doc"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            if let Ok(text) = std::fs::read_to_string(&f) {
                // Front matter only belongs at the top of a file.
                parts.push(
                    text.trim_start_matches('\u{feff}')
                        .replace("\n---\n", "\n\n***\n"),
                );
            }
        }
    }
    let one = parts.join("\n\n");
    let mut bank = String::new();
    while bank.len() < 1_000_000 && !one.is_empty() {
        bank.push_str(&one);
        bank.push_str("\n\n");
    }
    bank
}

/// What tree-sitter-md's `MarkdownParser` does: the block grammar over the text, then the
/// inline grammar over every `inline` node (block-quote and list prefixes excluded).
fn parse_block_and_inline(
    block: &mut tree_sitter::Parser,
    inline: &mut tree_sitter::Parser,
    text: &str,
) -> usize {
    let Some(tree) = block.parse(text, None) else {
        return 0;
    };
    let mut inline_nodes = 0;
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.kind() == "inline" {
            let mut ranges = Vec::new();
            let mut start = node.start_byte();
            let mut start_point = node.start_position();
            let mut cursor = node.walk();
            for child in node.named_children(&mut cursor) {
                if child.kind() == "block_continuation" {
                    ranges.push(tree_sitter::Range {
                        start_byte: start,
                        end_byte: child.start_byte(),
                        start_point,
                        end_point: child.start_position(),
                    });
                    start = child.end_byte();
                    start_point = child.end_position();
                }
            }
            ranges.push(tree_sitter::Range {
                start_byte: start,
                end_byte: node.end_byte(),
                start_point,
                end_point: node.end_position(),
            });
            if inline.set_included_ranges(&ranges).is_ok() && inline.parse(text, None).is_some() {
                inline_nodes += 1;
            }
            continue;
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    inline_nodes
}

fn bench(c: &mut Criterion) {
    let text = large_bank();
    let settings = Settings::default();
    let mut group = c.benchmark_group("story-bank-1MB");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("tree-sitter-md block parse", |b| {
        let mut parser = tree_sitter::Parser::new();
        let _ = parser.set_language(&tree_sitter_md::LANGUAGE.into());
        b.iter(|| parser.parse(&text, None))
    });
    group.bench_function("tree-sitter-md block+inline parse", |b| {
        let mut block = tree_sitter::Parser::new();
        let _ = block.set_language(&tree_sitter_md::LANGUAGE.into());
        let mut inline = tree_sitter::Parser::new();
        let _ = inline.set_language(&tree_sitter_md::INLINE_LANGUAGE.into());
        b.iter(|| parse_block_and_inline(&mut block, &mut inline, &text))
    });
    group.bench_function("starlint full check", |b| {
        b.iter(|| {
            let doc = Document::new(&text, &settings, None);
            lint(&doc, &settings).diagnostics.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
