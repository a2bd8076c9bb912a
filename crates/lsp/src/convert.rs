//! The one place where engine types (byte offsets, `Diagnostic`, `Fix`) become LSP types.
//!
//! Positions are converted only here, in the encoding negotiated at `initialize`. Every
//! conversion clamps: a position past the end of a line or of the document maps to that end,
//! one inside a character maps to the character's start. Nothing here can panic.

use ropey::Rope;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use starlint_lint::{Applicability, Diagnostic, Severity};
use std::ops::Range;
use tower_lsp_server::ls_types as lsp;

/// Where rule documentation lives (`codeDescription`).
pub const RULE_DOCS: &str = "https://github.com/starlint/starlint/blob/main/docs/rules/";

/// What every diagnostic carries as `source`.
pub const SOURCE: &str = "starlint";

/// The local path of a `file:` URI (`None` for `untitled:` and other schemes).
pub fn file_path(uri: &lsp::Uri) -> Option<std::path::PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(std::borrow::Cow::into_owned)
}

/// The `file:` URI of an absolute path.
pub fn file_uri(path: &std::path::Path) -> Option<lsp::Uri> {
    lsp::Uri::from_file_path(path)
}

/// Parse a URI string.
pub fn parse_uri(text: &str) -> Option<lsp::Uri> {
    text.parse().ok()
}

/// The position encoding in force for a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// Pick utf-8 when the client offers it, else utf-16 (the LSP default).
    pub fn negotiate(offered: Option<&[lsp::PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(list) if list.contains(&lsp::PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> lsp::PositionEncodingKind {
        match self {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        }
    }
}

/// The byte length of line `line`'s content (its line break excluded).
fn line_content_len(rope: &Rope, line: usize) -> usize {
    let Some(slice) = rope.get_line(line) else {
        return 0;
    };
    let mut len = slice.len_bytes();
    let mut bytes = slice.bytes_at(len);
    match bytes.prev() {
        Some(b'\n') => {
            len -= 1;
            if bytes.prev() == Some(b'\r') {
                len -= 1;
            }
        }
        Some(b'\r') => len -= 1,
        _ => {}
    }
    len
}

/// The byte offset of an LSP position, clamped into the text.
pub fn offset(rope: &Rope, pos: lsp::Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.try_line_to_byte(line).unwrap_or(0);
    let end = start + line_content_len(rope, line);
    let target = match enc {
        Encoding::Utf8 => start.saturating_add(pos.character as usize).min(end),
        Encoding::Utf16 => {
            let start_char = rope.byte_to_char(start);
            let end_char = rope.byte_to_char(end);
            let base = rope.char_to_utf16_cu(start_char);
            let limit = rope.char_to_utf16_cu(end_char);
            let cu = base.saturating_add(pos.character as usize).min(limit);
            rope.char_to_byte(rope.utf16_cu_to_char(cu))
        }
    };
    // Round down to a character boundary.
    rope.char_to_byte(rope.byte_to_char(target.min(rope.len_bytes())))
}

/// The LSP position of a byte offset (clamped, rounded down to a character boundary).
pub fn position(rope: &Rope, offset: usize, enc: Encoding) -> lsp::Position {
    let offset = offset.min(rope.len_bytes());
    let line = rope.byte_to_line(offset);
    let ch = rope.byte_to_char(offset);
    let line_start_char = rope.line_to_char(line);
    let character = match enc {
        Encoding::Utf8 => rope.char_to_byte(ch) - rope.line_to_byte(line),
        Encoding::Utf16 => rope.char_to_utf16_cu(ch) - rope.char_to_utf16_cu(line_start_char),
    };
    lsp::Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        character: u32::try_from(character).unwrap_or(u32::MAX),
    }
}

pub fn range(rope: &Rope, r: &Range<usize>, enc: Encoding) -> lsp::Range {
    lsp::Range {
        start: position(rope, r.start, enc),
        end: position(rope, r.end.max(r.start), enc),
    }
}

pub fn byte_range(rope: &Rope, r: &lsp::Range, enc: Encoding) -> Range<usize> {
    let start = offset(rope, r.start, enc);
    let end = offset(rope, r.end, enc);
    start.min(end)..end.max(start)
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// The tag of diagnostics that mark unnecessary text (shown faded).
fn tags(code: &str) -> Option<Vec<lsp::DiagnosticTag>> {
    (code == "DOC002").then(|| vec![lsp::DiagnosticTag::UNNECESSARY])
}

/// A fix in LSP positions (of the text its diagnostic was computed for).
#[derive(Debug, Clone, PartialEq)]
pub struct LspFix {
    pub title: String,
    pub safe: bool,
    pub edits: Vec<lsp::TextEdit>,
}

/// A diagnostic as the client sees it, in LSP positions of the negotiated encoding, relative to
/// the first line of the text it was computed for. Kept compact: the code, rule doc link and
/// source are rebuilt from `code` when sent, and the fix stays on the server (a code action
/// finds it here by range and code; it is not shipped in `Diagnostic.data`).
#[derive(Debug, Clone, PartialEq)]
pub struct LspDiagnostic {
    pub range: lsp::Range,
    pub severity: Severity,
    pub code: &'static str,
    pub rule: &'static str,
    /// The engine's message (the rule name is appended when sent).
    pub message: String,
    pub fix: Option<Box<LspFix>>,
}

/// `r` moved down `lines` lines.
pub fn shift(mut r: lsp::Range, lines: u32) -> lsp::Range {
    r.start.line = r.start.line.saturating_add(lines);
    r.end.line = r.end.line.saturating_add(lines);
    r
}

impl LspDiagnostic {
    /// The `lsp_types` form, moved down `lines` lines.
    pub fn to_lsp(&self, lines: u32) -> lsp::Diagnostic {
        lsp::Diagnostic {
            range: shift(self.range, lines),
            severity: Some(severity(self.severity)),
            code: Some(lsp::NumberOrString::String(self.code.to_string())),
            code_description: parse_uri(&format!("{RULE_DOCS}{}.md", self.code))
                .map(|href| lsp::CodeDescription { href }),
            source: Some(SOURCE.to_string()),
            message: format!("{} ({})", self.message, self.rule),
            related_information: None,
            tags: tags(self.code),
            data: None,
        }
    }

    /// Is this the diagnostic a client sent back (same range and code), `lines` lines down?
    pub fn matches(&self, lines: u32, d: &lsp::Diagnostic) -> bool {
        shift(self.range, lines) == d.range
            && matches!(&d.code, Some(lsp::NumberOrString::String(c)) if c == self.code)
    }

    /// This diagnostic moved down `lines` lines (its fix too).
    pub fn shifted(&self, lines: u32) -> LspDiagnostic {
        let mut d = self.clone();
        d.range = shift(d.range, lines);
        if let Some(f) = &mut d.fix {
            for e in &mut f.edits {
                e.range = shift(e.range, lines);
            }
        }
        d
    }
}

/// A diagnostic `lines` lines down, serialised straight from the compact form: the JSON of
/// `diagnostic.to_lsp(lines)` without building it (no `Uri`, no owned strings).
pub struct Wire<'a> {
    pub lines: u32,
    pub diagnostic: &'a LspDiagnostic,
}

impl Serialize for Wire<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Href(&'static str);
        impl Serialize for Href {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                struct Link(&'static str);
                impl Serialize for Link {
                    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                        s.collect_str(&format_args!("{RULE_DOCS}{}.md", self.0))
                    }
                }
                let mut m = serializer.serialize_struct("CodeDescription", 1)?;
                m.serialize_field("href", &Link(self.0))?;
                m.end()
            }
        }
        struct Message<'a>(&'a LspDiagnostic);
        impl Serialize for Message<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&format_args!("{} ({})", self.0.message, self.0.rule))
            }
        }
        let d = self.diagnostic;
        let tags = tags(d.code);
        let mut m = serializer.serialize_struct("Diagnostic", 6 + usize::from(tags.is_some()))?;
        m.serialize_field("range", &shift(d.range, self.lines))?;
        m.serialize_field("severity", &severity(d.severity))?;
        m.serialize_field("code", d.code)?;
        m.serialize_field("codeDescription", &Href(d.code))?;
        m.serialize_field("source", SOURCE)?;
        m.serialize_field("message", &Message(d))?;
        if let Some(tags) = tags {
            m.serialize_field("tags", &tags)?;
        }
        m.end()
    }
}

