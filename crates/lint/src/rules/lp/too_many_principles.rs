//! LP004: a story tagged with more principles than it can show.

use crate::document::Document;
use crate::rule::Sink;
use crate::settings::Settings;

/// `[rules.too-many-principles]` in `starlint.toml`. The rule's doc page lists these, generated from here.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct TooManyPrinciplesOptions {
    /// Most principles one story may claim.
    pub max: usize,
}

impl Default for TooManyPrinciplesOptions {
    fn default() -> Self {
        TooManyPrinciplesOptions { max: 3 }
    }
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a story tagged with more than 3 distinct principles.
    ///
    /// ## Why it matters
    /// A two-minute story shows one to three principles well. Tagging it with six makes the
    /// bank look fuller than it is and the coverage table misleading.
    ///
    /// ## Example
    /// ```markdown
    /// **LPs:** Ownership, Dive Deep, Bias for Action, Frugality, Earn Trust
    /// ```
    /// Use instead: keep the two or three the story shows best.
    ///
    /// ## Fix safety
    /// No fix: you choose which to keep.
    pub static RULE = {
        code: "LP004",
        name: "too-many-principles",
        family: Lp,
        severity: Warning,
        fix: None,
        kinds: [Star],
        summary: "A story is tagged with more than 3 principles",
        check: check,
        options: TooManyPrinciplesOptions,
    }
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let max = settings.rules.max_principles;
    for story in &doc.stories {
        let mut distinct = Vec::new();
        let mut over = None;
        for tag in &story.tags {
            let Some(p) = tag.principle else { continue };
            if distinct.contains(&p) {
                continue;
            }
            distinct.push(p);
            if distinct.len() == max + 1 {
                over = Some(tag.range.clone());
            }
        }
        if let Some(range) = over {
            sink.report(
                range,
                format!(
                    "Story is tagged with {} principles; keep the {max} it shows best",
                    distinct.len()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn four_is_too_many() {
        let src = "## A\n\nLPs: Ownership, Dive Deep, Frugality, Earn Trust\n\n**Situation:** x\n\n**Action:** y\n";
        assert_eq!(
            check("LP004", src),
            ["3:39 LP004 Story is tagged with 4 principles; keep the 3 it shows best"]
        );
        let ok =
            "## A\n\nLPs: Ownership, Dive Deep, Frugality\n\n**Situation:** x\n\n**Action:** y\n";
        assert!(check("LP004", ok).is_empty());
    }
}
