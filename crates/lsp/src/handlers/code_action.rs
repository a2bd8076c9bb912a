//! Code actions: each diagnostic's fix as a `quickfix`, "disable RULE for this line / file", and
//! `source.fixAll.starlint` (safe fixes). A quick fix comes from the analysis of the current
//! version, computed once when it was linted: a diagnostic the client sends back is matched by
//! range and code; diagnostics do not carry their fix in `data`. The engine writes every edit
//! (in the document's line ending); fix-all runs the engine's fixpoint, as `check --fix` does.

use crate::convert::{self, LspFix};
use crate::document::{Analysis, OpenDoc};
use crate::State;
use starlint_lint::fix::fix_text;
use starlint_lint::suppress::{disable_fix, DisableScope};
use starlint_lint::{Applicability, Settings};
use std::sync::Arc;
use tower_lsp_server::ls_types::*;

/// The code actions for a request, and the fix-all job to run off the lock when asked for.
pub fn actions(
    state: &State,
    params: &CodeActionParams,
) -> Option<(CodeActionResponse, Option<FixAllJob>)> {
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
    let job = wanted(&fix_all).then(|| FixAllJob {
        uri: uri.clone(),
        version: doc.version,
        text: Arc::clone(&doc.text),
        rope: doc.rope.clone(),
        settings: Arc::clone(doc.settings()),
        name: doc.name.clone(),
        enc,
    });
    Some((out, job))
}

/// What fix-all needs, taken under the lock: the engine's fixpoint lints the text again, so
/// it runs off the lock like any other lint.
pub struct FixAllJob {
    uri: Uri,
    version: i32,
    text: Arc<String>,
    rope: ropey::Rope,
    settings: Arc<Settings>,
    name: Option<String>,
    enc: convert::Encoding,
}

impl FixAllJob {
    /// Every safe fix, applied by the engine's fixpoint (the one `check --fix` runs), as one
    /// edit of the part of the document that changes.
    pub fn run(self) -> Option<CodeActionOrCommand> {
        let outcome = fix_text(
            &self.text,
            &self.settings,
            None,
            self.name.as_deref(),
            Applicability::Safe,
        );
        if outcome.applied == 0 || outcome.text == *self.text {
            return None;
        }
        let (old, new) = changed_span(&self.text, &outcome.text);
        let edit = TextEdit {
            range: convert::range(&self.rope, &old, self.enc),
            new_text: outcome.text.get(new).unwrap_or("").to_string(),
        };
        Some(CodeActionOrCommand::CodeAction(CodeAction {
            title: "Fix all safe starlint problems".to_string(),
            kind: Some(CodeActionKind::new(crate::FIX_ALL_KIND)),
            edit: Some(edit_for(&self.uri, Some(self.version), vec![edit])),
            ..CodeAction::default()
        }))
    }
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

/// "Disable CODE for this line" (a `disable-next-line` comment above it) and "for this file":
/// the engine writes the comments, in the document's own line ending.
fn disable_actions(
    doc: &OpenDoc,
    uri: &Uri,
    d: &Diagnostic,
    code: &str,
    enc: convert::Encoding,
) -> Vec<CodeActionOrCommand> {
    let at = convert::offset(&doc.rope, d.range.start, enc);
    [DisableScope::Line, DisableScope::File]
        .into_iter()
        .map(|scope| {
            let (_, title, edits) = disable_fix(&doc.text, at, code, scope).into_parts();
            let edits = edits
                .into_iter()
                .map(|e| TextEdit {
                    range: convert::range(&doc.rope, &e.range, enc),
                    new_text: e.new_text,
                })
                .collect();
            CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(edit_for(uri, Some(doc.version), edits)),
                ..CodeAction::default()
            })
        })
        .collect()
}

/// The byte ranges of `old` and `new` that differ, after their common prefix and suffix (on
/// character boundaries), so an editor keeps the cursor and folds outside the change.
fn changed_span(old: &str, new: &str) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let suffix = old
        .get(prefix..)
        .unwrap_or("")
        .chars()
        .rev()
        .zip(new.get(prefix..).unwrap_or("").chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    (prefix..old.len() - suffix, prefix..new.len() - suffix)
}
