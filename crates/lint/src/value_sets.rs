//! The companies' value sets starlint knows, and which one a story bank is written for.
//!
//! The active principle set (config, else Amazon's) is what the LP rules check against. But a
//! bank may be written for another company: its tags then name that company's values, and
//! telling its author to add Amazon principles is wrong. [`infer`] reads the evidence a bank
//! gives (tags, principle headings, a file or folder that names a company, the text naming a
//! framework) and says which set is in force; with no evidence of a target company, none is.

use crate::document::kind::Evidence;
use crate::principles::PrincipleSet;
use crate::settings::Settings;
use std::sync::OnceLock;

/// One bundled value set.
pub struct KnownSet {
    /// Stable id (`amazon`, `meta`, `civil-service`).
    pub id: &'static str,
    /// How it is named to a user.
    pub label: &'static str,
    /// Words of a file or folder name that say a bank targets this company.
    name_words: &'static [&'static str],
    /// Lower-case phrases whose presence in the text says the same.
    text_phrases: &'static [&'static str],
    /// The tag-line label a new tag line gets (`**Leadership Principles:** …`).
    pub tag_label: &'static str,
    toml: &'static str,
}

impl KnownSet {
    /// The whole set, with its evidence keywords and posting phrases (parsed on first use).
    pub fn full(&self) -> &'static PrincipleSet {
        static FULL: OnceLock<Vec<PrincipleSet>> = OnceLock::new();
        let all = FULL.get_or_init(|| {
            KNOWN
                .iter()
                .map(|k| {
                    PrincipleSet::from_toml(k.toml)
                        .unwrap_or_else(|_| PrincipleSet::new(Vec::new()))
                })
                .collect()
        });
        let index = KNOWN.iter().position(|k| k.id == self.id).unwrap_or(0);
        static EMPTY: OnceLock<PrincipleSet> = OnceLock::new();
        all.get(index)
            .unwrap_or_else(|| EMPTY.get_or_init(|| PrincipleSet::new(Vec::new())))
    }
}

/// The bundled set with this id (`meta`), ignoring case.
pub fn known(id: &str) -> Option<&'static KnownSet> {
    let id = id.trim();
    KNOWN.iter().find(|k| k.id.eq_ignore_ascii_case(id))
}

/// The ids of the bundled sets, for `--set` and error messages.
pub const IDS: &[&str] = &[
    "amazon",
    "meta",
    "google",
    "microsoft",
    "netflix",
    "civil-service",
];

/// The error for a set id that is not bundled.
pub fn unknown_set_message(id: &str) -> String {
    format!(
        "[principles] set: unknown value set `{id}`; the bundled sets are {}",
        IDS.join(", ")
    )
}

/// Every bundled set; Amazon's is the default active set.
pub const KNOWN: &[KnownSet] = &[
    KnownSet {
        id: "amazon",
        tag_label: "**Leadership Principles:** ",
        label: "Amazon's Leadership Principles",
        name_words: &["amazon", "aws", "lp", "lps"],
        text_phrases: &["leadership principle"],
        toml: crate::principles::DEFAULT_PRINCIPLES_TOML,
    },
    KnownSet {
        id: "meta",
        tag_label: "**Principles:** ",
        label: "Meta's values",
        name_words: &["meta", "facebook"],
        text_phrases: &["metamates"],
        toml: include_str!("../data/principles/meta.toml"),
    },
    KnownSet {
        id: "google",
        tag_label: "**Principles:** ",
        label: "Google's hiring attributes",
        name_words: &["google", "googleyness"],
        text_phrases: &["googleyness", "googliness"],
        toml: include_str!("../data/principles/google.toml"),
    },
    KnownSet {
        id: "microsoft",
        tag_label: "**Principles:** ",
        label: "Microsoft's values",
        name_words: &["microsoft", "msft"],
        text_phrases: &["one microsoft"],
        toml: include_str!("../data/principles/microsoft.toml"),
    },
    KnownSet {
        id: "netflix",
        tag_label: "**Principles:** ",
        label: "Netflix's culture values",
        name_words: &["netflix"],
        text_phrases: &["keeper test", "freedom and responsibility"],
        toml: include_str!("../data/principles/netflix.toml"),
    },
    KnownSet {
        id: "civil-service",
        tag_label: "**Principles:** ",
        label: "the UK Civil Service behaviours",
        name_words: &["civilservice", "civil", "successprofiles"],
        text_phrases: &["civil service", "success profile"],
        toml: include_str!("../data/principles/civil-service.toml"),
    },
];

