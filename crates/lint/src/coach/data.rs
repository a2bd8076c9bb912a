//! The coach's data, bundled and parsed once: the question list of each value set, the probe
//! table and the grade formula.

use serde::Deserialize;
use std::sync::OnceLock;

/// The questions and probe of one principle.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrincipleQuestions {
    pub name: String,
    #[serde(default)]
    pub probe: String,
    #[serde(default)]
    pub questions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    principle: Vec<PrincipleQuestions>,
}

/// One row of the probe table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProbeRow {
    pub when: String,
    pub ask: String,
    pub why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProbeFile {
    probe: Vec<ProbeRow>,
}

/// One row of the grade formula.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct LossRow {
    pub when: String,
    pub points: u32,
    pub max: u32,
    pub fix: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GradeFile {
    loss: Vec<LossRow>,
}

/// The grade formula's text (`starlint explain grade` prints it).
pub const GRADE_TOML: &str = include_str!("../../data/coach/grade.toml");
/// The probe table's text.
pub const PROBES_TOML: &str = include_str!("../../data/coach/probes.toml");

const QUESTIONS: &[(&str, &str)] = &[
    ("amazon", include_str!("../../data/questions/amazon.toml")),
    ("meta", include_str!("../../data/questions/meta.toml")),
    ("google", include_str!("../../data/questions/google.toml")),
    (
        "microsoft",
        include_str!("../../data/questions/microsoft.toml"),
    ),
    ("netflix", include_str!("../../data/questions/netflix.toml")),
    (
        "civil-service",
        include_str!("../../data/questions/civil-service.toml"),
    ),
];

/// The bundled questions of a value set (`amazon`); empty for a set of the user's own.
pub fn questions(set_id: &str) -> &'static [PrincipleQuestions] {
    static PARSED: OnceLock<Vec<Vec<PrincipleQuestions>>> = OnceLock::new();
    let all = PARSED.get_or_init(|| {
        QUESTIONS
            .iter()
            .map(|(_, text)| parse_questions(text).unwrap_or_default())
            .collect()
    });
    QUESTIONS
        .iter()
        .position(|(id, _)| *id == set_id)
        .and_then(|i| all.get(i))
        .map_or(&[], Vec::as_slice)
}

/// Parse a question file (the bundled shape), or say what is wrong.
pub fn parse_questions(text: &str) -> Result<Vec<PrincipleQuestions>, String> {
    toml::from_str::<QuestionFile>(text)
        .map(|f| f.principle)
        .map_err(|e| e.message().trim().to_string())
}

/// The probe table.
pub fn probe_table() -> &'static [ProbeRow] {
    static ROWS: OnceLock<Vec<ProbeRow>> = OnceLock::new();
    ROWS.get_or_init(|| {
        toml::from_str::<ProbeFile>(PROBES_TOML)
            .map(|f| f.probe)
            .unwrap_or_default()
    })
}

/// The grade formula.
pub fn grade_table() -> &'static [LossRow] {
    static ROWS: OnceLock<Vec<LossRow>> = OnceLock::new();
    ROWS.get_or_init(|| {
        toml::from_str::<GradeFile>(GRADE_TOML)
            .map(|f| f.loss)
            .unwrap_or_default()
    })
}

/// Registry indexes of the rules the grade reads: linting with only these is enough to grade
/// (and to probe: every probe row's rule is in the formula).
pub fn graded_rules() -> &'static [usize] {
    static INDEXES: OnceLock<Vec<usize>> = OnceLock::new();
    INDEXES.get_or_init(|| {
        let mut out: Vec<usize> = grade_table()
            .iter()
            .filter_map(|r| crate::registry::index_of(&r.when))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value_sets::KNOWN;

    const FACTS: &[&str] = &[
        "no-learning",
        "no-tag",
        "principle-not-shown",
        "no-numbers",
        "short-action",
    ];

    #[test]
    fn every_row_names_a_rule_or_a_fact() {
        let known = |w: &str| crate::registry::find(w).is_some() || FACTS.contains(&w);
        assert!(probe_table().len() >= 8);
        for row in probe_table() {
            assert!(known(&row.when), "probe `{}`", row.when);
        }
        assert!(grade_table().len() >= 10);
        for row in grade_table() {
            assert!(known(&row.when), "grade `{}`", row.when);
            assert!(row.points > 0 && row.max >= row.points, "{row:?}");
        }
    }

    #[test]
    fn every_probed_rule_is_graded() {
        for row in probe_table() {
            if let Some(i) = crate::registry::index_of(&row.when) {
                assert!(graded_rules().contains(&i), "{}", row.when);
            }
        }
    }

    #[test]
    fn every_principle_of_every_set_has_questions_and_a_probe() {
        for k in KNOWN {
            let list = questions(k.id);
            let set = k.full();
            assert_eq!(list.len(), set.len(), "{}", k.id);
            for q in list {
                assert!(set.lookup(&q.name).is_some(), "{}: {}", k.id, q.name);
                assert!(q.questions.len() >= 2, "{}: {}", k.id, q.name);
                assert!(!q.probe.is_empty(), "{}: {}", k.id, q.name);
            }
        }
    }
}
