//! Reading headings: cleaned text, FAQ headings and their audience, structural titles.

use super::*;
use std::sync::LazyLock;

/// A heading's text without `#`s, emphasis, numbering or a trailing colon.
pub fn clean_heading(raw: &str) -> String {
    let t = raw.trim().trim_end_matches(['#', ' ', '\t']);
    let t = t.trim_matches(|c: char| c == '*' || c == '_' || c == '`' || c.is_whitespace());
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')');
    let t = t.trim().trim_end_matches(':').trim();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A template's short label before a colon at the start of a line (`Title: …`,
/// `**Intro Paragraph:** …`): the label without emphasis or spaces, and where the text after
/// the colon starts. `None` unless the label is 1 to `max_words` words on one line.
pub fn template_label(line: &str, max_words: usize) -> Option<(&str, usize)> {
    let (label, _) = line.split_once(':')?;
    let clean = label.trim_matches(['*', '_', ' ', '\t']);
    let words = clean.split_whitespace().count();
    ((1..=max_words).contains(&words) && !label.contains('\n')).then_some((clean, label.len() + 1))
}

/// Is the heading an FAQ heading, and for whom?
pub fn faq_heading(clean: &str) -> Option<FaqAudience> {
    let lower = clean.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 6 {
        return None;
    }
    let faq_at = words
        .iter()
        .position(|w| *w == "faq" || *w == "faqs")
        .filter(|&i| i == 0 || words.get(i - 1) != Some(&"pr"));
    let long_form = lower.contains("frequently asked questions");
    let questions = words.last().is_some_and(|w| *w == "questions")
        && words.iter().any(|w| {
            matches!(
                *w,
                "customer" | "customers" | "internal" | "external" | "stakeholder" | "public"
            )
        });
    if faq_at.is_none() && !long_form && !questions {
        return None;
    }
    let external = words.iter().any(|w| {
        matches!(
            *w,
            "external" | "public" | "customer" | "customers" | "user" | "users" | "client"
        )
    });
    let internal = words.iter().any(|w| {
        matches!(
            *w,
            "internal" | "technical" | "stakeholder" | "stakeholders" | "team" | "business"
        )
    });
    Some(match (external, internal) {
        (true, false) => FaqAudience::External,
        (false, true) => FaqAudience::Internal,
        _ => FaqAudience::General,
    })
}

pub(super) fn is_release_heading(clean: &str) -> bool {
    let lower = clean.to_lowercase();
    lower.contains("press release") || lower == "pr"
}

/// `PR/FAQ`, `PRFAQ`, `PR FAQ`, `PR-FAQ`, `Press Release & FAQ` (alone, or in a document
/// title: `PR/FAQ: Ledger`).
pub(super) fn is_prfaq_heading(clean: &str) -> bool {
    let lower = clean.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let pr_then_faq = words
        .windows(2)
        .any(|w| w.first() == Some(&"pr") && matches!(w.get(1), Some(&"faq") | Some(&"faqs")));
    let release_and_faq = lower.contains("press release")
        && (words.contains(&"faq")
            || words.contains(&"faqs")
            || lower.contains("frequently asked"));
    words.iter().any(|w| *w == "prfaq" || *w == "prfaqs") || pr_then_faq || release_and_faq
}

/// A heading made only of structural words (`PR/FAQ`, `Press Release`, `Working Backwards`).
pub(super) fn is_structural(clean: &str) -> bool {
    let lower = clean.to_lowercase();
    let rest = lower
        .replace("press release", " ")
        .replace("working backwards", " ")
        .replace("prfaq", " ")
        .replace("pr/faq", " ")
        .replace("pr-faq", " ")
        .replace("pr faq", " ");
    !rest.chars().any(char::is_alphanumeric)
        || faq_heading(clean).is_some()
        || SECTION_NAME.is_match(&lower)
}

/// Headings of press-release sections and RFC artifacts, never a headline.
pub(super) static SECTION_NAME: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?-u)^(?:the\s+)?(?:customer\s+|working\s+backwards\s+)?(?:problems?|solutions?|quotes?|testimonials?|getting\s+started|get\s+started|availability|pricing(?:\s+and\s+availability)?|call\s+to\s+action|how\s+it\s+works|customer\s+experience|customers?|summary|overview|background|introduction|benefits|features|insights|vision|long[- ]term\s+vision|key\s+features|changelog|readme|help|appendix)\b").unwrap()
});

/// The text of a heading block without `#`s or trailing `#`s.
pub fn heading_text_range(doc: &Document, i: usize) -> Range<usize> {
    let r = block_content(doc, i);
    let s = doc.slice(r.clone());
    let trimmed = s.trim_end_matches(['#', ' ', '\t', '\r', '\n']);
    let lead = trimmed.len() - trimmed.trim_start().len();
    r.start + lead..r.start + trimmed.len()
}
