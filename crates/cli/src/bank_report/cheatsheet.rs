//! `starlint export --format cheatsheet`: one printable page for an interview: the principles
//! that matter (the role's and the job description's when given, else every principle with a
//! story), under each its stories, one line each (the Result's first sentence: the line to end
//! on). HTML with a print stylesheet; no script.

use super::text::{escape, first_sentence};
use super::{Bank, StoryDetail};
use starlint_lint::bank::coverage::Row;
use std::fmt::Write as _;

const STYLE: &str = include_str!("cheatsheet.css");
/// Words of a story's one line.
const LINE_WORDS: usize = 22;

/// Which principles the sheet keeps: those the role requires or the job description stresses
/// (they lead the coverage table), else every principle with at least one story.
fn chosen(bank: &Bank) -> (Vec<&Row>, bool) {
    let c = &bank.coverage;
    let focused = c.sections.len() > 1 || c.jd.as_ref().is_some_and(|(_, r)| !r.is_empty());
    if focused {
        let keep = c.sections.len().saturating_sub(1).max(1);
        let rows = c.sections.iter().take(keep).flat_map(|s| &s.rows).collect();
        (rows, true)
    } else {
        (c.rows().filter(|r| !r.stories.is_empty()).collect(), false)
    }
}

/// The one line a story is remembered by: the Result's first sentence, else the last part's.
fn one_line(detail: &StoryDetail) -> String {
    let pick = detail
        .parts
        .iter()
        .find(|(name, prose)| name == "Result" && !prose.is_empty())
        .or_else(|| {
            detail
                .parts
                .iter()
                .rev()
                .find(|(_, prose)| !prose.is_empty())
        });
    pick.map(|(_, prose)| first_sentence(prose, LINE_WORDS))
        .unwrap_or_default()
}

pub(crate) fn render(bank: &Bank, title: &str) -> String {
    let c = &bank.coverage;
    let (rows, focused) = chosen(bank);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"starlint {}\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n\
         </head>\n<body>\n<header>\n<h1>{}</h1>\n",
        env!("CARGO_PKG_VERSION"),
        escape(title),
        escape(title)
    );
    let scope = match (&c.jd, focused) {
        (Some((name, _)), true) => {
            format!("The principles <code>{}</code> emphasises", escape(name))
        }
        (None, true) => "The principles the role requires".to_string(),
        _ => "Every principle with a story".to_string(),
    };
    let _ = writeln!(
        out,
        "<p class=\"note\">{scope}; each story's line is how it ends.</p>\n</header>\n<main>"
    );
    let empty = StoryDetail::default();
    let mut missing: Vec<&str> = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        if row.stories.is_empty() {
            missing.push(&row.name);
            continue;
        }
        let _ = write!(
            out,
            "<section aria-labelledby=\"p{k}\">\n<h2 id=\"p{k}\">{}</h2>\n<ul>\n",
            escape(&row.name)
        );
        for &i in &row.stories {
            let Some(story) = c.stories.get(i) else {
                continue;
            };
            let detail = bank.stories.get(i).unwrap_or(&empty);
            let line = one_line(detail);
            let _ = writeln!(
                out,
                "<li data-story=\"{i}\"><strong>{}</strong>{}</li>",
                escape(&story.title),
                if line.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", escape(&line))
                }
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    if rows.is_empty() {
        out.push_str("<p>No stories found.</p>\n");
    }
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|n| escape(n)).collect();
        let _ = writeln!(
            out,
            "<section class=\"missing\" aria-labelledby=\"gaps\">\n<h2 id=\"gaps\">No story yet</h2>\n<p>{}</p>\n</section>",
            names.join(", ")
        );
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}
