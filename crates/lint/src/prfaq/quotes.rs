//! Quotes in the press release, their attributions and their speakers' roles.

use super::*;
use std::sync::LazyLock;

/// `"…," said Jane Doe` / `said Jane Doe, VP:` / `, says Jane`.
pub(super) static SAID: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r#"(?:["”’]\s*,?\s*|[,.]\s+)(?:said|says|added|explained|noted)\s+(?:[\[A-Z*_]|(?:a|an|one|the|our|their)\s)|[a-z\]]\s*,?\s+(?:said|says|added)\s*[:,]?\s*["“]|[a-z\])],?\s+(?:stating|stated|saying)\s*[:,]\s*["“]"#).unwrap()
});

/// A line in block `i` that attributes a quote: `— *Jane Doe, VP*`, `-- Jane Doe`.
pub(super) fn attribution_line(doc: &Document, i: usize) -> Option<Range<usize>> {
    let b = doc.blocks.get(i)?;
    for seg in &b.segments {
        let s = doc.slice(seg.clone());
        for (off, line) in line_spans(s) {
            let t = line.trim_start_matches([' ', '\t', '*', '_']);
            let lead = line.len() - t.len();
            if let Some(rest) = t
                .strip_prefix('—')
                .or_else(|| t.strip_prefix('–'))
                .or_else(|| t.strip_prefix("--"))
                .or_else(|| t.strip_prefix("- "))
                .or_else(|| t.strip_prefix('―'))
            {
                let name = rest.trim_start_matches([' ', '*', '_']);
                if name
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c == '[')
                {
                    let start = seg.start + off + lead;
                    return Some(start..seg.start + off + line.trim_end().len());
                }
            }
        }
    }
    None
}

pub(super) static LEADER: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?i-u)\b(?:CEO|CTO|COO|CFO|CPO|CMO|CIO|chief|president|VP|SVP|EVP|vice[- ]president|director|GM|general\s+manager|head\s+of|founders?|co-?founders?|leader|leader's|executive|managing\s+partner|owner\s+of\s+the\s+product)\b").unwrap()
});

pub(super) static CUSTOMER: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?i-u)\b(?:customers?|customer's|users?|clients?|beta\s+testers?|pilot|early[- ]adopters?|adopters?|testers?|partners?|shoppers?|subscribers?|members?|patients?)\b").unwrap()
});