/// The parsed sets, in [`KNOWN`] order. Only their names are needed here (tags are matched by
/// name), so no evidence matcher is built: that keeps a one-file run from paying for six.
fn parsed() -> &'static [PrincipleSet] {
    static SETS: OnceLock<Vec<PrincipleSet>> = OnceLock::new();
    SETS.get_or_init(|| {
        KNOWN
            .iter()
            .map(|k| PrincipleSet::names_from_toml(k.toml))
            .collect()
    })
}

/// Every bundled set with its id, in [`KNOWN`] order (Amazon's first).
pub fn sets() -> impl Iterator<Item = (&'static str, &'static PrincipleSet)> {
    KNOWN.iter().map(|k| k.id).zip(parsed())
}

/// The bundled set, other than Amazon's, whose value `name` is (a tag the active set does not
/// know may be another company's value, which is not a typo).
pub fn other_set_of(name: &str) -> Option<&'static KnownSet> {
    KNOWN
        .iter()
        .zip(parsed())
        .skip(1)
        .find(|(_, set)| set.lookup(name).is_some())
        .map(|(k, _)| k)
}

/// Which value set a bank is written for, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SetInForce {
    /// `configured` when the config names a principle file; else a [`KnownSet`] id; `None`
    /// when nothing says which company the bank targets.
    pub set: Option<&'static str>,
    pub evidence: Vec<SetEvidence>,
    /// The id of the set the settings check against (`amazon`, a chosen set, `configured`).
    #[serde(skip)]
    pub active: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SetEvidence {
    pub set: &'static str,
    pub evidence: Evidence,
}

impl SetInForce {
    /// Count a tag found outside the text's lines (front matter) as evidence, and decide again.
    pub fn add_tag(&mut self, tag: &crate::document::Tag) {
        if self.evidence.iter().any(|e| e.evidence.signal == "config") {
            return;
        }
        let set = if tag.principle.is_some() {
            KNOWN.first().map(|k| k.id)
        } else {
            other_set_of(&tag.name).map(|k| k.id)
        };
        let Some(set) = set else { return };
        self.evidence.push(SetEvidence {
            set,
            evidence: Evidence::new("front-matter", crate::document::kind::Toward::Star, 2)
                .at(tag.range.clone())
                .detail(tag.name.clone()),
        });
        self.set = best_set(&self.evidence);
    }

    /// Are the active set's rules (LP001's "add a principle", LP003) to be applied?
    pub fn checks_active_set(&self) -> bool {
        self.set.is_some() && self.set == self.active
    }

    /// Is the bank written for this bundled set (`civil-service`)?
    pub fn is(&self, id: &str) -> bool {
        self.set == Some(id)
    }
}

/// Words a file or folder name holds beside a company's name when the file is prep for that
/// company (`amazon-lp.md`, `google/interview-stories.md`). Any other word (`2021-amazon-fba.md`)
/// makes the company likely an employer the stories are about, which is weaker evidence.
const PREP_WORDS: &[&str] = &[
    "interview",
    "interviews",
    "prep",
    "preparation",
    "stories",
    "story",
    "questions",
    "question",
    "behavioral",
    "behavioural",
    "answers",
    "answer",
    "bank",
    "star",
    "notes",
    "lp",
    "lps",
    "leadership",
    "principles",
    "principle",
    "values",
    "value",
    "the",
    "my",
    "and",
    "md",
    "markdown",
    "txt",
    "mdx",
    "loop",
    "onsite",
];

