//! Suppression comments: `<!-- starlint-disable RULE -->` … `<!-- starlint-enable -->`,
//! `<!-- starlint-disable-next-line RULE -->` and `<!-- starlint-disable-file RULE -->`.

use crate::parse::{Block, BlockKind};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

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

fn comment_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?s)<!--[ \t\r\n]*starlint(?P<rest>.*?)-->").unwrap()
    })
}

/// Every starlint comment in the document's HTML blocks.
pub fn scan(text: &str, blocks: &[Block]) -> Vec<Suppression> {
    let mut out = Vec::new();
    for b in blocks.iter().filter(|b| b.kind == BlockKind::Html) {
        let Some(html) = text.get(b.range.clone()) else {
            continue;
        };
        for c in comment_re().captures_iter(html) {
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
