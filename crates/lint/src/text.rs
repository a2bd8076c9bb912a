//! Byte-offset ↔ line/column conversion for one text.
//!
//! The engine speaks in byte offsets; this index turns them into 1-based lines and columns
//! counted in Unicode scalar values (the CLI contract) or UTF-16 code units (for LSP clients).

use std::ops::Range;

/// The line ending a text uses: the ending of its first line. Every edit the engine makes
/// (fixes, new markers, suppression comments) is written with it, so a fix never mixes endings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineEnding {
    #[default]
    Lf,
    CrLf,
}

impl LineEnding {
    /// The ending of the text's first line (`\n` for a text of one line).
    pub fn detect(text: &str) -> LineEnding {
        match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes().get(i - 1) == Some(&b'\r') => LineEnding::CrLf,
            _ => LineEnding::Lf,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }

    /// `text` (written with `\n`) in this ending. A `\r\n` already there is kept as it is.
    pub fn apply(self, text: &str) -> std::borrow::Cow<'_, str> {
        if self == LineEnding::Lf || !text.contains('\n') {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + text.len() / 16 + 1);
        let mut previous = '\0';
        for c in text.chars() {
            if c == '\n' && previous != '\r' {
                out.push('\r');
            }
            out.push(c);
            previous = c;
        }
        std::borrow::Cow::Owned(out)
    }
}

/// Start offsets of every line of a text, built once per document.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    ending: LineEnding,
}

/// A position as people read it: 1-based line and column (column in Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            len: text.len(),
            ending: LineEnding::detect(text),
        }
    }

    /// The text's line ending, detected once here.
    pub fn ending(&self) -> LineEnding {
        self.ending
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line holding `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte range of 0-based `line`, without its line terminator (`\n` or `\r\n`).
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.len);
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }

    /// Byte offset where 0-based `line` starts (the text's end past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// 1-based line and column (Unicode scalar values) of a byte offset. An offset inside a
    /// multi-byte character counts as that character.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// 0-based line and UTF-16 column of a byte offset (for LSP clients using utf-16).
    pub fn utf16_position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col = text
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        (line, col)
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Words in a piece of prose, as people count them: runs of letters or digits, with inner
/// apostrophes and hyphens (`re-using` is one word).
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    word_spans(text, true)
}

/// Words with inner apostrophes, hyphens optionally joining them too.
pub fn word_spans(text: &str, hyphens: bool) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        // Skip to the start of a word.
        let start = loop {
            let c = char_at(text, pos)?;
            if c.is_alphanumeric() {
                break pos;
            }
            pos += c.len_utf8();
        };
        pos = start;
        while let Some(&b) = bytes.get(pos) {
            // ASCII letters and digits are by far the most common: no decoding for them.
            if b.is_ascii_alphanumeric() {
                pos += 1;
                continue;
            }
            let Some(c) = char_at(text, pos) else { break };
            if c.is_alphanumeric() {
                pos += c.len_utf8();
                continue;
            }
            if c == '\'' || c == '’' || (hyphens && c == '-') {
                // Keep an apostrophe or hyphen only between two word characters.
                if char_at(text, pos + c.len_utf8()).is_some_and(char::is_alphanumeric) {
                    pos += c.len_utf8();
                    continue;
                }
            }
            break;
        }
        text.get(start..pos).map(|w| (start, w))
    })
}

/// The character starting at byte `pos`, if `pos` is a character boundary inside `text`.
fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

/// Count of words in a piece of prose.
pub fn word_count(text: &str) -> usize {
    words(text).count()
}

/// Names joined as a sentence lists them: `A`, `A and B`, `A, B and C`.
pub fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_scalar_values() {
        let text = "a😀b\r\nx é y\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 5), LineCol { line: 1, column: 3 });
        assert_eq!(idx.line_col(text, 2), LineCol { line: 1, column: 2 });
        let y = text.find('y').unwrap_or(0);
        assert_eq!(idx.line_col(text, y), LineCol { line: 2, column: 5 });
        assert_eq!(idx.utf16_position(text, 5), (0, 3));
        assert_eq!(idx.line_range(text, 0), 0..6);
    }

    #[test]
    fn the_first_line_decides_the_ending() {
        assert_eq!(LineEnding::detect("a\r\nb\n"), LineEnding::CrLf);
        assert_eq!(LineEnding::detect("a\nb\r\n"), LineEnding::Lf);
        assert_eq!(LineEnding::detect("\r\n"), LineEnding::CrLf);
        assert_eq!(LineEnding::detect("one line"), LineEnding::Lf);
        assert_eq!(LineEnding::CrLf.apply("\n\nx\r\ny\n"), "\r\n\r\nx\r\ny\r\n");
        assert_eq!(LineEnding::Lf.apply("a\nb"), "a\nb");
        assert_eq!(LineIndex::new("a\r\n").ending(), LineEnding::CrLf);
    }

    #[test]
    fn words_keep_inner_apostrophes() {
        let w: Vec<_> = words("I'm re-using it's 40% — ok.")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(w, ["I'm", "re-using", "it's", "40", "ok"]);
    }
}
