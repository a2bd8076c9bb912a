//! The one place where engine types (byte offsets, `Diagnostic`, `Fix`) become LSP types.
//!
//! Positions are converted only here, in the encoding negotiated at `initialize`. Every
//! conversion clamps: a position past the end of a line or of the document maps to that end,
//! one inside a character maps to the character's start. Nothing here can panic.

use ropey::Rope;
use serde::{Deserialize, Serialize};
use starlint_lint::{Applicability, Diagnostic, Severity};
use std::ops::Range;
use tower_lsp::lsp_types as lsp;

/// Where rule documentation lives (`codeDescription`).
pub const RULE_DOCS: &str = "https://github.com/starlint/starlint/blob/main/docs/rules/";

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

/// What a diagnostic carries in `data`: its fix, already in LSP positions of the version it
/// was computed for, so a code action never re-lints.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FixData {
    pub version: i32,
    pub title: String,
    pub safe: bool,
    pub edits: Vec<lsp::TextEdit>,
}

pub fn text_edits(rope: &Rope, edits: &[starlint_lint::Edit], enc: Encoding) -> Vec<lsp::TextEdit> {
    edits
        .iter()
        .map(|e| lsp::TextEdit {
            range: range(rope, &e.range, enc),
            new_text: e.new_text.clone(),
        })
        .collect()
}

/// An engine diagnostic as an LSP one, for document `version`.
pub fn diagnostic(d: &Diagnostic, rope: &Rope, enc: Encoding, version: i32) -> lsp::Diagnostic {
    let (mut out, fix) = diagnostic_parts(d, rope, enc);
    out.data = fix.and_then(|mut f| {
        f.version = version;
        serde_json::to_value(f).ok()
    });
    out
}

/// An engine diagnostic as an LSP one without `data`, and its fix (version 0) apart.
pub fn diagnostic_parts(
    d: &Diagnostic,
    rope: &Rope,
    enc: Encoding,
) -> (lsp::Diagnostic, Option<FixData>) {
    let fix = d
        .fix
        .as_ref()
        .filter(|f| f.applicability != Applicability::DisplayOnly && !f.edits.is_empty())
        .map(|f| FixData {
            version: 0,
            title: f.message.clone(),
            safe: f.applicability == Applicability::Safe,
            edits: text_edits(rope, &f.edits, enc),
        });
    let tags = (d.code == "DOC002").then(|| vec![lsp::DiagnosticTag::UNNECESSARY]);
    let diagnostic = lsp::Diagnostic {
        range: range(rope, &d.range, enc),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        code_description: lsp::Url::parse(&format!("{RULE_DOCS}{}.md", d.code))
            .ok()
            .map(|href| lsp::CodeDescription { href }),
        source: Some("starlint".to_string()),
        message: format!("{} ({})", d.message, d.rule),
        related_information: None,
        tags,
        data: None,
    };
    (diagnostic, fix)
}

/// The fix stored in a diagnostic's `data`, if any.
pub fn fix_data(d: &lsp::Diagnostic) -> Option<FixData> {
    d.data
        .as_ref()
        .and_then(|v| serde_json::from_value(v.clone()).ok())
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
