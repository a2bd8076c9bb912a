//! DOC002: a suppression comment that suppressed nothing.

use crate::document::Document;
use crate::linter::is_rule_name;

use crate::rule::Sink;
use crate::suppress::SuppressionKind;

crate::declare_rule! {
    /// ## What it does
    /// Reports a suppression comment (or one rule named in it) that did not suppress any
    /// diagnostic. A rule that is turned off in the configuration is not reported: its
    /// suppression may matter again once the rule is on.
    ///
    /// ## Why it matters
    /// Stale suppressions hide future problems: once the text is fixed, the comment should go,
    /// or it will silence the next real problem on that line.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- starlint-disable-next-line we-language -->
    /// **Action:** I rewrote the importer.
    /// ```
    /// Use instead: delete the comment.
    ///
    /// ## Options
    /// None.
    ///
    /// ## Fix safety
    /// No fix.
    pub static RULE = {
        code: "DOC002",
        name: "unused-suppression",
        family: Doc,
        severity: Info,
        fix: None,
        kinds: [Star, Prfaq],
        summary: "A suppression comment suppressed nothing",
        suppressions: report,
    }
}

/// Run by the linter after the other rules' diagnostics were suppressed (see `linter.rs`).
fn report(
    doc: &Document,
    settings: &crate::settings::Settings,
    used: &[Vec<bool>],
    sink: &mut Sink,
) {
    for (s, flags) in doc.suppressions.iter().zip(used) {
        if s.malformed.is_some() || s.kind == SuppressionKind::Enable {
            continue;
        }
        if s.rules.is_empty() {
            if !flags.first().copied().unwrap_or(true) {
                sink.report(s.range.clone(), "Suppression comment suppresses nothing");
            }
            continue;
        }
        for ((name, range), &was_used) in s.rules.iter().zip(flags) {
            // A rule that is turned off cannot report, so its suppression is not stale; nor can
            // a bank rule be judged from one file.
            if !was_used
                && is_rule_name(name)
                && crate::linter::rule_enabled(name, settings)
                && !is_bank_rule(name)
            {
                sink.report(
                    range.clone(),
                    format!("`{name}` is suppressed here but reports nothing"),
                );
            }
        }
    }
}

fn is_bank_rule(name: &str) -> bool {
    crate::registry::find(name).is_some_and(|r| r.meta.family == crate::rule::Family::Bank)
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn flags_suppressions_that_do_nothing() {
        // DOC002 is on (it is the rule under test), so naming it counts; STAR005 is off here.
        let src = "# S\n\n**Situation:** x.\n\n<!-- starlint-disable-next-line DOC002 -->\n**Action:** I did it.\n<!-- starlint-disable-next-line STAR005 -->\nWe did.\n";
        let found = check("DOC002", src);
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
