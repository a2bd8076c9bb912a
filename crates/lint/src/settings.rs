//! Resolved settings: what rules read. Built once per configuration and shared across files.

use crate::config::Options;
use crate::diagnostic::Severity;
use crate::markers::{default_synonyms, MarkerMatcher, PartKind};
use crate::principles::PrincipleSet;
use crate::registry;
use crate::words::{PhraseMatcher, WordLists};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};
use regex::Regex;
use std::sync::{Arc, OnceLock};

/// Options of the rules that have any, with their defaults.
#[derive(Debug, Clone)]
pub struct RuleSettings {
    pub max_story_words: usize,
    pub words_per_minute: usize,
    pub we_parts: Vec<PartKind>,
    /// Story parts where STYLE001 reports weasel words.
    pub weasel_parts: Vec<PartKind>,
    pub hypothetical_parts: Vec<PartKind>,
    pub min_action_share: f64,
    pub max_setup_share: f64,
    pub max_principles: usize,
    /// `[rules.story-too-long] max-words` was set: a value set's own limit does not replace it.
    pub max_story_words_configured: bool,
    /// The word limit of one behaviour answer when the bank is written for the UK Civil
    /// Service (its applications limit each answer; 250 is the common limit).
    pub behaviour_answer_words: usize,
    /// The Success Profiles level to aim for (1–6) in `new story`, when one is set.
    pub behaviour_level: Option<u8>,
    /// The longest a story's short version (`### 30-second version`, `short:`) may be, in
    /// seconds of speech.
    pub short_version_seconds: usize,
    pub max_sentence_words: usize,
    pub max_press_release_words: usize,
    pub common_acronyms: Vec<String>,
    /// Who reads the PR/FAQ (PRFAQ006): a technical audience knows more acronyms.
    pub acronym_audience: crate::rules::prfaq::undefined_acronym::Audience,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings::from_options(&crate::config::RulesOptions::default())
    }
}

impl RuleSettings {
    /// The rules' options as the rules read them. The defaults live in each rule's options
    /// struct, beside the rule.
    fn from_options(r: &crate::config::RulesOptions) -> Self {
        RuleSettings {
            max_story_words: r.story_too_long.max_words,
            // A Civil Service bank's answer limit gives way to a story limit set in config.
            max_story_words_configured: r.story_too_long.max_words
                != crate::rules::star::story_too_long::StoryTooLongOptions::default().max_words,
            words_per_minute: r.story_too_long.words_per_minute.max(1),
            short_version_seconds: r.story_too_long.short_seconds.max(1),
            behaviour_answer_words: 250,
            behaviour_level: None,
            we_parts: r.we_language.parts.clone(),
            weasel_parts: r.weasel_word.parts.clone(),
            hypothetical_parts: r.hypothetical_language.parts.clone(),
            min_action_share: r.unbalanced_story.min_action_share,
            max_setup_share: r.unbalanced_story.max_setup_share,
            max_principles: r.too_many_principles.max,
            max_sentence_words: r.long_sentence.max_words,
            max_press_release_words: r.press_release_too_long.max_words,
            common_acronyms: Vec::new(),
            acronym_audience: r.undefined_acronym.audience,
        }
    }
}

/// Compiled word matchers.
#[derive(Debug)]
pub struct Matchers {
    pub weasel: PhraseMatcher,
    pub quantity: PhraseMatcher,
    pub weasel_change: PhraseMatcher,
    pub outcome: PhraseMatcher,
    pub intensifier: PhraseMatcher,
    pub measurable: PhraseMatcher,
    pub hedge: PhraseMatcher,
    pub hypothetical: PhraseMatcher,
    pub we: PhraseMatcher,
    pub number_words: PhraseMatcher,
    pub duration_units: PhraseMatcher,
    pub placeholder: PhraseMatcher,
    pub lists: WordLists,
}

