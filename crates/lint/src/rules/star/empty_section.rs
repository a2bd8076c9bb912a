//! STAR002: a part whose marker is there but holds no prose.

use crate::document::Document;
use crate::rule::Sink;
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports a STAR part that has a marker but no prose: only whitespace, or the next
    /// marker straight after it.
    ///
    /// ## Why it matters
    /// An empty part is usually a draft left half-written; in the interview it becomes a gap
    /// you fill by improvising.
    ///
    /// ## Example
    /// ```markdown
    /// **Task:**
    /// **Action:** I rewrote the importer.
    /// ```
    /// Use instead:
    /// ```markdown
    /// **Task:** I had to cut import time below five minutes before the holiday peak.
    /// **Action:** I rewrote the importer.
    /// ```
    ///
    /// ## Options
    /// None.
    ///
    /// ## Fix safety
    /// No fix: only you can write the part.
    pub static RULE = {
        code: "STAR002",
        name: "empty-section",
        family: Star,
        severity: Warning,
        fix: None,
        kinds: [Star],
        summary: "A STAR part is present but holds no prose",
        check: check,
    }
}

fn check(doc: &Document, _settings: &Settings, sink: &mut Sink) {
    for story in &doc.stories {
        let mut reported = Vec::new();
        for part in &story.parts {
            if !part.prose.is_empty() || reported.contains(&part.label) {
                continue;
            }
            reported.push(part.label.clone());
            let names: Vec<&str> = story
                .parts
                .iter()
                .filter(|p| p.label == part.label)
                .map(|p| p.kind.name())
                .collect();
            sink.report(
                part.label.clone(),
                format!("{} part is empty", names.join(" / ")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn empty_and_filled_parts() {
        let src = "## A\n\n**Situation:** x\n**Task:**\n**Action:** I did.\n\n### Result\n\n";
        assert_eq!(
            check("STAR002", src),
            [
                "4:3 STAR002 Task part is empty",
                "7:5 STAR002 Result part is empty"
            ]
        );
    }
}
