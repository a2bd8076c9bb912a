//! Evidence that a text is (or is not) a working-backwards PR/FAQ, for the document kind.

use super::*;

/// How much a document looks like a PR/FAQ (for kind detection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    None,
    /// Loses to STAR stories.
    Weak,
    /// Wins over STAR stories.
    Strong,
}

/// Headline words of an announcement.
pub(super) fn announce_headline_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i-u)\b(?:announces?|announced|announcing|launch(?:es|ed)|introduces|unveils|debuts|now\s+available|general\s+availability)\b").unwrap()
    })
}

pub(super) fn announce_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i-u)\b(?:today\s+(?:announced|launched|introduced|unveiled|released)|(?:announced|launched|released)\s+today|today,?\s+we\s+(?:announce|launch|are\s+launching)|announces|is\s+launching)\b").unwrap()
    })
}

/// Section headings that only a press release has.
pub(super) fn pr_cue_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i-u)\b(?:quotes?|testimonials?|call\s+to\s+action|customer\s+experience|press\s+release|leader)\b").unwrap()
    })
}

/// Does the document look like a working-backwards PR/FAQ? Only the block text is read.
///
/// An FAQ (a heading, or several `Q:` lines) with a press-release heading, a dateline or
/// `FOR IMMEDIATE RELEASE` is strong. An FAQ heading with some other press-release sign
/// (qualified FAQs such as `Internal FAQ`, an announcement, a `said` quote, a `Working
/// Backwards` heading, press-release section headings) is weak; so is a press release with
/// no FAQ yet. An H1 and an FAQ alone, as in a README, are not enough.
pub fn detect(text: &str, blocks: &[Block]) -> Shape {
    let mut has_faq_heading = false;
    let mut qualified = false;
    let mut press = false;
    let mut dateline = false;
    let mut working_backwards = false;
    let mut announce = false;
    let mut announce_headline = false;
    let mut said = false;
    let mut cues = 0;
    let mut q_lines = 0;
    let mut paragraphs = 0;
    for b in blocks {
        let content = text.get(b.content_start()..b.content_end()).unwrap_or("");
        match b.kind {
            BlockKind::Heading(level) => {
                let t = clean_heading(content);
                if let Some(audience) = faq_heading(&t) {
                    has_faq_heading = true;
                    qualified |= audience != FaqAudience::General;
                }
                press |= is_release_heading(&t) || is_prfaq_heading(&t);
                working_backwards |= t.to_lowercase().contains("working backwards");
                if level <= 2 && announce_headline_re().is_match(&t) {
                    announce_headline = true;
                }
                if pr_cue_re().is_match(&t) {
                    cues += 1;
                }
            }
            BlockKind::Paragraph => {
                if paragraphs < 4 && b.quote_depth == 0 && announce_re().is_match(content) {
                    announce = true;
                }
                paragraphs += 1;
                dateline |= dateline_at(content).is_some();
                press |= content.contains("FOR IMMEDIATE RELEASE");
                said |= said_re().is_match(content);
                if q_label_re().is_match(content) {
                    q_lines += 1;
                }
            }
            _ => {}
        }
    }
    let faq = has_faq_heading || q_lines >= 2;
    let evidence = qualified
        || announce
        || announce_headline
        || said
        || working_backwards
        || dateline
        || press
        || cues >= 2;
    if faq && (press || dateline) {
        Shape::Strong
    } else if (has_faq_heading && evidence)
        || (!faq && (press || dateline || announce_headline) && (said || cues >= 2))
    {
        // An FAQ with a press-release sign, or a press release with no FAQ yet.
        Shape::Weak
    } else {
        Shape::None
    }
}
