//! LP003: a principle tag the story's text does not back up.

use crate::document::{Document, TagSource};
use crate::rule::Sink;
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports a tagged principle for which the story's text holds none of that principle's
    /// evidence keywords (for Dive Deep: *root cause*, *metrics*, *logs*, *data*…).
    ///
    /// ## Why it matters
    /// Tagging a story with a principle it does not show sets you up for a follow-up question
    /// you cannot answer from the story.
    ///
    /// ## Example
    /// A story tagged `Frugality` that never mentions cost, budget or doing more with less.
    ///
    /// ## Options
    /// The evidence keywords live in the principle file (`[principles]` in `starlint.toml`).
    ///
    /// ## Fix safety
    /// No fix.
    pub static RULE = {
        code: "LP003",
        name: "unsupported-principle",
        family: Lp,
        severity: Info,
        fix: None,
        kinds: [Star],
        summary: "A tagged principle has no evidence in the story's text",
        check: check,
    }
}

/// Fewer words than this are a placeholder, too few to judge a principle by.
const MIN_WORDS: usize = 5;

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let set = settings.principles();
    for story in &doc.stories {
        // A story slot still to fill (`- Example: TBD`) shows nothing either way.
        let words: usize = story
            .text_prose()
            .into_iter()
            .map(|r| doc.words_in(r).len())
            .sum();
        if words < MIN_WORDS {
            continue;
        }
        let counts = super::evidence_counts(doc, story, set);
        let mut seen = Vec::new();
        for tag in &story.tags {
            let Some(p) = tag.principle else { continue };
            if seen.contains(&p) || counts.get(p).copied().unwrap_or(0) > 0 {
                continue;
            }
            seen.push(p);
            let Some(principle) = set.get(p) else {
                continue;
            };
            if principle.evidence.is_empty() {
                continue;
            }
            let examples: Vec<String> = principle
                .evidence
                .iter()
                .take(3)
                .map(|e| format!("`{e}`"))
                .collect();
            // A heading shared by many stories is a poor place to point: use the story's title.
            let range = if tag.source == TagSource::Heading {
                story.title_range.clone()
            } else {
                tag.range.clone()
            };
            sink.report(
                range,
                format!(
                    "Tagged `{}` but the story shows no sign of it (such as {})",
                    principle.name,
                    examples.join(", ")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn unsupported_tag() {
        let src = "## A\n\nLPs: Frugality, Customer Obsession\n\n**Situation:** Customers waited.\n\n**Action:** I fixed it.\n";
        let found = check("LP003", src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("Tagged `Frugality`"), "{found:?}");
    }

    #[test]
    fn phrases_are_evidence() {
        let src = "## A\n\nLPs: Ownership, Are Right, A Lot\n\n**Situation:** The release job broke every week and nobody was responsible for it.\n\n**Action:** I took it on, wrote a plan and asked the principal engineer to poke holes in it.\n\n**Result:** Breakages fell from 4 a month to 0.\n";
        assert_eq!(check("LP003", src), Vec::<String>::new());
    }
}
