//! The coverage table as text, for the terminal and the editor: presentation, kept out of the
//! engine, which only builds the [`Coverage`].

use starlint_lint::bank::coverage::{Coverage, Row};
use std::fmt::Write as _;

/// Colours for the text table; `plain()` for none.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub ok: anstyle::Style,
    pub below: anstyle::Style,
    pub dim: anstyle::Style,
    pub heading: anstyle::Style,
}

impl Paint {
    pub fn plain() -> Self {
        let none = anstyle::Style::new();
        Paint {
            ok: none,
            below: none,
            dim: none,
            heading: none,
        }
    }

    pub fn colored() -> Self {
        use anstyle::AnsiColor;
        Paint {
            ok: AnsiColor::Green.on_default(),
            below: AnsiColor::Red.on_default().bold(),
            dim: anstyle::Style::new().dimmed(),
            heading: anstyle::Style::new().bold(),
        }
    }
}

/// The readable coverage table (`starlint coverage`, and the server's coverage command).
pub fn coverage_text(c: &Coverage, paint: Paint) -> String {
    let mut out = String::new();
    let width = c.rows().map(|r| r.name.chars().count()).max().unwrap_or(0);
    let located = |i: usize| -> String {
        c.stories.get(i).map_or_else(String::new, |s| {
            format!(
                "{}  {}({}:{}){}",
                s.title,
                paint.dim.render(),
                s.path,
                s.line,
                paint.dim.render_reset()
            )
        })
    };
    let heading = |out: &mut String, text: &str| {
        let _ = writeln!(
            out,
            "{}{text}{}",
            paint.heading.render(),
            paint.heading.render_reset()
        );
    };

    if let Some((path, ranked)) = &c.jd {
        heading(
            &mut out,
            &format!("Job description {path}: principles it emphasises"),
        );
        if ranked.is_empty() {
            let _ = writeln!(out, "  (no principle's phrases found)");
        }
        for (n, j) in ranked.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {:>2}. {:<width$}  {:>2}  {}",
                n + 1,
                j.name,
                j.score,
                j.phrases.join(", ")
            );
        }
        let _ = writeln!(out);
    }

    heading(
        &mut out,
        &format!(
            "Story bank: {} in {}; target {} per principle",
            plural(c.stories.len(), "story", "stories"),
            plural(c.files, "file", "files"),
            c.target
        ),
    );
    for section in &c.sections {
        let _ = writeln!(out);
        heading(&mut out, &format!("{}:", section.heading));
        for row in &section.rows {
            let count = row.stories.len();
            let (style, mark, tally, note) = if !row.required {
                (
                    paint.dim,
                    "[  ]",
                    count.to_string(),
                    "  not required".to_string(),
                )
            } else if row.below() {
                let missing = row.target.saturating_sub(count);
                (
                    paint.below,
                    "[!!]",
                    format!("{count}/{}", row.target),
                    format!("  below target: needs {missing} more"),
                )
            } else {
                (
                    paint.ok,
                    "[ok]",
                    format!("{count}/{}", row.target),
                    String::new(),
                )
            };
            let _ = writeln!(
                out,
                "{}{mark}{} {:<width$}  {tally:>5}{}{note}{}",
                style.render(),
                style.render_reset(),
                row.name,
                style.render(),
                style.render_reset(),
            );
            for &i in &row.stories {
                let _ = writeln!(out, "       - {}", located(i));
            }
        }
    }

    let _ = writeln!(out);
    heading(
        &mut out,
        &format!("Stories with no principle ({}):", c.untagged.len()),
    );
    for &i in &c.untagged {
        let _ = writeln!(out, "       - {}", located(i));
    }
    heading(
        &mut out,
        &format!(
            "Stories with more than {} principles ({}):",
            c.max_principles,
            c.over_tagged.len()
        ),
    );
    for &i in &c.over_tagged {
        let _ = writeln!(out, "       - {}", located(i));
    }

    let required: Vec<&Row> = c.rows().filter(|r| r.required).collect();
    let below = required.iter().filter(|r| r.below()).count();
    let _ = writeln!(out);
    let style = if below > 0 { paint.below } else { paint.ok };
    let _ = writeln!(
        out,
        "{}{below} of {} below target.{}",
        style.render(),
        plural(required.len(), "principle", "principles"),
        style.render_reset()
    );
    if let Some((_, ranked)) = &c.jd {
        let need: Vec<&str> = ranked
            .iter()
            .filter(|j| {
                required
                    .iter()
                    .any(|r| r.name == j.name && r.stories.len() < r.target)
            })
            .map(|j| j.name.as_str())
            .collect();
        if need.is_empty() {
            let _ = writeln!(
                out,
                "The bank covers every principle the job description emphasises."
            );
        } else {
            let _ = writeln!(
                out,
                "Needs a story for the job description: {}.",
                need.join(", ")
            );
        }
    }
    out
}

/// `1 story`, `2 stories`.
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}
