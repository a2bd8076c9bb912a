//! `--format github`: one GitHub Actions workflow command per diagnostic, which the runner turns
//! into an annotation on the pull request:
//! `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`.
//!
//! Severities map to `error`, `warning` and `notice`. Escaping follows the Actions toolkit
//! (`@actions/core`): `%`, `\r` and `\n` everywhere, and `:` and `,` inside property values too,
//! so a message or path can never end the command early or inject another one.

use super::{line_col, FileReport, Summary};
use starlint_lint::text::LineIndex;
use starlint_lint::Severity;

/// Every annotation, one per line; nothing when there is nothing to report.
pub fn render(reports: &[FileReport], _summary: &Summary) -> String {
    let mut out = String::new();
    for report in reports {
        if report.diagnostics.is_empty() {
            continue;
        }
        let index = LineIndex::new(&report.text);
        for d in &report.diagnostics {
            let start = line_col(&index, &report.text, d.range.start);
            let end = line_col(&index, &report.text, d.range.end.max(d.range.start));
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            out.push_str(&format!(
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&report.path),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(d.code),
                escape_data(&format!("{} ({})", d.message, d.rule)),
            ));
        }
    }
    out
}

/// The message part of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value of a workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("a:b,c%\n.md"), "a%3Ab%2Cc%25%0A.md");
    }
}
