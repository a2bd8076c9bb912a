//! Pull diagnostics (`textDocument/diagnostic`): the current version's result, or "unchanged"
//! when the client already has it. Push clients get theirs from `didOpen` / `didChange`.

use crate::State;
use tower_lsp::lsp_types::*;

pub fn empty_report() -> DocumentDiagnosticReportResult {
    report(None, Vec::new())
}

fn report(result_id: Option<String>, items: Vec<Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
        },
    ))
}

pub fn pull(
    state: &mut State,
    params: &DocumentDiagnosticParams,
) -> DocumentDiagnosticReportResult {
    let generation = state.config.generation;
    let Some(doc) = state.docs.get_mut(&params.text_document.uri) else {
        return empty_report();
    };
    let id = format!("{generation}:{}", doc.version);
    if params.previous_result_id.as_deref() == Some(id.as_str()) {
        return DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Unchanged(
            RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id: id,
                },
            },
        ));
    }
    let analysis = doc.analysis();
    report(Some(id), analysis.lsp())
}
