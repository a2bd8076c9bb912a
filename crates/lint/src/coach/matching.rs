//! Question → story matching. A question points to principles (their evidence keywords in its
//! words, its likeness to the bundled questions of each principle, a principle it names); a
//! story answers it by being tagged with those principles, showing their evidence, and sharing
//! the question's words; its open problems count against it. Scores are integers, so a ranking
//! is the same on every run.

use super::data;
use super::profile::{content_word, StoryProfile};
use crate::principles::normalize;
use crate::settings::Settings;
use serde::Serialize;

/// A principle a question points to, with its weight (100 for the strongest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pointed {
    pub principle: String,
    pub weight: u32,
    /// Why: evidence keywords, a bundled question it is like, or the principle's name.
    pub why: Vec<String>,
}

/// A question read for matching.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub text: String,
    pub principles: Vec<Pointed>,
    #[serde(skip)]
    words: Vec<String>,
}

/// One story's fit for a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    /// Index into the stories ranked.
    #[serde(skip)]
    pub story: usize,
    pub score: i32,
    /// The question's principles the story is tagged with or shows.
    pub principles: Vec<String>,
    /// Words the question and the story share (stemmed).
    pub shared: Vec<String>,
    /// The story's open problems (warning or error), as `CODE message`.
    pub problems: Vec<String>,
}

/// The most principles a question points to.
const MAX_POINTED: usize = 3;
/// A best story under this score does not answer the question well.
pub const ANSWERS_WELL: i32 = 40;

/// Read a question: its content words and the principles it points to, strongest first.
pub fn question_principles(text: &str, settings: &Settings) -> Question {
    let set = settings.principles();
    let words = words_of(text);
    let counts = set.evidence_counts(text);
    let lower = normalize(text);
    let bundled = data::questions(settings.active_set_id());
    let mut scored: Vec<(usize, u32, Vec<String>)> = Vec::new();
    for (i, p) in set.iter().enumerate() {
        let mut score = 0u32;
        let mut why = Vec::new();
        let evidence = counts.get(i).copied().unwrap_or(0) as u32;
        if evidence > 0 {
            score += 3 * evidence;
            why.push(format!("{evidence} evidence keyword(s)"));
        }
        let key = normalize(&p.name);
        if key.len() > 3 && lower.contains(&key) {
            score += 6;
            why.push("names it".to_string());
        }
        // Likeness to the principle's own questions: the most content words shared with one.
        let like = bundled
            .iter()
            .filter(|q| set.lookup(&q.name) == Some(i))
            .flat_map(|q| &q.questions)
            .map(|q| (shared(&words, &words_of(q)).len(), q))
            .max_by_key(|(n, _)| *n);
        if let Some((n, q)) = like.filter(|(n, _)| *n >= 2) {
            score += 4 * n as u32;
            why.push(format!("like \"{q}\""));
        }
        if score > 0 {
            scored.push((i, score, why));
        }
    }
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top = scored.first().map_or(0, |s| s.1);
    let principles = scored
        .into_iter()
        .filter(|(_, s, _)| *s * 2 >= top)
        .take(MAX_POINTED)
        .map(|(i, s, why)| Pointed {
            principle: set.name(i).to_string(),
            weight: s * 100 / top.max(1),
            why,
        })
        .collect();
    Question {
        text: text.trim().to_string(),
        principles,
        words,
    }
}

/// Rank stories for a question, best first (ties keep the stories' order).
pub fn rank(question: &Question, stories: &[&StoryProfile]) -> Vec<Match> {
    let mut out: Vec<Match> = stories
        .iter()
        .enumerate()
        .map(|(index, story)| score(question, index, story))
        .collect();
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.story.cmp(&b.story)));
    out
}

