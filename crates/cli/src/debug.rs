//! `starlint debug model FILE`: what starlint thinks a file is, and why — the kind with the
//! evidence that decided it, the value set in force with its evidence, the stories with their
//! parts and tags, and the PR/FAQ parts found. It answers "why does it think this is a
//! PR/FAQ?" and "why is this story not found?".

use crate::args::{DebugArgs, DebugWhat, RulesFormat};
use crate::check::{self, Message};
use crate::report::{self, EXIT_ERROR, EXIT_OK};
use crate::walk;
use serde::Serialize;
use starlint_lint::document::kind::{Evidence, Toward};
use starlint_lint::prfaq::{FaqAudience, QuoteRole};
use starlint_lint::{DocKind, Document};
use starlint_lsp::config::{Overrides, Resolver};
use std::ops::Range;

/// Run `starlint debug`; returns the exit code.
pub fn run(args: &DebugArgs) -> u8 {
    let DebugWhat::Model(model) = &args.what;
    let Some(cwd) = report::current_dir() else {
        return EXIT_ERROR;
    };
    let mode = check::config_mode(&cwd, &model.cfg);
    let overrides = Overrides {
        set: model.set.id.clone(),
        ..Overrides::default()
    };
    let mut resolver = Resolver::new(&cwd, mode, overrides);
    if !resolver.preload() {
        check::print_messages(resolver.errors.into_iter().map(Message::Error).collect());
        return EXIT_ERROR;
    }
    let walked = walk::collect(std::slice::from_ref(&model.file));
    let jobs = check::plan(walked.inputs, None, &cwd, &mut resolver);
    let mut messages = check::setup_messages(walked.warnings, &walked.errors, &mut resolver.errors);
    let mut out = Vec::new();
    for job in &jobs {
        let Some(source) = crate::input::read_job(job, &mut messages) else {
            continue;
        };
        let settings = match job.profile.settings() {
            Ok(s) => s,
            Err(e) => {
                messages.push(Message::Error(e.to_string()));
                continue;
            }
        };
        let doc = Document::named(&source.text, settings, job.kind, Some(&job.display));
        out.push(model_of(&job.display, &doc));
    }
    let failed = messages.iter().any(|m| matches!(m, Message::Error(_)));
    check::print_messages(messages);
    match model.format {
        RulesFormat::Json => {
            let value = match out.as_slice() {
                [one] => serde_json::to_string_pretty(one),
                all => serde_json::to_string_pretty(all),
            };
            // Through report::stdout: a closed pipe ends the output quietly (println! panics).
            crate::report::stdout(
                &format!("{}\n", value.unwrap_or_default()),
                anstream::ColorChoice::Never,
            );
        }
        RulesFormat::Human => {
            let text: String = out.iter().map(human).collect();
            crate::report::stdout(&text, anstream::ColorChoice::Never);
        }
    }
    if failed || out.is_empty() {
        EXIT_ERROR
    } else {
        EXIT_OK
    }
}

#[derive(Serialize)]
struct Model {
    file: String,
    kind: DocKind,
    forced_by: Option<&'static str>,
    star_score: i32,
    prfaq_score: i32,
    evidence: Vec<Seen>,
    value_set: Option<&'static str>,
    value_set_evidence: Vec<SetSeen>,
    stories: Vec<StoryModel>,
    prfaq: Option<PrfaqModel>,
}

#[derive(Serialize)]
struct Seen {
    signal: &'static str,
    toward: Toward,
    weight: i32,
    line: Option<usize>,
    detail: String,
}

#[derive(Serialize)]
struct SetSeen {
    set: &'static str,
    #[serde(flatten)]
    seen: Seen,
}

#[derive(Serialize)]
struct StoryModel {
    title: String,
    line: usize,
    end_line: usize,
    parts: Vec<PartModel>,
    tags: Vec<String>,
}

#[derive(Serialize)]
struct PartModel {
    part: &'static str,
    line: usize,
    label: String,
    words: usize,
}

#[derive(Serialize, Default)]
struct PrfaqModel {
    headline: Option<usize>,
    subheading: Option<usize>,
    summary: Option<usize>,
    dateline: Option<usize>,
    problem: Option<usize>,
    solution: Option<usize>,
    quotes: Vec<String>,
    call_to_action: Option<usize>,
    faqs: Vec<String>,
}

