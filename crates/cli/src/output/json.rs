//! `--format json`: one object on stdout, in the shape SPEC.md fixes (field order included).

use super::{FileReport, Summary};
use serde::Serialize;
use starlint_lint::text::LineIndex;
use starlint_lint::{Diagnostic, Fix};
use std::ops::Range;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    summary: JsonSummary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    stories: usize,
    prfaqs: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    fixable: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    code: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    range: JsonRange,
    story: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonRange {
    start: JsonPosition,
    end: JsonPosition,
}

#[derive(Serialize)]
struct JsonPosition {
    line: usize,
    column: usize,
    offset: usize,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'a str,
    message: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    range: JsonRange,
    new_text: &'a str,
}

/// The whole JSON document, pretty-printed, with a final newline.
pub fn render(reports: &[FileReport], summary: &Summary) -> String {
    let mut diagnostics = Vec::new();
    for report in reports {
        if report.diagnostics.is_empty() {
            continue;
        }
        let index = LineIndex::new(&report.text);
        let range = |r: &Range<usize>| JsonRange {
            start: position(&index, &report.text, r.start),
            end: position(&index, &report.text, r.end),
        };
        for d in &report.diagnostics {
            diagnostics.push(diagnostic(&report.path, d, &range));
        }
    }
    let output = Output {
        version: 1,
        summary: JsonSummary {
            files: summary.files,
            stories: summary.stories,
            prfaqs: summary.prfaqs,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            fixable: summary.fixable,
        },
        diagnostics,
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}

fn diagnostic<'a>(
    path: &'a str,
    d: &'a Diagnostic,
    range: &dyn Fn(&Range<usize>) -> JsonRange,
) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        path,
        code: d.code,
        rule: d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        range: range(&d.range),
        story: d.story.as_deref(),
        fix: d.fix.as_ref().map(|f: &'a Fix| JsonFix {
            applicability: f.applicability().as_str(),
            message: f.message(),
            edits: f
                .edits()
                .iter()
                .map(|e| JsonEdit {
                    range: range(&e.range),
                    new_text: &e.new_text,
                })
                .collect(),
        }),
    }
}

fn position(index: &LineIndex, text: &str, offset: usize) -> JsonPosition {
    let lc = super::line_col(index, text, offset);
    JsonPosition {
        line: lc.line,
        column: lc.column,
        offset: offset.min(text.len()),
    }
}
