//! Parsing a large text in pieces, in parallel.
//!
//! The block grammar's cost is most of a large bank's lint, and it runs on one core. A text
//! can be cut before any ATX heading that a parse of the whole text would also start a block
//! with: a heading at the start of a line, after a blank line, outside fenced code, front
//! matter and the HTML blocks that only an end marker closes (`<!--` … `-->`, `<pre>` …
//! `</pre>`). Parsed apart, the pieces give the same blocks as the whole (a test proves it on
//! every fixture), so each piece is parsed on its own core and the blocks are joined.

use super::{blocks_from_tree, Block, MarkdownParser};
use rayon::prelude::*;
use std::ops::Range;

/// Below this size a text is parsed whole; above, in pieces of at least this size.
pub const PIECE_MIN: usize = 128 * 1024;

/// The blocks of `text`, parsed in pieces of at least `piece_min` bytes where it can be cut.
pub fn parse_in_pieces(text: &str, piece_min: usize, parser: &mut MarkdownParser) -> Vec<Block> {
    let pieces = pieces(text, piece_min);
    if pieces.len() <= 1 {
        return whole(text, parser);
    }
    let parsed: Vec<Vec<Block>> = pieces
        .par_iter()
        .map(|r| {
            let piece = text.get(r.clone()).unwrap_or("");
            let mut blocks = super::with_thread_parser(|p| whole(piece, p));
            for b in &mut blocks {
                b.shift(r.start);
            }
            blocks
        })
        .collect();
    parsed.into_iter().flatten().collect()
}

fn whole(text: &str, parser: &mut MarkdownParser) -> Vec<Block> {
    parser
        .parse_blocks(text, None)
        .as_ref()
        .map(blocks_from_tree)
        .unwrap_or_default()
}

/// Where `text` may be cut: ranges that cover it, each but the last at least `piece_min`
/// bytes long, each after the first starting at a safe heading.
pub fn pieces(text: &str, piece_min: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if text.len() < piece_min.saturating_mul(2) {
        out.push(0..text.len());
        return out;
    }
    let mut start = 0;
    let mut offset = 0;
    let mut closer: Option<Closer> = None;
    let mut previous_blank = false;
    let mut lines = text.split_inclusive('\n');
    // Front matter is one block, whatever it holds.
    if text.starts_with("---") {
        if let Some(first) = lines.next() {
            offset += first.len();
        }
        for line in lines.by_ref() {
            offset += line.len();
            let t = line.trim_end();
            if t == "---" || t == "..." {
                break;
            }
        }
    }
    for line in lines {
        let at = offset;
        offset += line.len();
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        if let Some(c) = closer {
            if c.closes(line) {
                closer = None;
            }
            previous_blank = false;
            continue;
        }
        if let Some(c) = Closer::opened_by(body, indent) {
            if !c.closes_on_its_own_line(body) {
                closer = Some(c);
            }
            previous_blank = false;
            continue;
        }
        if previous_blank && indent == 0 && is_atx(body) && at - start >= piece_min {
            out.push(start..at);
            start = at;
        }
        previous_blank = line.trim().is_empty();
    }
    out.push(start..text.len());
    out
}

fn is_atx(line: &str) -> bool {
    atx_heading_level(line).is_some()
}

/// The level of an ATX heading line with no indent (`## Title`), if it is one.
pub fn atx_heading_level(line: &str) -> Option<u8> {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    let ends = matches!(
        line.as_bytes().get(hashes),
        Some(b' ' | b'\t' | b'\n' | b'\r') | None
    );
    u8::try_from(hashes)
        .ok()
        .filter(|h| (1..=6).contains(h) && ends)
}

/// A code fence line (indented at most 3 spaces): its character and length.
pub fn fence_run(body: &str, indent: usize) -> Option<(u8, usize)> {
    let c = *body
        .as_bytes()
        .first()
        .filter(|c| **c == b'`' || **c == b'~')?;
    let run = body.bytes().take_while(|b| *b == c).count();
    (indent <= 3 && run >= 3).then_some((c, run))
}

