//! Code actions: each diagnostic's fix as a `quickfix`, "disable RULE for this line / file", and
//! `source.fixAll.starlint` (safe fixes). Fixes come from the analysis of the current version,
//! computed once when it was linted (never a re-lint here): a diagnostic the client sends back
//! is matched by range and code; diagnostics do not carry their fix in `data`.

use crate::convert::{self, LspFix};
use crate::document::{Analysis, OpenDoc};
use crate::State;
use tower_lsp_server::ls_types::*;

pub fn actions(state: &State, params: &CodeActionParams) -> Option<CodeActionResponse> {
    let enc = state.enc();
    let uri = &params.text_document.uri;
    let doc = state.docs.get(uri)?;
    let wanted = |kind: &CodeActionKind| match &params.context.only {
        None => true,
        Some(only) => only.iter().any(|o| {
            kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        }),
    };
    let analysis = doc.analysed();
    let mut out: Vec<CodeActionOrCommand> = Vec::new();
    let mut disables: Vec<CodeActionOrCommand> = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        // The client's diagnostics, or ours under the requested range when it sent none.
        let mut diagnostics: Vec<Diagnostic> = params
            .context
            .diagnostics
            .iter()
            .filter(|d| d.source.as_deref() == Some(convert::SOURCE))
            .cloned()
            .collect();
        if diagnostics.is_empty() {
            diagnostics = analysis
                .iter()
                .filter(|(line, d)| overlaps(&convert::shift(d.range, *line), &params.range))
                .map(|(line, d)| d.to_lsp(line))
                .collect();
        }
        let mut seen_codes: Vec<String> = Vec::new();
        for d in &diagnostics {
            if let Some(fix) = fix_for(&analysis, d) {
                out.push(quickfix(uri, d, analysis.version, fix));
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
        if let Some(action) = fix_all_action(&analysis, uri) {
            out.push(action);
        }
    }
    Some(out)
}

fn overlaps(a: &Range, b: &Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn edit_for(uri: &Uri, version: Option<i32>, edits: Vec<TextEdit>) -> WorkspaceEdit {
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

/// The fix of our diagnostic with the client's diagnostic's range and code (the first one that
/// has a fix, preferring the same message), in document positions. A diagnostic from an older
/// version that no longer lines up gets none.
fn fix_for(analysis: &Analysis, d: &Diagnostic) -> Option<LspFix> {
    let mut found: Option<(u32, &LspFix)> = None;
    for (line, ours) in analysis.iter().filter(|(line, o)| o.matches(*line, d)) {
        let Some(fix) = ours.fix.as_deref() else {
            continue;
        };
        if d.message.starts_with(ours.message.as_str()) {
            found = Some((line, fix));
            break;
        }
        found = found.or(Some((line, fix)));
    }
    let (line, fix) = found?;
    let mut fix = fix.clone();
    for e in &mut fix.edits {
        e.range = convert::shift(e.range, line);
    }
    Some(fix)
}

fn quickfix(uri: &Uri, d: &Diagnostic, version: i32, fix: LspFix) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: fix.title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![d.clone()]),
        edit: Some(edit_for(uri, Some(version), fix.edits)),
        is_preferred: Some(fix.safe),
        ..CodeAction::default()
    })
}

/// "Disable CODE for this line" (a `disable-next-line` comment above it) and "for this file".
fn disable_actions(
    doc: &OpenDoc,
    uri: &Uri,
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
fn fix_all_action(analysis: &Analysis, uri: &Uri) -> Option<CodeActionOrCommand> {
    let span = |line: u32, f: &LspFix| {
        let start = f.edits.iter().map(|e| e.range.start).min()?;
        let end = f.edits.iter().map(|e| e.range.end).max()?;
        Some((
            convert::shift(Range { start, end: start }, line).start,
            convert::shift(Range { start: end, end }, line).end,
        ))
    };
    let mut fixes: Vec<((Position, Position), u32, &LspFix)> = analysis
        .iter()
        .filter_map(|(line, d)| Some((line, d.fix.as_deref()?)))
        .filter(|(_, f)| f.safe)
        .filter_map(|(line, f)| Some((span(line, f)?, line, f)))
        .collect();
    fixes.sort_by_key(|(span, _, _)| *span);
    let mut edits: Vec<TextEdit> = Vec::new();
    let mut last_end: Option<Position> = None;
    for ((start, end), line, fix) in fixes {
        if last_end.is_some_and(|e| start < e || (start == e && start == end)) {
            continue;
        }
        edits.extend(fix.edits.iter().map(|e| TextEdit {
            range: convert::shift(e.range, line),
            new_text: e.new_text.clone(),
        }));
        last_end = Some(end);
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
