//! The flat registry of every rule: selection by code, name or prefix comes from here.

use crate::rule::Rule;
use crate::rules::{bank, doc, lp, prfaq, star, style};

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &star::missing_section::RULE,
    &star::empty_section::RULE,
    &star::section_order::RULE,
    &star::result_without_metric::RULE,
    &star::we_language::RULE,
    &star::hypothetical_language::RULE,
    &star::story_too_long::RULE,
    &star::unbalanced_story::RULE,
    &star::missing_learning::RULE,
    &star::unlabelled_story::RULE,
    &star::short_version_too_long::RULE,
    &star::missing_short_version::RULE,
    &lp::untagged_principle::RULE,
    &lp::unknown_principle::RULE,
    &lp::unsupported_principle::RULE,
    &lp::too_many_principles::RULE,
    &style::weasel_word::RULE,
    &style::hedging::RULE,
    &style::placeholder_text::RULE,
    &style::long_sentence::RULE,
    &doc::invalid_suppression::RULE,
    &doc::unused_suppression::RULE,
    &prfaq::missing_prfaq_section::RULE,
    &prfaq::missing_dateline::RULE,
    &prfaq::press_release_too_long::RULE,
    &prfaq::faq_unanswered::RULE,
    &prfaq::faq_not_a_question::RULE,
    &prfaq::undefined_acronym::RULE,
    &bank::principle_coverage::RULE,
    &bank::duplicate_story::RULE,
    &bank::overplanned_story::RULE,
];

/// A rule by code or name (case-insensitive).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| {
            r.meta.code.eq_ignore_ascii_case(code_or_name)
                || r.meta.name.eq_ignore_ascii_case(code_or_name)
        })
        .copied()
}

/// Registry index of a rule code.
pub fn index_of(code: &str) -> Option<usize> {
    RULES.iter().position(|r| r.meta.code == code)
}
