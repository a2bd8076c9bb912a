//! Code actions: each diagnostic's stored fix as a `quickfix` (from `Diagnostic.data`, never a
//! re-lint), "disable RULE for this line / file", and `source.fixAll.starlint` (safe fixes).

use crate::convert::{self, fix_data, FixData};
use crate::document::OpenDoc;
use crate::State;
use starlint_lint::Applicability;
use tower_lsp::lsp_types::*;

pub fn actions(state: &mut State, params: &CodeActionParams) -> Option<CodeActionResponse> {
    let enc = state.enc();
    let uri = &params.text_document.uri;
    let doc = state.docs.get_mut(uri)?;
    let wanted = |kind: &CodeActionKind| match &params.context.only {
        None => true,
        Some(only) => only.iter().any(|o| {
            kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        }),
    };
    let analysis = doc.analysis();
    let mut out: Vec<CodeActionOrCommand> = Vec::new();
    let mut disables: Vec<CodeActionOrCommand> = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        // The client's diagnostics, or ours under the requested range when it sent none.
        let mut diagnostics: Vec<Diagnostic> = params
            .context
            .diagnostics
            .iter()
            .filter(|d| d.source.as_deref() == Some("starlint"))
            .cloned()
            .collect();
        if diagnostics.is_empty() {
            diagnostics = analysis
                .lsp()
                .iter()
                .filter(|d| overlaps(&d.range, &params.range))
                .cloned()
                .collect();
        }
        let mut seen_codes: Vec<String> = Vec::new();
        for d in &diagnostics {
            let fix = fix_data(d).or_else(|| {
                // A client that drops `data`: find the same diagnostic in what we published.
                analysis
                    .lsp()
                    .iter()
                    .find(|ours| ours.range == d.range && ours.code == d.code)
                    .and_then(fix_data)
            });
            if let Some(fix) = fix {
                out.push(quickfix(uri, d, fix));
            }
            let Some(NumberOrString::String(code)) = &d.code else {
                continue;
            };
            if seen_codes.contains(code) {
                continue;
            }
            seen_codes.push(code.clone());
            disables.extend(disable_actions(doc, uri, d, code, enc));
        }
    }
    out.extend(disables);
    let fix_all = CodeActionKind::new(crate::FIX_ALL_KIND);
    if wanted(&fix_all) {
        if let Some(action) = fix_all_action(doc, uri, enc) {
            out.push(action);
        }
    }
    Some(out)
}

fn overlaps(a: &Range, b: &Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn edit_for(uri: &Url, version: Option<i32>, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: None,
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: uri.clone(),
                version,
            },
            edits: edits.into_iter().map(OneOf::Left).collect(),
        }])),
        change_annotations: None,
    }
}

fn quickfix(uri: &Url, d: &Diagnostic, fix: FixData) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: fix.title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![d.clone()]),
        edit: Some(edit_for(uri, Some(fix.version), fix.edits)),
        is_preferred: Some(fix.safe),
        ..CodeAction::default()
    })
}

/// "Disable CODE for this line" (a `disable-next-line` comment above it) and "for this file".
fn disable_actions(
    doc: &OpenDoc,
    uri: &Url,
    d: &Diagnostic,
    code: &str,
    enc: convert::Encoding,
) -> Vec<CodeActionOrCommand> {
    let at = convert::offset(&doc.rope, d.range.start, enc);
    let line = doc.rope.byte_to_line(at.min(doc.rope.len_bytes()));
    let line_start = doc.rope.line_to_byte(line);
    let indent: String = doc
        .text
        .get(line_start..)
        .unwrap_or("")
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let newline = if doc.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let line_pos = convert::position(&doc.rope, line_start, enc);
    let file_at = convert::position(&doc.rope, after_front_matter(&doc.text), enc);
    let action = |title: String, pos: Position, text: String| {
        CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![d.clone()]),
            edit: Some(edit_for(
                uri,
                Some(doc.version),
                vec![TextEdit {
                    range: Range {
                        start: pos,
                        end: pos,
                    },
                    new_text: text,
                }],
            )),
            ..CodeAction::default()
        })
    };
    vec![
        action(
            format!("Disable {code} for this line"),
            line_pos,
            format!("{indent}<!-- starlint-disable-next-line {code} -->{newline}"),
        ),
        action(
            format!("Disable {code} for this file"),
            file_at,
            format!("<!-- starlint-disable-file {code} -->{newline}"),
        ),
    ]
}

/// Where a file-level comment goes: after the front matter, if any.
fn after_front_matter(text: &str) -> usize {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    if !(body.starts_with("---\n") || body.starts_with("---\r\n")) {
        return bom;
    }
    let mut offset = bom;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        offset += line.len();
        if i > 0 && line.trim_end() == "---" {
            return offset;
        }
    }
    bom
}

/// Every safe fix of the current version that does not overlap an earlier one, as one action.
fn fix_all_action(
    doc: &mut OpenDoc,
    uri: &Url,
    enc: convert::Encoding,
) -> Option<CodeActionOrCommand> {
    let analysis = doc.analysis();
    let mut edits: Vec<TextEdit> = Vec::new();
    let mut last_end: Option<usize> = None;
    let mut fixes: Vec<&starlint_lint::Fix> = analysis
        .diagnostics()
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == Applicability::Safe && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| f.span().map(|s| (s.start, s.end)));
    for fix in fixes {
        let Some(span) = fix.span() else { continue };
        if last_end.is_some_and(|e| span.start < e || (span.start == e && span.is_empty())) {
            continue;
        }
        edits.extend(convert::text_edits(&doc.rope, &fix.edits, enc));
        last_end = Some(span.end);
    }
    if edits.is_empty() {
        return None;
    }
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: "Fix all safe starlint problems".to_string(),
        kind: Some(CodeActionKind::new(crate::FIX_ALL_KIND)),
        edit: Some(edit_for(uri, Some(analysis.version), edits)),
        ..CodeAction::default()
    }))
}
