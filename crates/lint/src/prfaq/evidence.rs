//! Evidence that a text is (or is not) a working-backwards PR/FAQ, for the document kind.
//!
//! Each signal is named and weighted here, in one table ([`W`]): the parts only a press release
//! has (a dateline, `FOR IMMEDIATE RELEASE`, an announcement sentence, a `Press Release` or
//! `PR/FAQ` heading, press-release section headings), the FAQ (worth less than the threshold
//! on its own: a product FAQ is not a PR/FAQ), and shapes of writing that are about something
//! else (an ADR, a postmortem, design docs and meeting notes, a text that explains what a
//! PR/FAQ is), which count against both kinds.

use super::*;
use crate::document::kind::{Evidence, Toward};
use std::sync::LazyLock;

/// The weight of each signal. A kind needs [`crate::document::kind::THRESHOLD`] (10) points.
struct W;

impl W {
    const PRFAQ_TITLE: i32 = 15;
    const PRESS_RELEASE_HEADING: i32 = 12;
    const RELEASE_LINE: i32 = 15;
    const DATELINE: i32 = 10;
    const ANNOUNCEMENT: i32 = 8;
    const ANNOUNCEMENT_HEADLINE: i32 = 4;
    const ATTRIBUTED_QUOTE: i32 = 4;
    const WORKING_BACKWARDS: i32 = 6;
    /// Per press-release section heading (`Customer Quote`, `Call to Action`…), from two on.
    const PR_SECTION: i32 = 3;
    const PR_SECTIONS_MAX: i32 = 15;
    /// FAQ signals together stay under the threshold: an FAQ alone is a product FAQ.
    const FAQ_HEADING: i32 = 4;
    const QUALIFIED_FAQ: i32 = 3;
    const Q_LABELS: i32 = 2;
    /// Against both: another document type's own section headings.
    const ADR: i32 = 30;
    const POSTMORTEM: i32 = 30;
    const DESIGN_DOC: i32 = 8;
    /// Against both, per mention of the PR/FAQ's parts in running prose (an explainer).
    const ABOUT_MENTION: i32 = 5;
    const ABOUT_MAX: i32 = 45;
    /// Against both: PR/FAQ headings over no press-release content and no answered question
    /// (an outline of what a PR/FAQ holds).
    const NO_CONTENT: i32 = 12;
    /// Against both: an FAQ and nothing of a press release (a product's customer FAQ).
    const FAQ_ONLY: i32 = 5;
    /// The weak shapes of a release (a plain section outline, a headline over a product, a call
    /// to action), together: one sign, which a file name or one other sign makes enough.
    const SHAPE: i32 = 4;
    /// Against both: a media contact with a real address or number (a release already sent
    /// to the press, not a draft written to work backwards from).
    const PRESS_CONTACT: i32 = 8;
}

/// An e-mail address or a phone number.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"[\w.+-]+@[\w-]+\.[a-z]{2,}|\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}").unwrap()
});

/// A media contact label, with what follows it on its line: `Contact: …`, `*Press contact*:`.
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?i)^[*_\s]*(?:media\s+|press\s+)?contacts?[*_\s]*:(?P<rest>[^\n]{0,80})").unwrap()
});

/// `Contact: Dana Reyes, dana@example.org` / `Media contact … 555-010-0199`, or a contact
/// label alone (`*CONTACT*:`) with the address in the paragraph after it (`previous`).
fn press_contact(content: &str, previous: &str) -> bool {
    let own = CONTACT
        .captures(content)
        .and_then(|c| c.name("rest"))
        .is_some_and(|rest| {
            ADDRESS.is_match(rest.as_str())
                || ADDRESS.is_match(content.lines().nth(1).unwrap_or(""))
        });
    let after_label = CONTACT
        .captures(previous)
        .and_then(|c| c.name("rest"))
        .is_some_and(|rest| rest.as_str().trim().is_empty())
        && content.lines().next().is_some_and(|l| ADDRESS.is_match(l));
    own || after_label
}

/// Words whose presence lets a text through the cheap prefilter that skips parsing: a press
/// release with no FAQ yet has none of the STAR or FAQ words.
pub const PREFILTER_WORDS: &[&str] = &[
    "faq",
    "frequently asked",
    "press release",
    "immediate release",
    "working backwards",
    "prfaq",
    "pr/faq",
    "pr faq",
    "pr-faq",
    "announce",
    "launches",
    "now available",
    "proud to",
    "call to action",
    "customer quote",
    "subheading",
    "sub-heading",
];