/// What ends a block that only an end marker closes: a code fence, or an HTML block of
/// CommonMark's kinds 1 to 5.
#[derive(Debug, Clone, Copy)]
enum Closer {
    Fence(u8, usize),
    Text(&'static str),
}

impl Closer {
    fn opened_by(body: &str, indent: usize) -> Option<Closer> {
        if indent <= 3 {
            if let Some(&c) = body
                .as_bytes()
                .first()
                .filter(|c| **c == b'`' || **c == b'~')
            {
                let run = body.bytes().take_while(|b| *b == c).count();
                if run >= 3 {
                    return Some(Closer::Fence(c, run));
                }
            }
        }
        // An HTML opener anywhere on a line (even indented, or inside a paragraph) only
        // means fewer cuts, never a wrong one.
        // The first characters (a byte count could end inside a character: `<!--é`).
        let lower: String = body
            .chars()
            .take(12)
            .collect::<String>()
            .to_ascii_lowercase();
        let text_closer = if lower.starts_with("<!--") {
            "-->"
        } else if lower.starts_with("<![cdata[") {
            "]]>"
        } else if lower.starts_with("<?") {
            "?>"
        } else if lower.starts_with("<!") {
            ">"
        } else {
            ["script", "pre", "style", "textarea"]
                .into_iter()
                .find(|tag| {
                    lower.strip_prefix('<').is_some_and(|rest| {
                        rest.strip_prefix(tag).is_some_and(|after| {
                            after.is_empty() || after.starts_with([' ', '>', '\t', '\n', '\r'])
                        })
                    })
                })
                .map(|tag| match tag {
                    "script" => "</script>",
                    "pre" => "</pre>",
                    "style" => "</style>",
                    _ => "</textarea>",
                })?
        };
        Some(Closer::Text(text_closer))
    }

    /// Does the opening line close its own block (`<!-- note -->`)?
    fn closes_on_its_own_line(self, body: &str) -> bool {
        match self {
            Closer::Fence(..) => false,
            Closer::Text(end) => body
                .get(2..)
                .is_some_and(|rest| rest.to_ascii_lowercase().contains(end)),
        }
    }

    fn closes(self, line: &str) -> bool {
        match self {
            Closer::Fence(c, run) => {
                let body = line.trim_start_matches(' ');
                line.len() - body.len() <= 3
                    && body.bytes().take_while(|b| *b == c).count() >= run
                    && body.trim_end().bytes().all(|b| b == c)
            }
            Closer::Text(end) => line.to_ascii_lowercase().contains(end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_whole(text: &str) -> Vec<Block> {
        whole(text, &mut MarkdownParser::new())
    }

    #[test]
    fn pieces_cover_the_text_and_start_at_headings() {
        let mut text = String::new();
        for i in 0..200 {
            text.push_str(&format!(
                "## Story {i}\n\n**Situation:** The build broke.\n\n"
            ));
        }
        let pieces = pieces(&text, 1000);
        assert!(pieces.len() > 5, "{pieces:?}");
        assert_eq!(pieces.first().map(|r| r.start), Some(0));
        assert_eq!(pieces.last().map(|r| r.end), Some(text.len()));
        for w in pieces.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(text[w[1].clone()].starts_with("## Story"));
        }
    }

    #[test]
    fn no_cut_inside_fences_comments_or_front_matter() {
        let filler = "Some words about the week.\n\n".repeat(40);
        let text = format!(
            "---\ntitle: x\n\n# a comment\n---\n\n{filler}```\n\n# in code\n```\n\n{filler}<!-- a note\n\n# in a comment\n-->\n\n{filler}<pre>\n\n# in pre\n</pre>\n\n{filler}# Real\n\ntext\n"
        );
        let pieces = pieces(&text, 200);
        assert!(pieces.len() > 1, "{pieces:?}");
        for r in &pieces[1..] {
            let piece = &text[r.clone()];
            assert!(
                !piece.starts_with("# a comment") && !piece.starts_with("# in"),
                "{piece:?}"
            );
        }
        assert_eq!(
            blocks_whole(&text),
            parse_in_pieces(&text, 200, &mut MarkdownParser::new())
        );
    }

    #[test]
    fn a_comment_opened_before_a_wide_character_still_holds_its_headings() {
        let filler = "Words about the week.\n\n".repeat(20);
        let text =
            format!("{filler}<!--abcdefgé note\n\n# inside\n-->\n\n{filler}# After\n\ntext\n");
        let pieces = pieces(&text, 100);
        assert!(pieces.len() > 1, "{pieces:?}");
        assert!(pieces
            .iter()
            .all(|r| !text[r.clone()].starts_with("# inside")));
        assert_eq!(
            blocks_whole(&text),
            parse_in_pieces(&text, 100, &mut MarkdownParser::new())
        );
    }

    #[test]
    fn a_heading_right_after_a_paragraph_line_is_not_a_cut() {
        let filler = "Words.\n\n".repeat(100);
        let text = format!("{filler}A line\n# Heading\n\nmore\n");
        let pieces = pieces(&text, 100);
        assert!(pieces
            .iter()
            .all(|r| !text[r.clone()].starts_with("# Heading")));
    }
}
