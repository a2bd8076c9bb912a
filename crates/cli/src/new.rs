//! `starlint new story|prfaq`: print (or write with `-o`) a skeleton document to fill in.
//!
//! A skeleton is well formed: starlint reads it as a story (or a PR/FAQ) with every part in
//! place, and the only thing it reports is the placeholders (STYLE003), one per part still to
//! write. Placeholders are `[TODO: …]`, short enough to stay under the long-sentence limit and
//! free of the words other rules flag. A tagged principle's placeholder names a few of its
//! evidence keywords, as a hint of what shows it, which also keeps LP003 quiet until the story
//! is written.

use crate::args::{NewArgs, NewCommon, NewKind, NewStoryArgs};
use crate::paths;
use crate::report::{self, EXIT_ERROR, EXIT_OK};
use crate::walk::io_text;
use starlint_lint::principles::PrincipleSet;
use starlint_lsp::config::{Mode, Overrides, Resolver};
use std::io::Write;
use std::path::Path;

/// Evidence keywords named in a principle's hint.
const HINT_WORDS: usize = 3;

/// Run `starlint new`; returns the exit code.
pub fn run(args: &NewArgs) -> u8 {
    let Some(cwd) = report::current_dir() else {
        return EXIT_ERROR;
    };
    let (text, common) = match &args.kind {
        NewKind::Story(story_args) => match story(story_args, &cwd) {
            Ok(text) => (text, &story_args.common),
            Err(message) => {
                report::error(&message);
                return EXIT_ERROR;
            }
        },
        NewKind::Prfaq(prfaq_args) => (prfaq(&title(&prfaq_args.common)), &prfaq_args.common),
    };
    match &common.output {
        None => {
            report::stdout(&text, anstream::ColorChoice::Never);
            EXIT_OK
        }
        Some(path) => match write_new(path, &text) {
            Ok(()) => EXIT_OK,
            Err(message) => {
                report::error(&format!("{}: {message}", paths::display(path)));
                EXIT_ERROR
            }
        },
    }
}