/// Every signal of a working-backwards PR/FAQ (or of a document about something else) in the
/// blocks. Only headings, the opening paragraphs and short checks of each paragraph are read.
pub fn evidence(text: &str, blocks: &[Block]) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = Vec::new();
    let seen = |out: &mut Vec<Evidence>, e: Evidence| {
        if !out.iter().any(|o| o.signal == e.signal) {
            out.push(e);
        }
    };
    let mut pr_sections: Vec<&'static str> = Vec::new();
    let mut adr: Vec<&'static str> = Vec::new();
    let mut postmortem: Vec<&'static str> = Vec::new();
    let mut design: Vec<&'static str> = Vec::new();
    let mut q_lines = 0;
    let mut questions = 0;
    let mut paragraphs = 0;
    let mut mentions = 0;
    let mut first_mention = None;
    // Questions under `## Likely follow-ups` probe a story; they are no product FAQ.
    let follow_up = crate::parse::in_sections(blocks, text, crate::words::is_follow_up_heading);
    let mut previous_paragraph = "";
    for (b, &probing) in blocks.iter().zip(&follow_up) {
        let range = b.content_start()..b.content_end();
        let content = text.get(range.clone()).unwrap_or("");
        match b.kind {
            BlockKind::Heading(level) => {
                let t = clean_heading(content);
                let lower = t.to_lowercase();
                if let Some(audience) = faq_heading(&t) {
                    seen(
                        &mut out,
                        Evidence::new("faq-heading", Toward::Prfaq, W::FAQ_HEADING)
                            .at(range.clone()),
                    );
                    if audience != FaqAudience::General {
                        seen(
                            &mut out,
                            Evidence::new("qualified-faq-heading", Toward::Prfaq, W::QUALIFIED_FAQ)
                                .at(range.clone()),
                        );
                    }
                }
                if is_prfaq_heading(&t) {
                    seen(
                        &mut out,
                        Evidence::new("prfaq-heading", Toward::Prfaq, W::PRFAQ_TITLE)
                            .at(range.clone()),
                    );
                } else if is_release_heading(&t) {
                    seen(
                        &mut out,
                        Evidence::new(
                            "press-release-heading",
                            Toward::Prfaq,
                            W::PRESS_RELEASE_HEADING,
                        )
                        .at(range.clone()),
                    );
                }
                if lower.contains("working backwards") {
                    seen(
                        &mut out,
                        Evidence::new(
                            "working-backwards-heading",
                            Toward::Prfaq,
                            W::WORKING_BACKWARDS,
                        )
                        .at(range.clone()),
                    );
                }
                if level <= 2 && ANNOUNCE_HEADLINE.is_match(&t) {
                    seen(
                        &mut out,
                        Evidence::new(
                            "announcement-headline",
                            Toward::Prfaq,
                            W::ANNOUNCEMENT_HEADLINE,
                        )
                        .at(range.clone()),
                    );
                }
                if t.ends_with('?') {
                    questions += 1;
                }
                collect(&mut pr_sections, pr_section(&lower));
                collect(&mut adr, name_in(&lower, ADR_HEADINGS));
                collect(&mut postmortem, name_in(&lower, POSTMORTEM_HEADINGS));
                collect(&mut design, name_in(&lower, DESIGN_HEADINGS));
            }
            BlockKind::Paragraph => {
                let opening = paragraphs < 6 && b.quote_depth == 0;
                paragraphs += 1;
                if is_release_line(content) {
                    seen(
                        &mut out,
                        Evidence::new("release-line", Toward::Prfaq, W::RELEASE_LINE)
                            .at(range.clone()),
                    );
                }
                if dateline_in_block(content).is_some() {
                    seen(
                        &mut out,
                        Evidence::new("dateline", Toward::Prfaq, W::DATELINE).at(range.clone()),
                    );
                }
                if opening && ANNOUNCE.is_match(content) {
                    seen(
                        &mut out,
                        Evidence::new("announcement", Toward::Prfaq, W::ANNOUNCEMENT)
                            .at(range.clone()),
                    );
                }
                if has_attributed_quote(content) {
                    seen(
                        &mut out,
                        Evidence::new("attributed-quote", Toward::Prfaq, W::ATTRIBUTED_QUOTE)
                            .at(range.clone()),
                    );
                }
                if press_contact(content, previous_paragraph) {
                    seen(
                        &mut out,
                        Evidence::new("press-contact", Toward::Neither, W::PRESS_CONTACT)
                            .detail("a media contact with an address: a release already sent")
                            .at(range.clone()),
                    );
                }
                if Q_LABEL.is_match(content) && !probing {
                    q_lines += 1;
                }
                if !probing
                    && b.list_depth == 0
                    && b.quote_depth == 0
                    && content.trim_end().ends_with(['?', '*'])
                    && content.contains('?')
                {
                    questions += 1;
                }
                // Running prose that names the PR/FAQ's parts is about PR/FAQs; guidance left
                // in blockquotes (a template's instructions) is not counted.
                if b.quote_depth == 0 {
                    let n = about_mentions(content);
                    if n > 0 && first_mention.is_none() {
                        first_mention = Some(range.clone());
                    }
                    mentions += n;
                }
                previous_paragraph = content;
            }
            _ => {}
        }
    }
    if q_lines >= 2 {
        out.push(
            Evidence::new("q-labels", Toward::Prfaq, W::Q_LABELS)
                .detail(format!("{q_lines} lines")),
        );
    }
    let specific = pr_sections
        .iter()
        .filter(|s| SPECIFIC_SECTIONS.contains(s))
        .count();
    if specific >= 2 {
        let weight = (W::PR_SECTION * pr_sections.len() as i32).min(W::PR_SECTIONS_MAX);
        out.push(
            Evidence::new("press-release-sections", Toward::Prfaq, weight)
                .detail(pr_sections.join(", ")),
        );
    }
    let shapes = super::shape::shapes(text, blocks, &pr_sections);
    if !shapes.is_empty() && !out.iter().any(|e| e.signal == "press-release-sections") {
        out.push(
            Evidence::new("press-release-shape", Toward::Prfaq, W::SHAPE).detail(shapes.join("; ")),
        );
    }
    if adr.len() >= 3 && adr.contains(&"decision") {
        out.push(Evidence::new("adr-headings", Toward::Neither, W::ADR).detail(adr.join(", ")));
    }
    if postmortem.len() >= 3 || (postmortem.len() >= 2 && postmortem.contains(&"root cause")) {
        out.push(
            Evidence::new("postmortem-headings", Toward::Neither, W::POSTMORTEM)
                .detail(postmortem.join(", ")),
        );
    }
    if design.len() >= 3 {
        out.push(
            Evidence::new("design-doc-headings", Toward::Neither, W::DESIGN_DOC)
                .detail(design.join(", ")),
        );
    }
    let content = q_lines + questions > 0
        || out.iter().any(|e| {
            matches!(
                e.signal,
                "release-line" | "dateline" | "announcement" | "attributed-quote"
            )
        });
    let outline = out.iter().any(|e| {
        matches!(
            e.signal,
            "prfaq-heading" | "press-release-heading" | "faq-heading"
        )
    });
    if outline && !content {
        out.push(
            Evidence::new("no-press-release-content", Toward::Neither, W::NO_CONTENT).detail(
                "PR/FAQ headings, but no dateline, announcement, quote or answered question",
            ),
        );
    }
    let faq = out
        .iter()
        .any(|e| matches!(e.signal, "faq-heading" | "q-labels"));
    let press_release = out.iter().any(|e| {
        e.toward == Toward::Prfaq
            && !matches!(
                e.signal,
                "faq-heading" | "qualified-faq-heading" | "q-labels" | "press-release-shape"
            )
    });
    if faq && !press_release {
        out.push(
            Evidence::new("faq-only", Toward::Neither, W::FAQ_ONLY)
                .detail("an FAQ with nothing of a press release"),
        );
    }
    if mentions >= 3 {
        let mut e = Evidence::new(
            "about-prfaqs",
            Toward::Neither,
            (W::ABOUT_MENTION * mentions as i32).min(W::ABOUT_MAX),
        )
        .detail(format!("{mentions} mentions of PR/FAQ parts in prose"));
        e.at = first_mention;
        out.push(e);
    }
    out
}

