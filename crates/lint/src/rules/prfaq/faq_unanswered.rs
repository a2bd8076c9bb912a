//! PRFAQ004: an FAQ question with no answer.

use crate::document::Document;
use crate::parse::BlockKind;
use crate::prfaq::{placeholder_only, FaqEntry, PrFaq};
use crate::rule::Sink;
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports an FAQ question with no answer before the next question or a heading at the
    /// question's level. Questions are headings (`### What does it cost?`) or `**Q: …**` lines
    /// under an FAQ heading. An answer that is only a placeholder (`TODO`, `TBD`,
    /// `[TODO: …]`) or only the template's instructions (a guidance blockquote such as
    /// `> Describe use cases…`) is no answer.
    ///
    /// ## Why it matters
    /// An unanswered question tells the reader the team has not thought it through; in a
    /// review, it is the first thing asked.
    ///
    /// ## Example
    /// ```markdown
    /// ### What happens to my data if I cancel?
    ///
    /// ### Can my accountant see the books?
    ///
    /// Yes, with read-only access.
    /// ```
    /// Use instead:
    /// ```markdown
    /// ### What happens to my data if I cancel?
    ///
    /// You can export it for 90 days; after that we delete it.
    /// ```
    ///
    /// ## Options
    /// None.
    ///
    /// ## Fix safety
    /// No fix: the answer has to come from you.
    pub static RULE = {
        code: "PRFAQ004",
        name: "faq-unanswered",
        family: Prfaq,
        severity: Warning,
        fix: None,
        kinds: [Prfaq],
        summary: "An FAQ question has no answer before the next question or heading",
        check: check,
    }
}

/// Why an entry counts as unanswered, if it does.
enum Missing {
    Nothing,
    Placeholder,
    Instructions,
}

fn check(doc: &Document, _settings: &Settings, sink: &mut Sink) {
    let Some(pr) = &doc.prfaq else {
        return;
    };
    for entry in pr.entries() {
        let message = match unanswered(doc, pr, entry) {
            None => continue,
            Some(Missing::Nothing) => "Question has no answer",
            Some(Missing::Placeholder) => "Question has only a placeholder for an answer",
            Some(Missing::Instructions) => {
                "Question has only the template's instructions for an answer"
            }
        };
        sink.report(entry.question.clone(), message);
    }
}

fn unanswered(doc: &Document, pr: &PrFaq, entry: &FaqEntry) -> Option<Missing> {
    let mut placeholder = false;
    let mut instructions = false;
    if let Some(inline) = &entry.inline_answer {
        if !placeholder_only(doc.slice(inline.clone())) {
            return None;
        }
        placeholder = true;
    }
    for i in entry.answer_blocks.clone() {
        let Some(b) = doc.blocks.get(i) else {
            break;
        };
        if pr.is_template(i) {
            instructions = true;
            continue;
        }
        match b.kind {
            BlockKind::Code | BlockKind::Table => return None,
            BlockKind::Paragraph => {
                let raw = doc.slice(b.content_start()..b.content_end());
                if raw.trim().is_empty() {
                    continue;
                }
                if !placeholder_only(raw) {
                    return None;
                }
                placeholder = true;
            }
            BlockKind::Html if !doc.block_prose(i).is_empty() => return None,
            _ => {}
        }
    }
    Some(if placeholder {
        Missing::Placeholder
    } else if instructions {
        Missing::Instructions
    } else {
        Missing::Nothing
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    const HEAD: &str = "# Ferrow Ledger closes a café's books every night\n\nPORTLAND, OR — May 4, 2027 — Ferrow today launched Ferrow Ledger.\n\n";

    #[test]
    fn heading_questions() {
        let src = format!("{HEAD}## External FAQ\n\n### What does it cost?\n\n### Who can see the books?\n\nThe owner.\n\n### Can I cancel?\n\nTODO\n\n### Why now?\n\n> Describe the motivation.\n\n### How is it built?\n\n#### Storage\n\nPostgres.\n");
        assert_eq!(
            check("PRFAQ004", &src),
            [
                "7:5 PRFAQ004 Question has no answer",
                "13:5 PRFAQ004 Question has only a placeholder for an answer",
                "17:5 PRFAQ004 Question has only the template's instructions for an answer",
            ]
        );
    }

    #[test]
    fn q_lines() {
        let src = format!("{HEAD}## FAQ\n\n**Q: What does it cost?**\nA: $20 a month.\n\n**Q: Who can see the books?**\n\n**Q: Can I cancel?**\n\nA: Any time.\n");
        assert_eq!(
            check("PRFAQ004", &src),
            ["10:1 PRFAQ004 Question has no answer"]
        );
    }
}