fn model_of(file: &str, doc: &Document) -> Model {
    let line = |offset: usize| doc.lines.line_col(doc.text, offset).line;
    let block_line = |b: Option<usize>| {
        b.and_then(|i| doc.blocks.get(i))
            .map(|b| line(b.range.start))
    };
    let seen = |e: &Evidence| Seen {
        signal: e.signal,
        toward: e.toward,
        weight: e.weight,
        line: e.at.as_ref().map(|r: &Range<usize>| line(r.start)),
        detail: e.detail.clone(),
    };
    let stories = doc
        .stories
        .iter()
        .map(|s| StoryModel {
            title: s.title.clone(),
            line: line(s.range.start),
            end_line: line(s.range.end.saturating_sub(1).max(s.range.start)),
            parts: s
                .parts
                .iter()
                .map(|p| PartModel {
                    part: p.kind.name(),
                    line: line(p.range.start),
                    label: doc.slice(p.label.clone()).to_string(),
                    words: p
                        .prose
                        .iter()
                        .map(|r| starlint_lint::text::word_count(doc.slice(r.clone())))
                        .sum(),
                })
                .collect(),
            tags: s
                .tags
                .iter()
                .map(|t| match t.principle {
                    Some(_) => t.name.clone(),
                    None => format!("{} (not in the active set)", t.name),
                })
                .collect(),
        })
        .collect();
    let prfaq = doc.prfaq.as_ref().map(|p| PrfaqModel {
        headline: block_line(p.headline),
        subheading: block_line(p.subheading),
        summary: block_line(p.summary),
        dateline: p.dateline.as_ref().map(|r| line(r.start)),
        problem: block_line(p.problem),
        solution: block_line(p.solution),
        quotes: p
            .quotes
            .iter()
            .map(|q| {
                let role = match q.role {
                    QuoteRole::Leader => "leader",
                    QuoteRole::Customer => "customer",
                };
                format!("{role}: {}", doc.slice(q.attribution.clone()).trim())
            })
            .collect(),
        call_to_action: block_line(p.call_to_action),
        faqs: p
            .faqs
            .iter()
            .map(|f| {
                let audience = match f.audience {
                    FaqAudience::External => "external",
                    FaqAudience::Internal => "internal",
                    FaqAudience::General => "general",
                };
                let at = block_line(f.heading).map_or(String::new(), |l| format!(" at line {l}"));
                format!("{audience}{at}: {} entries", f.entries.len())
            })
            .collect(),
    });
    Model {
        file: file.to_string(),
        kind: doc.kind,
        forced_by: doc.decision.forced_by,
        star_score: doc.decision.star,
        prfaq_score: doc.decision.prfaq,
        evidence: doc.decision.evidence.iter().map(seen).collect(),
        value_set: doc.principle_set.set,
        value_set_evidence: doc
            .principle_set
            .evidence
            .iter()
            .map(|e| SetSeen {
                set: e.set,
                seen: seen(&e.evidence),
            })
            .collect(),
        stories,
        prfaq,
    }
}

fn kind_name(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Star => "star (a story bank)",
        DocKind::Prfaq => "prfaq (a PR/FAQ)",
        DocKind::Other => "other (neither: nothing is checked)",
    }
}

fn evidence_line(e: &Seen, set: Option<&str>) -> String {
    let toward = match (set, e.toward) {
        (Some(s), _) => s.to_string(),
        (None, Toward::Star) => "star".into(),
        (None, Toward::Prfaq) => "prfaq".into(),
        (None, Toward::Neither) => "neither".into(),
    };
    let at = e.line.map_or(String::new(), |l| format!(" (line {l})"));
    let sign = if set.is_none() && e.toward == Toward::Neither {
        "-"
    } else {
        "+"
    };
    format!(
        "    {sign}{:<3} {:<14} {:<20} {}{at}\n",
        e.weight, toward, e.signal, e.detail
    )
}

fn human(m: &Model) -> String {
    let mut s = format!("{}\n  kind: {}\n", m.file, kind_name(m.kind));
    match m.forced_by {
        Some(by) => s.push_str(&format!("  decided by: {by}\n")),
        None => {
            s.push_str(&format!(
                "  scores: star {}, prfaq {} (a kind needs {})\n  evidence:\n",
                m.star_score,
                m.prfaq_score,
                starlint_lint::document::kind::THRESHOLD
            ));
            if m.evidence.is_empty() {
                s.push_str("    (none)\n");
            }
            for e in &m.evidence {
                s.push_str(&evidence_line(e, None));
            }
        }
    }
    if m.kind == DocKind::Star {
        let set = m
            .value_set
            .map_or("none (no sign of a target company: LP001 is silent)", |v| v);
        s.push_str(&format!("  value set in force: {set}\n"));
        for e in &m.value_set_evidence {
            s.push_str(&evidence_line(&e.seen, Some(e.set)));
        }
        s.push_str(&format!("  stories: {}\n", m.stories.len()));
        for (i, st) in m.stories.iter().enumerate() {
            s.push_str(&format!(
                "    {}. {} (lines {}-{})\n",
                i + 1,
                st.title,
                st.line,
                st.end_line
            ));
            for p in &st.parts {
                s.push_str(&format!(
                    "       {:<9} line {:<5} `{}` {} words\n",
                    p.part, p.line, p.label, p.words
                ));
            }
            if !st.tags.is_empty() {
                s.push_str(&format!("       tags: {}\n", st.tags.join(", ")));
            }
        }
    }
    if let Some(p) = &m.prfaq {
        let at = |l: Option<usize>| l.map_or("missing".to_string(), |l| format!("line {l}"));
        s.push_str("  PR/FAQ parts:\n");
        for (name, l) in [
            ("headline", p.headline),
            ("subheading", p.subheading),
            ("summary", p.summary),
            ("dateline", p.dateline),
            ("problem", p.problem),
            ("solution", p.solution),
            ("call to action", p.call_to_action),
        ] {
            s.push_str(&format!("    {name:<15} {}\n", at(l)));
        }
        for q in &p.quotes {
            s.push_str(&format!("    quote           {q}\n"));
        }
        for f in &p.faqs {
            s.push_str(&format!("    FAQ             {f}\n"));
        }
    }
    s
}
