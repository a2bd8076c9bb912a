//! How a marker was written and where it was found: fixes copy the style.

use super::part::PartKind;
use std::ops::Range;

/// How a marker was written, kept so that fixes insert new markers in the author's own style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerStyle {
    /// Heading level for heading markers, `None` for labels.
    pub heading_level: Option<u8>,
    /// Text before the label on its line (`### `, `- **`, `> `), label replaced later.
    pub before: String,
    /// Text after the label up to the body (`:** `, `**: `, ``).
    pub after: String,
    /// The label was a single letter (`S:`).
    pub letter: bool,
    /// Case of the label as written.
    pub case: LabelCase,
    /// How a letter and its word were combined (`S – Situation`), if they were.
    pub form: LabelForm,
}

/// A label written as a word, or as a letter together with its word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LabelForm {
    /// `Situation`, or a lone letter `S`.
    #[default]
    Word,
    /// `S – Situation`: the letter, this separator, the word.
    LetterFirst(String),
    /// `Situation (S)`.
    LetterAfter,
    /// `**S**ituation`: the letter, this emphasis, the rest of the word.
    Glued(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelCase {
    Title,
    Upper,
    Lower,
}

impl MarkerStyle {
    /// The marker line for `part` in this style, without a line terminator.
    pub fn render(&self, part: PartKind) -> String {
        let label = if self.letter {
            part.letter()
        } else {
            part.name()
        };
        let label = match self.case {
            LabelCase::Title => label.to_string(),
            LabelCase::Upper => label.to_uppercase(),
            LabelCase::Lower => label.to_lowercase(),
        };
        let label = match &self.form {
            LabelForm::Word => label,
            LabelForm::LetterFirst(sep) => format!("{}{sep}{label}", part.letter()),
            LabelForm::LetterAfter => format!("{label} ({})", part.letter()),
            LabelForm::Glued(glue) => {
                format!("{}{glue}{}", part.letter(), label.get(1..).unwrap_or(""))
            }
        };
        // Emoji belong to the part they were written for (`**📋 S**`), so a new part drops them
        // and the space that followed them.
        let kept: String = self
            .before
            .chars()
            .filter(|c| c.is_ascii() || c.is_alphanumeric())
            .collect();
        let before = if kept.len() == self.before.len() {
            kept
        } else {
            kept.trim_end().to_string()
        };
        format!("{}{}{}", before, label, self.after)
            .trim_end()
            .to_string()
    }
}

/// A marker found in the text.
#[derive(Debug, Clone)]
pub struct MarkerHit {
    /// Where the marker's line starts its content (after list or quote prefixes).
    pub start: usize,
    /// The label itself (`Situation` in `**Situation:**`).
    pub label: Range<usize>,
    /// Where the part's own text starts.
    pub body_start: usize,
    pub parts: Vec<PartKind>,
    pub style: MarkerStyle,
    /// Block that holds the marker.
    pub block: usize,
    /// The recogniser that found it: it says where the part ends.
    pub family: Family,
    /// A form that is a marker only among others (`Problem:`, `Situation - …`): a story made
    /// with one needs an Action and three parts.
    pub weak: bool,
}

/// The marker families, one recogniser each (see [`super::recognise`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `### Situation`
    Heading,
    /// `**Situation:**`, `Situation:`, `- S: …`, `*outcome*`, `S – Situation`.
    Label,
    /// `<strong>Situation</strong>`, `<TabItem label="Task">`.
    Html,
    /// `| **Situation** | The release slipped… |`
    Table,
    /// `[Situation]`, `[Actions]` at the start of a line.
    Bracket,
    /// `(S) … (T) … (A) … (R) …` inside one paragraph.
    Inline,
    /// `… (Result)` closing a paragraph.
    Trailing,
}