/// An engine diagnostic in LSP positions (relative to the start of `rope`).
pub fn diagnostic(d: Diagnostic, rope: &Rope, enc: Encoding) -> LspDiagnostic {
    let fix = d
        .fix
        .map(|f| f.into_parts())
        .filter(|(applicability, _, _)| *applicability != Applicability::DisplayOnly)
        .map(|(applicability, title, edits)| {
            Box::new(LspFix {
                safe: applicability == Applicability::Safe,
                edits: edits
                    .into_iter()
                    .map(|e| lsp::TextEdit {
                        range: range(rope, &e.range, enc),
                        new_text: e.new_text,
                    })
                    .collect(),
                title,
            })
        });
    LspDiagnostic {
        range: range(rope, &d.range, enc),
        severity: d.severity,
        code: d.code,
        rule: d.rule,
        message: d.message,
        fix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> lsp::Position {
        lsp::Position { line, character }
    }

    #[test]
    fn emoji_cjk_and_crlf_round_trip_in_both_encodings() {
        let text = "a😀b\r\n漢字 we\r\nlast";
        let rope = Rope::from_str(text);
        let we = text.find("we").unwrap();
        assert_eq!(position(&rope, we, Encoding::Utf8), pos(1, 7));
        assert_eq!(position(&rope, we, Encoding::Utf16), pos(1, 3));
        assert_eq!(offset(&rope, pos(1, 7), Encoding::Utf8), we);
        assert_eq!(offset(&rope, pos(1, 3), Encoding::Utf16), we);
        let b = text.find('b').unwrap();
        assert_eq!(position(&rope, b, Encoding::Utf16), pos(0, 3));
        assert_eq!(position(&rope, b, Encoding::Utf8), pos(0, 5));
        // Inside the surrogate pair / inside the UTF-8 sequence: rounded down.
        assert_eq!(offset(&rope, pos(0, 2), Encoding::Utf16), 1);
        assert_eq!(offset(&rope, pos(0, 3), Encoding::Utf8), 1);
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\r\ncd";
        let rope = Rope::from_str(text);
        assert_eq!(offset(&rope, pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(offset(&rope, pos(9, 0), Encoding::Utf8), text.len());
        assert_eq!(
            offset(&rope, pos(u32::MAX, u32::MAX), Encoding::Utf8),
            text.len()
        );
        assert_eq!(position(&rope, 999, Encoding::Utf8), pos(1, 2));
        let empty = Rope::new();
        assert_eq!(offset(&empty, pos(3, 3), Encoding::Utf16), 0);
        assert_eq!(position(&empty, 5, Encoding::Utf16), pos(0, 0));
    }
}
