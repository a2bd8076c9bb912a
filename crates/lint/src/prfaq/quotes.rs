//! Quotes in the press release, their attributions and their speakers' roles.

use super::*;

/// `"…," said Jane Doe` / `said Jane Doe, VP:` / `, says Jane`.
pub(super) fn said_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r#"(?:["”’]\s*,?\s*|[,.]\s+)(?:said|says|added|explained|noted)\s+[\[A-Z*_]|[a-z\]]\s*,?\s+(?:said|says|added)\s*[:,]?\s*["“]"#).unwrap()
    })
}

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

pub(super) fn leader_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i-u)\b(?:CEO|CTO|COO|CFO|CPO|CMO|CIO|chief|president|VP|SVP|EVP|vice[- ]president|director|GM|general\s+manager|head\s+of|founder|co-?founder|leader|leader's|executive|managing\s+partner|owner\s+of\s+the\s+product)\b").unwrap()
    })
}

pub(super) fn customer_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i-u)\b(?:customers?|customer's|users?|clients?|beta\s+testers?|pilot|early\s+adopters?|partners?|shoppers?|subscribers?|members?|patients?)\b").unwrap()
    })
}

/// Quotes in the press release: paragraphs with `said`, and blockquotes with an attribution.
pub(super) fn find_quotes(doc: &Document, pr: &PrFaq, range: Range<usize>) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut context: Option<QuoteRole> = None;
    for i in range {
        let Some(b) = doc.blocks.get(i) else {
            break;
        };
        if b.is_heading() {
            let t = clean_heading(doc.slice(block_content(doc, i))).to_lowercase();
            // Only a heading about quotes says whose they are (`Customer Quotes`).
            let about_quotes = ["quote", "testimonial", "voices"]
                .iter()
                .any(|w| t.contains(w));
            context = if !about_quotes {
                None
            } else if t.contains("customer") || t.contains("testimonial") || t.contains("user") {
                Some(QuoteRole::Customer)
            } else if t.contains("leader") || t.contains("executive") {
                Some(QuoteRole::Leader)
            } else {
                None
            };
            continue;
        }
        if b.kind != BlockKind::Paragraph || pr.is_template(i) {
            continue;
        }
        let content = block_content(doc, i);
        let raw = doc.slice(content.clone());
        let attribution = if let Some(m) = said_re().find(raw) {
            // The speaker and title: from the closing quotation mark (or the line's start)
            // before the verb to the next opening quotation mark (or the line's end).
            let verb = raw
                .get(m.start()..m.end())
                .and_then(|t| {
                    ["said", "says", "added", "explained", "noted"]
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
            Some(content.start + start + lead..content.start + start + trimmed.len().max(lead))
        } else if b.quote_depth > 0 || prev_is_quote(doc, i) {
            attribution_line(doc, i)
        } else {
            None
        };
        let Some(attr) = attribution else {
            continue;
        };
        let role = context.unwrap_or_else(|| role_of(doc.slice(attr.clone())));
        out.push(Quote {
            block: i,
            attribution: attr,
            role,
        });
    }
    out
}

pub(super) fn prev_is_quote(doc: &Document, i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|p| doc.blocks.get(p))
        .is_some_and(|b| b.quote_depth > 0)
}

/// A customer when the attribution names a customer or user (a VP "at Acme, a Larkspur
/// customer" is one); else a leader when the title is a leader's; else a customer.
pub(super) fn role_of(attribution: &str) -> QuoteRole {
    if customer_re().is_match(attribution) {
        QuoteRole::Customer
    } else if leader_re().is_match(attribution) {
        QuoteRole::Leader
    } else {
        QuoteRole::Customer
    }
}