/// Quotes: paragraphs with `said`, quotations followed by a dash and a name, blockquotes with
/// an attribution, and template slots (a `Customer Quote` section or label with no quote
/// written yet). Read in `range`, outside the FAQ.
pub(super) fn find_quotes(doc: &Document, pr: &PrFaq, range: Range<usize>) -> Vec<Quote> {
    // Names the press release announces (the company, the product): a speaker "of" or "at"
    // one of them speaks for the company.
    let known: String = [pr.headline, pr.subheading, pr.summary]
        .into_iter()
        .flatten()
        .map(|i| doc.slice(block_content(doc, i)).to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let in_faq = |i: usize| {
        pr.faqs
            .iter()
            .any(|f| f.heading == Some(i) || f.blocks.contains(&i))
    };
    let mut out = Vec::new();
    // Quotes whose speaker has a title but no known role, by index into `out`.
    let mut untold: Vec<usize> = Vec::new();
    // The open quotes section: its heading, the role it names, and whether it holds a quote.
    let mut section: Option<(usize, Option<QuoteRole>, bool)> = None;
    let close = |section: &mut Option<(usize, Option<QuoteRole>, bool)>, out: &mut Vec<Quote>| {
        if let Some((h, Some(role), false)) = section.take() {
            out.push(Quote {
                block: h,
                attribution: heading_text_range(doc, h),
                role,
                slot: true,
            });
        }
    };
    for i in range {
        let Some(b) = doc.blocks.get(i) else {
            break;
        };
        if b.is_heading() || in_faq(i) {
            close(&mut section, &mut out);
            if b.is_heading() && !in_faq(i) {
                let t = clean_heading(doc.slice(block_content(doc, i))).to_lowercase();
                if ["quote", "testimon", "voices"]
                    .iter()
                    .any(|w| t.contains(w))
                    || misspelt_quote(&t)
                {
                    section = Some((i, section_role(&unglue_quote(&t)), false));
                }
            }
            continue;
        }
        if b.kind != BlockKind::Paragraph || pr.is_template(i) {
            continue;
        }
        let content = block_content(doc, i);
        let raw = doc.slice(content.clone());
        let context = section.and_then(|(_, role, _)| role);
        if let Some(role) = slot_label(raw) {
            out.push(Quote {
                block: i,
                attribution: content.start..content.start + first_line_len(raw),
                role,
                slot: true,
            });
            continue;
        }
        let attribution = said_attribution(raw)
            .or_else(|| dash_attribution(raw))
            .map(|r| content.start + r.start..content.start + r.end)
            .or_else(|| {
                (b.quote_depth > 0 || prev_is_quote(doc, i))
                    .then(|| attribution_line(doc, i))
                    .flatten()
            })
            .or_else(|| {
                prev_is_quotation(doc, i)
                    .then(|| name_title_line(raw))
                    .flatten()
                    .map(|r| content.start + r.start..content.start + r.end)
            });
        let Some(attr) = attribution else {
            // Text under a quotes heading is that section's quote, attributed or not.
            if let Some((_, _, found)) = section.as_mut() {
                *found = true;
                if let Some(role) = context {
                    out.push(Quote {
                        block: i,
                        attribution: content.start..content.start + first_line_len(raw),
                        role,
                        slot: true,
                    });
                }
            }
            continue;
        };
        if let Some((_, _, found)) = section.as_mut() {
            *found = true;
        }
        let said = doc.slice(attr.clone());
        // A speaker still to be named (`said [NAME, TITLE]`): a slot, the leader's first.
        let unnamed = unnamed_speaker(said);
        let role = context.unwrap_or_else(|| {
            if unnamed && !out.iter().any(|q: &Quote| q.role == QuoteRole::Leader) {
                QuoteRole::Leader
            } else {
                role_of(said, &known).unwrap_or_else(|| {
                    if titled(said) {
                        untold.push(out.len());
                    }
                    QuoteRole::Customer
                })
            }
        });
        out.push(Quote {
            block: i,
            attribution: attr,
            role,
            slot: unnamed,
        });
    }
    close(&mut section, &mut out);
    // A release with no leader's quote yet: its first speaker named with a title that says
    // nothing of whom they speak for (`said Morwenna Hale, harbour master`) is the company's
    // voice, as the first quote of a press release is.
    if !out.iter().any(|q| q.role == QuoteRole::Leader) {
        if let Some(q) = untold.first().and_then(|&i| out.get_mut(i)) {
            q.role = QuoteRole::Leader;
        }
    }
    out
}

/// `said Dana Reyes, harbour master`: a speaker's name followed by a title.
fn titled(attribution: &str) -> bool {
    attribution.split_once(',').is_some_and(|(name, title)| {
        name.split_whitespace()
            .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
            .count()
            >= 2
            && title.chars().any(char::is_alphabetic)
    })
}

/// An attribution whose speaker is only a placeholder: `said [NAME, TITLE]`, `— [Name]`.
fn unnamed_speaker(attribution: &str) -> bool {
    let mut outside = String::new();
    let mut depth = 0usize;
    for c in attribution.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    attribution.contains('[')
        && !outside
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !CUSTOMER.is_match(&outside)
        && !LEADER.is_match(&outside)
}

fn first_line_len(raw: &str) -> usize {
    raw.find('\n').unwrap_or(raw.len())
}

/// Whose quotes a quotes heading announces: `Customer Quotes`, `Company Quote`, `Quote from
/// You` (the team's), or no one in particular (`Quotes`).
fn section_role(lower: &str) -> Option<QuoteRole> {
    // "Quote a leader to capture the value provided to customers" names the leader first.
    if LEADER.is_match(lower) {
        Some(QuoteRole::Leader)
    } else if CUSTOMER.is_match(lower) || lower.contains("testimon") {
        Some(QuoteRole::Customer)
    } else if COMPANY_VOICE.is_match(lower) {
        Some(QuoteRole::Leader)
    } else {
        None
    }
}

/// A quotes heading with a typo (`Quotfrom You`, `Qoute`): a word that starts like `quote`
/// but is not `quota`.
fn misspelt_quote(lower: &str) -> bool {
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        (w.starts_with("quot") && !w.starts_with("quota")) || w == "qoute" || w == "qoutes"
    })
}

