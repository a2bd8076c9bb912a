//! `--format junit`: JUnit XML, which CI systems (GitLab, Jenkins, Azure Pipelines…) show as
//! test results. One `<testsuite>` per checked file; one failing `<testcase>` per diagnostic
//! (its `<failure type>` is the rule code); a clean file gets one passing test case, so it
//! still shows as checked. Everything taken from input is escaped, and characters XML 1.0
//! cannot hold at all become U+FFFD.

use super::{line_col, FileReport, Summary};
use starlint_lint::text::LineIndex;

/// The whole XML document, with a final newline.
pub fn render(reports: &[FileReport], summary: &Summary) -> String {
    let tests: usize = reports.iter().map(|r| r.diagnostics.len().max(1)).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"starlint\" tests=\"{tests}\" failures=\"{}\" errors=\"0\">\n",
        summary.problems()
    ));
    for report in reports {
        let path = attr(&report.path);
        let failures = report.diagnostics.len();
        out.push_str(&format!(
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n",
            failures.max(1)
        ));
        if report.diagnostics.is_empty() {
            out.push_str(&format!(
                "    <testcase name=\"starlint\" classname=\"{path}\" file=\"{path}\"/>\n"
            ));
        }
        let index = LineIndex::new(&report.text);
        for d in &report.diagnostics {
            let lc = line_col(&index, &report.text, d.range.start);
            let name = format!("{} {} at {}:{}", d.code, d.rule, lc.line, lc.column);
            let body = format!(
                "{}:{}:{}: {}[{}] {} ({})",
                report.path,
                lc.line,
                lc.column,
                d.severity.as_str(),
                d.code,
                d.message,
                d.rule
            );
            out.push_str(&format!(
                "    <testcase name=\"{}\" classname=\"{path}\" file=\"{path}\" line=\"{}\">\n",
                attr(&name),
                lc.line
            ));
            out.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                attr(d.code),
                attr(&d.message),
                text(&body)
            ));
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Character data: `&`, `<` and `>` escaped.
fn text(s: &str) -> String {
    escape(s, false)
}

/// An attribute value in double quotes: also `"`, `'`, and whitespace that attribute-value
/// normalisation would otherwise turn into spaces.
fn attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{fffd}'),
        }
    }
    out
}

/// XML 1.0's `Char` production.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            attr("a<b>&\"c'\n\u{1}"),
            "a&lt;b&gt;&amp;&quot;c&apos;&#10;\u{fffd}"
        );
        assert_eq!(text("x & \"y\"\r\n"), "x &amp; \"y\"&#13;\n");
    }
}
