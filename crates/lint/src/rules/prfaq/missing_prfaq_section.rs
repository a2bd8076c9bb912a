//! PRFAQ001: a PR/FAQ without one of its parts (headline, subheading, summary, quotes, call to
//! action, external FAQ, internal FAQ).

use super::{first_line, insert_after, insert_before, last_release_block, press_release_anchor};
use crate::diagnostic::{Edit, Fix};
use crate::document::Document;
use crate::parse::Block;
use crate::prfaq::{FaqAudience, PrFaq, PressReleaseForm, QuoteRole};
use crate::rule::Sink;
use crate::settings::Settings;
use std::ops::Range;

crate::declare_rule! {
    /// ## What it does
    /// Reports each part a working-backwards PR/FAQ lacks, one diagnostic per part: the
    /// headline, the subheading under it, the summary paragraph, a quote from a leader of the
    /// launching company, a quote from a customer, a call to action (how to get started), an
    /// external (customer) FAQ and an internal (stakeholder) FAQ. A single plain `FAQ` section
    /// counts as both FAQs; a press release with no FAQ yet gets one diagnostic for it, unless
    /// the file says it is a press release alone (`press-release.md`, `# Press Release: …`),
    /// whose FAQ lives elsewhere. A part
    /// written as a template slot (`Customer Quote: […]`, an empty `### Company Quote` or
    /// `## Call to Action` section, a quote `said [NAME, TITLE]`) is there, not missing: its
    /// placeholders are `placeholder-text`'s to report. A summary that lacks only its dateline is reported by
    /// `missing-dateline` instead. Documents whose working-backwards section holds other
    /// artifacts (a README, a CHANGELOG) instead of a press release, as RFC templates allow,
    /// are only checked for their FAQs.
    ///
    /// A quote is a paragraph with `"…," said Name, Title`, a quotation followed by a dash and
    /// its speaker (`"…" — Name`), or a blockquote followed by an attribution line
    /// (`— *Name, Title*`); quotes sections (`## Customer Quotes`) count wherever they stand
    /// outside the FAQ. It is a customer's quote when the speaker is a customer, user, tester
    /// or adopter, or is at or from another organisation or place than the one announcing; a
    /// leader's when the title is a leader's (CEO, VP, director, head of, founder) or the role
    /// says the speaker builds the product (engineer, creator, maintainer, the team); a
    /// `Customer Quotes` or `Company Quote` heading says whose quotes it holds. The document's
    /// title (`# PR/FAQ: Ledger`) is not the headline when the press release below has one (a
    /// heading under `Press Release`, or a bold line opening it).
    ///
    /// ## Why it matters
    /// Each part answers a question the reader brings: what is it (headline), for whom
    /// (subheading), what changes (summary), why the company cares (leader quote), whether
    /// customers care (customer quote), what to do next (call to action), and what customers
    /// and the business will ask (the FAQs).
    ///
    /// ## Example
    /// ```markdown
    /// # Ferrow Ledger closes a café's books every night
    ///
    /// *Café owners see yesterday's takings, costs and margin before they open.*
    ///
    /// PORTLAND, OR — May 4, 2027 — Ferrow today launched Ferrow Ledger.
    ///
    /// "Owners asked for one number each morning," said Ana Ruiz, CEO of Ferrow.
    ///
    /// ## FAQ
    /// ```
    /// Use instead: add a customer's quote and a call to action.
    /// ```markdown
    /// "I know my margin before I unlock the door," said Sam Lee, owner of Lee's Coffee.
    ///
    /// To get started, owners connect their till at ferrow.example.com.
    /// ```
    ///
    /// ## Options
    /// None.
    ///
    /// ## Fix safety
    /// Unsafe: inserts a skeleton of the missing part, with `[TODO: …]` placeholders, where the
    /// part belongs (a quote before the call to action, the internal FAQ after the external
    /// one). You still have to write it.
    pub static RULE = {
        code: "PRFAQ001",
        name: "missing-prfaq-section",
        family: Prfaq,
        severity: Warning,
        fix: Unsafe,
        kinds: [Prfaq],
        summary: "A PR/FAQ lacks a part: headline, subheading, summary, quotes, call to action or an FAQ",
        check: check,
    }
}

const HEADLINE: &str =
    "[TODO: a headline that names the product and what it does for its customers]";
const SUBHEADING: &str =
    "*[TODO: a subheading that says who the customers are and what they gain.]*";
const SUMMARY: &str = "[CITY], [STATE] — [DATE] — [TODO: a summary of the product, its customers and the problem it solves.]";
const LEADER_QUOTE: &str = "\"[TODO: why the company built it.],\" said [TODO: a leader's name], [TODO: the leader's title].";
const CUSTOMER_QUOTE: &str = "\"[TODO: what changed for this customer.],\" said [TODO: a customer's name], [TODO: who the customer is].";
const CALL_TO_ACTION: &str = "[TODO: how to get started: where to go, and what it costs.]";

