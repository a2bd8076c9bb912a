//! Diagnostics and fixes as plain data: a rule, a byte range, a message, a severity and an
//! optional fix made of sorted, disjoint edits.

use std::ops::Range;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "info" | "information" | "hint" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" | "deny" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// How safe a fix is to apply without a human look.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown, never applied automatically.
    DisplayOnly,
    /// Needs a human look: a code action, or `--unsafe-fixes`.
    Unsafe,
    /// Meaning-preserving: applied by `--fix`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace `range` with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub new_text: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, new_text: impl Into<String>) -> Self {
        Edit {
            range,
            new_text: new_text.into(),
        }
    }

    pub fn insert(at: usize, new_text: impl Into<String>) -> Self {
        Edit {
            range: at..at,
            new_text: new_text.into(),
        }
    }

    pub fn delete(range: Range<usize>) -> Self {
        Edit {
            range,
            new_text: String::new(),
        }
    }
}

/// A fix: edits sorted by position and disjoint (no edit starts before the previous one ends),
/// with how safe it is and what it does. Only the constructors make one, so the order is an
/// invariant every applier can rely on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "FixData")]
pub struct Fix {
    applicability: Applicability,
    message: String,
    edits: Vec<Edit>,
}

/// A fix as stored (the CLI's cache): read back through [`Fix::new`], so a stored fix keeps the
/// invariant too.
#[derive(serde::Deserialize)]
struct FixData {
    applicability: Applicability,
    message: String,
    edits: Vec<Edit>,
}

impl TryFrom<FixData> for Fix {
    type Error = &'static str;

    fn try_from(d: FixData) -> Result<Self, Self::Error> {
        Fix::new(d.applicability, d.message, d.edits).ok_or("a fix's edits must be disjoint")
    }
}

impl Fix {
    /// A fix of several edits: `None` when there are none or two of them overlap (a rule's
    /// mistake; no fix is better than a wrong one).
    pub fn new(
        applicability: Applicability,
        message: impl Into<String>,
        mut edits: Vec<Edit>,
    ) -> Option<Self> {
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        let disjoint = edits.windows(2).all(|w| match w {
            [a, b] => a.range.end <= b.range.start,
            _ => true,
        });
        let ordered = edits.iter().all(|e| e.range.start <= e.range.end);
        (disjoint && ordered && !edits.is_empty()).then(|| Fix {
            applicability,
            message: message.into(),
            edits,
        })
    }

    /// A fix of one edit.
    pub fn one(applicability: Applicability, message: impl Into<String>, edit: Edit) -> Self {
        let mut edit = edit;
        if edit.range.end < edit.range.start {
            edit.range.end = edit.range.start;
        }
        Fix {
            applicability,
            message: message.into(),
            edits: vec![edit],
        }
    }

    /// A meaning-preserving fix of one edit.
    pub fn safe(message: impl Into<String>, edit: Edit) -> Self {
        Self::one(Applicability::Safe, message, edit)
    }

    /// A fix of one edit that needs a human look.
    pub fn unsafe_(message: impl Into<String>, edit: Edit) -> Self {
        Self::one(Applicability::Unsafe, message, edit)
    }

    pub fn applicability(&self) -> Applicability {
        self.applicability
    }

    /// What the fix does, for a person (`Replace `we` with `I``).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The edits, sorted and disjoint.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// The fix's parts, by value.
    pub fn into_parts(self) -> (Applicability, String, Vec<Edit>) {
        (self.applicability, self.message, self.edits)
    }

    /// The byte span all edits touch.
    pub fn span(&self) -> Option<Range<usize>> {
        let start = self.edits.first()?.range.start;
        let end = self.edits.last()?.range.end;
        Some(start..end)
    }

    /// The same fix with its new text written in `ending` (rules write `\n`).
    pub(crate) fn with_line_ending(mut self, ending: crate::text::LineEnding) -> Self {
        for e in &mut self.edits {
            if let std::borrow::Cow::Owned(text) = ending.apply(&e.new_text) {
                e.new_text = text;
            }
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: Range<usize>,
    /// Title of the story the diagnostic is in.
    pub story: Option<String>,
    pub fix: Option<Fix>,
}
