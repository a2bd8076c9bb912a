//! STAR012: a story with no short version in a file whose other stories keep one.

use crate::coach::ladder::short_version;
use crate::document::Document;
use crate::rule::Sink;
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports a story that has no short version (a `### 30-second version` part, see STAR011)
    /// when other stories of the same file have one: the author keeps a length ladder, and this
    /// story is missing its lowest rung. A file where no story has a short version gets
    /// nothing.
    ///
    /// ## Why it matters
    /// "Give me the short version" is a common opener. Preparing it for some stories and not
    /// others leaves a gap you find out about in the interview.
    ///
    /// ## Example
    /// ```markdown
    /// ## Fixing the deploy
    /// …
    /// ### 30-second version
    /// …
    ///
    /// ## Cutting the bill
    /// …
    /// ```
    /// Add a `### 30-second version` to the second story.
    ///
    /// ## Options
    /// None.
    ///
    /// ## Fix safety
    /// No fix.
    pub static RULE = {
        code: "STAR012",
        name: "missing-short-version",
        family: Star,
        severity: Info,
        fix: None,
        kinds: [Star],
        summary: "A story has no short version though others in its file do",
        check: check,
    }
}

fn check(doc: &Document, _settings: &Settings, sink: &mut Sink) {
    let has: Vec<bool> = doc
        .stories
        .iter()
        .map(|s| short_version(doc, s).is_some())
        .collect();
    if !has.contains(&true) {
        return;
    }
    for (story, _) in doc.stories.iter().zip(&has).filter(|(_, h)| !**h) {
        sink.report(
            story.title_range.clone(),
            "Story has no short version, though others in this file do (add a `### 30-second version`)".to_string(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn only_when_the_author_keeps_short_versions() {
        let one = "## A\n\n**Situation:** The build broke.\n\n**Action:** I fixed it.\n\n**Result:** It took 5 minutes.\n\n";
        let two = "## B\n\n**Situation:** The bill grew.\n\n**Action:** I cut it.\n\n**Result:** It fell 40%.\n\n";
        assert!(check("STAR012", &format!("{one}{two}")).is_empty());
        let ladder =
            format!("{one}### 30-second version\n\nI fixed the build in five minutes.\n\n{two}");
        assert_eq!(
            check("STAR012", &ladder),
            ["13:4 STAR012 Story has no short version, though others in this file do (add a `### 30-second version`)"]
        );
    }
}
