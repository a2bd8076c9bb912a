//! `starlint export --format anki|csv`: the bank as rows a spreadsheet or Anki reads.

use super::text::{escape, first_sentence};
use super::{Bank, StoryDetail};
use starlint_lint::PartKind;
use std::fmt::Write as _;

/// Words kept of each part on a card's back.
const CARD_WORDS: usize = 30;

/// One field of a delimited row: quoted (quotes doubled) when it holds the delimiter, a quote
/// or a line break, or starts or ends with a space (RFC 4180; Anki reads the same for tabs).
fn field(value: &str, delimiter: char) -> String {
    let needs = value.contains([delimiter, '"', '\n', '\r'])
        || value.starts_with(' ')
        || value.ends_with(' ');
    if needs {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn row(out: &mut String, fields: &[&str], delimiter: char) {
    let line: Vec<String> = fields.iter().map(|f| field(f, delimiter)).collect();
    out.push_str(&line.join(&delimiter.to_string()));
    out.push_str("\r\n");
}

/// The bank as CSV: a header, then one row per story in bank order. Lists are joined with
/// ` | ` (a principle's name may hold a comma or a semicolon).
pub(crate) fn csv(bank: &Bank) -> String {
    let mut out = String::new();
    row(
        &mut out,
        &[
            "title",
            "path",
            "line",
            "principles",
            "parts",
            "words",
            "seconds",
            "state",
            "problems",
            "codes",
        ],
        ',',
    );
    let empty = StoryDetail::default();
    for (i, story) in bank.coverage.stories.iter().enumerate() {
        let detail = bank.stories.get(i).unwrap_or(&empty);
        let mut codes: Vec<&str> = Vec::new();
        for d in &detail.diagnostics {
            if !codes.contains(&d.code) {
                codes.push(d.code);
            }
        }
        row(
            &mut out,
            &[
                &story.title,
                &story.path,
                &story.line.to_string(),
                &story.principles.join(" | "),
                &story.parts.join(" | "),
                &story.words.to_string(),
                &detail.seconds.to_string(),
                detail.state().name(),
                &detail.diagnostics.len().to_string(),
                &codes.join(" | "),
            ],
            ',',
        );
    }
    out
}

/// An Anki tag: no spaces (Anki splits tags on them), nothing but letters, digits, `_`, `-`.
fn tag(name: &str) -> String {
    let mut out = String::new();
    for word in name.split_whitespace() {
        let word: String = word
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(&word);
    }
    out
}

/// Anki cards, one per story, as tab-separated text with Anki's header lines (HTML fields):
/// front = the title (often the question) and its principles; back = each part's first
/// sentence and where the story lives; tags = its principles.
pub(crate) fn anki(bank: &Bank) -> String {
    let mut out =
        String::from("#separator:tab\n#html:true\n#columns:Front\tBack\tTags\n#tags column:3\n");
    let empty = StoryDetail::default();
    for (i, story) in bank.coverage.stories.iter().enumerate() {
        let detail = bank.stories.get(i).unwrap_or(&empty);
        let mut front = escape(&story.title);
        if !story.principles.is_empty() {
            let _ = write!(
                front,
                "<br><small>{}</small>",
                escape(&story.principles.join(", "))
            );
        }
        // Situation, Task, Action, Result in that order, however the story tells them.
        let mut parts: Vec<&(String, String)> = detail
            .parts
            .iter()
            .filter(|(name, prose)| name != "Learning" && !prose.is_empty())
            .collect();
        parts.sort_by_key(|(name, _)| PartKind::CORE.iter().position(|k| k.name() == name));
        let mut back: Vec<String> = parts
            .iter()
            .map(|(name, prose)| {
                format!(
                    "<b>{}</b> {}",
                    escape(name),
                    escape(&first_sentence(prose, CARD_WORDS))
                )
            })
            .collect();
        back.push(format!(
            "<small>{}:{}</small>",
            escape(&story.path),
            story.line
        ));
        let mut tags: Vec<String> = story.principles.iter().map(|p| tag(p)).collect();
        tags.push("starlint".to_string());
        let fields = [front, back.join("<br>"), tags.join(" ")];
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        let mut line = String::new();
        row(&mut line, &fields, '\t');
        // Anki's own files end lines with a bare newline.
        out.push_str(line.trim_end_matches("\r\n"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("plain", ','), "plain");
        assert_eq!(field("a, b", ','), "\"a, b\"");
        assert_eq!(field("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
        assert_eq!(field("a, b", '\t'), "a, b");
        assert_eq!(field("a\tb", '\t'), "\"a\tb\"");
    }

    #[test]
    fn tags_have_no_spaces_or_punctuation() {
        assert_eq!(tag("Are Right, A Lot"), "Are_Right_A_Lot");
        assert_eq!(tag("Learn and Be Curious"), "Learn_and_Be_Curious");
    }
}
