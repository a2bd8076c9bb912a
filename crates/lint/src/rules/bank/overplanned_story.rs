//! BANK003: one story planned as the answer to questions of too many principles in one loop.

use crate::bank::{BankFile, BankSink};
use crate::coach::{plan, StoryProfile};
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Maps each question of the interview loop (`[bank] questions`, a file with one question
    /// per line or a posting) to the bank's best story, as `starlint coverage --questions`
    /// does, and reports a story that is the best answer to questions of more than `[bank]
    /// max-principles-per-story` (default 2) different principles. It reads a set of files (a
    /// directory given to `check`, or the editor's workspace) and is silent without a loop.
    /// It reads the bank's summaries, so a story's open problems do not count against it here
    /// as they do in `coverage --questions`.
    ///
    /// ## Why it matters
    /// Interviewers in a loop compare notes afterwards. The same story told to three of them as
    /// proof of three different principles reads as a bank with one story.
    ///
    /// ## Example
    /// A loop asking about disagreement, a deadline and a customer, all best answered by "The
    /// launch date": write or sharpen a second story for one of them.
    ///
    /// ## Options
    /// `[bank]`: `questions` (the loop's questions), `max-principles-per-story` (default 2).
    ///
    /// ## Fix safety
    /// No fix: only you know which other story to tell.
    pub static RULE = {
        code: "BANK003",
        name: "overplanned-story",
        family: Bank,
        severity: Warning,
        fix: None,
        kinds: [],
        summary: "One story is the best answer to questions of too many principles in one loop",
        bank: check_bank,
    }
}

fn check_bank(files: &[BankFile], settings: &Settings, sink: &mut BankSink) {
    if settings.loop_questions.is_empty() {
        return;
    }
    // Each story as the matcher reads it: its tags, the principles its words show, its words.
    let mut at: Vec<(usize, usize)> = Vec::new();
    let mut profiles: Vec<StoryProfile> = Vec::new();
    for (fi, file) in files.iter().enumerate() {
        for (si, s) in file.summary.stories.iter().enumerate() {
            at.push((fi, si));
            profiles.push(StoryProfile {
                title: s.title.clone(),
                line: s.line,
                range: s.range.clone(),
                principles: s.principles.clone(),
                shown: s.shown.iter().map(|p| (p.clone(), 1)).collect(),
                keywords: s.keywords.clone(),
                words: s.words,
                problems: Vec::new(),
                facts: Vec::new(),
            });
        }
    }
    let refs: Vec<&StoryProfile> = profiles.iter().collect();
    let plan = plan(&settings.loop_questions, &refs, settings);
    for o in &plan.overused {
        let (Some(&(file, story)), Some(profile)) = (at.get(o.story), profiles.get(o.story)) else {
            continue;
        };
        sink.report(
            files,
            file,
            Some(story),
            profile.range.clone(),
            format!(
                "Story is the best answer to {} questions of {} principles in this loop ({}); plan another story for some (at most {} per story)",
                o.questions.len(),
                o.principles.len(),
                o.principles.join(", "),
                plan.max_principles
            ),
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::bank::{lint_bank, summarize, BankFile};
    use crate::config::Options;
    use crate::document::Document;

    #[test]
    fn a_story_answering_two_principles_questions_with_a_limit_of_one() {
        let mut options = Options::default();
        options.bank.max_principles_per_story = Some(1);
        options.select = Some(vec!["BANK003".to_string()]);
        let mut settings = crate::config::settings_from(&options, None).unwrap_or_default();
        settings.loop_questions = vec![
            "Tell me about a time you disagreed with your manager.".to_string(),
            "Tell me about a time you delivered a project under a tight deadline.".to_string(),
        ];
        let text = "## Pushing back on the launch date\n\n**Leadership Principles:** Have Backbone; Disagree and Commit, Deliver Results\n\n**Situation:** My manager set a launch date I thought was too early.\n\n**Action:** I disagreed with my manager and showed the data, then committed and delivered the project before the deadline.\n\n**Result:** We launched on time with 0 incidents.\n";
        let doc = Document::new(text, &settings, None);
        let summary = summarize(&doc, &settings);
        assert!(!summary.stories[0].keywords.is_empty());
        let files = [BankFile {
            path: "a.md",
            summary: &summary,
        }];
        let (found, _) = lint_bank(&files, &settings);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .diagnostic
            .message
            .starts_with("Story is the best answer to 2 questions of 2 principles in this loop"));
        settings.max_principles_per_story = 2;
        assert!(lint_bank(&files, &settings).0.is_empty());
    }
}