/// The title from the command line's words, on one line (empty when none were given).
fn title(common: &NewCommon) -> String {
    common
        .title
        .iter()
        .flat_map(|word| word.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The story skeleton, with its principles checked against the active principle set (the one
/// the configuration of the file being written, or of the current directory, names).
fn story(args: &NewStoryArgs, cwd: &Path) -> Result<String, String> {
    let anchor = match &args.common.output {
        Some(path) => paths::absolute(cwd, path),
        None => cwd.join("new-story.md"),
    };
    let overrides = Overrides {
        set: args.set.id.clone(),
        ..Overrides::default()
    };
    let mut resolver = Resolver::new(cwd, Mode::Discover, overrides);
    let profile = resolver
        .profile_for(&anchor)
        .ok_or_else(|| resolver.errors.join("; "))?;
    let settings = profile.settings().map_err(str::to_string)?;
    let set = settings.principles();
    let mut principles: Vec<(String, Vec<String>)> = Vec::new();
    for wanted in &args.principles {
        let (name, hints) = principle(set, wanted)?;
        if !principles.iter().any(|(n, _)| *n == name) {
            principles.push((name, hints));
        }
    }
    let mut skeleton = Skeleton {
        label: settings.tag_label(),
        aim: None,
    };
    if settings.chosen_set == Some("civil-service") {
        let level = args.level.or(settings.rules.behaviour_level).unwrap_or(3);
        skeleton.aim = Some(format!(
            "<!-- Aim for Success Profiles level {level} ({}); keep each behaviour answer under {} words. -->\n\n",
            level_grades(level),
            settings.rules.behaviour_answer_words
        ));
    } else if args.level.is_some() {
        return Err(
            "--level: levels belong to the civil-service set (add --set civil-service)".to_string(),
        );
    }
    Ok(story_text(&title(&args.common), &principles, &skeleton))
}

/// The grades a Success Profiles level is written for (public facts of the framework).
fn level_grades(level: u8) -> &'static str {
    match level {
        1 => "administrative grades, AA and AO",
        2 => "first-line management, EO",
        3 => "middle management, HEO and SEO",
        4 => "senior management, Grade 7 and Grade 6",
        5 => "deputy director, SCS1",
        _ => "director and above, SCS2 and SCS3",
    }
}

/// How the skeleton follows the value set in force.
struct Skeleton {
    /// The tag line's label (`**Leadership Principles:** `).
    label: &'static str,
    /// A note of the level to aim for and the answer limit (Civil Service).
    aim: Option<String>,
}

/// A principle's canonical name and hint words, or an error with a suggestion.
fn principle(set: &PrincipleSet, wanted: &str) -> Result<(String, Vec<String>), String> {
    let wanted = wanted.trim();
    if let Some(index) = set.lookup(wanted) {
        let p = set
            .get(index)
            .ok_or_else(|| format!("unknown principle `{wanted}`"))?;
        let hints = p
            .evidence
            .iter()
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .take(HINT_WORDS)
            .collect();
        return Ok((p.name.clone(), hints));
    }
    let hint = match set.suggestions(wanted, 3).first() {
        Some(&(index, _)) => format!("did you mean `{}`?", set.name(index)),
        None => format!(
            "the principles are: {}",
            set.iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        ),
    };
    Err(format!("--principle: unknown principle `{wanted}`; {hint}"))
}

fn story_text(title: &str, principles: &[(String, Vec<String>)], skeleton: &Skeleton) -> String {
    let title = if title.is_empty() {
        "[TODO: a short title that names the problem]"
    } else {
        title
    };
    let mut out = format!("# {title}\n\n");
    let label = skeleton.label;
    if principles.is_empty() {
        // More than a few words, so the tag reader does not take it for a misspelt principle:
        // the story reads as untagged (LP001) until the author names its principles.
        out.push_str(&format!(
            "{label}[TODO: name the one to three principles this story shows]\n\n"
        ));
    } else {
        let names: Vec<&str> = principles.iter().map(|(n, _)| n.as_str()).collect();
        out.push_str(&format!("{label}{}\n\n", names.join(", ")));
    }
    if let Some(aim) = &skeleton.aim {
        out.push_str(aim);
    }
    out.push_str(
        "**Situation:** [TODO: where and when it happened, and what was at stake.]\n\n\
         **Task:** [TODO: what you yourself had to achieve, and what made it hard.]\n\n\
         **Action:** [TODO: the steps you took yourself, in order, and why you chose each one. \
         Write in the first person. Give each step a sentence or two.]\n",
    );
    // One paragraph per principle: in one paragraph the hints would read as one long sentence.
    for (name, hints) in principles {
        if hints.is_empty() {
            out.push_str(&format!("\n[TODO: show {name} in a step.]\n"));
        } else {
            out.push_str(&format!(
                "\n[TODO: show {name} in a step, such as {}.]\n",
                hints.join(", ")
            ));
        }
    }
    out.push_str(
        "\n**Result:** [TODO: the outcome in numbers, such as XX% faster or $X saved.]\n\n\
         **Learning:** [TODO: what you learned, and what you do differently since.]\n",
    );
    out
}

fn prfaq(title: &str) -> String {
    let title = if title.is_empty() {
        "[TODO: a headline that names the product and what it does]"
    } else {
        title
    };
    format!(
        "# {title}\n\
         \n\
         *[TODO: a subheading that says who the customers are and what they gain.]*\n\
         \n\
         [CITY], [STATE] — [DATE] — [TODO: a summary of the product, its customers and the problem it solves.]\n\
         \n\
         [TODO: the problem: what customers go through today, and what it costs them.]\n\
         \n\
         [TODO: the solution: how the product removes that problem.]\n\
         \n\
         \"[TODO: why the company built it.],\" said [TODO: a leader's name], [TODO: the leader's title].\n\
         \n\
         \"[TODO: what changed for this customer.],\" said [TODO: a customer's name], [TODO: who the customer is].\n\
         \n\
         [TODO: how to get started: where to go, and what it costs.]\n\
         \n\
         ## External FAQ\n\
         \n\
         ### [TODO: the first question a customer will ask]?\n\
         \n\
         [TODO: the answer.]\n\
         \n\
         ## Internal FAQ\n\
         \n\
         ### [TODO: the first question a stakeholder will ask]?\n\
         \n\
         [TODO: the answer.]\n"
    )
}

/// Write a new file; an existing one (or a symlink in its place) is never replaced.
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                "already exists; not overwritten (choose another name with -o)".to_string()
            }
            _ => format!("cannot create: {}", io_text(&e)),
        })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot write: {}", io_text(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principles_resolve_to_canonical_names_or_suggest() {
        let set = PrincipleSet::default_set();
        let (name, hints) = principle(&set, "bias to action").unwrap_or_default();
        assert_eq!(name, "Bias for Action");
        assert!(!hints.is_empty());
        let err = principle(&set, "Custmer Obsesion")
            .err()
            .unwrap_or_default();
        assert!(err.contains("did you mean `Customer Obsession`?"), "{err}");
    }
}
