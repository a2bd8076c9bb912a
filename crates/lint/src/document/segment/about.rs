//! Texts about STAR, and other frameworks, are not stories: a list or headings that describe
//! what each part should hold ("Result: share the outcome and what changed"), and feedback
//! models whose labels overlap STAR's (Situation / Behaviour / Impact), and parts laid over
//! a self-description (`Tell me about yourself`). Such groups are dropped, and each is
//! evidence that the document is about something else.

use super::Builder;
use crate::document::Story;
use regex::Regex;
use std::sync::OnceLock;

/// Why a labelled story is not a story, if it is not one.
pub(crate) fn not_a_story(cx: &Builder, story: &Story) -> Option<&'static str> {
    if story.is_unlabelled() {
        return None;
    }
    if foreign_label(cx, story) {
        return Some("other-framework");
    }
    if pitch(cx, story) {
        return Some("pitch-question");
    }
    let bodies: Vec<&str> = story
        .parts
        .iter()
        .map(|p| cx.slice(p.body_start..p.range.end).trim())
        .filter(|b| !b.is_empty())
        .collect();
    // A template's empty parts, or parts that are only bracketed slots (`_[Your context]_`),
    // are a story to fill in, not a description of one.
    if bodies.len() < 2 || bodies.iter().all(|b| crate::prfaq::placeholder_only(b)) {
        return None;
    }
    let judged: Vec<bool> = bodies.iter().filter_map(|b| describes(b)).collect();
    let describing = judged.iter().filter(|d| **d).count();
    let describes_parts = judged.len() >= 2 && describing * 4 >= judged.len() * 3;
    // Parts that say what to write, with nothing before them, are a worksheet to fill in: a
    // story still to be told. Under an introduction they explain the method.
    // Weak markers (`situation - background info`) never make a worksheet, and neither does
    // a section titled with the method's own name (`# STAR`, `## The C.A.R. method`).
    let weak = story.parts.iter().any(|p| p.weak);
    (describes_parts && (weak || framework_title(&story.title) || introduced(cx, story)))
        .then_some("describes-star")
}

/// Parts laid over an answer to a question that asks for no past event (`Tell me about
/// yourself`, `Why should we hire you?`, `What is your greatest weakness?`, `How do you stay
/// up to date?`) whose text tells none: a self-description or a habit, not a story. A weakness told as one real event stays a story.
fn pitch(cx: &Builder, story: &Story) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i)\b(?:tell (?:me|us) (?:a little )?about yourself|walk (?:me|us) through your (?:resume|résumé|cv|background)|why (?:should|would) (?:we|i) hire|why do you want|why (?:this|our) (?:company|role|team|job)|what (?:is|are) your (?:greatest |biggest )?(?:weakness|strength)|where do you see yourself|what motivates you|why are you (?:leaving|looking)|^(?:\d+[.)]\s*)?how do you (?:stay|keep|usually|generally|typically|approach|learn))").unwrap()
    });
    if !re.is_match(&story.title) {
        return false;
    }
    let (mut words, mut past) = (0usize, 0usize);
    for p in &story.parts {
        for w in cx
            .slice(p.body_start..p.range.end)
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
        {
            words += 1;
            if super::unlabelled::is_past(&w.to_ascii_lowercase()) {
                past += 1;
            }
        }
    }
    // A story tells its event in the past tense throughout (a past verb every eight words or
    // so); a self-description has one or two in passing.
    past * 12 < words
}

/// Is the title only the name of a method (`STAR`, `C.A.R.`, `The SOAR technique`)?
fn framework_title(title: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"^(?i:the\s+)?(?:S\.?T\.?A\.?R\.?(?:L\.?|\+)?|C\.?A\.?R\.?|P\.?A\.?R\.?|S\.?O\.?A\.?R\.?)(?i:\s+(?:method|technique|format|framework|model|approach))?[.:]?$").unwrap()
    });
    let title = title.trim().trim_matches(|c| c == '*' || c == '_');
    // `Use the STAR framework`, `How the C.A.R. method works`: a title about the method.
    static NAMED: OnceLock<Regex> = OnceLock::new();
    let named = NAMED.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"\b(?:S\.?T\.?A\.?R\.?(?:L\.?|\+)?|C\.?A\.?R\.?|P\.?A\.?R\.?|S\.?O\.?A\.?R\.?)\s+(?i:method|technique|format|framework|model|approach|structure)\b").unwrap()
    });
    re.is_match(title) || named.is_match(title)
}

