//! Pull diagnostics (`textDocument/diagnostic`): the current version's result, or "unchanged"
//! when the client already has it. Push clients get theirs from `didOpen` / `didChange`.

use crate::document::{Analysis, WireAll};
use crate::State;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::sync::Arc;
use tower_lsp_server::ls_types::*;

/// A pull report. It serialises (for the transport) to the JSON of `to_lsp()`, written straight
/// from the analysis.
#[derive(Debug)]
pub enum Report {
    /// Every diagnostic of the analysis (none for `None`: an unknown document).
    Full {
        result_id: Option<String>,
        analysis: Option<Arc<Analysis>>,
        /// The workspace bank's diagnostics for the document.
        bank: Vec<Diagnostic>,
    },
    /// The client's `previousResultId` is still current.
    Unchanged { result_id: String },
}

impl Report {
    pub fn empty() -> Report {
        Report::Full {
            result_id: None,
            analysis: None,
            bank: Vec::new(),
        }
    }

    /// The `lsp_types` form.
    pub fn to_lsp(&self) -> DocumentDiagnosticReportResult {
        let report = match self {
            Report::Full {
                result_id,
                analysis,
                bank,
            } => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: result_id.clone(),
                    items: analysis
                        .as_deref()
                        .map(Analysis::lsp)
                        .unwrap_or_default()
                        .into_iter()
                        .chain(bank.iter().cloned())
                        .collect(),
                },
            }),
            Report::Unchanged { result_id } => {
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id: result_id.clone(),
                    },
                })
            }
        };
        DocumentDiagnosticReportResult::Report(report)
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Report::Full {
                result_id,
                analysis,
                bank,
            } => {
                let mut m = serializer.serialize_struct("Report", 3)?;
                m.serialize_field("kind", "full")?;
                if let Some(id) = result_id {
                    m.serialize_field("resultId", id)?;
                }
                m.serialize_field("items", &WireAll(analysis.as_deref(), bank))?;
                m.end()
            }
            Report::Unchanged { result_id } => {
                let mut m = serializer.serialize_struct("Report", 2)?;
                m.serialize_field("kind", "unchanged")?;
                m.serialize_field("resultId", result_id)?;
                m.end()
            }
        }
    }
}

/// The result id of a revision's report: it changes with the text (every revision is new), the
/// configuration and the workspace bank, never with the client's version number alone.
fn result_id(state: &State, revision: u64) -> String {
    format!(
        "{}:{}:{revision}",
        state.config.generation, state.workspace.generation
    )
}

/// "Unchanged" when the client already has the report of this revision.
pub fn unchanged(
    state: &State,
    revision: u64,
    params: &DocumentDiagnosticParams,
) -> Option<Report> {
    let id = result_id(state, revision);
    (params.previous_result_id.as_deref() == Some(id.as_str()))
        .then_some(Report::Unchanged { result_id: id })
}

/// The full report of an analysis, with the bank's diagnostics for the document.
pub fn full(state: &State, uri: &Uri, analysis: Arc<Analysis>) -> Report {
    Report::Full {
        result_id: Some(result_id(state, analysis.revision)),
        bank: crate::handlers::bank::diagnostics_for(state, uri),
        analysis: Some(analysis),
    }
}
