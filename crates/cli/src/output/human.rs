//! Human output: `path:line:col: severity[CODE] message (name)`, the source line with the span
//! underlined rustc-style (annotate-snippets), a blank line between diagnostics, and a summary.

use super::{line_col, plural, FileReport, Summary};
use annotate_snippets::renderer::{AnsiColor, Effects, Style};
use annotate_snippets::{Level, Renderer, Snippet};
use rayon::prelude::*;
use starlint_lint::text::{floor_char_boundary, LineIndex};
use starlint_lint::{Applicability, Diagnostic, Severity};

/// How to print.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    /// ANSI styles (anstream strips them again when the stream does not want them).
    pub styled: bool,
    /// No summary line; nothing at all when clean.
    pub quiet: bool,
    /// Columns to fit the source lines in (`--output-width` or the terminal's); `None`: no limit.
    pub width: Option<usize>,
}

/// What `--fix` did, for the summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fixed {
    pub fixes: usize,
    pub files: usize,
}

/// The whole report.
pub fn render(
    reports: &[FileReport],
    summary: &Summary,
    options: HumanOptions,
    fixed: Option<Fixed>,
) -> String {
    // Files render independently (snippets are the costly part), so in parallel; joined in
    // order, the output is the same whatever the thread count.
    let per_file: Vec<String> = reports
        .par_iter()
        .map(|report| {
            let mut part = String::new();
            if report.diagnostics.is_empty() {
                return part;
            }
            let index = LineIndex::new(&report.text);
            for d in &report.diagnostics {
                if !part.is_empty() {
                    part.push('\n');
                }
                part.push_str(&header(report, &index, d, options.styled));
                part.push('\n');
                part.push_str(&snippet(options, &report.text, &index, d));
            }
            part
        })
        .collect();
    let mut out = String::new();
    for part in per_file.iter().filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(part);
    }
    if options.quiet {
        return out;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    if let Some(fixed) = fixed.filter(|f| f.fixes > 0) {
        out.push_str(&format!(
            "Applied {} in {}.\n",
            plural(fixed.fixes, "fix", "fixes"),
            plural(fixed.files, "file", "files")
        ));
    }
    out.push_str(&summary_line(summary));
    out.push('\n');
    out
}

/// `N problems (E errors, W warnings, I infos) in F files; X fixable with --fix`.
pub fn summary_line(s: &Summary) -> String {
    if s.problems() == 0 {
        return format!("No problems in {}.", plural(s.files, "file", "files"));
    }
    let mut line = format!(
        "{} ({}, {}, {}) in {}; {} fixable with --fix",
        plural(s.problems(), "problem", "problems"),
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
        plural(s.files, "file", "files"),
        s.fixable,
    );
    if s.unsafe_fixable > 0 {
        line.push_str(&format!(", {} more with --unsafe-fixes", s.unsafe_fixable));
    }
    line
}

fn header(report: &FileReport, index: &LineIndex, d: &Diagnostic, styled: bool) -> String {
    let lc = line_col(index, &report.text, d.range.start);
    let severity = d.severity.as_str();
    if !styled {
        return format!(
            "{}:{}:{}: {severity}[{}] {} ({})",
            report.path, lc.line, lc.column, d.code, d.message, d.rule
        );
    }
    let bold = Style::new().effects(Effects::BOLD);
    let level = severity_style(d.severity);
    let dim = Style::new().effects(Effects::DIMMED);
    format!(
        "{bold}{}:{}:{}:{bold:#} {level}{severity}[{}]{level:#} {bold}{}{bold:#} {dim}({}){dim:#}",
        report.path, lc.line, lc.column, d.code, d.message, d.rule
    )
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::BrightBlue,
    };
    color.on_default().effects(Effects::BOLD)
}

