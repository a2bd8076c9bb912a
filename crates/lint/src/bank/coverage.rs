//! The coverage table: stories per principle against the target, in the order that matters
//! (the role's principles, then the job description's, then the rest), plus untagged and
//! over-tagged stories. Built from file summaries; rendered as text or JSON by the caller's
//! choice. Shared by `starlint coverage`, BANK001 and the server's `starlint.coverage`.

use super::jd::JdScore;
use super::BankFile;
use crate::principles::PrincipleSet;
use crate::settings::Settings;
use serde::Serialize;

/// One story of the bank, as the table and the JSON show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoryRow {
    pub path: String,
    /// 1-based line of the story's title.
    pub line: usize,
    pub title: String,
    pub principles: Vec<String>,
    pub parts: Vec<String>,
    pub words: usize,
    /// Index of the file among those the bank was built from.
    #[serde(skip)]
    pub file: usize,
}

/// One principle's line of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    /// Indices into the stories.
    pub stories: Vec<usize>,
    pub target: usize,
    /// `false` for principles outside `[bank] role-principles` when that is set.
    pub required: bool,
}

impl Row {
    /// A required principle with fewer stories than the target.
    pub fn below(&self) -> bool {
        self.required && self.stories.len() < self.target
    }
}

/// A group of rows under one heading.
#[derive(Debug, Clone)]
pub struct Section {
    pub heading: &'static str,
    pub rows: Vec<Row>,
}

/// One principle a job description emphasises.
#[derive(Debug, Clone)]
pub struct JdRow {
    pub name: String,
    pub score: usize,
    pub phrases: Vec<String>,
}

/// The whole table.
#[derive(Debug, Clone)]
pub struct Coverage {
    pub files: usize,
    pub stories: Vec<StoryRow>,
    pub sections: Vec<Section>,
    pub untagged: Vec<usize>,
    pub over_tagged: Vec<usize>,
    pub max_principles: usize,
    pub target: usize,
    /// The job description's name and its ranking.
    pub jd: Option<(String, Vec<JdRow>)>,
    /// Names in `[bank] role-principles` that are not principles of the set.
    pub unknown_role_principles: Vec<String>,
}

impl Coverage {
    /// Group the stories of `files` by principle. `jd` is a job description's name and ranking.
    pub fn build(
        files: &[BankFile],
        settings: &Settings,
        jd: Option<(String, Vec<JdScore>)>,
    ) -> Coverage {
        let set: &PrincipleSet = settings.principles();
        let target = settings.bank_target;
        let max_principles = settings.rules.max_principles;
        let stories: Vec<StoryRow> = files
            .iter()
            .enumerate()
            .flat_map(|(file, f)| {
                f.summary.stories.iter().map(move |s| StoryRow {
                    path: f.path.to_string(),
                    line: s.line,
                    title: s.title.clone(),
                    principles: s.principles.clone(),
                    parts: s.parts.clone(),
                    words: s.words,
                    file,
                })
            })
            .collect();
        let mut by_principle: Vec<Vec<usize>> = vec![Vec::new(); set.len()];
        let mut untagged = Vec::new();
        let mut over_tagged = Vec::new();
        for (i, story) in stories.iter().enumerate() {
            if story.principles.is_empty() {
                untagged.push(i);
            }
            if story.principles.len() > max_principles {
                over_tagged.push(i);
            }
            let mut seen = Vec::new();
            for name in &story.principles {
                if let Some(p) = set.lookup(name) {
                    if !seen.contains(&p) {
                        seen.push(p);
                        if let Some(list) = by_principle.get_mut(p) {
                            list.push(i);
                        }
                    }
                }
            }
        }

        let mut role = Vec::new();
        let mut unknown_role_principles = Vec::new();
        for name in &settings.role_principles {
            match set.lookup(name) {
                Some(p) if !role.contains(&p) => role.push(p),
                Some(_) => {}
                None => unknown_role_principles.push(name.clone()),
            }
        }
        let pinned = !role.is_empty();
        let emphasised: Vec<usize> = jd
            .as_ref()
            .map(|(_, ranked)| {
                ranked
                    .iter()
                    .map(|s| s.principle)
                    .filter(|p| !role.contains(p))
                    .collect()
            })
            .unwrap_or_default();
        let rest: Vec<usize> = (0..set.len())
            .filter(|p| !role.contains(p) && !emphasised.contains(p))
            .collect();
        let row = |p: usize, required: bool| Row {
            name: set.name(p).to_string(),
            stories: by_principle.get(p).cloned().unwrap_or_default(),
            target,
            required,
        };
        let mut sections = Vec::new();
        if pinned {
            sections.push(Section {
                heading: "Required by the role",
                rows: role.iter().map(|&p| row(p, true)).collect(),
            });
        }
        if !emphasised.is_empty() {
            sections.push(Section {
                heading: "Emphasised by the job description",
                rows: emphasised.iter().map(|&p| row(p, !pinned)).collect(),
            });
        }
        let heading = if pinned {
            "Not required by the role"
        } else if !emphasised.is_empty() {
            "Other principles"
        } else {
            "Principles"
        };
        sections.push(Section {
            heading,
            rows: rest.iter().map(|&p| row(p, !pinned)).collect(),
        });
        sections.retain(|s| !s.rows.is_empty());

        Coverage {
            files: files.len(),
            stories,
            sections,
            untagged,
            over_tagged,
            max_principles,
            target,
            jd: jd.map(|(name, ranked)| {
                let rows = ranked
                    .into_iter()
                    .map(|s| JdRow {
                        name: set.name(s.principle).to_string(),
                        score: s.score,
                        phrases: s.phrases,
                    })
                    .collect();
                (name, rows)
            }),
            unknown_role_principles,
        }
    }

    /// Every principle row, in table order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.sections.iter().flat_map(|s| &s.rows)
    }

    /// The JSON shape `starlint coverage --format json` prints.
    pub fn to_json(&self) -> serde_json::Value {
        let principles: Vec<serde_json::Value> = self
            .rows()
            .map(|r| {
                serde_json::json!({
                    "name": r.name,
                    "stories": r.stories,
                    // 0 for a principle the role does not require.
                    "target": if r.required { r.target } else { 0 },
                })
            })
            .collect();
        let mut out = serde_json::json!({
            "stories": self.stories,
            "principles": principles,
        });
        if let (Some((_, ranked)), Some(map)) = (&self.jd, out.as_object_mut()) {
            let jd: Vec<serde_json::Value> = ranked
                .iter()
                .map(
                    |j| serde_json::json!({"name": j.name, "score": j.score, "phrases": j.phrases}),
                )
                .collect();
            map.insert("jd".to_string(), serde_json::Value::Array(jd));
        }
        out
    }
}
