//! STAR008: too little Action, or too much set-up.

use crate::document::Document;
use crate::markers::PartKind;
use crate::rule::Sink;
use crate::rules::part_words;
use crate::settings::Settings;

/// `[rules.unbalanced-story]` in `starlint.toml`. The rule's doc page lists these, generated from here.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BalanceOptions {
    /// Smallest share of the story's words the Action should have.
    pub min_action_share: f64,
    /// Largest share of the story's words the Situation and Task together may have.
    pub max_setup_share: f64,
}

impl Default for BalanceOptions {
    fn default() -> Self {
        BalanceOptions {
            min_action_share: 0.30,
            max_setup_share: 0.50,
        }
    }
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a story whose Action is under 30% of its words, or whose Situation and Task
    /// together are over 50%, once per story, naming every imbalance in one message. Stories
    /// under 50 words are too short to judge and are skipped.
    ///
    /// ## Why it matters
    /// The Action is what you are being hired for. A story that spends its time on background
    /// leaves no room for your decisions.
    ///
    /// ## Example
    /// A 200-word story with 120 words of Situation and 30 of Action: cut the context to what
    /// the listener needs and say what you did, step by step.
    ///
    /// ## Fix safety
    /// No fix.
    pub static RULE = {
        code: "STAR008",
        name: "unbalanced-story",
        family: Star,
        severity: Info,
        fix: None,
        kinds: [Star],
        summary: "Action is under 30% of the story, or Situation + Task over 50%",
        check: check,
        options: BalanceOptions,
    }
}

const MIN_WORDS: usize = 50;

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    for story in &doc.stories {
        if !story.has(PartKind::Action) {
            continue;
        }
        let total = part_words(doc, story, &PartKind::CORE);
        if total < MIN_WORDS {
            continue;
        }
        let action = part_words(doc, story, &[PartKind::Action]);
        let setup = part_words(doc, story, &[PartKind::Situation, PartKind::Task]);
        let min = settings.rules.min_action_share;
        let max = settings.rules.max_setup_share;
        // Rounded, but never onto the limit: a share just under 30% must not read "30%".
        let pct = |n: usize| (n * 100 + total / 2) / total;
        let pct_down = |n: usize| pct(n).min(((min * 100.0).ceil() as usize).saturating_sub(1));
        let pct_up = |n: usize| pct(n).max((max * 100.0).floor() as usize + 1);
        // Every imbalance of the story, named in one message.
        let mut problems = Vec::new();
        if (action as f64) < min * total as f64 {
            problems.push(format!(
                "Action is {}% of the story ({action} of {total} words; aim for at least {:.0}%)",
                pct_down(action),
                min * 100.0
            ));
        }
        if (setup as f64) > max * total as f64 {
            let of = if problems.is_empty() {
                " of the story"
            } else {
                ""
            };
            problems.push(format!(
                "Situation and Task are {}%{of} ({setup} of {total} words; keep the set-up under {:.0}%)",
                pct_up(setup),
                max * 100.0
            ));
        }
        if !problems.is_empty() {
            sink.report(story.title_range.clone(), problems.join("; "));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn setup_heavy_story() {
        let src = format!(
            "## A\n\n**Situation:** {}\n\n**Action:** {}\n\n**Result:** 3 wins.\n",
            "context ".repeat(60),
            "did ".repeat(10)
        );
        let found = check("STAR008", &src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("Action is 14% of the story")
                && found[0].contains("; Situation and Task are 83%"),
            "{found:?}"
        );
    }
}