/// Is there prose between the story's start and its first part (an introduction)?
fn introduced(cx: &Builder, story: &Story) -> bool {
    let Some(first) = story.parts.iter().map(|p| p.range.start).min() else {
        return false;
    };
    cx.blocks
        .iter()
        .skip_while(|b| b.range.end <= story.range.start)
        .take_while(|b| b.range.start < first)
        .any(|b| b.kind == crate::parse::BlockKind::Paragraph)
}

/// Does a part's text tell the reader what to put there (no first person, and addressed to
/// "you" or written as an instruction)? `None` when it is too short to tell.
fn describes(body: &str) -> Option<bool> {
    // Quoted words are examples of what to say or not to say (`Use "I", not "we"`), and
    // bracketed ones are slots to fill (`[Your context]`): neither is the writer's own voice.
    let body = &own_words(body);
    let words: Vec<&str> = body
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    let first_person = words.iter().any(|w| {
        matches!(
            *w,
            "I" | "I'm"
                | "I’m"
                | "I've"
                | "I’ve"
                | "my"
                | "My"
                | "me"
                | "we"
                | "We"
                | "our"
                | "Our"
        )
    });
    if first_person {
        return Some(false);
    }
    if words.len() < 4 {
        return None;
    }
    let second_person = words
        .iter()
        .any(|w| matches!(w.to_ascii_lowercase().as_str(), "you" | "your" | "yours"));
    // The lead word, past any list numbering (`1. Outline the situation…`).
    let lead = words
        .iter()
        .find(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    // A story told in the second person ("Your team was drowning in meetings") is still a
    // story: it is in the past tense.
    let past = words
        .iter()
        .filter(|w| super::unlabelled::is_past(&w.to_ascii_lowercase()))
        .count();
    // What you *would* or *should* do is advice, whatever its tense.
    let modal = words
        .iter()
        .any(|w| matches!(w.to_ascii_lowercase().as_str(), "would" | "should" | "must"));
    let narrative = past * 25 >= words.len() && !modal;
    // Questions put to the reader (`Which obstacle stood in your way?`) ask for a story,
    // whatever their tense.
    let questions = body.matches('?').count();
    let asks = second_person && questions * 2 >= body.matches(['.', '!', '?']).count();
    Some(INSTRUCTIONS.contains(&lead.as_str()) || asks || (second_person && !narrative))
}

/// `text` without what stands between double quotes (straight or curly) or square brackets.
fn own_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut quoted, mut slot) = (false, 0usize);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '“' => quoted = true,
            '”' => quoted = false,
            '[' => slot += 1,
            ']' => slot = slot.saturating_sub(1),
            _ if !quoted && slot == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Words that open an instruction or a description of a part.
const INSTRUCTIONS: &[&str] = &[
    "describe",
    "explain",
    "share",
    "set",
    "state",
    "give",
    "provide",
    "outline",
    "talk",
    "mention",
    "say",
    "tell",
    "detail",
    "list",
    "include",
    "focus",
    "highlight",
    "summarise",
    "summarize",
    "show",
    "what",
    "how",
    "why",
    "the",
    "a",
    "an",
    "context",
    "background",
    "scene",
    "quantify",
    "emphasise",
    "emphasize",
    "end",
    "close",
    "wrap",
];

/// Does the story's text hold a label of another framework (`Behaviour:`, `Observation:`)?
fn foreign_label(cx: &Builder, story: &Story) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?mi)^[ \t>*+\-#0-9.]*(?:\*\*|__|\*|_)?(?:behaviou?r|observation)s?(?:\*\*|__|\*|_)?[ \t]*(?::|(?:\*\*|__)?[ \t]*$|[ \t]+[-–—][ \t])").unwrap()
    });
    re.is_match(cx.slice(story.range.clone()))
}
