//! The outline: stories and their STAR parts (document symbols); every open story (workspace
//! symbols).

use crate::convert;
use crate::State;
use tower_lsp_server::ls_types::*;

pub fn document_symbols(state: &State, uri: &Uri) -> Option<DocumentSymbolResponse> {
    let enc = state.enc();
    let doc = state.docs.get(uri)?;
    let analysis = doc.analysed();
    let rope = &doc.rope;
    #[allow(deprecated)] // `deprecated` is a required field of the struct.
    let symbols = analysis
        .stories()
        .iter()
        .map(|s| DocumentSymbol {
            name: if s.title.trim().is_empty() {
                "(untitled story)".to_string()
            } else {
                s.title.clone()
            },
            detail: Some(format!("{} words", s.words)),
            kind: SymbolKind::CLASS,
            tags: None,
            deprecated: None,
            range: convert::range(rope, &s.range, enc),
            selection_range: convert::range(rope, &clip(&s.title_range, &s.range), enc),
            children: Some(
                s.parts
                    .iter()
                    .map(|p| DocumentSymbol {
                        name: p.kind.name().to_string(),
                        detail: Some(format!("{} words", p.words)),
                        kind: SymbolKind::FIELD,
                        tags: None,
                        deprecated: None,
                        range: convert::range(rope, &p.range, enc),
                        selection_range: convert::range(rope, &clip(&p.label, &p.range), enc),
                        children: None,
                    })
                    .collect(),
            ),
        })
        .collect();
    Some(DocumentSymbolResponse::Nested(symbols))
}

/// A selection range must lie inside its symbol's range.
fn clip(inner: &std::ops::Range<usize>, outer: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    if inner.start >= outer.start && inner.end <= outer.end {
        inner.clone()
    } else {
        outer.start..outer.start
    }
}

pub fn workspace_symbols(state: &State, query: &str) -> Vec<SymbolInformation> {
    let enc = state.enc();
    let query = query.to_lowercase();
    let mut uris: Vec<Uri> = state.docs.keys().cloned().collect();
    uris.sort();
    let mut out = Vec::new();
    for uri in uris {
        let Some(doc) = state.docs.get(&uri) else {
            continue;
        };
        let analysis = doc.analysed();
        for s in analysis
            .stories()
            .iter()
            .filter(|s| s.title.to_lowercase().contains(&query))
        {
            out.push(story_symbol(
                &s.title,
                uri.clone(),
                convert::range(&doc.rope, &s.title_range, enc),
            ));
        }
    }
    // Stories of the workspace's files that are not open, as last read from disk.
    let open: Vec<std::path::PathBuf> = state
        .docs
        .keys()
        .filter_map(crate::convert::file_path)
        .collect();
    for (path, s) in state.workspace.stories() {
        if open.contains(path) || !s.title.to_lowercase().contains(&query) {
            continue;
        }
        let (Some(uri), Ok(line)) = (
            crate::convert::file_uri(path),
            u32::try_from(s.line.saturating_sub(1)),
        ) else {
            continue;
        };
        let at = Position::new(line, 0);
        out.push(story_symbol(&s.title, uri, Range::new(at, at)));
    }
    out
}

/// A story as a workspace symbol.
fn story_symbol(title: &str, uri: Uri, range: Range) -> SymbolInformation {
    #[allow(deprecated)] // `deprecated` is a required field of the type.
    SymbolInformation {
        name: title.to_string(),
        kind: SymbolKind::CLASS,
        tags: None,
        deprecated: None,
        location: Location { uri, range },
        container_name: None,
    }
}
