//! Rule documentation generated from the registry: the page `starlint explain` prints, and the
//! committed `docs/rules/*.md` (a test regenerates them and fails on drift; `UPDATE_DOCS=1 cargo
//! test -p starlint` rewrites them).

use starlint_lint::rule::Rule;

/// `STAR004 result-without-metric (warning, fix: none)`.
pub fn header_line(rule: &Rule) -> String {
    let m = &rule.meta;
    let enabled = if m.default_enabled {
        ""
    } else {
        ", off by default"
    };
    format!(
        "{} {} ({}, fix: {}{enabled})",
        m.code,
        m.name,
        m.severity.as_str(),
        m.fix.as_str()
    )
}

/// What `starlint explain` prints.
pub fn explain_text(rule: &Rule) -> String {
    format!("{}\n\n{}", header_line(rule), rule.meta.doc())
}

/// Generating the Markdown pages (only the docs test writes or compares them).
#[cfg(test)]
mod generate {
    use starlint_lint::rule::{FixKind, Rule};
    use starlint_lint::DocKind;

    /// The generated `docs/rules/<CODE>.md`.
    pub fn rule_page(rule: &Rule) -> String {
        let m = &rule.meta;
        let kinds: Vec<&str> = m
            .kinds
            .iter()
            .map(|k| match k {
                DocKind::Star => "STAR stories",
                DocKind::Prfaq => "PR/FAQs",
                DocKind::Other => "other documents",
            })
            .collect();
        format!(
            "<!-- Generated from the rule's doc comment by `UPDATE_DOCS=1 cargo test -p starlint`; do not edit. -->\n\
             # {code}: {name}\n\n\
             {summary}\n\n\
             | | |\n|---|---|\n\
             | Code | `{code}` |\n\
             | Name | `{name}` |\n\
             | Family | {family} |\n\
             | Default severity | {severity} |\n\
             | Enabled by default | {enabled} |\n\
             | Fix | {fix} |\n\
             | Applies to | {kinds} |\n\n\
             {doc}",
            code = m.code,
            name = m.name,
            summary = m.summary,
            family = family_name(rule),
            severity = m.severity.as_str(),
            enabled = if m.default_enabled { "yes" } else { "no" },
            fix = fix_text(m.fix),
            kinds = kinds.join(", "),
            doc = m.doc(),
        )
    }

    /// The generated `docs/rules/README.md`: a table of every rule.
    pub fn index_page(rules: &[&Rule]) -> String {
        let mut out = String::from(
            "<!-- Generated from the rule registry by `UPDATE_DOCS=1 cargo test -p starlint`; do not edit. -->\n\
             # starlint rules\n\n\
             Every rule, with its default severity and whether it offers a fix. \
             `starlint explain CODE` prints the same pages in a terminal; select rules by code, name \
             or prefix (`STAR`, `STAR00`) with `--select` / `--ignore` or in `starlint.toml`.\n\n\
             | Code | Name | Severity | Fix | Summary |\n|---|---|---|---|---|\n",
        );
        for rule in rules {
            let m = &rule.meta;
            out.push_str(&format!(
                "| [{code}]({code}.md) | `{name}` | {severity} | {fix} | {summary} |\n",
                code = m.code,
                name = m.name,
                severity = m.severity.as_str(),
                fix = m.fix.as_str(),
                summary = m.summary.replace('|', "\\|"),
            ));
        }
        out
    }

    fn family_name(rule: &Rule) -> &'static str {
        use starlint_lint::rule::Family;
        match rule.meta.family {
            Family::Star => "STAR stories",
            Family::Lp => "leadership principles",
            Family::Style => "style",
            Family::Doc => "suppression comments",
            Family::Prfaq => "PR/FAQs",
            Family::Bank => "story bank",
        }
    }

    fn fix_text(fix: FixKind) -> &'static str {
        match fix {
            FixKind::None => "none",
            FixKind::Safe => "safe (applied by `--fix`)",
            FixKind::Unsafe => "unsafe (applied by `--fix --unsafe-fixes`)",
            FixKind::Sometimes => "sometimes safe, sometimes unsafe",
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Test code: a failure should stop the test loudly.
mod tests {
    use super::generate::{index_page, rule_page};
    use super::*;
    use starlint_lint::registry::RULES;
    use std::path::PathBuf;

    fn docs_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules")
    }

    /// Regenerates `docs/rules/` in memory and fails on drift; `UPDATE_DOCS=1` writes it.
    #[test]
    fn generated_rule_docs_are_up_to_date() {
        let mut expected: Vec<(String, String)> = RULES
            .iter()
            .map(|r| (format!("{}.md", r.meta.code), rule_page(r)))
            .collect();
        expected.push(("README.md".to_string(), index_page(RULES)));
        let dir = docs_dir();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if path.extension().is_some_and(|e| e == "md")
                    && !expected.iter().any(|(n, _)| *n == name)
                {
                    std::fs::remove_file(&path).unwrap();
                }
            }
            for (name, text) in &expected {
                std::fs::write(dir.join(name), text).unwrap();
            }
            return;
        }
        let mut stale = Vec::new();
        for (name, text) in &expected {
            if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
                stale.push(name.clone());
            }
        }
        let extra: Vec<String> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".md") && !expected.iter().any(|(x, _)| x == n))
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            stale.is_empty() && extra.is_empty(),
            "docs/rules is out of date (stale: {stale:?}, no longer generated: {extra:?}); \
             run `UPDATE_DOCS=1 cargo test -p starlint` and commit the result"
        );
    }

    #[test]
    fn explain_text_starts_with_the_header() {
        let rule = starlint_lint::registry::find("STAR004").unwrap();
        let text = explain_text(rule);
        assert!(
            text.starts_with("STAR004 result-without-metric ("),
            "{text}"
        );
        assert!(text.contains("## What it does"), "{text}");
    }
}