/// Evidence from the path: each folder and the file's name.
fn name_evidence(name: &str) -> Vec<SetEvidence> {
    let toward = crate::document::kind::Toward::Star;
    let mut out: Vec<SetEvidence> = Vec::new();
    for segment in name.split(['/', '\\']) {
        let lower = segment.to_ascii_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let squashed: String = lower.chars().filter(char::is_ascii_alphanumeric).collect();
        for k in KNOWN {
            let Some(w) = k
                .name_words
                .iter()
                .find(|w| words.contains(w) || (w.len() > 8 && squashed.contains(*w)))
            else {
                continue;
            };
            let prep_only = words
                .iter()
                .all(|x| k.name_words.contains(x) || PREP_WORDS.contains(x));
            let weight = if prep_only { IN_FORCE } else { 1 };
            if !out
                .iter()
                .any(|e| e.set == k.id && e.evidence.weight >= weight)
            {
                out.push(SetEvidence {
                    set: k.id,
                    evidence: Evidence::new("file-name", toward, weight)
                        .detail(format!("`{w}` in {segment}")),
                });
            }
        }
    }
    out
}

/// The points a set needs to be the one in force.
const IN_FORCE: i32 = 3;

/// Decide the set in force for a text. `name` is the file's path as given. Only a linear scan
/// of the lines is needed (no parse), so a large bank linted story group by story group can
/// decide once for the whole text.
pub fn infer(text: &str, name: Option<&str>, settings: &Settings) -> SetInForce {
    let active = Some(settings.active_set_id());
    if settings.principles_configured {
        let detail = match settings.chosen_set {
            Some(id) => format!("the set chosen is `{id}`"),
            None => "the config names a principle file".to_string(),
        };
        return SetInForce {
            set: active,
            evidence: vec![SetEvidence {
                set: settings.active_set_id(),
                evidence: Evidence::new("config", crate::document::kind::Toward::Star, IN_FORCE)
                    .detail(detail),
            }],
            active,
        };
    }
    let mut evidence: Vec<SetEvidence> = Vec::new();
    let toward = crate::document::kind::Toward::Star;
    // Values named by headings (`## Dive Deep`, `### Title (Move Fast)`) and tag lines, each
    // distinct value once.
    let mut seen: Vec<(&'static str, String)> = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        for (set, value, at) in crate::tags::values_named(line, offset) {
            let key = crate::principles::normalize(&value);
            if !seen.iter().any(|(s, k)| *s == set && *k == key) {
                seen.push((set, key));
                evidence.push(SetEvidence {
                    set,
                    evidence: Evidence::new("tag", toward, 2).at(at).detail(value),
                });
            }
        }
        offset += line.len() + 1;
    }
    if let Some(name) = name {
        evidence.extend(name_evidence(name));
    }
    let lower = text.to_lowercase();
    for k in KNOWN {
        if let Some(p) = k.text_phrases.iter().find(|p| lower.contains(*p)) {
            evidence.push(SetEvidence {
                set: k.id,
                evidence: Evidence::new("text", toward, IN_FORCE).detail(format!("mentions `{p}`")),
            });
        }
    }
    SetInForce {
        set: best_set(&evidence),
        evidence,
        active,
    }
}