fn score(question: &Question, index: usize, story: &StoryProfile) -> Match {
    let mut score: i32 = 0;
    let mut principles = Vec::new();
    for p in &question.principles {
        let w = p.weight as i32;
        let tagged = story.tagged(&p.principle);
        let evidence = story.evidence(&p.principle).min(4) as i32;
        // A tag is the author's word that the story shows the principle; evidence is ours.
        score += w * (if tagged { 40 } else { 0 } + 4 * evidence) / 100;
        if tagged || evidence > 0 {
            principles.push(p.principle.clone());
        }
    }
    let shared = shared(&question.words, &story.keywords);
    score += 8 * shared.len().min(5) as i32;
    let problems: Vec<String> = story
        .problems
        .iter()
        .filter(|p| p.severity >= crate::diagnostic::Severity::Warning)
        .map(|p| format!("{} {}", p.code, p.message))
        .collect();
    score -= 3 * problems.len().min(5) as i32;
    Match {
        story: index,
        score,
        principles,
        shared,
        problems,
    }
}

/// Distinct content words of a text, sorted.
fn words_of(text: &str) -> Vec<String> {
    let mut out: Vec<String> = crate::words::tokens(text)
        .filter_map(|(_, w)| content_word(w))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Words in both sorted lists.
fn shared(a: &[String], b: &[String]) -> Vec<String> {
    a.iter()
        .filter(|w| b.binary_search(w).is_ok())
        .cloned()
        .collect()
}

/// The questions of a question file: one per line, or the questions found in a posting
/// (lines that ask, or begin as behavioural questions do). List markers and numbers are
/// dropped; headings and blank lines are skipped.
pub fn read_questions(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['-', '*', '+', '>'])
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start_matches(['.', ')'])
                .trim()
        })
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let asks = |l: &&&str| {
        let lower = l.to_lowercase();
        l.ends_with('?')
            || [
                "tell me about",
                "describe ",
                "give an example",
                "give me an example",
                "walk me through",
                "share a time",
                "talk about a time",
            ]
            .iter()
            .any(|p| lower.starts_with(p))
    };
    let questions: Vec<String> = lines.iter().filter(asks).map(|l| l.to_string()).collect();
    if questions.is_empty() {
        lines.iter().map(|l| l.to_string()).collect()
    } else {
        questions
    }
}

/// One question of a plan and its best story.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub question: Question,
    /// The best story, if any story scores above zero.
    pub best: Option<Match>,
    /// The best story answers the question well ([`ANSWERS_WELL`]).
    pub well: bool,
}

/// A story planned as the answer to questions of too many principles in one loop.
#[derive(Debug, Clone, Serialize)]
pub struct Overuse {
    #[serde(skip)]
    pub story: usize,
    pub principles: Vec<String>,
    /// Indexes of the questions it answers.
    pub questions: Vec<usize>,
}

/// A loop's questions mapped to the bank's stories.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub answers: Vec<Answer>,
    pub overused: Vec<Overuse>,
    /// The most principles one story may answer for in a loop.
    pub max_principles: usize,
}

/// Map each question to its best story, and find stories planned for questions of more than
/// `settings.bank_max_principles_per_story` principles.
pub fn plan(questions: &[String], stories: &[&StoryProfile], settings: &Settings) -> Plan {
    let answers: Vec<Answer> = questions
        .iter()
        .map(|q| {
            let question = question_principles(q, settings);
            let best = rank(&question, stories)
                .into_iter()
                .next()
                .filter(|m| m.score > 0);
            let well = best.as_ref().is_some_and(|m| m.score >= ANSWERS_WELL);
            Answer {
                question,
                best,
                well,
            }
        })
        .collect();
    let max = settings.max_principles_per_story;
    let mut overused: Vec<Overuse> = Vec::new();
    for (qi, a) in answers.iter().enumerate() {
        let Some(best) = &a.best else { continue };
        let top = a.question.principles.first().map(|p| p.principle.clone());
        let entry = match overused.iter_mut().find(|o| o.story == best.story) {
            Some(e) => e,
            None => {
                overused.push(Overuse {
                    story: best.story,
                    principles: Vec::new(),
                    questions: Vec::new(),
                });
                let Some(e) = overused.last_mut() else {
                    continue;
                };
                e
            }
        };
        entry.questions.push(qi);
        if let Some(top) = top {
            if !entry.principles.contains(&top) {
                entry.principles.push(top);
            }
        }
    }
    overused.retain(|o| o.principles.len() > max);
    Plan {
        answers,
        overused,
        max_principles: max,
    }
}
