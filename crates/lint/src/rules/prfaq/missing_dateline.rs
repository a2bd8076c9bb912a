//! PRFAQ002: a press release whose first paragraph has no dateline.

use super::first_line;
use crate::diagnostic::{Edit, Fix};
use crate::document::Document;
use crate::prfaq::PressReleaseForm;
use crate::rule::Sink;
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports a press release whose first paragraph (the summary) does not open with a
    /// dateline: the city, the state or country, and the launch date, as in
    /// `SEATTLE, WA — March 3, 2027 —`. Other usual forms count too: `LISBON – (Mar 2026) –`,
    /// `SEATTLE--(BUSINESS WIRE)--Jan. 5, 2027--`, `Austin, Texas, June 1, 2027 —`, and a
    /// dateline on its own line above the summary. `FOR IMMEDIATE RELEASE` is not a dateline.
    ///
    /// ## Why it matters
    /// The dateline fixes the launch in time and place: writing it forces the team to agree
    /// on a launch date and market, and it makes the document read as the announcement it
    /// rehearses.
    ///
    /// ## Example
    /// ```markdown
    /// Ferrow today launched Ferrow Ledger, a nightly bookkeeping service for cafés.
    /// ```
    /// Use instead:
    /// ```markdown
    /// PORTLAND, OR — May 4, 2027 — Ferrow today launched Ferrow Ledger, a nightly
    /// bookkeeping service for cafés.
    /// ```
    ///
    /// ## Options
    /// None.
    ///
    /// ## Fix safety
    /// Unsafe: inserts a dateline template, `[CITY], [STATE] — [DATE] —`, for you to fill in.
    pub static RULE = {
        code: "PRFAQ002",
        name: "missing-dateline",
        family: Prfaq,
        severity: Warning,
        fix: Unsafe,
        kinds: [Prfaq],
        summary: "The press release's first paragraph has no `CITY, ST — Date —` dateline",
        check: check,
    }
}

/// The template the fix inserts.
pub const DATELINE_TEMPLATE: &str = "[CITY], [STATE] — [DATE] — ";

fn check(doc: &Document, _settings: &Settings, sink: &mut Sink) {
    let Some(pr) = &doc.prfaq else {
        return;
    };
    if pr.form != PressReleaseForm::Release || pr.dateline.is_some() {
        return;
    }
    let Some(summary) = pr.summary else {
        return;
    };
    let Some(block) = doc.blocks.get(summary) else {
        return;
    };
    let at = block.content_start();
    let fix = Fix::unsafe_(
        "Insert a dateline template",
        Edit::insert(at, DATELINE_TEMPLATE),
    );
    // Point at the opening sentence, where the dateline belongs.
    let line = first_line(doc, summary);
    let range = crate::rules::sentences(doc.text, doc.block_prose(summary))
        .first()
        .map(|s| s.range())
        .filter(|r| r.start >= line.start && r.start < line.end)
        .map_or(line.clone(), |r| r.start..r.end.min(line.end));
    sink.report_fix(
        range,
        "Press release opens without a dateline (`CITY, ST — Month D, YYYY —`)",
        Some(fix),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    const PR: &str = "# Ferrow Ledger closes a café's books every night\n\n*Café owners see yesterday's takings before they open.*\n\nSUMMARY\n\n## FAQ\n\n### What does it cost?\n\nIt costs $20 a month.\n\n\"Owners asked for this,\" said Ana Ruiz, CEO of Ferrow.\n";

    #[test]
    fn fires_without_a_dateline_and_inserts_a_template() {
        let src = PR.replace("SUMMARY", "Ferrow today launched Ferrow Ledger for cafés.");
        assert_eq!(
            check("PRFAQ002", &src),
            ["5:1 PRFAQ002 Press release opens without a dateline (`CITY, ST — Month D, YYYY —`) => [\"[CITY], [STATE] — [DATE] — Ferrow today launched Ferrow Ledger for cafés.\"]"]
        );
    }

    #[test]
    fn accepts_usual_datelines() {
        for dateline in [
            "PORTLAND, OR — May 4, 2027 —",
            "LISBON – (Mar 2026) –",
            "PORTLAND, Ore.--(BUSINESS WIRE)--May 4, 2027--",
            "**Portland, Oregon, 4 May 2027** —",
        ] {
            let src = PR.replace(
                "SUMMARY",
                &format!("{dateline} Ferrow today launched Ferrow Ledger for cafés."),
            );
            assert!(check("PRFAQ002", &src).is_empty(), "{dateline}");
        }
        let own_line = PR.replace(
            "SUMMARY",
            "PORTLAND, OR — May 4, 2027\n\nFerrow today launched Ferrow Ledger for cafés.",
        );
        assert!(check("PRFAQ002", &own_line).is_empty());
    }
}
