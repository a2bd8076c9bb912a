//! The readiness grade: 0–100 per story, every lost point tied to a diagnostic or a model fact
//! by the grade formula (`data/coach/grade.toml`), the same on every run. "What raises it most"
//! lists the losses biggest first; a bank's grades give a distribution and the principles whose
//! best story is weak.

use super::data;
use super::profile::StoryProfile;
use serde::Serialize;

/// Points lost to one row of the formula.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Loss {
    /// The rule code or fact.
    pub from: String,
    pub points: u32,
    /// How many diagnostics or facts it counted.
    pub count: usize,
    pub fix: String,
}

/// A story's grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grade {
    pub score: u32,
    /// Biggest first ("what raises it most").
    pub losses: Vec<Loss>,
}

impl Grade {
    /// How many fixes (biggest first) reach `target`, if any number does.
    pub fn fixes_to(&self, target: u32) -> Option<usize> {
        let mut score = self.score;
        if score >= target {
            return Some(0);
        }
        for (i, loss) in self.losses.iter().enumerate() {
            score += loss.points;
            if score >= target {
                return Some(i + 1);
            }
        }
        None
    }

    /// The editor's code lens text: `Grade 72 · 3 fixes to 90`.
    pub fn lens(&self) -> String {
        match self.fixes_to(90) {
            Some(0) | None => format!("Grade {}", self.score),
            Some(1) => format!("Grade {} · 1 fix to 90", self.score),
            Some(n) => format!("Grade {} · {n} fixes to 90", self.score),
        }
    }
}

/// Grade a story by the formula.
pub fn grade(story: &StoryProfile) -> Grade {
    let mut losses: Vec<Loss> = Vec::new();
    for row in data::grade_table() {
        let count = story.problems.iter().filter(|p| p.code == row.when).count()
            + story.facts.iter().filter(|f| f.name == row.when).count();
        if count == 0 {
            continue;
        }
        let points = (row.points.saturating_mul(count as u32)).min(row.max);
        losses.push(Loss {
            from: row.when.clone(),
            points,
            count,
            fix: row.fix.clone(),
        });
    }
    // Stable: equal losses keep the formula's order.
    losses.sort_by_key(|l| std::cmp::Reverse(l.points));
    let lost: u32 = losses.iter().map(|l| l.points).sum();
    Grade {
        score: 100u32.saturating_sub(lost),
        losses,
    }
}

/// Grade bands of a bank's distribution.
pub const BANDS: &[(u32, &str)] = &[(90, "90-100"), (75, "75-89"), (50, "50-74"), (0, "0-49")];

/// A best story under this grade is weak.
pub const WEAK: u32 = 75;

/// The bank's grades: how many stories in each band, the mean, and the principles whose best
/// story is weak (or that no story is tagged with).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BankGrades {
    pub stories: usize,
    pub mean: u32,
    pub bands: Vec<(String, usize)>,
    /// `(principle, best grade)`, weakest first; `None` when no story is tagged with it.
    pub weak_principles: Vec<(String, Option<u32>)>,
}

/// Summarise graded stories against the principle names of the active set.
pub fn bank(graded: &[(&StoryProfile, &Grade)], principles: &[&str]) -> BankGrades {
    let mut bands: Vec<(String, usize)> = BANDS.iter().map(|(_, n)| (n.to_string(), 0)).collect();
    for (_, g) in graded {
        if let Some(i) = BANDS.iter().position(|(min, _)| g.score >= *min) {
            if let Some(b) = bands.get_mut(i) {
                b.1 += 1;
            }
        }
    }
    let total: u32 = graded.iter().map(|(_, g)| g.score).sum();
    let mean = if graded.is_empty() {
        0
    } else {
        total / graded.len() as u32
    };
    let mut weak: Vec<(String, Option<u32>)> = principles
        .iter()
        .map(|p| {
            let best = graded
                .iter()
                .filter(|(s, _)| s.tagged(p))
                .map(|(_, g)| g.score)
                .max();
            (p.to_string(), best)
        })
        .filter(|(_, best)| best.is_none_or(|b| b < WEAK))
        .collect();
    weak.sort_by_key(|(_, best)| best.map_or(-1, i64::from));
    BankGrades {
        stories: graded.len(),
        mean,
        bands,
        weak_principles: weak,
    }
}