impl Matchers {
    pub fn new(lists: WordLists) -> Self {
        Matchers {
            weasel: PhraseMatcher::new(&lists.weasel.phrases),
            quantity: PhraseMatcher::new(&lists.weasel.quantity_words),
            weasel_change: PhraseMatcher::new(&lists.weasel.change_words),
            outcome: PhraseMatcher::with_stems(&lists.weasel.outcome_words),
            intensifier: PhraseMatcher::new(&lists.weasel.intensifiers),
            measurable: PhraseMatcher::new(&lists.weasel.measurable_words),
            hedge: PhraseMatcher::new(&lists.hedge.phrases),
            hypothetical: PhraseMatcher::new(&lists.hypothetical.phrases),
            we: PhraseMatcher::new(&lists.we.words),
            number_words: PhraseMatcher::new(&lists.metric.number_words),
            duration_units: PhraseMatcher::new(&lists.metric.duration_units),
            placeholder: PhraseMatcher::new(&lists.placeholder.tokens),
            lists,
        }
    }
}

/// Everything the engine needs to lint a document.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Effective severity per registry rule; `None` = off.
    severities: Vec<Option<Severity>>,
    pub rules: RuleSettings,
    principles: Arc<PrincipleSet>,
    markers: Arc<MarkerMatcher>,
    prefilter: Arc<Prefilter>,
    pub words: Arc<Matchers>,
    pub bank_target: usize,
    pub role_principles: Vec<String>,
    /// `[bank] max-principles-per-story`: the most principles one story answers for in a loop.
    pub max_principles_per_story: usize,
    /// `[bank] questions`: the interview loop's questions (BANK003).
    pub loop_questions: Vec<String>,
    /// The config names the principle set (`[principles] file` or `extend`): it is in force for
    /// every story, with no need for evidence of a target company.
    pub principles_configured: bool,
    /// The bundled set the config or `--set` chose (`meta`), if any.
    pub chosen_set: Option<&'static str>,
    /// A stable fingerprint of the options that produced these settings (for result caches).
    pub fingerprint: String,
    /// `[files] max-size` in bytes: larger texts are not checked (`None`: no limit).
    pub max_size: Option<u64>,
}

#[derive(Debug)]
struct Prefilter {
    words: Option<AhoCorasick>,
    letters: Regex,
}

impl Default for Settings {
    fn default() -> Self {
        static DEFAULT: OnceLock<Settings> = OnceLock::new();
        DEFAULT
            .get_or_init(|| {
                Settings::build(
                    &Options::default(),
                    PrincipleSet::default_set(),
                    WordLists::bundled(),
                )
            })
            .clone()
    }
}

impl Settings {
    /// Resolve options with a principle set and word lists already loaded.
    pub fn build(options: &Options, principles: PrincipleSet, mut lists: WordLists) -> Self {
        let r = &options.rules;
        let mut rules = RuleSettings::from_options(r);
        extend_list(
            &mut lists.we.words,
            &r.we_language.words,
            &r.we_language.extend_words,
        );
        let hypothetical = &r.hypothetical_language;
        extend_list(
            &mut lists.hypothetical.phrases,
            &hypothetical.words,
            &hypothetical.extend_words,
        );
        let weasel = &r.weasel_word;
        extend_list(
            &mut lists.weasel.phrases,
            &weasel.words,
            &weasel.extend_words,
        );
        extend_list(
            &mut lists.hedge.phrases,
            &r.hedging.words,
            &r.hedging.extend_words,
        );
        let placeholder = &r.placeholder_text;
        extend_list(
            &mut lists.placeholder.tokens,
            &placeholder.words,
            &placeholder.extend_words,
        );
        let acronym = &r.undefined_acronym;
        extend_list(
            &mut lists.acronym.common,
            &acronym.words,
            &acronym.extend_words,
        );
        rules.common_acronyms = lists.acronym.common.clone();

        let synonyms: Vec<(PartKind, Vec<String>)> = PartKind::ALL
            .iter()
            .map(|&p| {
                let mut words: Vec<String> =
                    default_synonyms(p).iter().map(|s| s.to_string()).collect();
                words.extend(options.markers.extra_for(p).iter().cloned());
                (p, words)
            })
            .collect();
        let all_words: Vec<String> = synonyms
            .iter()
            .flat_map(|(_, w)| w.iter().map(|s| s.to_lowercase()))
            .chain(crate::prfaq::PREFILTER_WORDS.iter().map(|w| w.to_string()))
            // Weak markers, and the questions that head stories told without labels.
            .chain(
                crate::markers::WEAK_SYNONYMS
                    .iter()
                    .map(|(_, w)| w.to_lowercase()),
            )
            .chain(["?", "tell me about", "a time"].map(String::from))
            // Principle names head stories told without labels too (`## Earn Trust`).
            .chain(principles.iter().map(|p| p.name.to_lowercase()))
            // …and so do every bundled set's values (`## Working Together`), whatever the set.
            .chain(crate::value_sets::sets().flat_map(|(_, set)| {
                set.iter().flat_map(|p| {
                    std::iter::once(p.name.to_lowercase())
                        .chain(p.aliases.iter().map(|a| a.to_lowercase()))
                })
            }))
            .collect();
        let prefilter = Prefilter {
            words: AhoCorasickBuilder::new()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .ascii_case_insensitive(true)
                .build(&all_words)
                .ok(),
            letters: letter_label_re(),
        };

        let severities = registry::RULES
            .iter()
            .map(|rule| options.effective_severity(&rule.meta))
            .collect();
        Settings {
            severities,
            rules,
            principles: Arc::new(principles),
            markers: Arc::new(MarkerMatcher::new(&synonyms)),
            prefilter: Arc::new(prefilter),
            words: Arc::new(Matchers::new(lists)),
            bank_target: options.bank.target.unwrap_or(2),
            role_principles: options.bank.role_principles.clone().unwrap_or_default(),
            max_principles_per_story: options.bank.max_principles_per_story.unwrap_or(2),
            loop_questions: Vec::new(),
            principles_configured: options.principles.file.is_some()
                || options.principles.extend.is_some()
                || options.principles.set.is_some(),
            chosen_set: None,
            fingerprint: options.fingerprint(),
            max_size: options.files.max_size_bytes(),
        }
    }