/// `quotfrom you` → `quote from you`: a typo glued to the next word is split off.
fn unglue_quote(lower: &str) -> String {
    lower
        .split(' ')
        .map(
            |w| match w.strip_prefix("quote").or_else(|| w.strip_prefix("quot")) {
                Some(rest) if !rest.is_empty() && rest != "s" && !w.starts_with("quota") => {
                    format!("quote {rest}")
                }
                _ => w.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join(" ")
}

/// A template slot written as a label: `Customer Quote: […]`, `**Leader quote:** TBD`.
fn slot_label(raw: &str) -> Option<QuoteRole> {
    let t = raw.trim_start_matches(['*', '_', ' ']);
    let lower: String = t.chars().take(40).collect::<String>().to_lowercase();
    let at = lower.find("quote")?;
    let label = lower.get(..at)?;
    let rest = lower
        .get(at + 5..)?
        .trim_start_matches(['s', '*', '_', ' ']);
    if !rest.starts_with([':', '—', '–', '-']) || label.split_whitespace().count() > 3 {
        return None;
    }
    section_role(label)
}

/// `"…," said Jane Doe, VP` → the speaker and title, relative to `raw`.
fn said_attribution(raw: &str) -> Option<Range<usize>> {
    let m = SAID.find(raw)?;
    // The speaker and title: from the closing quotation mark (or the line's start) before the
    // verb to the next opening quotation mark (or the line's end).
    let verb = raw
        .get(m.start()..m.end())
        .and_then(|t| {
            [
                "said",
                "says",
                "added",
                "explained",
                "noted",
                "stating",
                "stated",
                "saying",
            ]
            .iter()
            .filter_map(|w| t.find(w))
            .min()
        })
        .map_or(m.start(), |v| m.start() + v);
    let before = raw.get(..verb).unwrap_or("");
    let start = before.rfind(['"', '”', '\n']).map_or(0, |i| i + 1);
    let after = raw.get(verb..).unwrap_or("");
    let end = after.find(['"', '“', '\n']).map_or(raw.len(), |i| verb + i);
    let piece = raw.get(start..end).unwrap_or("");
    let lead = piece.len() - piece.trim_start_matches([',', ' ', '\t']).len();
    let trimmed = piece.trim_end_matches([' ', '\t', ':', ',']);
    Some(start + lead..start + trimmed.len().max(lead))
}

/// `"…" — Target user`: from the dash to the end of its line, relative to `raw`.
fn dash_attribution(raw: &str) -> Option<Range<usize>> {
    let m = DASH_ATTRIBUTION.find(raw)?;
    let start = m.start() + raw.get(m.start()..)?.find(['—', '–', '-', '―'])?;
    let end = raw
        .get(start..)?
        .find('\n')
        .map_or(raw.len(), |e| start + e);
    let line = raw.get(start..end)?.trim_end();
    Some(start..start + line.len())
}

/// The paragraph before block `i` is nothing but a quotation (`"…"`, in emphasis or not) with
/// no speaker of its own.
fn prev_is_quotation(doc: &Document, i: usize) -> bool {
    let Some(p) = i.checked_sub(1) else {
        return false;
    };
    let Some(b) = doc.blocks.get(p) else {
        return false;
    };
    if b.kind != BlockKind::Paragraph {
        return false;
    }
    let t = doc
        .slice(b.content_start()..b.content_end())
        .trim()
        .trim_matches(['*', '_', ' ']);
    t.len() > 20
        && t.starts_with(['"', '“'])
        && t.ends_with(['"', '”'])
        && !SAID.is_match(t)
        && !DASH_ATTRIBUTION.is_match(t)
}

/// A line that is only a speaker and a title, emphasized or not: `_Jo Hale, Engineering
/// Manager_` (the whole line, relative to `raw`).
fn name_title_line(raw: &str) -> Option<Range<usize>> {
    let line = raw.trim_end();
    if line.contains('\n') {
        return None;
    }
    let t = line.trim_matches(['*', '_', ' ', '\t']);
    let (name, title) = t.split_once(',')?;
    let name_ok = (1..=4).contains(&name.split_whitespace().count())
        && name
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let title_ok =
        (1..=8).contains(&title.split_whitespace().count()) && !title.contains(['.', '"']);
    (name_ok && title_ok).then(|| {
        let lead = line.len() - line.trim_start_matches(['*', '_', ' ', '\t']).len();
        lead..line.trim_end_matches(['*', '_', ' ', '\t']).len()
    })
}

pub(super) fn prev_is_quote(doc: &Document, i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|p| doc.blocks.get(p))
        .is_some_and(|b| b.quote_depth > 0)
}

/// A customer when the attribution names a customer or user (a VP "at Acme, a Larkspur
/// customer" is one); a leader when the title is a leader's; a customer when the speaker is at
/// or from another organisation or place than the ones the press release announces (`known`,
/// lowercased); a leader when the role says the speaker builds the product ("staff
/// engineer", "creator of the project"); else nothing is known (the caller decides).
pub(super) fn role_of(attribution: &str, known: &str) -> Option<QuoteRole> {
    if CUSTOMER.is_match(attribution) {
        return Some(QuoteRole::Customer);
    }
    if LEADER.is_match(attribution) {
        return Some(QuoteRole::Leader);
    }
    let elsewhere = AFFILIATION.captures(attribution).is_some_and(|c| {
        c.get(1).is_some_and(|org| {
            let first = org
                .as_str()
                .split_whitespace()
                .find(|w| !matches!(w.to_lowercase().as_str(), "a" | "an" | "the"))
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            first.is_empty() || !known.contains(&first)
        })
    });
    if elsewhere {
        Some(QuoteRole::Customer)
    } else if COMPANY_VOICE.is_match(attribution) {
        Some(QuoteRole::Leader)
    } else {
        None
    }
}

/// `at Acme`, `of Lee's Coffee`, `from San Francisco`, `at an early-adopter organization`.
static AFFILIATION: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"\b(?:at|of|from|with)\s+((?:an?\s+|the\s+)?(?:[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*|[a-z-]+(?:\s+[a-z-]+)?\s+(?:organi[sz]ation|company|firm|startup|bank|hospital|school|university|agency|retailer|store|shop|café|cafe|clinic|lab)))").unwrap()
});

/// Roles of people who build or speak for the product.
static COMPANY_VOICE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?i-u)\b(?:company|creator|author|maintainer|engineer|developer|(?:product|development|engineering|program|project|delivery)\s+manager|(?:product|engineering|tech|technical|design)\s+lead|team|project|from\s+you|internal|spokesperson)\b").unwrap()
});