/// The diagnostic's first line with its span underlined, and the fix as a help line.
fn snippet(options: HumanOptions, text: &str, index: &LineIndex, d: &Diagnostic) -> String {
    let styled = options.styled;
    // annotate-snippets underlines with `^` only at its error level (rustc does it at every
    // level): render at that level, in the diagnostic's own colour.
    let renderer = if styled {
        Renderer::styled().error(severity_style(d.severity))
    } else {
        Renderer::plain()
    };
    let level = Level::Error;
    let line = index.line_of(d.range.start);
    let mut range = index.line_range(text, line);
    // The byte order mark is not part of what the author sees.
    if line == 0 && text.starts_with('\u{feff}') {
        range.start = range
            .start
            .saturating_add('\u{feff}'.len_utf8())
            .min(range.end);
    }
    let source = text.get(range.clone()).unwrap_or("");
    // A span running past its first line is underlined on that line only.
    let start = floor_char_boundary(
        source,
        d.range.start.clamp(range.start, range.end) - range.start,
    );
    let end = floor_char_boundary(
        source,
        d.range.end.clamp(range.start, range.end) - range.start,
    )
    .max(start);
    let help = d.fix.as_ref().map(|f| match f.applicability() {
        Applicability::Safe => format!("{} (fix with --fix)", f.message()),
        Applicability::Unsafe => format!("{} (unsafe fix: --fix --unsafe-fixes)", f.message()),
        Applicability::DisplayOnly => f.message().to_string(),
    });
    if source.is_empty() {
        return empty_line_snippet(line + 1, help.as_deref());
    }
    // annotate-snippets 0.11 shows a tab as four spaces but does not move the underline with
    // it: expand tabs here and shift the span to match.
    let tabs_before = |offset: usize| source.get(..offset).map_or(0, |s| s.matches('\t').count());
    let (start, end) = (start + 3 * tabs_before(start), end + 3 * tabs_before(end));
    let expanded;
    let source = if source.contains('\t') {
        expanded = source.replace('\t', "    ");
        expanded.as_str()
    } else {
        source
    };
    // Fit the line in the width: cut around the span, cap the underline (annotate-snippets
    // only trims the left of a line and never shortens a long underline).
    let gutter = (line + 1).to_string().len() + 3;
    let cut;
    let (source, start, end) = match options.width {
        Some(width) => {
            cut = fit(source, start, end, width.saturating_sub(gutter).max(20));
            (cut.0.as_str(), cut.1, cut.2)
        }
        None => (source, start, end),
    };
    let renderer = renderer.term_width(usize::MAX / 2);
    let mut message = level.title("").snippet(
        Snippet::source(source)
            .line_start(line + 1)
            .annotation(level.span(start..end)),
    );
    if let Some(help) = &help {
        message = message.footer(Level::Help.title(help));
    }
    let rendered = renderer.render(message).to_string();
    // Drop the title line: the header above already says it, in starlint's own format.
    let mut body = rendered.split_once('\n').map_or("", |(_, rest)| rest);
    // Without a help line, the closing empty gutter line is noise.
    if help.is_none() {
        if let Some((before, last)) = body.rsplit_once('\n') {
            if strip_ansi(last).trim() == "|" {
                body = before;
            }
        }
    }
    let mut out = body.to_string();
    out.push('\n');
    out
}

/// `source` cut to at most `width` characters around the span `start..end` (byte offsets), with
/// `...` where it was cut, and the span moved and capped to match.
fn fit(source: &str, start: usize, end: usize, width: usize) -> (String, usize, usize) {
    const MARK: &str = "...";
    let chars: Vec<(usize, char)> = source.char_indices().collect();
    if chars.len() <= width {
        return (source.to_string(), start, end);
    }
    let char_at = |byte: usize| chars.partition_point(|(b, _)| *b < byte);
    let (first, last) = (char_at(start), char_at(end).max(char_at(start)));
    // Some context before the span, then as much of the span and after it as fits.
    let room = width - 2 * MARK.len();
    let from = first
        .saturating_sub(room / 4)
        .min(chars.len().saturating_sub(room));
    let from = if from <= MARK.len() { 0 } else { from };
    let left = if from > 0 { MARK } else { "" };
    let to = (from + width - left.len()).min(chars.len());
    let (to, right) = if to < chars.len() {
        (to - MARK.len(), MARK)
    } else {
        (to, "")
    };
    let byte = |i: usize| chars.get(i).map_or(source.len(), |(b, _)| *b);
    let kept = source.get(byte(from)..byte(to)).unwrap_or("");
    let shift = |i: usize| left.len() + byte(i.clamp(from, to)) - byte(from);
    (
        format!("{left}{kept}{right}"),
        shift(first),
        shift(last.min(to)),
    )
}

