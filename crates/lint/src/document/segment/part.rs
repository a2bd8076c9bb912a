//! The five parts of a story and the words that name them.

/// One of the five parts of a story.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum PartKind {
    Situation,
    Task,
    Action,
    Result,
    Learning,
}

impl PartKind {
    pub const CORE: [PartKind; 4] = [
        PartKind::Situation,
        PartKind::Task,
        PartKind::Action,
        PartKind::Result,
    ];
    pub const ALL: [PartKind; 5] = [
        PartKind::Situation,
        PartKind::Task,
        PartKind::Action,
        PartKind::Result,
        PartKind::Learning,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PartKind::Situation => "Situation",
            PartKind::Task => "Task",
            PartKind::Action => "Action",
            PartKind::Result => "Result",
            PartKind::Learning => "Learning",
        }
    }

    pub fn letter(self) -> &'static str {
        &self.name()[..1]
    }

    /// Parse a user-facing part name (`situation`, `Action`…).
    pub fn parse(s: &str) -> Option<PartKind> {
        PartKind::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s.trim()))
    }
}

/// Words that name a part in other label sets (PAR's Problem, CAR's Challenge, SOAR's
/// Obstacle). They also head sections of postmortems and design documents, so a story made with
/// them needs an Action and three parts (a
/// Problem counts as the Situation and the Task) (they are "weak" markers).
pub const WEAK_SYNONYMS: &[(&[PartKind], &str)] = &[
    (SITUATION_TASK, "Problem"),
    (SITUATION_TASK, "The problem"),
    (SITUATION_TASK, "Challenge"),
    (SITUATION_TASK, "The challenge"),
    (SITUATION_TASK, "Challenges"),
    (&[PartKind::Task], "Obstacle"),
    (&[PartKind::Task], "Obstacles"),
];

/// A Problem or Challenge is what happened and what had to be done: PAR and CAR have no Task.
const SITUATION_TASK: &[PartKind] = &[PartKind::Situation, PartKind::Task];

/// Default synonyms per part; single letters are handled separately.
pub fn default_synonyms(part: PartKind) -> &'static [&'static str] {
    match part {
        PartKind::Situation => &["Situation", "Context", "Background", "Scenario"],
        PartKind::Task => &["Task", "Goal", "Objective", "Tasks", "Goals"],
        PartKind::Action => &[
            "Action",
            "Actions",
            "What I did",
            "Approach",
            "Act",
            "Activity",
            "Actions taken",
            "Actions I took",
            "My actions",
        ],
        PartKind::Result => &[
            "Result",
            "Results",
            "Outcome",
            "Outcomes",
            "Impact",
            "Resolution",
        ],
        PartKind::Learning => &[
            "Learning",
            "Learnings",
            "Lessons",
            "Lesson",
            "Lessons learned",
            "Lessons learnt",
            "Lesson learned",
            "Reflection",
            "What I learned",
            "What I learnt",
            "Key takeaway",
            "Key takeaways",
            "Takeaway",
            "Takeaways",
            "Key learning",
            "Key learnings",
        ],
    }
}