fn collect(list: &mut Vec<&'static str>, name: Option<&'static str>) {
    if let Some(n) = name {
        if !list.contains(&n) {
            list.push(n);
        }
    }
}

/// The first of `names` the heading starts with (`Decision Outcome` → `decision`).
fn name_in(lower: &str, names: &[&'static str]) -> Option<&'static str> {
    let t = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    names.iter().copied().find(|n| {
        t.strip_prefix(n)
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// Section headings of an architecture decision record.
const ADR_HEADINGS: &[&str] = &[
    "status",
    "context",
    "decision",
    "consequences",
    "considered options",
    "decision drivers",
    "decision outcome",
    "pros and cons",
];

/// Section headings of an incident postmortem.
const POSTMORTEM_HEADINGS: &[&str] = &[
    "root cause",
    "root causes",
    "timeline",
    "detection",
    "resolution",
    "action items",
    "lessons learned",
    "what went well",
    "what went wrong",
    "where we got lucky",
    "contributing factors",
    "trigger",
    "mitigation",
    "incident summary",
    "impact",
    "follow-up",
    "recovery",
];

/// Section headings of design documents and meeting notes.
const DESIGN_HEADINGS: &[&str] = &[
    "goals",
    "non-goals",
    "alternatives",
    "alternatives considered",
    "open questions",
    "attendees",
    "agenda",
    "action items",
    "decisions",
    "discussion",
    "requirements",
    "milestones",
    "motivation",
    "detailed design",
    "proposed design",
    "design",
    "risks",
    "notes",
];

/// Headings only a press release has (one of them, at least, must be among two found).
const SPECIFIC_SECTIONS: &[&str] = &[
    "headline",
    "subheading",
    "quote",
    "call to action",
    "getting started",
    "closing",
];

/// The press-release part a section heading names, if any.
pub(super) fn pr_section(lower: &str) -> Option<&'static str> {
    let t = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    // `The Problem: bots are everywhere`: the label before a colon or dash names the part.
    let t = match t.split_once([':', '—', '–']) {
        Some((label, _)) if label.split_whitespace().count() <= 3 => label.trim(),
        _ => t,
    };
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 6 {
        return None;
    }
    let has = |w: &str| words.contains(&w);
    Some(if has("headline") || t == "heading" {
        "headline"
    } else if has("subheading")
        || has("subheadline")
        || has("subtitle")
        || t.starts_with("sub-head")
        || t.starts_with("sub head")
    {
        "subheading"
    } else if has("quote") || has("quotes") || t.contains("testimon") {
        "quote"
    } else if t.contains("call to action") {
        "call to action"
    } else if t.contains("get started") || t.contains("getting started") {
        "getting started"
    } else if has("closing") {
        "closing"
    } else if has("summary") || has("introduction") || has("hook") || has("lede") {
        "summary"
    } else if has("problem") || has("problems") {
        "problem"
    } else if has("solution") || has("solutions") {
        "solution"
    } else if has("availability") || has("pricing") {
        "availability"
    } else {
        return None;
    })
}

/// `FOR IMMEDIATE RELEASE` (any case, bold or not) opening a paragraph.
pub(super) fn is_release_line(content: &str) -> bool {
    let t = content.trim_start_matches(['*', '_', ' ', '\t', '#']);
    t.get(..21)
        .is_some_and(|s| s.eq_ignore_ascii_case("for immediate release"))
}

/// A quotation attributed to a speaker: `"…," said Name`, `said Name: "…"`, or a dash after
/// the closing quotation mark (`"…" — Name`).
pub(super) fn has_attributed_quote(content: &str) -> bool {
    if !content.contains(['"', '“', '”']) {
        return false;
    }
    SAID.is_match(content) || DASH_ATTRIBUTION.is_match(content)
}

/// Mentions of a PR/FAQ's parts as things ("the press release", "the FAQ", "a PR/FAQ", "the
/// headline") in a paragraph of running prose.
fn about_mentions(content: &str) -> usize {
    if !content.contains(['F', 'f', 'P', 'p', 'h']) {
        return 0;
    }
    ABOUT.find_iter(content).count()
}

static ABOUT: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?i-u)\b(?:the|a|an|your|each|this|every)\s+(?:press\s+release|pr\s*/\s*faqs?|prfaqs?|pr[- ]faqs?|faqs?|headline|sub-?heading|call\s+to\s+action|working\s+backwards\s+(?:document|process|method))\b").unwrap()
});

/// `"…" — Name` / `"…" -- Name`: a dash after a closing quotation mark.
pub(super) static DASH_ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r#"["”][*_]*\s*(?:—|–|--|―|-\s|\s-)\s*[*_]*[\[A-Z]"#).unwrap()
});

