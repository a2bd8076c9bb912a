//! Completion: principle names of the active value set in tag positions (`Leadership
//! Principles: Own|`, `Principles: Move|`), and STAR markers / a story skeleton (with the
//! set's tag line) at the start of a line.

use crate::convert;
use crate::handlers::hover::part_help;
use crate::State;
use regex::Regex;
use starlint_lint::markers::{LabelCase, MarkerStyle};
use starlint_lint::PartKind;
use std::sync::LazyLock;
use tower_lsp_server::ls_types::*;

/// A tag line up to the cursor: the label, then the names typed so far.
static TAG_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(
        r"^(?i:[\s>]*(?:[-*+]\s+)?(?:\*\*|__|\*|_)?\s*(?:amazon(?:'s)?\s+)?(?:leadership\s+principles?|lps?|principles?|tags?)(?:\s+(?:demonstrated|shown|covered|used|tested|addressed))?\s*(?:\*\*|__|\*|_)?\s*:\s*(?:\*\*|__|\*|_)?)(?P<list>.*)$",
    )
    .unwrap()
});

pub fn complete(state: &State, params: &CompletionParams) -> Option<CompletionResponse> {
    let enc = state.enc();
    let pos = params.text_document_position.position;
    let doc = state
        .docs
        .get(&params.text_document_position.text_document.uri)?;
    let at = convert::offset(&doc.rope, pos, enc);
    let line = doc.rope.byte_to_line(at);
    let line_start = doc.rope.line_to_byte(line);
    let before = doc.text.get(line_start..at).unwrap_or("");
    let settings = doc.settings().clone();
    if let Some(caps) = TAG_PREFIX.captures(before) {
        let list = caps.name("list")?;
        // The name being typed: after the last comma or slash.
        let typed_from = list.as_str().rfind([',', '/']).map_or(0, |i| i + 1);
        let typed = list.as_str().get(typed_from..).unwrap_or("");
        let lead = typed.len() - typed.trim_start().len();
        let start = line_start + list.start() + typed_from + lead;
        let already: Vec<String> = list
            .as_str()
            .split([',', '/'])
            .map(|s| s.trim().to_lowercase())
            .collect();
        let range = Range {
            start: convert::position(&doc.rope, start, enc),
            end: pos_of(doc, at, enc),
        };
        // Right after the colon or a comma, the name gets its space.
        let space = if doc
            .text
            .get(..start)
            .is_some_and(|t| t.ends_with([':', ',']))
        {
            " "
        } else {
            ""
        };
        let items = settings
            .principles()
            .iter()
            .filter(|p| !already.iter().any(|a| *a == p.name.to_lowercase()))
            .map(|p| CompletionItem {
                label: p.name.clone(),
                kind: Some(CompletionItemKind::ENUM_MEMBER),
                detail: Some("principle".to_string()),
                documentation: Some(Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: p.description.clone(),
                })),
                filter_text: Some(p.name.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range,
                    new_text: format!("{space}{}", p.name),
                })),
                ..CompletionItem::default()
            })
            .collect();
        return Some(CompletionResponse::List(CompletionList {
            is_incomplete: false,
            items,
        }));
    }
    // A marker at the start of a line (nothing but markup typed so far).
    let trimmed = before.trim_start();
    if trimmed.chars().any(|c| c.is_whitespace()) || trimmed.len() > 16 {
        return None;
    }
    let indent = before.len() - trimmed.len();
    let start = line_start + indent;
    let range = Range {
        start: convert::position(&doc.rope, start, enc),
        end: pos_of(doc, at, enc),
    };
    let style = MarkerStyle {
        heading_level: None,
        before: "**".to_string(),
        after: ":**".to_string(),
        letter: false,
        case: LabelCase::Title,
        form: Default::default(),
    };
    let mut items: Vec<CompletionItem> = PartKind::ALL
        .iter()
        .map(|k| {
            let label = style.render(*k);
            CompletionItem {
                label: label.clone(),
                kind: Some(CompletionItemKind::KEYWORD),
                detail: Some(format!("STAR marker: {}", k.name())),
                documentation: Some(Documentation::String(part_help(*k).to_string())),
                filter_text: Some(label.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range,
                    new_text: format!("{label} "),
                })),
                ..CompletionItem::default()
            }
        })
        .collect();
    let skeleton: String = PartKind::CORE
        .iter()
        .map(|k| format!("{} \n\n", style.render(*k)))
        .collect::<String>()
        + settings.tag_label();
    items.push(CompletionItem {
        label: "STAR story skeleton".to_string(),
        kind: Some(CompletionItemKind::SNIPPET),
        detail: Some("Situation, Task, Action, Result and a principle line".to_string()),
        filter_text: Some(trimmed.to_string() + "star"),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range,
            new_text: skeleton,
        })),
        ..CompletionItem::default()
    });
    Some(CompletionResponse::List(CompletionList {
        is_incomplete: false,
        items,
    }))
}

fn pos_of(doc: &crate::document::OpenDoc, at: usize, enc: convert::Encoding) -> Position {
    convert::position(&doc.rope, at, enc)
}