/// The set with the most points, if it has enough.
fn best_set(evidence: &[SetEvidence]) -> Option<&'static str> {
    let mut best: Option<(&'static str, i32)> = None;
    for k in KNOWN {
        let score: i32 = evidence
            .iter()
            .filter(|e| e.set == k.id)
            .map(|e| e.evidence.weight)
            .sum();
        if score >= IN_FORCE && best.is_none_or(|(_, b)| score > b) {
            best = Some((k.id, score));
        }
    }
    best.map(|(id, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_set_parses() {
        for (k, set) in KNOWN.iter().zip(parsed()) {
            assert!(set.len() >= 4, "{} has {} values", k.id, set.len());
        }
        assert_eq!(
            sets().next().map(|(id, set)| (id, set.len())),
            Some(("amazon", 16))
        );
    }

    #[test]
    fn another_companys_value_is_known() {
        assert_eq!(other_set_of("Move Fast").map(|k| k.id), Some("meta"));
        assert_eq!(other_set_of("be direct").map(|k| k.id), Some("meta"));
        assert_eq!(
            other_set_of("Delivering at Pace").map(|k| k.id),
            Some("civil-service")
        );
        assert!(other_set_of("Ownersip").is_none());
    }

    fn infer_text(text: &str, name: Option<&str>) -> SetInForce {
        infer(text, name, &Settings::default())
    }

    const UNTAGGED: &str = "## Fixing the flaky deploy\n\n**Situation:** Deploys failed twice a week.\n\n**Task:** I owned the pipeline.\n\n**Action:** I rewrote the retry logic.\n\n**Result:** Failures fell to zero in a month.\n";

    #[test]
    fn no_evidence_means_no_set() {
        assert_eq!(infer_text(UNTAGGED, Some("notes/stories.md")).set, None);
    }

    #[test]
    fn a_file_name_or_the_text_names_the_company() {
        assert_eq!(
            infer_text(UNTAGGED, Some("prep/amazon-lp.md")).set,
            Some("amazon")
        );
        assert_eq!(
            infer_text(UNTAGGED, Some("prep/google/stories.md")).set,
            Some("google")
        );
        // A company in a name beside other words is more likely the employer.
        assert_eq!(
            infer_text(UNTAGGED, Some("2021-amazon-payments.md")).set,
            None
        );
        let text = format!("# My answers for the Leadership Principles\n\n{UNTAGGED}");
        assert_eq!(infer_text(&text, None).set, Some("amazon"));
    }

    #[test]
    fn tags_in_a_title_name_their_set() {
        let text = UNTAGGED.replace("deploy\n", "deploy (Move Fast, Be Direct)\n");
        let got = infer_text(&text, None);
        assert_eq!(got.set, Some("meta"), "{got:?}");
    }

    fn chosen(id: &str) -> Settings {
        let mut options = crate::config::Options::default();
        options.principles.set = Some(id.to_string());
        crate::config::settings_from(&options, None).unwrap_or_default()
    }

    #[test]
    fn every_bundled_set_has_descriptions_evidence_and_posting_phrases() {
        for k in KNOWN {
            let set = k.full();
            assert!(set.len() >= 4, "{}", k.id);
            for p in set.iter() {
                assert!(!p.description.is_empty(), "{}: {}", k.id, p.name);
                assert!(p.description.len() <= 140, "{}: {}", k.id, p.name);
                assert!(p.evidence.len() >= 5, "{}: {} evidence", k.id, p.name);
                assert!(p.jd.len() >= 3, "{}: {} jd", k.id, p.name);
            }
        }
    }

    #[test]
    fn a_chosen_set_is_in_force_whatever_the_evidence() {
        let settings = chosen("meta");
        assert_eq!(settings.active_set_id(), "meta");
        assert!(settings.principles().lookup("Move Fast").is_some());
        assert!(settings.principles().lookup("Ownership").is_none());
        // The file names Amazon, but the config chose Meta.
        let got = infer(UNTAGGED, Some("prep/amazon-lp.md"), &settings);
        assert_eq!(got.set, Some("meta"));
        assert!(got.checks_active_set());
        // The default: Amazon's set checks only with evidence.
        let plain = infer(UNTAGGED, None, &Settings::default());
        assert!(!plain.checks_active_set());
        let amazon = infer(UNTAGGED, Some("prep/amazon-lp.md"), &Settings::default());
        assert!(amazon.checks_active_set());
    }

    #[test]
    fn an_unknown_set_is_a_config_error() {
        let mut options = crate::config::Options::default();
        options.principles.set = Some("acme".to_string());
        let err = crate::config::settings_from(&options, None).unwrap_err();
        assert!(err.message.contains("unknown value set `acme`"), "{err}");
        assert!(err.message.contains("civil-service"), "{err}");
    }
}
