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

/// The coach's page: the grade formula and the probe table, from their data
/// (`starlint explain grade`, and the committed `docs/coach.md`).
pub fn coach_page() -> String {
    use starlint_lint::coach::data;
    let mut out = String::from(
        "<!-- Generated from crates/lint/data/coach/*.toml by `UPDATE_DOCS=1 cargo test -p starlint`; do not edit. -->\n\
         # The coach: readiness grade and follow-up probes\n\n\
         `starlint coverage` grades every story 0-100 and `starlint probe` lists the questions an \
         interviewer will ask next. Both read the story's diagnostics and facts of its model, through \
         two tables that are data (`crates/lint/data/coach/grade.toml`, `probes.toml`), so a grade is \
         the same on every run and every lost point says why.\n\n\
         ## The grade\n\n\
         A story starts at 100. Each row below costs `points` per diagnostic or fact in the story, up \
         to `max`; the grade never goes below 0. A rule the configuration turns off costs nothing. \
         \"What raises it most\" lists the losses biggest first. In an editor, a code lens above \
         each story's title reads `Grade 72 · 3 fixes to 90 · first: put a number in the Result \
         (+15)` (how many of those fixes reach 90, then the biggest), and hovering the title lists \
         every loss and the story's probes.\n\n\
         | When | Points | Max | Fix |\n|---|---|---|---|\n",
    );
    for row in data::grade_table() {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            row.when, row.points, row.max, row.fix
        ));
    }
    out.push_str(
        "\nFacts of the model: `no-tag` (no principle tag), `principle-not-shown` (a tagged \
         principle whose evidence keywords the text lacks), `no-learning` (no Learning part), \
         `short-action` (an Action under 40 words), `no-numbers` (no digit in the story).\n\n\
         `coverage` shows the bank's distribution (90-100, 75-89, 50-74, 0-49), the weakest \
         stories with what raises each most, and the principles whose best story grades under 75 \
         (or that no story is tagged with).\n\n\
         ## The probes\n\n\
         Each row raises its question once per story when its rule reports in the story or its \
         fact holds. A tagged principle the text does not show asks that principle's own probe \
         from the question list (`crates/lint/data/questions/`) of the value set in force \
         (`[principles] set`, `--set`, or the editor's settings).\n\n\
         | When | Question | Why |\n|---|---|---|\n",
    );
    for row in data::probe_table() {
        out.push_str(&format!("| `{}` | {} | {} |\n", row.when, row.ask, row.why));
    }
    out
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

    /// `docs/coach.md` is generated from the coach's data; `UPDATE_DOCS=1` writes it.
    #[test]
    fn coach_page_is_up_to_date() {
        let path = docs_dir().join("../coach.md");
        let text = coach_page();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &text).unwrap();
            return;
        }
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some(text.as_str()),
            "docs/coach.md is out of date; run `UPDATE_DOCS=1 cargo test -p starlint`"
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
