//! Weak shapes of a press release with no FAQ yet: the section outline of a release under
//! plain names (`Summary`, `Problem`, `Solution`, `How to Get Started`), a headline sentence as
//! the title over prose that introduces a product, a call-to-action sentence. None of them is
//! enough alone (a README may have any one); together they count as one sign, which a
//! press-release file name or one other sign of a press release makes enough.

use super::*;
use std::sync::LazyLock;

/// The shapes seen, by name, for the evidence's detail.
pub(super) fn shapes(
    text: &str,
    blocks: &[Block],
    pr_sections: &[&'static str],
) -> Vec<&'static str> {
    let mut out = Vec::new();
    if outline(pr_sections) {
        out.push("press-release section outline");
    }
    if headline_over_product(text, blocks) {
        out.push("headline over prose introducing a product");
    }
    let cta = blocks.iter().any(|b| {
        b.kind == BlockKind::Paragraph
            && b.list_depth == 0
            && text
                .get(b.content_start()..b.content_end())
                .is_some_and(|c| CTA.is_match(c))
    });
    if cta {
        out.push("call-to-action sentence");
    }
    out
}

/// A problem and a solution section: with the other weak shapes, or a press-release file
/// name, the outline of a release.
fn outline(pr_sections: &[&'static str]) -> bool {
    pr_sections.contains(&"problem") && pr_sections.contains(&"solution")
}

/// The first heading is a level-1 headline sentence and the prose under it introduces a named
/// product (`Sage, an AI assistant, …`, `Ledger is an app for …`).
fn headline_over_product(text: &str, blocks: &[Block]) -> bool {
    let Some(first) = blocks.iter().position(|b| b.is_heading()) else {
        return false;
    };
    let Some(h) = blocks.get(first) else {
        return false;
    };
    if h.heading_level() != Some(1) {
        return false;
    }
    let raw = text.get(h.content_start()..h.content_end()).unwrap_or("");
    if !is_headline_sentence(&clean_heading(raw)) {
        return false;
    }
    blocks
        .iter()
        .skip(first + 1)
        .take_while(|b| !b.is_heading())
        .filter(|b| b.kind == BlockKind::Paragraph && b.list_depth == 0)
        .take(4)
        .any(|b| {
            text.get(b.content_start()..b.content_end())
                .is_some_and(|c| PRODUCT_INTRO.is_match(c))
        })
}

/// A headline reads as a sentence: five words or more with a lower-case word among them, not a
/// question, not a label (`Notes:`), no PR/FAQ or FAQ heading.
fn is_headline_sentence(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    words.len() >= 5
        && words.len() <= 16
        && !t.ends_with('?')
        && !t.contains(':')
        && words
            .iter()
            .any(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
        && faq_heading(t).is_none()
        && !is_prfaq_heading(t)
}

/// A named product introduced in prose: `Name, a/an …,` or `Name is a/an … app|tool|service…`.
static PRODUCT_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"\b[A-Z][A-Za-z0-9]+(?:\s[A-Z][A-Za-z0-9]+){0,3}(?:,\s+an?\s+[^,.]{3,60},|\s+is\s+an?\s+(?:[a-z-]+\s+){0,4}(?:app|application|tool|service|platform|bot|assistant|product|api|library|system|website|device)\b)").unwrap()
});

/// A call to action: `Visit www.…`, `Check out the app at …`, `Sign up at …`, `visit the
/// [store](…) to … today`.
static CTA: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?i)\b(?:visit|check\s+(?:it\s+)?out|sign\s+up|head\s+(?:over\s+)?to|download\s+it)\b[^.!?\n]{0,80}?(?:\bat\s+\S+\.(?:com|io|org|app)\b|www\.|https?://|_{3,}\.com|\btoday\b)").unwrap()
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{blocks_from_tree, MarkdownParser};

    fn shapes_of(text: &str, sections: &[&'static str]) -> Vec<&'static str> {
        let tree = MarkdownParser::new().parse_blocks(text, None);
        let blocks = tree.as_ref().map(blocks_from_tree).unwrap_or_default();
        shapes(text, &blocks, sections)
    }

    #[test]
    fn headline_over_a_product() {
        let t = "# Cafe owners close the books in minutes\n\nOwners lose an evening a week to receipts.\n\nTally, a ledger for small cafés, reads them for you.\n";
        assert_eq!(
            shapes_of(t, &[]),
            vec!["headline over prose introducing a product"]
        );
        let readme = "# Tally\n\nTally is a library for ledgers.\n";
        assert!(shapes_of(readme, &[]).is_empty());
        let question = "# Why do cafés lose an evening a week?\n\nTally, a ledger, helps.\n";
        assert!(shapes_of(question, &[]).is_empty());
    }

    #[test]
    fn outline_and_call_to_action() {
        assert_eq!(
            shapes_of("Nothing.\n", &["summary", "problem", "solution"]),
            vec!["press-release section outline"]
        );
        assert_eq!(
            shapes_of("Nothing.\n", &["problem", "solution"]),
            vec!["press-release section outline"]
        );
        assert!(shapes_of("Nothing.\n", &["summary", "problem"]).is_empty());
        assert_eq!(
            shapes_of("See it for yourself: visit www.tally.test to start.\n", &[]),
            vec!["call-to-action sentence"]
        );
        assert!(shapes_of("We will visit the office in May.\n", &[]).is_empty());
    }
}