/// annotate-snippets renders nothing for an empty line (a span at the very end of a text, say):
/// draw the gutter and a caret by hand, in its layout.
fn empty_line_snippet(line: usize, help: Option<&str>) -> String {
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    let mut out = format!("{pad} |\n{number} |\n{pad} | ^\n");
    if let Some(help) = help {
        out.push_str(&format!("{pad} |\n{pad} = help: {help}\n"));
    }
    out
}

/// The text of a rendered line without its ANSI escapes.
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI sequences: ESC [ parameters final-byte.
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use starlint_lint::DocKind;

    fn one(text: &str, range: std::ops::Range<usize>) -> String {
        let report = FileReport {
            path: "a.md".to_string(),
            text: text.to_string(),
            kind: DocKind::Star,
            stories: 1,
            diagnostics: vec![Diagnostic {
                code: "STAR004",
                rule: "result-without-metric",
                severity: Severity::Warning,
                message: "m".to_string(),
                range,
                story: None,
                fix: None,
            }],
        };
        let summary = Summary::of(std::slice::from_ref(&report));
        render(
            &[report],
            &summary,
            HumanOptions {
                styled: false,
                quiet: true,
                width: None,
            },
            None,
        )
    }

    #[test]
    fn a_long_line_is_cut_around_its_span_and_the_underline_capped() {
        let words: Vec<String> = (0..60).map(|i| format!("word{i}")).collect();
        let line = format!("Intro. {}.", words.join(" "));
        let start = line.find("word0").unwrap_or(0);
        let (cut, s, e) = fit(&line, start, line.len(), 60);
        assert_eq!(cut.chars().count(), 60, "{cut}");
        assert!(
            cut.starts_with("Intro. word0") && cut.ends_with("..."),
            "{cut}"
        );
        assert_eq!((s, e), (7, 57));
        // A span far to the right: cut on both sides, the span in view.
        let at = line.find("word40").unwrap_or(0);
        let (cut, s, e) = fit(&line, at, at + 6, 60);
        assert!(cut.starts_with("...") && cut.ends_with("..."), "{cut}");
        assert_eq!(cut.get(s..e), Some("word40"));
        // A short line is left as it is.
        assert_eq!(fit("short", 0, 5, 60), ("short".to_string(), 0, 5));
    }

    #[test]
    fn span_at_the_end_of_the_text() {
        let out = one("abc\n", 4..4);
        assert!(
            out.starts_with("a.md:2:1: warning[STAR004] m (result-without-metric)\n"),
            "{out}"
        );
        assert!(out.ends_with("  |\n2 |\n  | ^\n"), "{out:?}");
    }

    #[test]
    fn bom_is_not_a_column_and_multiline_spans_stop_at_the_line_end() {
        let text = "\u{feff}ab cd\r\nef\r\n";
        let out = one(text, 6..text.len());
        assert!(out.starts_with("a.md:1:4: "), "{out}");
        assert!(out.contains("1 | ab cd\n"), "{out}");
        assert!(out.contains("  |    ^^\n"), "{out}");
    }

    #[test]
    fn empty_spans_get_one_caret() {
        let out = one("abc def\n", 3..3);
        assert!(out.ends_with("1 | abc def\n  |    ^\n"), "{out:?}");
    }

    #[test]
    fn tabs_and_wide_characters() {
        let text = "\t😀 we did\n";
        let start = text.find("we").unwrap_or(0);
        let out = one(text, start..start + 2);
        assert!(out.starts_with("a.md:1:4: "), "{out}");
        // The underline sits under `we`: a tab shows as four columns, the emoji as two.
        assert!(
            out.ends_with("1 |     😀 we did\n  |        ^^\n"),
            "{out:?}"
        );
    }
}