    /// The severity of registry rule `index`, `None` when it is off.
    pub fn severity(&self, index: usize) -> Option<Severity> {
        self.severities.get(index).copied().flatten()
    }

    /// Turn rules on or off after the fact (`--select`/`--ignore` on the command line).
    pub fn set_severity(&mut self, index: usize, severity: Option<Severity>) {
        if let Some(s) = self.severities.get_mut(index) {
            *s = severity;
        }
    }

    /// The id of the set the LP rules check against: a chosen bundled set, `configured` for a
    /// principle file, else `amazon`.
    pub fn active_set_id(&self) -> &'static str {
        match self.chosen_set {
            Some(id) => id,
            None if self.principles_configured => "configured",
            None => "amazon",
        }
    }

    /// A value set's conventions (the Civil Service's answer limit and level), from
    /// `[principles]`.
    pub fn apply_set_conventions(&mut self, options: &Options) {
        if let Some(words) = options.principles.answer_words {
            self.rules.behaviour_answer_words = words.max(1);
        }
        self.rules.behaviour_level = options.principles.level.map(|l| l.clamp(1, 6));
    }

    /// The label of a new tag line (`**Leadership Principles:** `).
    pub fn tag_label(&self) -> &'static str {
        self.chosen_set
            .and_then(crate::value_sets::known)
            .map_or("**Leadership Principles:** ", |k| k.tag_label)
    }

    pub fn principles(&self) -> &PrincipleSet {
        &self.principles
    }

    pub fn marker_matcher(&self) -> &MarkerMatcher {
        &self.markers
    }

    /// Could `text` hold a STAR marker or a PR/FAQ at all? (Cheap: no parse.)
    pub fn markers_prefilter(&self, text: &str) -> bool {
        self.prefilter
            .words
            .as_ref()
            .is_none_or(|ac| ac.is_match(text))
            || self.prefilter.letters.is_match(text)
    }
}

/// A rule's `words` (replacing the bundled list) and `extend-words` (adding to it).
fn extend_list(list: &mut Vec<String>, replace: &Option<Vec<String>>, extend: &[String]) {
    if let Some(words) = replace {
        *list = words.clone();
    }
    list.extend(extend.iter().cloned());
}

fn letter_label_re() -> Regex {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?m)^[^A-Za-z0-9\n]{0,12}[STAR](?:[^A-Za-z0-9\n]{0,4}:|-[A-Za-z])").unwrap()
}
