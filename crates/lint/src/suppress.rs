//! Suppression comments: `<!-- starlint-disable RULE -->` … `<!-- starlint-enable -->`,
//! `<!-- starlint-disable-next-line RULE -->` and `<!-- starlint-disable-file RULE -->`.

use crate::parse::{Block, BlockKind};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuppressionKind {
    Disable,
    Enable,
    NextLine,
    File,
}

#[derive(Debug, Clone)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// The whole comment.
    pub range: Range<usize>,
    /// Rules named (code or name as written) with their ranges; empty means all rules.
    pub rules: Vec<(String, Range<usize>)>,
    /// Why the comment could not be understood.
    pub malformed: Option<String>,
}

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?s)<!--[ \t\r\n]*starlint(?P<rest>.*?)-->").unwrap()
});

/// Every starlint comment in the document's HTML blocks.
pub fn scan(text: &str, blocks: &[Block]) -> Vec<Suppression> {
    let mut out = Vec::new();
    for b in blocks.iter().filter(|b| b.kind == BlockKind::Html) {
        let Some(html) = text.get(b.range.clone()) else {
            continue;
        };
        for c in COMMENT.captures_iter(html) {
            let (Some(whole), Some(rest)) = (c.get(0), c.name("rest")) else {
                continue;
            };
            let range = b.range.start + whole.start()..b.range.start + whole.end();
            out.push(parse_comment(
                rest.as_str(),
                b.range.start + rest.start(),
                range,
            ));
        }
    }
    out
}

fn parse_comment(rest: &str, offset: usize, range: Range<usize>) -> Suppression {
    let directives = [
        ("-disable-next-line", SuppressionKind::NextLine),
        ("-disable-file", SuppressionKind::File),
        ("-disable", SuppressionKind::Disable),
        ("-enable", SuppressionKind::Enable),
    ];
    let found = directives.iter().find(|(d, _)| {
        rest.starts_with(d)
            && rest
                .get(d.len()..)
                .is_some_and(|r| r.is_empty() || r.starts_with(char::is_whitespace))
    });
    let Some(&(directive, kind)) = found else {
        let word: String = rest.split_whitespace().next().unwrap_or("").to_string();
        return Suppression {
            kind: SuppressionKind::Disable,
            range,
            rules: Vec::new(),
            malformed: Some(format!(
                "unknown directive `starlint{word}`: use starlint-disable, starlint-enable, starlint-disable-next-line or starlint-disable-file"
            )),
        };
    };
    let args_start = directive.len();
    let args = rest.get(args_start..).unwrap_or("");
    let mut rules = Vec::new();
    let mut pos = 0;
    for piece in args.split(|c: char| c == ',' || c.is_whitespace()) {
        let start = pos;
        pos += piece.len() + 1;
        if piece.is_empty() {
            continue;
        }
        let at = offset + args_start + start;
        rules.push((piece.to_string(), at..at + piece.len()));
    }
    Suppression {
        kind,
        range,
        rules,
        malformed: None,
    }
}

/// How much a suppression comment written by [`disable_fix`] silences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisableScope {
    /// `starlint-disable-next-line`, on its own line above the diagnostic's line.
    Line,
    /// `starlint-disable-file`, at the top (after the front matter).
    File,
}

/// The edit that silences rule `code` for the line holding byte `at`, or for the whole file:
/// a comment in the text's own line ending, indented like the line it silences. The language
/// server offers it as a code action; the engine reads it back as a [`Suppression`].
pub fn disable_fix(text: &str, at: usize, code: &str, scope: DisableScope) -> crate::Fix {
    let newline = crate::text::LineEnding::detect(text).as_str();
    let (title, edit) = match scope {
        DisableScope::Line => {
            let at = at.min(text.len());
            let line_start = text
                .get(..at)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |i| i + 1);
            let line_start = line_start.max(bom_len(text));
            let indent: String = text
                .get(line_start..)
                .unwrap_or("")
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            (
                format!("Disable {code} for this line"),
                crate::Edit::insert(
                    line_start,
                    format!("{indent}<!-- starlint-disable-next-line {code} -->{newline}"),
                ),
            )
        }
        DisableScope::File => (
            format!("Disable {code} for this file"),
            crate::Edit::insert(
                after_front_matter(text),
                format!("<!-- starlint-disable-file {code} -->{newline}"),
            ),
        ),
    };
    crate::Fix::unsafe_(title, edit)
}

fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// Where a file-level comment goes: after the BOM and the front matter, if any.
fn after_front_matter(text: &str) -> usize {
    let bom = bom_len(text);
    let body = text.get(bom..).unwrap_or("");
    if !(body.starts_with("---\n") || body.starts_with("---\r\n")) {
        return bom;
    }
    let mut offset = bom;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        offset += line.len();
        if i > 0 && matches!(line.trim_end(), "---" | "...") {
            return offset;
        }
    }
    bom
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, fix: &crate::Fix) -> String {
        crate::fix::apply_fixes(
            text,
            &[crate::Diagnostic {
                code: "T",
                rule: "t",
                severity: crate::Severity::Warning,
                message: String::new(),
                range: 0..0,
                story: None,
                fix: Some(fix.clone()),
            }],
            crate::Applicability::Unsafe,
        )
        .0
    }

    #[test]
    fn a_line_comment_goes_above_the_line_with_its_indent_and_ending() {
        let text = "# T\r\n\r\n  - **Action:** we did it\r\n";
        let at = text.find("we").unwrap_or(0);
        let fix = disable_fix(text, at, "STAR005", DisableScope::Line);
        assert_eq!(fix.message(), "Disable STAR005 for this line");
        assert_eq!(
            apply(text, &fix),
            "# T\r\n\r\n  <!-- starlint-disable-next-line STAR005 -->\r\n  - **Action:** we did it\r\n"
        );
    }

    #[test]
    fn a_file_comment_goes_after_the_bom_and_front_matter() {
        let text = "\u{feff}---\nkind: star\n---\n# T\n";
        let fix = disable_fix(text, 0, "STAR005", DisableScope::File);
        assert_eq!(
            apply(text, &fix),
            "\u{feff}---\nkind: star\n---\n<!-- starlint-disable-file STAR005 -->\n# T\n"
        );
        let plain = disable_fix("# T\n", 3, "LP001", DisableScope::File);
        assert_eq!(
            apply("# T\n", &plain),
            "<!-- starlint-disable-file LP001 -->\n# T\n"
        );
    }
}
