//! The bank as one self-contained HTML page: no script, no network; the stylesheet is inline
//! and has print and phone-width rules. Every piece of text from a user's file goes through
//! [`escape`]. The matrix cells carry `data-story` / `data-principle` indices: the same indices
//! as `starlint coverage --format json`, so a test (and the VS Code panel) can read them back.

use super::text::{clock, escape, plural};
use super::{Bank, State, StoryDetail};
use crate::output::sarif::DOCS_BASE;
use starlint_lint::bank::coverage::{Row, StoryRow};
use starlint_lint::PartKind;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

const STYLE: &str = include_str!("report.css");

/// How story links are written: relative to the directory the page is written in.
pub(crate) struct Links {
    /// The current directory (story paths are shown relative to it).
    pub cwd: PathBuf,
    /// The directory the page goes to.
    pub page_dir: PathBuf,
}

impl Links {
    /// A relative URL from the page to a story's file.
    pub fn href(&self, shown: &str) -> String {
        let target = self.cwd.join(shown);
        let rel = relative(&self.page_dir, &target);
        url_path(&rel)
    }
}

/// `to` relative to the directory `from` (both absolute, neither resolved through links).
fn relative(from: &Path, to: &Path) -> String {
    let norm = |p: &Path| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::Normal(s) => out.push(s.to_string_lossy().into_owned()),
                _ => {}
            }
        }
        out
    };
    let (from, to) = (norm(from), norm(to));
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(to.iter().skip(common).map(String::as_str));
    parts.join("/")
}

/// Percent-encode a relative path for an `href` (slashes kept).
fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A state's badge text and mark (the mark is never the only sign: the word is there too).
fn badge(state: State) -> (&'static str, &'static str) {
    match state {
        State::Clean => ("✓", "Clean"),
        State::Warnings => ("!", "Warnings"),
        State::Errors => ("✗", "Errors"),
    }
}

