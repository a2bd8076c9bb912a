//! STAR011: a story's short version that takes longer than its limit to say.

use crate::coach::ladder::short_version;
use crate::document::Document;
use crate::rule::Sink;
use crate::rules::star::story_too_long::spoken;
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports a short version of a story that is over its time limit at the configured
    /// speaking pace. A short version is a part headed `### 30-second version` (or `### Short
    /// version`, `### One-minute answer`, `### Elevator pitch`), or `short:` in the front
    /// matter of a file that holds one story. The heading's own time is the limit; otherwise
    /// `short-seconds` (default 30).
    ///
    /// ## Why it matters
    /// Interviewers often ask for the quick version first. A "30-second version" that takes a
    /// minute is the long version told fast.
    ///
    /// ## Example
    /// A `### 30-second version` of 110 words (44 seconds at 150 words a minute): cut it to 75.
    ///
    /// ## Options
    /// `[rules.story-too-long]`: `short-seconds` (default 30), `words-per-minute` (default 150).
    ///
    /// ## Fix safety
    /// No fix.
    pub static RULE = {
        code: "STAR011",
        name: "short-version-too-long",
        family: Star,
        severity: Warning,
        fix: None,
        kinds: [Star],
        summary: "A story's short version is over its time limit (30 seconds unless it names one)",
        check: check,
    }
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let wpm = settings.rules.words_per_minute.max(1);
    for story in &doc.stories {
        let Some(short) = short_version(doc, story) else {
            continue;
        };
        let seconds = short
            .seconds
            .filter(|s| *s > 0)
            .unwrap_or(settings.rules.short_version_seconds);
        let max = seconds * wpm / 60;
        if short.words > max {
            sink.report(
                short.at.clone(),
                format!(
                    "Short version is {} words, about {} spoken at {wpm} words a minute; keep it under {} ({max} words)",
                    short.words,
                    spoken(short.words, wpm),
                    spoken(max, wpm)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    const STORY: &str = "## A\n\n**Situation:** The build broke.\n\n**Action:** I fixed it.\n\n**Result:** It took 5 minutes.\n\n";

    #[test]
    fn a_short_version_over_its_limit() {
        let long = format!("{STORY}### 30-second version\n\n{}\n", "word ".repeat(80));
        assert_eq!(
            check("STAR011", &long),
            ["9:5 STAR011 Short version is 80 words, about 0:32 spoken at 150 words a minute; keep it under 0:30 (75 words)"]
        );
        let fits = format!("{STORY}### 30-second version\n\n{}\n", "word ".repeat(70));
        assert!(check("STAR011", &fits).is_empty());
        let minute = format!("{STORY}### One-minute answer\n\n{}\n", "word ".repeat(120));
        assert!(check("STAR011", &minute).is_empty());
    }

    #[test]
    fn front_matter_short() {
        let text = format!("---\nshort: {}\n---\n\n{STORY}", "word ".repeat(90));
        let found = check("STAR011", &text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("2:1 STAR011 Short version is 90 words"),
            "{found:?}"
        );
    }
}
