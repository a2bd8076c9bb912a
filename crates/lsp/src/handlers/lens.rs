//! Code lenses: above each story's title, its readiness grade and what would raise it most
//! (`Grade 72 · 3 fixes to 90 · first: put a number in the Result (+15)`). The grade is
//! computed with the lint (`document::StoryCoach`); this only places it.

use crate::convert;
use crate::State;
use starlint_lint::coach::Grade;
use tower_lsp_server::ls_types::*;

pub fn code_lenses(state: &State, params: &CodeLensParams) -> Option<Vec<CodeLens>> {
    let enc = state.enc();
    let doc = state.docs.get(&params.text_document.uri)?;
    let analysis = doc.analysed();
    let lenses = analysis
        .stories()
        .iter()
        .filter_map(|s| {
            let grade = s.coach.grade.as_ref()?;
            Some(CodeLens {
                range: convert::range(&doc.rope, &s.title_range, enc),
                // No command to run: the client shows the title as a label.
                command: Some(Command {
                    title: lens_text(grade),
                    command: String::new(),
                    arguments: None,
                }),
                data: None,
            })
        })
        .collect();
    Some(lenses)
}

/// The engine's lens text, then the loss that costs the most.
pub fn lens_text(grade: &Grade) -> String {
    match grade.losses.first() {
        Some(first) => format!(
            "{} · first: {} (+{})",
            grade.lens(),
            first.fix,
            first.points
        ),
        None => grade.lens(),
    }
}
