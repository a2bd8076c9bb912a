//! STYLE004: sentences over 30 words.

use crate::document::Document;
use crate::rule::Sink;
use crate::rules::sentences;
use crate::settings::Settings;

/// `[rules.long-sentence]` in `starlint.toml`. The rule's doc page lists these, generated from here.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct LongSentenceOptions {
    /// Longest sentence, in words.
    pub max_words: usize,
}

impl Default for LongSentenceOptions {
    fn default() -> Self {
        LongSentenceOptions { max_words: 30 }
    }
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a sentence of more than 30 words. Each paragraph, list item and heading is
    /// read on its own, so a list of fragments is not one long sentence; in HTML, a line
    /// break (`<br>`, `<br/>`) or a block element (`</p>`, `</li>`, `</td>`) ends a line, so
    /// lines without full stops are not glued into one.
    ///
    /// ## Why it matters
    /// Amazon's writing guidance asks for sentences under 30 words, ideally about 20. Spoken
    /// aloud, a long sentence loses the listener before its point.
    ///
    /// ## Example
    /// A 45-word sentence with three clauses: split it at the "and"s.
    ///
    /// ## Fix safety
    /// No fix.
    pub static RULE = {
        code: "STYLE004",
        name: "long-sentence",
        family: Style,
        severity: Info,
        fix: None,
        kinds: [Star, Prfaq],
        summary: "A sentence over 30 words",
        check: check,
        options: LongSentenceOptions,
    }
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let max = settings.rules.max_sentence_words;
    for (_, unit) in doc.prose_units() {
        for sentence in sentences(doc.text, &unit) {
            let n = sentence.word_count(doc.text);
            if n > max {
                sink.report(
                    sentence.range(),
                    format!("Sentence is {n} words; split it (aim for under {max}, ideally 20)"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn long_sentence() {
        let src = format!(
            "## A\n\n**Situation:** {}end. Short one.\n\n**Action:** I did it, e.g. fast.\n",
            "word ".repeat(31)
        );
        let found = check("STYLE004", &src);
        assert_eq!(
            found,
            ["3:16 STYLE004 Sentence is 32 words; split it (aim for under 30, ideally 20)"]
        );
    }

    #[test]
    fn a_line_break_ends_a_sentence() {
        let line = "word ".repeat(20);
        let src = format!(
            "## A\n\n**Situation:** {line}<br>{line}<br/>{line}<BR />{line}\n\n**Action:** I did it.\n"
        );
        assert!(check("STYLE004", &src).is_empty());
        let glued =
            format!("## A\n\n**Situation:** {line}<b>{line}</b>\n\n**Action:** I did it.\n");
        assert_eq!(check("STYLE004", &glued).len(), 1);
    }
}