/// The whole page.
pub(crate) fn render(bank: &Bank, title: &str, links: &Links) -> String {
    let c = &bank.coverage;
    let rows: Vec<&Row> = c.rows().collect();
    let mut out = String::with_capacity(4096 + c.stories.len() * (600 + rows.len() * 60));
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"starlint {}\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n\
         </head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(title)
    );
    header(&mut out, bank, &rows, title);
    out.push_str("<main>\n");
    if let Some((name, ranked)) = &c.jd {
        let _ = write!(
            out,
            "<section class=\"jd\" aria-labelledby=\"jd-h\">\n<h2 id=\"jd-h\">What the job description emphasises</h2>\n\
             <p class=\"note\">From <code>{}</code>, strongest first; these principles are marked ★ below.</p>\n",
            escape(name)
        );
        if ranked.is_empty() {
            out.push_str("<p>No principle's phrases were found in it.</p>\n");
        } else {
            out.push_str("<ol>\n");
            for j in ranked {
                let _ = writeln!(
                    out,
                    "<li><strong>{}</strong> ({}): {}</li>",
                    escape(&j.name),
                    plural(j.score, "phrase", "phrases"),
                    escape(&j.phrases.join(", "))
                );
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</section>\n");
    }
    matrix(&mut out, bank, &rows);
    principles(&mut out, bank);
    stories(&mut out, bank, links);
    out.push_str("</main>\n<footer>\n");
    let _ = writeln!(
        out,
        "<p>Made by starlint {}. Spoken time at {} words a minute.{}</p>",
        env!("CARGO_PKG_VERSION"),
        bank.words_per_minute,
        if bank.outside > 0 {
            format!(
                " {} outside any story (in PR/FAQs or other files): <code>starlint check</code> lists them.",
                plural(bank.outside, "diagnostic is", "diagnostics are")
            )
        } else {
            String::new()
        }
    );
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

/// Is a principle one the job description emphasises?
fn emphasised(bank: &Bank, name: &str) -> bool {
    bank.coverage
        .jd
        .as_ref()
        .is_some_and(|(_, ranked)| ranked.iter().any(|j| j.name == name))
}

fn header(out: &mut String, bank: &Bank, rows: &[&Row], title: &str) {
    let c = &bank.coverage;
    let required = rows.iter().filter(|r| r.required).count();
    let below = rows.iter().filter(|r| r.below()).count();
    let count = |state: State| bank.stories.iter().filter(|s| s.state() == state).count();
    let _ = write!(
        out,
        "<header>\n<h1>{}</h1>\n<p class=\"summary\">{} in {}; target {} per principle; \
         <strong>{below} of {}</strong> below target.</p>\n\
         <ul class=\"legend\" aria-label=\"Story states\">\n",
        escape(title),
        plural(c.stories.len(), "story", "stories"),
        plural(c.files, "file", "files"),
        c.target,
        plural(required, "principle", "principles"),
    );
    for state in [State::Clean, State::Warnings, State::Errors] {
        let (mark, word) = badge(state);
        let _ = writeln!(
            out,
            "<li><span class=\"cell state-{}\" aria-hidden=\"true\">{mark}</span> {word}: {}</li>",
            state.name(),
            count(state)
        );
    }
    out.push_str("</ul>\n</header>\n");
}

fn matrix(out: &mut String, bank: &Bank, rows: &[&Row]) {
    let c = &bank.coverage;
    out.push_str(
        "<section aria-labelledby=\"matrix-h\">\n<h2 id=\"matrix-h\">Principles × stories</h2>\n",
    );
    if c.stories.is_empty() {
        out.push_str("<p>No stories found. A story is a Markdown section with Situation, Task, Action and Result.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<div class=\"scroll\" tabindex=\"0\" role=\"group\" aria-label=\"The matrix (scrolls)\">\n\
         <table class=\"matrix\">\n<thead>\n<tr><th scope=\"col\" class=\"corner\">Story</th>",
    );
    for (k, row) in rows.iter().enumerate() {
        let star = if emphasised(bank, &row.name) {
            " ★"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"p{}\" data-principle=\"{k}\"><span>{}{star}</span></th>",
            if star.is_empty() { "" } else { " jd" },
            escape(&row.name)
        );
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    // Which rows each story is in, without a search per cell.
    let mut covers: Vec<Vec<bool>> = vec![vec![false; rows.len()]; c.stories.len()];
    for (k, row) in rows.iter().enumerate() {
        for &i in &row.stories {
            if let Some(cell) = covers.get_mut(i).and_then(|r| r.get_mut(k)) {
                *cell = true;
            }
        }
    }
    let empty = StoryDetail::default();
    for (i, (story, hits)) in c.stories.iter().zip(&covers).enumerate() {
        let detail = bank.stories.get(i).unwrap_or(&empty);
        let state = detail.state();
        let (mark, word) = badge(state);
        let _ = write!(
            out,
            "<tr data-story=\"{i}\"><th scope=\"row\"><a href=\"#story-{i}\">{}</a></th>",
            escape(&title_of(story))
        );
        for (k, hit) in hits.iter().enumerate() {
            if *hit {
                let _ = write!(
                    out,
                    "<td class=\"cell state-{}\" data-principle=\"{k}\">{mark}<span class=\"vh\"> {word}</span></td>",
                    state.name()
                );
            } else {
                out.push_str("<td></td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n<tfoot>\n<tr><th scope=\"row\">Stories / target</th>");
    for row in rows {
        let (class, text) = tally(row);
        let _ = write!(out, "<td class=\"count {class}\">{text}</td>");
    }
    out.push_str("</tr>\n</tfoot>\n</table>\n</div>\n</section>\n");
}

/// A principle's count against its target: class and text.
fn tally(row: &Row) -> (&'static str, String) {
    let n = row.stories.len();
    if !row.required {
        ("optional", n.to_string())
    } else if row.below() {
        ("below", format!("{n}/{}", row.target))
    } else {
        ("ok", format!("{n}/{}", row.target))
    }
}

fn title_of(story: &StoryRow) -> String {
    if story.title.trim().is_empty() {
        "(untitled story)".to_string()
    } else {
        story.title.clone()
    }
}

fn story_link(out: &mut String, bank: &Bank, i: usize) {
    if let Some(story) = bank.coverage.stories.get(i) {
        let _ = write!(
            out,
            "<a href=\"#story-{i}\">{}</a> <span class=\"where\">{}:{}</span>",
            escape(&title_of(story)),
            escape(&story.path),
            story.line
        );
    }
}

fn principles(out: &mut String, bank: &Bank) {
    let c = &bank.coverage;
    out.push_str(
        "<section aria-labelledby=\"principles-h\">\n<h2 id=\"principles-h\">Stories per principle</h2>\n",
    );
    for section in &c.sections {
        let _ = write!(
            out,
            "<h3>{}</h3>\n<table class=\"principles\">\n<thead><tr><th scope=\"col\">Principle</th>\
             <th scope=\"col\">Stories</th><th scope=\"col\">Status</th><th scope=\"col\">Which</th></tr></thead>\n<tbody>\n",
            escape(section.heading)
        );
        for row in &section.rows {
            let (class, text) = tally(row);
            let status = match class {
                "optional" => "not required by the role".to_string(),
                "below" => format!(
                    "below target: needs {} more",
                    row.target.saturating_sub(row.stories.len())
                ),
                _ => "on target".to_string(),
            };
            let star = if emphasised(bank, &row.name) {
                " ★"
            } else {
                ""
            };
            let _ = write!(
                out,
                "<tr class=\"{class}\"><th scope=\"row\">{}{star}</th><td class=\"count\">{text}</td><td>{status}</td><td>",
                escape(&row.name)
            );
            if !row.stories.is_empty() {
                out.push_str("<ul>");
                for &i in &row.stories {
                    out.push_str("<li>");
                    story_link(out, bank, i);
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    for (heading, list) in [
        ("Stories with no principle", &c.untagged),
        (
            &*format!("Stories with more than {} principles", c.max_principles),
            &c.over_tagged,
        ),
    ] {
        let _ = writeln!(out, "<h3>{heading} ({})</h3>", list.len());
        if list.is_empty() {
            out.push_str("<p class=\"note\">None.</p>\n");
            continue;
        }
        out.push_str("<ul>\n");
        for &i in list.iter() {
            out.push_str("<li>");
            story_link(out, bank, i);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn stories(out: &mut String, bank: &Bank, links: &Links) {
    let c = &bank.coverage;
    if c.stories.is_empty() {
        return;
    }
    out.push_str("<section aria-labelledby=\"stories-h\">\n<h2 id=\"stories-h\">Stories</h2>\n");
    let empty = StoryDetail::default();
    for (i, story) in c.stories.iter().enumerate() {
        let detail = bank.stories.get(i).unwrap_or(&empty);
        let state = detail.state();
        let (mark, word) = badge(state);
        let _ = write!(
            out,
            "<article id=\"story-{i}\" class=\"story\" aria-labelledby=\"story-{i}-h\">\n\
             <h3 id=\"story-{i}-h\"><span class=\"badge state-{}\">{mark} {word}</span> {}</h3>\n\
             <p class=\"where\"><a href=\"{}\" data-path=\"{}\" data-line=\"{}\">{}:{}</a></p>\n<dl>\n",
            state.name(),
            escape(&title_of(story)),
            escape(&links.href(&story.path)),
            escape(&story.path),
            story.line,
            escape(&story.path),
            story.line
        );
        let principles = if story.principles.is_empty() {
            "none".to_string()
        } else {
            story
                .principles
                .iter()
                .map(|p| escape(p))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = write!(
            out,
            "<dt>Principles</dt><dd>{principles}</dd>\n<dt>Parts</dt><dd>"
        );
        if story.parts.is_empty() {
            out.push_str("told without part labels");
        }
        let present = PartKind::ALL
            .iter()
            .filter(|kind| story.parts.iter().any(|p| p == kind.name()));
        for kind in present.clone() {
            let _ = write!(out, "<span class=\"part\">{}</span> ", kind.name());
        }
        if !story.parts.is_empty() {
            for kind in PartKind::ALL
                .iter()
                .filter(|k| !present.clone().any(|p| p == *k))
            {
                let _ = write!(
                    out,
                    "<span class=\"part missing\">no {}</span> ",
                    kind.name()
                );
            }
        }
        let _ = write!(
            out,
            "</dd>\n<dt>Length</dt><dd>{}, about {} spoken</dd>\n</dl>\n",
            plural(story.words, "word", "words"),
            clock(detail.seconds)
        );
        if detail.diagnostics.is_empty() {
            out.push_str("<p class=\"note\">No diagnostics.</p>\n");
        } else {
            out.push_str("<ul class=\"diagnostics\">\n");
            for d in &detail.diagnostics {
                let _ = writeln!(
                    out,
                    "<li class=\"sev-{sev}\"><span class=\"sev\">{sev}</span> \
                     <a href=\"{DOCS_BASE}{code}.md\">{code}</a> <span class=\"where\">{}:{}</span> {}</li>",
                    d.line,
                    d.column,
                    escape(&d.message),
                    sev = d.severity.as_str(),
                    code = d.code,
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        let links = Links {
            cwd: PathBuf::from("/home/me/bank"),
            page_dir: PathBuf::from("/home/me/out"),
        };
        assert_eq!(links.href("stories/a b.md"), "../bank/stories/a%20b.md");
        let here = Links {
            cwd: PathBuf::from("/w"),
            page_dir: PathBuf::from("/w"),
        };
        assert_eq!(here.href("./x/../y.md"), "y.md");
        assert_eq!(here.href("/abs/z.md"), "../abs/z.md");
    }
}
