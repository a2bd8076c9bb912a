//! PRFAQ003: a press release longer than one page.

use super::press_release_anchor;
use crate::document::Document;
use crate::prfaq::PressReleaseForm;
use crate::rule::Sink;
use crate::settings::Settings;

/// `[rules.press-release-too-long]` in `starlint.toml`. The rule's doc page lists these, generated from here.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PressReleaseLengthOptions {
    /// Longest press release, in words.
    pub max_words: usize,
}

impl Default for PressReleaseLengthOptions {
    fn default() -> Self {
        PressReleaseLengthOptions { max_words: 500 }
    }
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a press release (everything before the first FAQ heading) of more than 500
    /// words of prose. Code blocks, link addresses and template instructions left in are not
    /// counted. Documents whose working-backwards section holds a README or CHANGELOG instead
    /// of a press release are not checked.
    ///
    /// ## Why it matters
    /// A press release is one page. If the launch cannot be explained in one page, the
    /// idea is not clear yet; the detail belongs in the FAQ.
    ///
    /// ## Example
    /// A press release of 740 words, with the pricing table and the roadmap in it.
    ///
    /// Use instead: keep the summary, problem, solution, quotes and call to action in the
    /// press release, and move the pricing table and the roadmap into FAQ answers.
    ///
    /// ## Fix safety
    /// No fix: only you can decide what to cut.
    pub static RULE = {
        code: "PRFAQ003",
        name: "press-release-too-long",
        family: Prfaq,
        severity: Warning,
        fix: None,
        kinds: [Prfaq],
        summary: "The press release is over one page (500 words)",
        check: check,
        options: PressReleaseLengthOptions,
    }
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let Some(pr) = &doc.prfaq else {
        return;
    };
    if pr.form != PressReleaseForm::Release {
        return;
    }
    let words: usize = pr
        .press_release
        .clone()
        .filter(|&i| !pr.is_template(i))
        .flat_map(|i| doc.block_prose(i).iter())
        .map(|r| crate::text::word_count(doc.slice(r.clone())))
        .sum();
    let max = settings.rules.max_press_release_words;
    if words > max {
        sink.report(
            press_release_anchor(doc, pr),
            format!("Press release is {words} words; keep it to one page ({max} words or fewer) and move detail into the FAQ"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    fn prfaq(paragraphs: usize) -> String {
        let para =
            "Ferrow Ledger matches every sale, refund and card fee for the owner each night. ";
        let body: Vec<String> = (0..paragraphs).map(|_| para.repeat(4)).collect();
        format!(
            "# Ferrow Ledger closes a café's books every night\n\nPORTLAND, OR — May 4, 2027 — Ferrow today launched Ferrow Ledger.\n\n{}\n\n```text\n{}\n```\n\n## External FAQ\n\n### What does it cost?\n\n{}\n",
            body.join("\n\n"),
            "code words do not count ".repeat(200),
            para.repeat(40)
        )
    }

    #[test]
    fn counts_the_press_release_prose_only() {
        // 8 paragraphs of 56 words plus the headline and summary: under 500.
        assert!(check("PRFAQ003", &prfaq(8)).is_empty());
        let found = check("PRFAQ003", &prfaq(9));
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("1:3 PRFAQ003 Press release is 522 words"),
            "{found:?}"
        );
    }
}