/// Headline words of an announcement.
pub(super) static ANNOUNCE_HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?i-u)\b(?:announces?|announced|announcing|launch(?:es|ed)|introduces|introducing|unveils|debuts|releases|now\s+available|general\s+availability)\b").unwrap()
});

/// An announcement sentence: "today announced", "launches", "is proud to release", "is now
/// available", "Today we are releasing".
pub(super) static ANNOUNCE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?i-u)\b(?:today\s+(?:announced|announces|launched|launches|introduced|unveiled|released|releases)|(?:announced|launched|released|introduced)\s+today|today,?\s+(?:we|[a-z]+)(?:\s+(?:announce[sd]?|launch(?:es|ed)?|release[sd]?|introduce[sd]?)|(?:\s+are|\s+is|'re|’re)\s+(?:proud\s+to\s+(?:announce|release|launch|introduce)|launching|releasing|announcing|introducing))|(?:is|are)\s+proud\s+to\s+(?:announce|release|launch|introduce)|(?:marks|celebrates)\s+the\s+(?:launch|release|debut)\s+of|announces|launches|releases|unveils|(?:has|have)\s+(?:released|launched)|is\s+launching|(?:is|are)\s+now\s+(?:generally\s+)?available)\b").unwrap()
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{blocks_from_tree, MarkdownParser};

    fn signals(text: &str) -> Vec<(&'static str, Toward)> {
        let tree = MarkdownParser::new().parse_blocks(text, None);
        let blocks = tree.as_ref().map(blocks_from_tree).unwrap_or_default();
        evidence(text, &blocks)
            .into_iter()
            .map(|e| (e.signal, e.toward))
            .collect()
    }

    #[test]
    fn a_media_contact_with_an_address_is_a_release_already_sent() {
        let contact = ("press-contact", Toward::Neither);
        for text in [
            "**Contact: Dana Reyes, dana@example.org**\n",
            "*CONTACT*:\n\nDana Reyes, dana@example.org\n",
            "Media contact:\n555-010-0199\n",
        ] {
            assert!(signals(text).contains(&contact), "{text:?}");
        }
        for text in [
            "Contact: [Name], [email]\n",
            "Contact us to join the beta.\n",
            "Write to dana@example.org with questions.\n",
        ] {
            assert!(!signals(text).contains(&contact), "{text:?}");
        }
    }

    #[test]
    fn announcement_sentences() {
        for s in [
            "Acme today announced Acme Ledger.",
            "Today, Acme launches Acme Ledger for cafés.",
            "Acme is proud to release Ledger 2.",
            "Today we're proud to release ledger, a library.",
            "Today we are releasing Ailly, a toolkit.",
            "Acme Ledger is now available in every region.",
            "Acme releases Ledger today.",
            "Today marks the launch of Ledger, a tool for cafés.",
        ] {
            assert!(ANNOUNCE.is_match(s), "{s}");
        }
        for s in [
            "We released it last year after a review.",
            "The release is due in May.",
        ] {
            assert!(!ANNOUNCE.is_match(s), "{s}");
        }
    }

    #[test]
    fn reported_quotes_need_an_opening_quotation() {
        assert!(has_attributed_quote(
            "The founders spoke about it, stating, \"We built it for traders.\""
        ));
        assert!(has_attributed_quote("\"Wow\" -Jo Lund, product lead"));
        // A closing quotation mark after a word is not a quote's opening.
        assert!(!has_attributed_quote(
            "License: \"none stated\" = no licence file in the repository."
        ));
    }

    #[test]
    fn datelines_in_code_spans_count() {
        let d = dateline_in_block("`BOSTON, MA — [DATE] —` Acme today launched Ledger.");
        assert_eq!(d, Some(1..26));
    }

    #[test]
    fn faq_alone_stays_under_the_threshold() {
        let faq = "# Ledger help\n\n## Customer FAQ\n\n**Q: Can I export?**\n\nYes.\n\n**Q: Is it free?**\n\nNo.\n";
        let tree = MarkdownParser::new().parse_blocks(faq, None);
        let blocks = tree.as_ref().map(blocks_from_tree).unwrap_or_default();
        let found = evidence(faq, &blocks);
        let faq_points: i32 = found
            .iter()
            .filter(|e| e.toward == Toward::Prfaq)
            .map(|e| e.weight)
            .sum();
        assert!(
            faq_points < crate::document::kind::THRESHOLD,
            "{faq_points}"
        );
        assert!(signals(faq).contains(&("faq-only", Toward::Neither)));
    }

    #[test]
    fn other_shapes_count_against() {
        let adr = "# 12. Use one queue\n\n## Status\n\nAccepted\n\n## Context\n\nWe have two.\n\n## Decision\n\nOne.\n\n## Consequences\n\nFewer.\n";
        assert!(signals(adr).contains(&("adr-headings", Toward::Neither)));
        let pm =
            "# Outage\n\n## Impact\n\nSlow.\n\n## Root Cause\n\nA bug.\n\n## Timeline\n\n10:00.\n";
        assert!(signals(pm).contains(&("postmortem-headings", Toward::Neither)));
    }
}
