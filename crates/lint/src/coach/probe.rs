//! Follow-up probes: the questions an interviewer asks next because of what a story leaves
//! open, from the probe table (`data/coach/probes.toml`) over the story's diagnostics and the
//! facts of its model.

use super::data;
use super::profile::StoryProfile;
use crate::settings::Settings;
use serde::Serialize;

/// One follow-up question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Probe {
    pub ask: String,
    pub why: String,
    /// The rule code or model fact that raised it.
    pub from: String,
}

/// The probes for a story, in the table's order, each row at most once (a
/// `principle-not-shown` row once per principle).
pub fn probes(story: &StoryProfile, settings: &Settings) -> Vec<Probe> {
    let own = data::questions(settings.active_set_id());
    let mut out = Vec::new();
    for row in data::probe_table() {
        if row.when == "principle-not-shown" {
            for fact in story.facts.iter().filter(|f| f.name == row.when) {
                let principle = fact.principle.clone().unwrap_or_default();
                let ask = own
                    .iter()
                    .find(|q| q.name.eq_ignore_ascii_case(&principle) && !q.probe.is_empty())
                    .map_or_else(
                        || row.ask.replace("{principle}", &principle),
                        |q| q.probe.clone(),
                    );
                out.push(Probe {
                    ask,
                    why: row.why.replace("{principle}", &principle),
                    from: row.when.clone(),
                });
            }
            continue;
        }
        let raised = story.problems.iter().any(|p| p.code == row.when)
            || story.facts.iter().any(|f| f.name == row.when);
        // A failure story's missing Learning is asked once, by its own row.
        let asked_learning =
            row.when == "no-learning" && out.iter().any(|p: &Probe| p.from == "STAR009");
        if raised && !asked_learning {
            out.push(Probe {
                ask: row.ask.clone(),
                why: row.why.clone(),
                from: row.when.clone(),
            });
        }
    }
    out
}
