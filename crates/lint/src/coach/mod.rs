//! The coach: what starlint tells a candidate beyond diagnostics. Each story is reduced to a
//! [`StoryProfile`] (its principles, the words it uses, its open problems, facts of the model);
//! from those, [`matching`] ranks stories for an interview question, [`probe`] lists the
//! follow-ups an interviewer will ask, and [`grade`] scores readiness 0–100 with every lost
//! point explained. The question list, the probe table and the grade formula are data
//! (`data/questions/`, `data/coach/`). Pure: no IO.

pub mod data;
pub mod grade;
pub mod ladder;
pub mod matching;
pub mod probe;
pub mod profile;

pub use grade::{bank as bank_grades, grade, BankGrades, Grade, Loss};
pub use matching::{
    plan, question_principles, rank, read_questions, Match, Overuse, Plan, Question,
};
pub use probe::{probes, Probe};
pub use profile::{profiles, Fact, Problem, StoryProfile};
