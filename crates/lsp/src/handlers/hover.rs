//! Hover: on a principle tag, the principle's meaning and the open stories that use it; on a
//! STAR marker, what belongs in that part, its word count and its share of the story; on a
//! story's title, its readiness grade and the follow-up questions it leaves open.

use crate::convert::{self, Encoding};
use crate::document::{OpenDoc, StorySummary};
use crate::State;
use starlint_lint::PartKind;
use tower_lsp_server::ls_types::*;

/// What belongs in each part (shown on hover over its marker).
pub fn part_help(kind: PartKind) -> &'static str {
    match kind {
        PartKind::Situation => "The context, briefly: where you were, when, and what was at stake. Keep it short; the interviewer wants to get to what you did.",
        PartKind::Task => "Your responsibility or goal in that situation: what you owned and what success would look like.",
        PartKind::Action => "What *you* did, step by step, in the first person (\"I\", not \"we\"): the decisions, the trade-offs, the obstacles. This should be the longest part.",
        PartKind::Result => "The outcome, measured: numbers, before and after, the effect on customers or the business.",
        PartKind::Learning => "What you learned or would do differently, and how you applied it since.",
    }
}

pub fn hover(state: &State, params: &HoverParams) -> Option<Hover> {
    let enc = state.enc();
    let uri = params
        .text_document_position_params
        .text_document
        .uri
        .clone();
    let pos = params.text_document_position_params.position;
    let doc = state.docs.get(&uri)?;
    let at = convert::offset(&doc.rope, pos, enc);
    let settings = doc.settings().clone();
    let analysis = doc.analysed();
    let stories = analysis.stories();
    let Some(story) = stories
        .iter()
        .find(|s| s.range.start <= at && at <= s.range.end.max(s.range.start))
    else {
        return on_title(doc, stories, at, enc);
    };
    if let Some(tag) = story
        .tags
        .iter()
        .find(|t| t.range.start <= at && at <= t.range.end)
    {
        let range = convert::range(&doc.rope, &tag.range, enc);
        let Some(name) = tag.principle.clone() else {
            return Some(markdown(
                format!("**{}** is not a principle of the active set.", tag.name),
                range,
            ));
        };
        let description = settings
            .principles()
            .lookup(&name)
            .and_then(|i| settings.principles().get(i))
            .map(|p| p.description.clone())
            .unwrap_or_default();
        let this_title = story.title.clone();
        let this_start = story.range.start;
        let users = stories_using(state, &name, &uri, this_start);
        let mut text = format!("**{name}**\n\n{description}\n\n");
        let target = settings.bank_target;
        let count = users.len() + 1;
        if users.is_empty() {
            text.push_str(&format!(
                "No other story in the workspace uses {name} (besides \"{this_title}\"): 1 of the {target} wanted."
            ));
        } else {
            text.push_str(&format!(
                "{count} stories in the workspace use {name} (target {target}). The others:\n"
            ));
            for (file, title) in users {
                text.push_str(&format!("- {title} ({file})\n"));
            }
        }
        return Some(markdown(text, range));
    }
    let Some(part) = story
        .parts
        .iter()
        .find(|p| p.label.start <= at && at <= p.label.end)
    else {
        return on_title(doc, stories, at, enc);
    };
    let share = if story.words == 0 {
        0.0
    } else {
        100.0 * part.words as f64 / story.words as f64
    };
    let text = format!(
        "**{}**: {}\n\nThis part: {} words, {:.0}% of the story's {} words.",
        part.kind.name(),
        part_help(part.kind),
        part.words,
        share,
        story.words
    );
    Some(markdown(text, convert::range(&doc.rope, &part.label, enc)))
}

/// On the title's line: the story's grade, what raises it most, and the follow-up questions
/// an interviewer will ask because of what the story leaves open.
fn on_title(doc: &OpenDoc, stories: &[StorySummary], at: usize, enc: Encoding) -> Option<Hover> {
    let line = doc.rope.try_byte_to_line(at).ok()?;
    let story = stories
        .iter()
        .find(|s| doc.rope.try_byte_to_line(s.title_range.start).ok() == Some(line))?;
    let grade = story.coach.grade.as_ref()?;
    let mut sections = vec![format!(
        "**{}** — readiness grade {}/100",
        story.title, grade.score
    )];
    if !grade.losses.is_empty() {
        let losses: Vec<String> = grade
            .losses
            .iter()
            .map(|l| format!("- {} (+{}, {})", l.fix, l.points, l.from))
            .collect();
        sections.push(format!("What raises it most:\n{}", losses.join("\n")));
    }
    let probes: Vec<String> = story
        .coach
        .probes
        .iter()
        .map(|p| format!("- {} — {}", p.ask, p.why))
        .collect();
    sections.push(if probes.is_empty() {
        "No follow-up question left open.".to_string()
    } else {
        format!(
            "**Follow-up questions an interviewer will ask**\n{}",
            probes.join("\n")
        )
    });
    let text = sections.join("\n\n");
    Some(markdown(
        text,
        convert::range(&doc.rope, &story.title_range, enc),
    ))
}

fn markdown(value: String, range: Range) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range),
    }
}

/// (place, story title) of every story tagged with `principle`, except the one at `skip` in
/// `uri`: the open documents' stories as they are now, then the workspace's other files as
/// last read from disk.
fn stories_using(state: &State, principle: &str, uri: &Uri, skip: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut uris: Vec<Uri> = state.docs.keys().cloned().collect();
    uris.sort();
    for u in &uris {
        let path = crate::convert::file_path(u);
        let shown = path.as_ref().map_or_else(
            || u.to_string(),
            |p| {
                state
                    .workspace
                    .folder_of(p)
                    .and_then(|i| state.workspace.folders.get(i))
                    .map_or_else(|| p.display().to_string(), |f| f.display(p))
            },
        );
        let Some(doc) = state.docs.get(u) else {
            continue;
        };
        let analysis = doc.analysed();
        for s in analysis.stories().iter().filter(|s| uses(s, principle)) {
            if u == uri && s.range.start == skip {
                continue;
            }
            let line = doc.rope.try_byte_to_line(s.title_range.start).unwrap_or(0) + 1;
            out.push((format!("{shown}:{line}"), s.title.clone()));
        }
    }
    let open: Vec<std::path::PathBuf> = uris.iter().filter_map(crate::convert::file_path).collect();
    for folder in &state.workspace.folders {
        for (path, summary) in &folder.files {
            if open.contains(path) {
                continue;
            }
            for s in summary
                .stories
                .iter()
                .filter(|s| s.principles.iter().any(|p| p == principle))
            {
                out.push((
                    format!("{}:{}", folder.display(path), s.line),
                    s.title.clone(),
                ));
            }
        }
    }
    out
}

fn uses(story: &StorySummary, principle: &str) -> bool {
    story.principles().contains(&principle)
}