fn check(doc: &Document, _settings: &Settings, sink: &mut Sink) {
    let Some(pr) = &doc.prfaq else {
        return;
    };
    if pr.form == PressReleaseForm::Release {
        check_press_release(doc, pr, sink);
    }
    check_faqs(doc, pr, sink);
}

/// Report a missing part with a fix that inserts `edit`. The fix is offered only where the
/// inserted text is prose: inside an unclosed code block or an HTML element it would not be
/// read as the part. (Re-reading the whole document to prove each fix cost more than the rest
/// of the check; the fix loop never repeats a fix that did not take.)
fn report(
    doc: &Document,
    sink: &mut Sink,
    range: Range<usize>,
    message: &str,
    what: &str,
    edit: (usize, String),
) {
    let fix = (doc.text.is_char_boundary(edit.0)
        && edit.0 <= doc.text.len()
        && doc.is_prose_position(edit.0))
    .then(|| {
        Fix::unsafe_(
            format!("Insert a skeleton {what}"),
            Edit::insert(edit.0, edit.1),
        )
    });
    sink.report_fix(range, message, fix);
}

fn check_press_release(doc: &Document, pr: &PrFaq, sink: &mut Sink) {
    let anchor = press_release_anchor(doc, pr);
    if pr.headline.is_none() {
        // Under a `Press Release` heading, one level down; else an H1 at the top.
        let edit = match pr.release_heading {
            Some(h) => {
                let level = doc
                    .blocks
                    .get(h)
                    .and_then(Block::heading_level)
                    .unwrap_or(1);
                let hashes = "#".repeat(usize::from(level.saturating_add(1).min(6)));
                insert_after(doc, Some(h), &format!("{hashes} {HEADLINE}"))
            }
            None => insert_before(doc, pr.press_release.start, &format!("# {HEADLINE}")),
        };
        report(
            doc,
            sink,
            anchor.clone(),
            "Press release has no headline",
            "headline",
            edit,
        );
    }
    if let (Some(h), None) = (pr.headline, pr.subheading) {
        report(
            doc,
            sink,
            first_line(doc, h),
            "Headline has no subheading under it (who the customers are and what they gain)",
            "subheading",
            insert_after(doc, Some(h), SUBHEADING),
        );
    }
    if pr.summary.is_none() {
        let after = [
            pr.release_line,
            pr.subheading,
            pr.headline,
            pr.release_heading,
        ]
        .into_iter()
        .flatten()
        .max();
        let edit = match after {
            Some(i) => insert_after(doc, Some(i), SUMMARY),
            None => insert_before(doc, pr.press_release.start, SUMMARY),
        };
        report(
            doc,
            sink,
            anchor.clone(),
            "Press release has no summary paragraph (dateline, product, customer and benefit)",
            "summary paragraph",
            edit,
        );
    }
    // Quotes go before the call to action (or at the end of the press release); a customer's
    // quote after the leader's.
    let before_cta = pr
        .call_to_action
        .filter(|&c| pr.summary.is_none_or(|s| c > s));
    let quote_edit = |skeleton: &str| match before_cta {
        Some(c) => insert_before(doc, c, skeleton),
        None => insert_after(doc, last_release_block(doc, pr), skeleton),
    };
    if !pr.has_quote(QuoteRole::Leader) {
        report(
            doc,
            sink,
            anchor.clone(),
            "Press release has no quote from a leader of the company",
            "leader quote",
            quote_edit(LEADER_QUOTE),
        );
    }
    if !pr.has_quote(QuoteRole::Customer) {
        report(
            doc,
            sink,
            anchor.clone(),
            "Press release has no quote from a customer",
            "customer quote",
            quote_edit(CUSTOMER_QUOTE),
        );
    }
    if pr.call_to_action.is_none() {
        report(
            doc,
            sink,
            anchor,
            "Press release has no call to action (how to get started)",
            "call to action",
            insert_after(doc, last_release_block(doc, pr), CALL_TO_ACTION),
        );
    }
}

fn faq_skeleton(level: u8, title: &str, who: &str) -> String {
    let level = usize::from(level.clamp(1, 5));
    format!(
        "{} {title}\n\n{} [TODO: the first question {who} will ask]?\n\n[TODO: the answer.]",
        "#".repeat(level),
        "#".repeat(level + 1)
    )
}

