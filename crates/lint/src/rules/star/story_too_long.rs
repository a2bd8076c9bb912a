//! STAR007: a story that takes more than two minutes to tell.

use crate::document::Document;
use crate::markers::PartKind;
use crate::rule::Sink;
use crate::rules::part_words;
use crate::settings::Settings;

/// `[rules.story-too-long]` in `starlint.toml`. The rule's doc page lists these, generated from here.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct StoryTooLongOptions {
    /// Longest story, in words: two minutes of speaking at 150 words a minute.
    pub max_words: usize,
    /// Speaking pace used to report a story's spoken time, in words per minute.
    pub words_per_minute: usize,
    /// Longest short version (`### 30-second version`, `short:`), in seconds (see STAR011).
    pub short_seconds: usize,
}

impl Default for StoryTooLongOptions {
    fn default() -> Self {
        StoryTooLongOptions {
            max_words: 300,
            words_per_minute: 150,
            short_seconds: 30,
        }
    }
}

crate::declare_rule! {
    /// ## What it does
    /// Reports a story whose Situation, Task, Action and Result add up to more than 300 words:
    /// over two minutes spoken at 150 words per minute. The Learning part and tag lines are not
    /// counted.
    ///
    /// ## Why it matters
    /// Interviewers budget a few minutes per question and want room for follow-ups. A story
    /// that runs long loses them before the Result.
    ///
    /// ## Example
    /// A 420-word story: cut the Situation to two sentences and keep the Action's decisions.
    ///
    /// A bank written for the UK Civil Service behaviours (`[principles] set =
    /// "civil-service"`, or inferred from its tags) is held to the word limit of one behaviour
    /// answer instead: `[principles] answer-words`, default 250.
    ///
    /// ## Fix safety
    /// No fix.
    pub static RULE = {
        code: "STAR007",
        name: "story-too-long",
        family: Star,
        severity: Warning,
        fix: None,
        kinds: [Star],
        summary: "A story takes more than two minutes to tell (over 300 words)",
        check: check,
        options: StoryTooLongOptions,
    }
}

/// Seconds it takes to say a number of words at a pace (words a minute), rounded up.
pub fn spoken_seconds(words: usize, wpm: usize) -> usize {
    (words * 60).div_ceil(wpm.max(1))
}

/// `m:ss` for a number of words at a pace.
pub fn spoken(words: usize, wpm: usize) -> String {
    let seconds = spoken_seconds(words, wpm);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let wpm = settings.rules.words_per_minute;
    // A Civil Service application limits each behaviour answer, in words.
    if doc.principle_set.is("civil-service") && !settings.rules.max_story_words_configured {
        let max = settings.rules.behaviour_answer_words;
        for story in &doc.stories {
            let words = part_words(doc, story, &PartKind::CORE);
            if words > max {
                sink.report(
                    story.title_range.clone(),
                    format!("Behaviour answer is {words} words; the limit is {max} words"),
                );
            }
        }
        return;
    }
    let max = settings.rules.max_story_words;
    for story in &doc.stories {
        let words = part_words(doc, story, &PartKind::CORE);
        if words > max {
            sink.report(
                story.title_range.clone(),
                format!(
                    "Story is {words} words, about {} spoken at {wpm} words a minute; keep it under {} ({max} words)",
                    spoken(words, wpm),
                    spoken(max, wpm)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn long_and_short() {
        let long = format!(
            "## A\n\n**Situation:** {}\n\n**Action:** I did it.\n\n**Learning:** {}\n",
            "word ".repeat(299),
            "x ".repeat(50)
        );
        let found = check("STAR007", &long);
        assert_eq!(found, ["1:4 STAR007 Story is 302 words, about 2:01 spoken at 150 words a minute; keep it under 2:00 (300 words)"]);
        let short = format!(
            "## A\n\n**Situation:** {}\n\n**Action:** I did.\n",
            "word ".repeat(297)
        );
        assert!(check("STAR007", &short).is_empty());
    }

    #[test]
    fn a_civil_service_answer_has_its_own_limit() {
        // Tagged with Civil Service behaviours: 260 words is over the 250-word answer limit,
        // though under the two-minute story limit.
        let text = format!(
            "## A\n\n**Principles:** Delivering at Pace, Working Together\n\n**Situation:** {}\n\n**Action:** I did it.\n",
            "word ".repeat(257)
        );
        let found = check("STAR007", &text);
        assert_eq!(
            found,
            ["1:4 STAR007 Behaviour answer is 260 words; the limit is 250 words"]
        );
    }
}
