//! `starlint rules` (the rule table, or JSON) and `starlint explain RULE` (a rule's doc page).

use crate::args::{ExplainArgs, RulesArgs, RulesFormat};
use crate::docs;
use crate::report::{self, EXIT_ERROR, EXIT_OK};
use serde::Serialize;
use starlint_lint::registry::{self, RULES};

#[derive(Serialize)]
struct JsonRule<'a> {
    code: &'a str,
    name: &'a str,
    family: starlint_lint::rule::Family,
    severity: &'a str,
    fix: &'a str,
    summary: &'a str,
    enabled_by_default: bool,
}

/// `starlint rules [--format json]`.
pub fn rules(args: &RulesArgs) -> u8 {
    let text = match args.format {
        RulesFormat::Json => {
            let list: Vec<JsonRule> = RULES
                .iter()
                .map(|r| JsonRule {
                    code: r.meta.code,
                    name: r.meta.name,
                    family: r.meta.family,
                    severity: r.meta.severity.as_str(),
                    fix: r.meta.fix.as_str(),
                    summary: r.meta.summary,
                    enabled_by_default: r.meta.default_enabled,
                })
                .collect();
            serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
        }
        RulesFormat::Human => table(),
    };
    report::stdout(&text, anstream::ColorChoice::Never);
    EXIT_OK
}

/// Code, name, default severity, fix and summary, in aligned columns.
fn table() -> String {
    let headers = ["CODE", "NAME", "SEVERITY", "FIX", "SUMMARY"];
    let rows: Vec<[String; 5]> = RULES
        .iter()
        .map(|r| {
            let m = &r.meta;
            let severity = if m.default_enabled {
                m.severity.as_str().to_string()
            } else {
                format!("{} (off)", m.severity.as_str())
            };
            [
                m.code.to_string(),
                m.name.to_string(),
                severity,
                m.fix.as_str().to_string(),
                m.summary.to_string(),
            ]
        })
        .collect();
    let mut widths = headers.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut push_row = |cells: &[&str]| {
        let mut line = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<width$}  "));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    push_row(&headers);
    for row in &rows {
        push_row(&row.each_ref().map(String::as_str));
    }
    out
}

/// `starlint explain RULE`.
pub fn explain(args: &ExplainArgs) -> u8 {
    let wanted = args.rule.trim();
    if ["grade", "probe", "probes", "coach"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(wanted))
    {
        report::stdout(&docs::coach_page(), anstream::ColorChoice::Never);
        return EXIT_OK;
    }
    match registry::find(wanted) {
        Some(rule) => {
            report::stdout(&docs::explain_text(rule), anstream::ColorChoice::Never);
            EXIT_OK
        }
        None => {
            let hint = suggestion(wanted)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            report::error(&format!(
                "unknown rule `{wanted}`{hint} (see `starlint rules`)"
            ));
            EXIT_ERROR
        }
    }
}

/// The closest rule code or name, when one is close enough to be a typo.
fn suggestion(wanted: &str) -> Option<&'static str> {
    let wanted = wanted.to_ascii_lowercase();
    RULES
        .iter()
        .flat_map(|r| [r.meta.code, r.meta.name])
        .map(|candidate| {
            (
                strsim::jaro_winkler(&wanted, &candidate.to_ascii_lowercase()),
                candidate,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_a_suggestion() {
        assert!(suggestion("STAR04").is_some_and(|s| s.starts_with("STAR0")));
        assert_eq!(
            suggestion("result-without-metrics"),
            Some("result-without-metric")
        );
        assert_eq!(suggestion("zzzz"), None);
    }

    #[test]
    fn table_lists_every_rule() {
        assert_eq!(table().lines().count(), RULES.len() + 1);
    }
}