fn check_faqs(doc: &Document, pr: &PrFaq, sink: &mut Sink) {
    let external = pr.has_faq(FaqAudience::External);
    let internal = pr.has_faq(FaqAudience::Internal);
    if external && internal {
        return;
    }
    // A file that is a press release alone keeps its FAQ elsewhere, if anywhere.
    if pr.release_only {
        return;
    }
    // A press release with no FAQ yet is missing one thing, the FAQ: one diagnostic.
    if pr.faqs.is_empty() {
        let skeleton = format!(
            "{}\n\n{}",
            faq_skeleton(2, "External FAQ", "a customer"),
            faq_skeleton(2, "Internal FAQ", "a stakeholder")
        );
        report(
            doc,
            sink,
            press_release_anchor(doc, pr),
            "PR/FAQ has no FAQ yet: add the questions customers will ask (external FAQ) and those the business will ask (internal FAQ)",
            "external and internal FAQ",
            insert_before(doc, doc.blocks.len(), &skeleton),
        );
        return;
    }
    let level_of = |f: &crate::prfaq::FaqSection| {
        f.heading
            .and_then(|h| doc.blocks.get(h))
            .and_then(Block::heading_level)
            .unwrap_or(2)
    };
    let anchor_of = |f: &crate::prfaq::FaqSection| match f.heading {
        Some(h) => first_line(doc, h),
        None => f
            .entries
            .first()
            .map_or_else(|| press_release_anchor(doc, pr), |e| e.question.clone()),
    };
    if !external {
        // Before the first (internal) FAQ, or at the end of the document.
        let (range, edit) = match pr.faqs.first() {
            Some(f) => {
                let at = f.heading.unwrap_or(f.blocks.start);
                (
                    anchor_of(f),
                    insert_before(
                        doc,
                        at,
                        &faq_skeleton(level_of(f), "External FAQ", "a customer"),
                    ),
                )
            }
            None => (
                press_release_anchor(doc, pr),
                insert_before(
                    doc,
                    doc.blocks.len(),
                    &faq_skeleton(2, "External FAQ", "a customer"),
                ),
            ),
        };
        report(
            doc,
            sink,
            range,
            "PR/FAQ has no external FAQ (the questions customers will ask)",
            "external FAQ",
            edit,
        );
    }
    if !internal {
        // After the last FAQ section, or at the end of the document.
        let (range, edit) = match pr.faqs.last() {
            Some(f) => (
                anchor_of(f),
                insert_before(
                    doc,
                    f.blocks.end,
                    &faq_skeleton(level_of(f), "Internal FAQ", "a stakeholder"),
                ),
            ),
            None => (
                press_release_anchor(doc, pr),
                insert_before(
                    doc,
                    doc.blocks.len(),
                    &faq_skeleton(2, "Internal FAQ", "a stakeholder"),
                ),
            ),
        };
        report(
            doc,
            sink,
            range,
            "PR/FAQ has no internal FAQ (the questions the business will ask)",
            "internal FAQ",
            edit,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    const COMPLETE: &str = "# Ferrow Ledger closes a café's books every night\n\n*Café owners see yesterday's takings before they open.*\n\nPORTLAND, OR — May 4, 2027 — Ferrow today launched Ferrow Ledger, a nightly bookkeeping service.\n\n\"Owners asked for one number each morning,\" said Ana Ruiz, CEO of Ferrow.\n\n\"I know my margin before I unlock the door,\" said Sam Lee, owner of Lee's Coffee and a Ferrow customer.\n\nTo get started, owners connect their till at ferrow.example.com.\n\n## External FAQ\n\n### What does it cost?\n\nIt costs $20 a month.\n\n## Internal FAQ\n\n### Why now?\n\nOwners asked for it.\n";

    #[test]
    fn a_complete_prfaq_is_silent() {
        assert_eq!(check("PRFAQ001", COMPLETE), Vec::<String>::new());
    }

    #[test]
    fn reports_each_missing_part_with_a_skeleton() {
        let src = COMPLETE
            .replace("*Café owners see yesterday's takings before they open.*\n\n", "")
            .replace("\"I know my margin before I unlock the door,\" said Sam Lee, owner of Lee's Coffee and a Ferrow customer.\n\n", "")
            .replace("## Internal FAQ\n\n### Why now?\n\nOwners asked for it.\n", "");
        let found = check("PRFAQ001", &src);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(
            found[0].starts_with("1:3 PRFAQ001 Headline has no subheading"),
            "{found:?}"
        );
        assert!(found[0].contains("*[TODO: a subheading"));
        assert!(found[1].contains("no quote from a customer"));
        assert!(found[1].contains("a customer's name"));
        assert!(found[2].contains("no internal FAQ"));
        assert!(found[2].contains("## Internal FAQ"));
    }

    #[test]
    fn artifact_rfcs_are_checked_for_faqs_only() {
        let src = "# Cache warmer\n\n## Working Backwards\n\n### README\n\nThe warmer fills caches.\n\n## Public FAQ\n\n### What are we launching today?\n\nA warmer.\n";
        let found = check("PRFAQ001", src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("9:4 PRFAQ001 PR/FAQ has no internal FAQ"));
    }
}
