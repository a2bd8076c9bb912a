//! PRFAQ005: an FAQ entry that is not phrased as a question.

use crate::document::Document;
use crate::rule::Sink;
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports an entry under an FAQ heading that is not phrased as a question (it has no
    /// `?`): a heading such as `### Pricing` among the questions, or a `Q:` line that states
    /// instead of asks. A heading that groups questions (`### Pricing` with `#### …?`
    /// questions under it) is not an entry.
    ///
    /// ## Why it matters
    /// An FAQ answers the questions readers actually ask. Writing each entry as the reader's
    /// question keeps the answer honest and direct, and makes the FAQ easy to scan.
    ///
    /// ## Example
    /// ```markdown
    /// ### Pricing
    ///
    /// Ferrow Ledger costs $20 a month.
    /// ```
    /// Use instead:
    /// ```markdown
    /// ### How much does Ferrow Ledger cost?
    ///
    /// $20 a month per café.
    /// ```
    ///
    /// ## Options
    /// None.
    ///
    /// ## Fix safety
    /// No fix: rewording the entry as a question is a writing decision.
    pub static RULE = {
        code: "PRFAQ005",
        name: "faq-not-a-question",
        family: Prfaq,
        severity: Info,
        fix: None,
        kinds: [Prfaq],
        summary: "An entry under an FAQ heading is not phrased as a question",
        check: check,
    }
}

fn check(doc: &Document, _settings: &Settings, sink: &mut Sink) {
    let Some(pr) = &doc.prfaq else {
        return;
    };
    for entry in pr.entries() {
        let question = doc.slice(entry.question.clone());
        if question.contains('?') || question.contains('？') {
            continue;
        }
        let shown = crate::prfaq::clean_heading(question);
        sink.report(
            entry.question.clone(),
            format!("FAQ entry `{shown}` is not phrased as a question"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn statements_fire_and_groups_do_not() {
        let src = "# Ferrow Ledger closes a café's books every night\n\nPORTLAND, OR — May 4, 2027 — Ferrow today launched Ferrow Ledger.\n\n## External FAQ\n\n### Pricing\n\n$20 a month.\n\n### Can I cancel?\n\nYes.\n\n## Internal FAQ\n\n### Risks\n\n#### What if a bank changes its feed?\n\nWe check feeds daily.\n\n**Q: Launch timing**\n\nMay.\n";
        assert_eq!(
            check("PRFAQ005", src),
            [
                "7:5 PRFAQ005 FAQ entry `Pricing` is not phrased as a question",
                "23:1 PRFAQ005 FAQ entry `Q: Launch timing` is not phrased as a question",
            ]
        );
    }
}
