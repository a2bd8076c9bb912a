//! DOC001: a suppression comment that names an unknown rule or cannot be understood.

use crate::document::Document;
use crate::linter::is_rule_name;
use crate::rule::Sink;

crate::declare_rule! {
    /// ## What it does
    /// Checks every `<!-- starlint-… -->` comment: the directive must be one of
    /// `starlint-disable`, `starlint-enable`, `starlint-disable-next-line` or
    /// `starlint-disable-file`, and every rule it names must exist (a code such as `STAR005`
    /// or a name such as `we-language`).
    ///
    /// ## Why it matters
    /// A misspelt suppression silently suppresses nothing, so the problem it was meant to
    /// silence keeps showing, or a later rename leaves a comment that no longer does anything.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- starlint-disable-next-line STAR05 -->
    /// ```
    /// Use instead:
    /// ```markdown
    /// <!-- starlint-disable-next-line STAR005 -->
    /// ```
    ///
    /// ## Options
    /// None.
    ///
    /// ## Fix safety
    /// No fix: only the author knows which rule was meant.
    pub static RULE = {
        code: "DOC001",
        name: "invalid-suppression",
        family: Doc,
        severity: Warning,
        fix: None,
        kinds: [Star, Prfaq],
        summary: "A suppression comment names an unknown rule or is malformed",
        suppressions: report,
    }
}

/// Run by the linter after the other rules' diagnostics were suppressed (see `linter.rs`).
fn report(
    doc: &Document,
    _settings: &crate::settings::Settings,
    _used: &[Vec<bool>],
    sink: &mut Sink,
) {
    for s in &doc.suppressions {
        if let Some(why) = &s.malformed {
            sink.report(
                s.range.clone(),
                format!("Malformed suppression comment: {why}"),
            );
            continue;
        }
        for (name, range) in &s.rules {
            if !is_rule_name(name) {
                // Suggest in the form the author used: a code for a code, a name for a name.
                let by_code = name.chars().any(|c| c.is_ascii_digit());
                let hint = crate::registry::RULES
                    .iter()
                    .map(|r| {
                        let candidate = if by_code { r.meta.code } else { r.meta.name };
                        (
                            strsim::levenshtein(
                                &name.to_ascii_lowercase(),
                                &candidate.to_ascii_lowercase(),
                            ),
                            candidate,
                        )
                    })
                    .min()
                    .filter(|(d, _)| *d <= 2)
                    .map(|(_, c)| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                sink.report(
                    range.clone(),
                    format!("Suppression names unknown rule `{name}`{hint}"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn flags_unknown_rules_and_directives() {
        let src = "# S\n\n**Situation:** x.\n\n**Action:** I did it.\n\n<!-- starlint-disable-next-line STAR05 -->\n<!-- starlint-disabel STAR005 -->\n";
        let found = check("DOC001", src);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("did you mean `STAR005`"), "{found:?}");
        assert!(found[1].contains("Malformed"), "{found:?}");
    }
}
