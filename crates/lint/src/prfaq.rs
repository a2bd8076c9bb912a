//! The PR/FAQ model: the parts of a working-backwards press release and its FAQ entries.
//!
//! Built once from the document's blocks (and their prose), read by the PRFAQ rules. The press
//! release is everything before the first FAQ: a headline, a subheading, a summary paragraph
//! that opens with a dateline, problem and solution paragraphs, a leader's and a customer's
//! quote, and a call to action. The FAQ is one or more sections (external, internal, or one
//! combined FAQ), each a list of questions (headings or `**Q: …**` lines) with their answers.
//! Finding a part never fails: a part that is not there is `None`.

use crate::document::Document;
use crate::parse::{Block, BlockKind};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// What the working-backwards document holds before its FAQ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PressReleaseForm {
    /// A press release (the usual PR/FAQ).
    Release,
    /// Other "artifacts from the future" (a README, a CHANGELOG, help text) instead of a press
    /// release, as RFC templates allow; the press-release checks do not apply.
    Artifacts,
}

/// Who is quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteRole {
    /// Someone from the launching company (CEO, VP, director, founder…).
    Leader,
    /// A customer, user or partner.
    Customer,
}

/// A quote in the press release.
#[derive(Debug, Clone)]
pub struct Quote {
    /// The block holding the attribution.
    pub block: usize,
    /// The attribution text (`said Jane Doe, VP of Payments`).
    pub attribution: Range<usize>,
    pub role: QuoteRole,
}

/// Whom an FAQ section is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaqAudience {
    /// External, public or customer FAQ.
    External,
    /// Internal, technical or stakeholder FAQ.
    Internal,
    /// A plain `FAQ` (or FAQ entries with no heading): serves as both.
    General,
}

/// How a question is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionStyle {
    /// `### What are we launching?`
    Heading,
    /// `**Q: What are we launching?**` or `Q: …`.
    Label,
    /// `**What are we launching?**` or a one-line paragraph ending in `?`.
    Line,
}

/// One question of an FAQ and its answer.
#[derive(Debug, Clone)]
pub struct FaqEntry {
    /// The block holding the question.
    pub block: usize,
    /// The question's text (a heading's text, or the `Q:` line).
    pub question: Range<usize>,
    pub style: QuestionStyle,
    /// Blocks after the question, up to the next question or section end.
    pub answer_blocks: Range<usize>,
    /// Answer text in the question's own paragraph (`**Q: …?**` then `A: …` on the next line).
    pub inline_answer: Option<Range<usize>>,
}

/// An FAQ section.
#[derive(Debug, Clone)]
pub struct FaqSection {
    /// The section's heading; `None` for questions with no FAQ heading above them.
    pub heading: Option<usize>,
    pub audience: FaqAudience,
    /// Blocks after the heading up to the section's end.
    pub blocks: Range<usize>,
    pub entries: Vec<FaqEntry>,
}

/// The parts of a PR/FAQ. Block indices refer to `Document::blocks`.
#[derive(Debug, Clone)]
pub struct PrFaq {
    /// Blocks before the first FAQ (the press release and anything above it).
    pub press_release: Range<usize>,
    pub form: PressReleaseForm,
    /// A `## Press Release` heading.
    pub release_heading: Option<usize>,
    pub headline: Option<usize>,
    pub subheading: Option<usize>,
    /// The first paragraph of the press release (where the dateline goes).
    pub summary: Option<usize>,
    /// The dateline (`SEATTLE, WA — March 3, 2027 —`), in the summary or on its own line.
    pub dateline: Option<Range<usize>>,
    /// `FOR IMMEDIATE RELEASE`.
    pub release_line: Option<usize>,
    pub problem: Option<usize>,
    pub solution: Option<usize>,
    pub quotes: Vec<Quote>,
    pub call_to_action: Option<usize>,
    pub faqs: Vec<FaqSection>,
    /// Template instructions left in (guidance blockquotes): not the author's prose.
    pub template: Vec<usize>,
}

impl PrFaq {
    /// Build the model of a document read as a PR/FAQ.
    pub fn build(doc: &Document) -> PrFaq {
        build(doc)
    }

    /// Is block `index` template guidance rather than the author's text?
    pub fn is_template(&self, index: usize) -> bool {
        self.template.binary_search(&index).is_ok()
    }

    pub fn has_quote(&self, role: QuoteRole) -> bool {
        self.quotes.iter().any(|q| q.role == role)
    }

    /// Does the document have an FAQ for this audience? A plain FAQ serves both.
    pub fn has_faq(&self, audience: FaqAudience) -> bool {
        self.faqs
            .iter()
            .any(|f| f.audience == audience || f.audience == FaqAudience::General)
    }

    /// Every FAQ entry, in document order.
    pub fn entries(&self) -> impl Iterator<Item = &FaqEntry> {
        self.faqs.iter().flat_map(|f| f.entries.iter())
    }
}

/// How much a document looks like a PR/FAQ (for kind detection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    None,
    /// Loses to STAR stories.
    Weak,
    /// Wins over STAR stories.
    Strong,
}

/// Does the document look like a working-backwards PR/FAQ? Only the block text is read.
///
/// An FAQ (a heading, or several `Q:` lines) with a press-release heading, a dateline or
/// `FOR IMMEDIATE RELEASE` is strong. An FAQ heading with some other press-release sign
/// (qualified FAQs such as `Internal FAQ`, an announcement, a `said` quote, a `Working
/// Backwards` heading, press-release section headings) is weak; so is a press release with
/// no FAQ yet. An H1 and an FAQ alone, as in a README, are not enough.
pub fn detect(text: &str, blocks: &[Block]) -> Shape {
    let mut has_faq_heading = false;
    let mut qualified = false;
    let mut press = false;
    let mut dateline = false;
    let mut working_backwards = false;
    let mut announce = false;
    let mut announce_headline = false;
    let mut said = false;
    let mut cues = 0;
    let mut q_lines = 0;
    let mut paragraphs = 0;
    for b in blocks {
        let content = text.get(b.content_start()..b.content_end()).unwrap_or("");
        match b.kind {
            BlockKind::Heading(level) => {
                let t = clean_heading(content);
                if let Some(audience) = faq_heading(&t) {
                    has_faq_heading = true;
                    qualified |= audience != FaqAudience::General;
                }
                press |= is_release_heading(&t) || is_prfaq_heading(&t);
                working_backwards |= t.to_lowercase().contains("working backwards");
                if level <= 2 && announce_headline_re().is_match(&t) {
                    announce_headline = true;
                }
                if pr_cue_re().is_match(&t) {
                    cues += 1;
                }
            }
            BlockKind::Paragraph => {
                if paragraphs < 4 && b.quote_depth == 0 && announce_re().is_match(content) {
                    announce = true;
                }
                paragraphs += 1;
                dateline |= dateline_at(content).is_some();
                press |= content.contains("FOR IMMEDIATE RELEASE");
                said |= said_re().is_match(content);
                if q_label_re().is_match(content) {
                    q_lines += 1;
                }
            }
            _ => {}
        }
    }
    let faq = has_faq_heading || q_lines >= 2;
    let evidence = qualified
        || announce
        || announce_headline
        || said
        || working_backwards
        || dateline
        || press
        || cues >= 2;
    if faq && (press || dateline) {
        Shape::Strong
    } else if (has_faq_heading && evidence)
        || (!faq && (press || dateline || announce_headline) && (said || cues >= 2))
    {
        // An FAQ with a press-release sign, or a press release with no FAQ yet.
        Shape::Weak
    } else {
        Shape::None
    }
}

fn build(doc: &Document) -> PrFaq {
    let blocks = &doc.blocks;
    let n = blocks.len();
    let template = template_blocks(doc);
    let faqs = faq_sections(doc, &template);
    let faq_start = faqs
        .iter()
        .map(|f| f.heading.unwrap_or(f.blocks.start))
        .min()
        .unwrap_or(n);
    let first = blocks
        .iter()
        .position(|b| b.kind != BlockKind::FrontMatter)
        .unwrap_or(n)
        .min(faq_start);
    let mut pr = PrFaq {
        press_release: first..faq_start,
        form: PressReleaseForm::Release,
        release_heading: None,
        headline: None,
        subheading: None,
        summary: None,
        dateline: None,
        release_line: None,
        problem: None,
        solution: None,
        quotes: Vec::new(),
        call_to_action: None,
        faqs,
        template,
    };
    let range = first..faq_start;
    let heading_text = |i: usize| -> String {
        blocks
            .get(i)
            .map(|b| clean_heading(doc.slice(b.content_start()..b.content_end())))
            .unwrap_or_default()
    };
    pr.release_heading = range.clone().find(|&i| {
        blocks.get(i).is_some_and(Block::is_heading) && is_release_heading(&heading_text(i))
    });
    pr.release_line = range.clone().find(|&i| {
        blocks
            .get(i)
            .is_some_and(|b| b.kind == BlockKind::Paragraph)
            && doc
                .slice(block_content(doc, i))
                .contains("FOR IMMEDIATE RELEASE")
    });
    // Where the press release's own text starts: under its heading, or under a `Working
    // Backwards` heading, or at the top.
    let working_backwards = range.clone().find(|&i| {
        blocks.get(i).is_some_and(Block::is_heading)
            && heading_text(i).to_lowercase().contains("working backwards")
    });
    let body_start = pr
        .release_heading
        .or(working_backwards)
        .map_or(first, |h| h + 1);
    let has_said_quote = range
        .clone()
        .any(|i| said_re().is_match(prose_text(doc, i).as_str()));
    let has_dateline = range
        .clone()
        .any(|i| dateline_at(doc.slice(block_content(doc, i))).is_some());
    let artifacts = range.clone().any(|i| is_artifact(doc, i));
    if pr.release_heading.is_none()
        && pr.release_line.is_none()
        && !has_dateline
        && !has_said_quote
        && (artifacts || working_backwards.is_some())
    {
        pr.form = PressReleaseForm::Artifacts;
    }

    pr.headline = find_headline(doc, &pr, range.clone());
    pr.subheading = pr
        .headline
        .and_then(|h| find_subheading(doc, &pr, h, faq_start));
    let after_top = [pr.headline, pr.subheading, pr.release_line]
        .into_iter()
        .flatten()
        .map(|i| i + 1)
        .max()
        .unwrap_or(first)
        .max(body_start);
    find_summary(doc, &mut pr, after_top, faq_start);
    let scope = pr.summary.map_or(after_top, |s| s.min(after_top))..faq_start;
    find_problem_solution(doc, &mut pr, scope.clone());
    pr.quotes = find_quotes(doc, &pr, range.clone());
    pr.call_to_action = find_call_to_action(doc, &pr, scope);
    pr
}

/// The text of a block's content ("" when out of range).
fn block_content(doc: &Document, i: usize) -> Range<usize> {
    doc.blocks
        .get(i)
        .map_or(0..0, |b| b.content_start()..b.content_end())
}

/// The prose of a block, pieces joined by spaces.
fn prose_text(doc: &Document, i: usize) -> String {
    doc.block_prose(i)
        .iter()
        .map(|r| doc.slice(r.clone()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A heading's text without `#`s, emphasis, numbering or a trailing colon.
pub fn clean_heading(raw: &str) -> String {
    let t = raw.trim().trim_end_matches(['#', ' ', '\t']);
    let t = t.trim_matches(|c: char| c == '*' || c == '_' || c == '`' || c.is_whitespace());
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')');
    let t = t.trim().trim_end_matches(':').trim();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Is the heading an FAQ heading, and for whom?
pub fn faq_heading(clean: &str) -> Option<FaqAudience> {
    let lower = clean.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 6 {
        return None;
    }
    let faq_at = words
        .iter()
        .position(|w| *w == "faq" || *w == "faqs")
        .filter(|&i| i == 0 || words.get(i - 1) != Some(&"pr"));
    let long_form = lower.contains("frequently asked questions");
    let questions = words.last().is_some_and(|w| *w == "questions")
        && words.iter().any(|w| {
            matches!(
                *w,
                "customer" | "customers" | "internal" | "external" | "stakeholder" | "public"
            )
        });
    if faq_at.is_none() && !long_form && !questions {
        return None;
    }
    let external = words.iter().any(|w| {
        matches!(
            *w,
            "external" | "public" | "customer" | "customers" | "user" | "users" | "client"
        )
    });
    let internal = words.iter().any(|w| {
        matches!(
            *w,
            "internal" | "technical" | "stakeholder" | "stakeholders" | "team" | "business"
        )
    });
    Some(match (external, internal) {
        (true, false) => FaqAudience::External,
        (false, true) => FaqAudience::Internal,
        _ => FaqAudience::General,
    })
}

fn is_release_heading(clean: &str) -> bool {
    let lower = clean.to_lowercase();
    lower.contains("press release") || lower == "pr"
}

/// `PR/FAQ`, `PRFAQ`, `PR FAQ` (alone, or as a document title's suffix).
fn is_prfaq_heading(clean: &str) -> bool {
    let lower = clean.to_lowercase();
    lower.contains("prfaq") || lower.contains("pr/faq") || lower.contains("pr-faq")
}

/// A heading made only of structural words (`PR/FAQ`, `Press Release`, `Working Backwards`).
fn is_structural(clean: &str) -> bool {
    let lower = clean.to_lowercase();
    let rest = lower
        .replace("press release", " ")
        .replace("working backwards", " ")
        .replace("prfaq", " ")
        .replace("pr/faq", " ")
        .replace("pr-faq", " ")
        .replace("pr faq", " ");
    !rest.chars().any(char::is_alphanumeric)
        || faq_heading(clean).is_some()
        || section_name_re().is_match(&lower)
}

/// Headings of press-release sections and RFC artifacts, never a headline.
fn section_name_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?-u)^(?:the\s+)?(?:customer\s+|working\s+backwards\s+)?(?:problems?|solutions?|quotes?|testimonials?|getting\s+started|get\s+started|availability|pricing(?:\s+and\s+availability)?|call\s+to\s+action|how\s+it\s+works|customer\s+experience|customers?|summary|overview|background|introduction|benefits|features|insights|vision|long[- ]term\s+vision|key\s+features|changelog|readme|help|appendix)\b").unwrap()
    })
}

/// Headline words of an announcement.
fn announce_headline_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i-u)\b(?:announces?|announced|announcing|launch(?:es|ed)|introduces|unveils|debuts|now\s+available|general\s+availability)\b").unwrap()
    })
}

fn announce_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i-u)\b(?:today\s+(?:announced|launched|introduced|unveiled|released)|(?:announced|launched|released)\s+today|today,?\s+we\s+(?:announce|launch|are\s+launching)|announces|is\s+launching)\b").unwrap()
    })
}

/// Section headings that only a press release has.
fn pr_cue_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i-u)\b(?:quotes?|testimonials?|call\s+to\s+action|customer\s+experience|press\s+release|leader)\b").unwrap()
    })
}

/// `"…," said Jane Doe` / `said Jane Doe, VP:` / `, says Jane`.
fn said_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r#"(?:["”’]\s*,?\s*|[,.]\s+)(?:said|says|added|explained|noted)\s+[\[A-Z*_]|[a-z\]]\s*,?\s+(?:said|says|added)\s*[:,]?\s*["“]"#).unwrap()
    })
}

/// `Q:`, `**Q: …**`, `Q1.`, `**Question:**` at the start of a paragraph.
fn q_label_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"^[*_]{0,3}\s*(?:Q|Question)\s*\d*\s*[*_]{0,3}\s*[:.)]").unwrap()
    })
}

/// `A:` / `**A:**` / `Answer:` at the start of a line.
fn a_label_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"^[*_]{0,3}\s*(?:A|Answer)\s*\d*\s*[*_]{0,3}\s*[:.)][*_]{0,3}\s*").unwrap()
    })
}

fn dateline_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // Place: capitalised words (or a placeholder), optional `, ST` / `, State`. Then a dash,
        // a comma or an opening parenthesis; the date (month name with day and/or year, a
        // day-month-year, an ISO date, or a placeholder), optionally inside parentheses, or a
        // wire service `(BUSINESS WIRE)` before it; then a closing dash. Place names use Latin
        // letters with accents (`Zürich`, `São Paulo`): a full Unicode letter class would cost
        // milliseconds to compile on every run.
        let pattern = [
            r"^[\s*_>]*",
            r"(?:\[[^\]\n]{1,40}\]|[A-Z][A-Za-z\x{C0}-\x{24F}.'’-]*(?:[ \t]+[A-Z][A-Za-z\x{C0}-\x{24F}.'’-]*){0,4})",
            r"(?:[ \t]*,[ \t]*(?:\[[^\]\n]{1,30}\]|[A-Z][A-Za-z\x{C0}-\x{24F}.]*(?:[ \t]+[A-Z][A-Za-z\x{C0}-\x{24F}.]*){0,2}))?",
            r"[\s*_]*(?:[—–]|-{1,2}|,|\()[\s*_]*",
            r"(?:\(?[A-Z][A-Za-z ]{2,30}\)?[\s*_]*(?:[—–]|-{1,2})[\s*_]*)?",
            r"\(?[\s*_]*(?:",
            r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+(?:[0-9]{1,2}(?:st|nd|rd|th)?,?[ \t]*)?(?:[0-9]{4})?",
            r"|[0-9]{1,2}[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?[ \t]+[0-9]{4}",
            r"|[0-9]{4}-[0-9]{2}-[0-9]{2}",
            r"|\[[^\]\n]{1,40}\]",
            r"|\{[A-Z_]{1,30}\}",
            r")[\s*_]*\)?[\s*_]*(?:[—–:]|-{1,2}|\n|$)",
        ]
        .concat();
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(&pattern)
        .unwrap()
    })
}

/// The dateline at the start of `s`, as a range in `s`.
pub fn dateline_at(s: &str) -> Option<Range<usize>> {
    let m = dateline_re().find(s)?;
    // A month name alone (`May —`) is no date: a digit or a placeholder must be there.
    let found = m.as_str();
    if !found.chars().any(|c| c.is_ascii_digit()) && !found.contains(['[', '{']) {
        return None;
    }
    let lead = found.len() - found.trim_start_matches([' ', '\t', '*', '_', '>']).len();
    Some(m.start() + lead..m.end())
}

/// Blocks of template guidance: blockquotes right under a heading that instruct the writer
/// ("Describe…", "This section should…", or questions to answer), with no attribution.
fn template_blocks(doc: &Document) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.blocks.len() {
        // Right under a heading, or under the metadata list below the title.
        let after_heading = i == 0
            || doc
                .blocks
                .get(i - 1)
                .is_some_and(|b| b.is_heading() || b.kind == BlockKind::FrontMatter)
            || is_metadata(doc, i - 1);
        let starts_quote = doc.blocks.get(i).is_some_and(|b| b.quote_depth > 0);
        if !(after_heading && starts_quote) {
            i += 1;
            continue;
        }
        // The whole blockquote: consecutive quoted blocks.
        let end = (i..doc.blocks.len())
            .find(|&k| doc.blocks.get(k).is_none_or(|b| b.quote_depth == 0))
            .unwrap_or(doc.blocks.len());
        let text: String = (i..end)
            .map(|k| prose_text(doc, k))
            .collect::<Vec<_>>()
            .join(" ");
        let t = text.trim_start();
        let attributed = (i..end).any(|k| attribution_line(doc, k).is_some());
        let quoted = t.starts_with(['"', '“']);
        if !attributed && !quoted && instruction_re().is_match(t) {
            out.extend(i..end);
        }
        i = end.max(i + 1);
    }
    out
}

fn instruction_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i)^(?:describe|write|explain|include|list|summari[sz]e|add|provide|state|quote|choose|briefly|feel\s+free|this\s+section|the\s+goal\s+of\s+this|if\s+the\s+answer|make\s+sure|tell|give|answer|what\b[^.]*\?|why\b[^.]*\?|how\b[^.]*\?|is\s+there\b[^.]*\?)").unwrap()
    })
}

/// A line in block `i` that attributes a quote: `— *Jane Doe, VP*`, `-- Jane Doe`.
fn attribution_line(doc: &Document, i: usize) -> Option<Range<usize>> {
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

fn line_spans(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut off = 0;
    s.split('\n').map(move |l| {
        let here = off;
        off += l.len() + 1;
        (here, l)
    })
}

/// A heading or bold label naming a working-backwards artifact other than a press release.
fn is_artifact(doc: &Document, i: usize) -> bool {
    let Some(b) = doc.blocks.get(i) else {
        return false;
    };
    let raw = doc.slice(block_content(doc, i));
    let label = match b.kind {
        BlockKind::Heading(_) => clean_heading(raw),
        BlockKind::Paragraph if raw.starts_with("**") => {
            let inner = raw.trim_start_matches('*');
            inner
                .split("**")
                .next()
                .unwrap_or("")
                .trim_end_matches(':')
                .to_string()
        }
        _ => return false,
    };
    let lower = label.to_lowercase();
    let lower = lower
        .trim_start_matches("working backwards")
        .trim_start_matches([' ', '-', '—', '–', ':']);
    [
        "readme",
        "changelog",
        "contributing",
        "help",
        "runbook",
        "user guide",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
}

fn find_headline(doc: &Document, pr: &PrFaq, range: Range<usize>) -> Option<usize> {
    let blocks = &doc.blocks;
    let text_of = |i: usize| clean_heading(doc.slice(block_content(doc, i)));
    // The first heading right under a `Press Release` heading.
    if let Some(h) = pr.release_heading {
        let level = blocks.get(h).and_then(Block::heading_level).unwrap_or(1);
        let next = (h + 1..range.end).find(|&i| {
            blocks
                .get(i)
                .is_some_and(|b| b.kind != BlockKind::ThematicBreak)
        });
        if let Some(i) = next {
            let deeper = blocks
                .get(i)
                .and_then(Block::heading_level)
                .is_some_and(|l| l > level);
            if deeper && !is_structural(&text_of(i)) {
                return Some(i);
            }
        }
    }
    // The first H1 that is more than a structural title.
    let h1 = range.clone().find(|&i| {
        blocks.get(i).and_then(Block::heading_level) == Some(1) && !is_structural(&text_of(i))
    });
    if h1.is_some() {
        return h1;
    }
    // Else the first heading that is not structural, before any paragraph of prose.
    for i in range {
        let b = blocks.get(i)?;
        match b.kind {
            BlockKind::Heading(_) if !is_structural(&text_of(i)) => return Some(i),
            BlockKind::Paragraph if b.quote_depth == 0 && !pr.is_template(i) => return None,
            _ => {}
        }
    }
    None
}

/// Is block `i` a line of metadata (`Reference: <url>`, an author list) to skip over?
fn is_metadata(doc: &Document, i: usize) -> bool {
    let Some(b) = doc.blocks.get(i) else {
        return false;
    };
    if b.list_depth > 0 {
        let raw = doc.slice(block_content(doc, i));
        return raw.trim_start().starts_with("**") && raw.contains(':') && raw.len() < 120;
    }
    if b.kind == BlockKind::Paragraph {
        // Little prose left once links are masked: a reference line.
        let words = crate::text::word_count(&prose_text(doc, i));
        let raw = doc.slice(block_content(doc, i));
        return words <= 3 && (raw.contains("http") || raw.contains(':'));
    }
    matches!(b.kind, BlockKind::Html | BlockKind::ThematicBreak)
}

fn is_emphasized_line(raw: &str) -> bool {
    let t = raw.trim();
    !t.contains('\n')
        && ((t.starts_with('*') && t.ends_with('*')) || (t.starts_with('_') && t.ends_with('_')))
        && t.len() > 2
}

fn find_subheading(doc: &Document, pr: &PrFaq, headline: usize, end: usize) -> Option<usize> {
    let blocks = &doc.blocks;
    let level = blocks
        .get(headline)
        .and_then(Block::heading_level)
        .unwrap_or(1);
    for i in headline + 1..end {
        let b = blocks.get(i)?;
        if pr.is_template(i) || is_metadata(doc, i) || b.kind == BlockKind::Code {
            continue;
        }
        let raw = doc.slice(block_content(doc, i));
        return match b.kind {
            BlockKind::Heading(l) if l > level && !is_structural(&clean_heading(raw)) => Some(i),
            BlockKind::Paragraph if b.quote_depth == 0 && b.list_depth == 0 => {
                let prose = prose_text(doc, i);
                let words = crate::text::word_count(&prose);
                let sentences = crate::rules::sentences(doc.text, doc.block_prose(i)).len();
                let release = raw.contains("FOR IMMEDIATE RELEASE");
                let sub = !release
                    && dateline_at(raw).is_none()
                    && (is_emphasized_line(raw)
                        || (words <= 35 && sentences <= 1 && !announce_re().is_match(&prose)));
                sub.then_some(i)
            }
            _ => None,
        };
    }
    None
}

fn find_summary(doc: &Document, pr: &mut PrFaq, from: usize, end: usize) {
    if pr.form == PressReleaseForm::Artifacts {
        return;
    }
    let mut pending_dateline: Option<Range<usize>> = None;
    for i in from..end {
        let Some(b) = doc.blocks.get(i) else {
            break;
        };
        if b.kind != BlockKind::Paragraph
            || b.quote_depth > 0
            || b.list_depth > 0
            || pr.is_template(i)
            || Some(i) == pr.release_line
        {
            continue;
        }
        let content = block_content(doc, i);
        let raw = doc.slice(content.clone());
        let dateline = dateline_at(raw);
        if Some(i) == pr.subheading
            || (dateline.is_none() && (is_metadata(doc, i) || is_emphasized_line(raw)))
        {
            continue;
        }
        if let Some(d) = dateline {
            let d = content.start + d.start..content.start + d.end;
            // A dateline on its own line: the summary is the next paragraph.
            if raw
                .get(d.end - content.start..)
                .is_some_and(|r| r.trim().is_empty())
            {
                pending_dateline = Some(d);
                continue;
            }
            pr.dateline = Some(d);
        } else {
            pr.dateline = pending_dateline.take();
        }
        pr.summary = Some(i);
        return;
    }
    pr.dateline = pending_dateline;
}

fn find_problem_solution(doc: &Document, pr: &mut PrFaq, scope: Range<usize>) {
    let mut section: Option<&'static str> = None;
    let mut plain: Vec<usize> = Vec::new();
    for i in scope {
        let Some(b) = doc.blocks.get(i) else {
            break;
        };
        if b.is_heading() {
            let t = clean_heading(doc.slice(block_content(doc, i))).to_lowercase();
            section = if t.contains("problem")
                || t.contains("opportunity")
                || t.contains("challenge")
            {
                Some("problem")
            } else if t.contains("solution") || t.contains("approach") || t.contains("how it works")
            {
                Some("solution")
            } else {
                None
            };
            continue;
        }
        if b.kind != BlockKind::Paragraph || b.quote_depth > 0 || pr.is_template(i) {
            continue;
        }
        match section {
            Some("problem") if pr.problem.is_none() => pr.problem = Some(i),
            Some("solution") if pr.solution.is_none() => pr.solution = Some(i),
            _ => {}
        }
        if b.list_depth == 0 && Some(i) != pr.summary && !said_re().is_match(&prose_text(doc, i)) {
            plain.push(i);
        }
    }
    // Without section headings, the paragraphs after the summary, in the usual order.
    let after: Vec<usize> = plain
        .into_iter()
        .filter(|&i| pr.summary.is_some_and(|s| i > s))
        .collect();
    if pr.problem.is_none() {
        pr.problem = after.first().copied();
    }
    if pr.solution.is_none() {
        pr.solution = after.get(1).copied();
    }
}

fn leader_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i-u)\b(?:CEO|CTO|COO|CFO|CPO|CMO|CIO|chief|president|VP|SVP|EVP|vice[- ]president|director|GM|general\s+manager|head\s+of|founder|co-?founder|leader|leader's|executive|managing\s+partner|owner\s+of\s+the\s+product)\b").unwrap()
    })
}

fn customer_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i-u)\b(?:customers?|customer's|users?|clients?|beta\s+testers?|pilot|early\s+adopters?|partners?|shoppers?|subscribers?|members?|patients?)\b").unwrap()
    })
}

/// Quotes in the press release: paragraphs with `said`, and blockquotes with an attribution.
fn find_quotes(doc: &Document, pr: &PrFaq, range: Range<usize>) -> Vec<Quote> {
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

fn prev_is_quote(doc: &Document, i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|p| doc.blocks.get(p))
        .is_some_and(|b| b.quote_depth > 0)
}

/// A customer when the attribution names a customer or user (a VP "at Acme, a Larkspur
/// customer" is one); else a leader when the title is a leader's; else a customer.
fn role_of(attribution: &str) -> QuoteRole {
    if customer_re().is_match(attribution) {
        QuoteRole::Customer
    } else if leader_re().is_match(attribution) {
        QuoteRole::Leader
    } else {
        QuoteRole::Customer
    }
}

fn cta_heading_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i-u)\b(?:getting\s+started|get\s+started|call\s+to\s+action|availability|how\s+to\s+(?:buy|start|try|join|sign\s+up)|next\s+steps|try\s+it|pricing)\b").unwrap()
    })
}

fn cta_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i-u)\b(?:get(?:ting)?\s+started|sign\s+(?:up|in)|visit|learn\s+more|available\s+(?:now|today|from|at|in)|download|install|try\s+it|go\s+to|head\s+to|request\s+(?:access|a\s+demo)|join\s+the|contact|register|subscribe|order|book\s+a|apply)\b").unwrap()
    })
}

fn web_address_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i-u)https?://|\bwww\.|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|app|ai|co|uk|gov|edu)\b").unwrap()
    })
}

fn find_call_to_action(doc: &Document, pr: &PrFaq, scope: Range<usize>) -> Option<usize> {
    if pr.form == PressReleaseForm::Artifacts {
        return None;
    }
    let mut found = None;
    let mut in_cta_section = false;
    for i in scope {
        let b = doc.blocks.get(i)?;
        if b.is_heading() {
            in_cta_section = cta_heading_re().is_match(doc.slice(block_content(doc, i)));
            continue;
        }
        if pr.is_template(i) || pr.quotes.iter().any(|q| q.block == i) {
            continue;
        }
        let has_text = !doc.block_prose(i).is_empty() || b.kind == BlockKind::Code;
        // A sentence pointing to a web address is a call to action too.
        let address = b.kind == BlockKind::Paragraph
            && web_address_re().is_match(doc.slice(block_content(doc, i)));
        if (in_cta_section && has_text) || address || cta_re().is_match(&prose_text(doc, i)) {
            found = Some(i);
        }
    }
    found
}

/// FAQ sections: each FAQ heading's section, plus `Q:` entries with no FAQ heading above them.
fn faq_sections(doc: &Document, template: &[usize]) -> Vec<FaqSection> {
    let blocks = &doc.blocks;
    let n = blocks.len();
    let mut out = Vec::new();
    let heading_audience = |i: usize| -> Option<FaqAudience> {
        let b = blocks.get(i)?;
        if !b.is_heading() {
            return None;
        }
        faq_heading(&clean_heading(doc.slice(block_content(doc, i))))
    };
    for h in 0..n {
        let Some(audience) = heading_audience(h) else {
            continue;
        };
        let level = blocks.get(h).and_then(Block::heading_level).unwrap_or(1);
        let end = (h + 1..n)
            .find(|&k| {
                blocks
                    .get(k)
                    .and_then(Block::heading_level)
                    .is_some_and(|l| l <= level)
                    || heading_audience(k).is_some()
            })
            .unwrap_or(n);
        let entries = faq_entries(doc, h + 1..end, level, template);
        out.push(FaqSection {
            heading: Some(h),
            audience,
            blocks: h + 1..end,
            entries,
        });
    }
    // `**Q: …**` questions before any FAQ heading (a PR/FAQ whose FAQ has no heading).
    let first_faq = out.first().and_then(|f| f.heading).unwrap_or(n);
    let first_q = (0..first_faq).find(|&i| {
        blocks
            .get(i)
            .is_some_and(|b| b.kind == BlockKind::Paragraph && b.quote_depth == 0)
            && q_label_re().is_match(doc.slice(block_content(doc, i)))
    });
    if let Some(q) = first_q {
        let end = (q + 1..first_faq)
            .find(|&k| blocks.get(k).is_some_and(Block::is_heading))
            .unwrap_or(first_faq);
        let entries = faq_entries(doc, q..end, 0, template);
        if entries.len() >= 2 {
            out.insert(
                0,
                FaqSection {
                    heading: None,
                    audience: FaqAudience::General,
                    blocks: q..end,
                    entries,
                },
            );
        }
    }
    out
}

/// The questions in a section's blocks and the blocks that answer them.
fn faq_entries(
    doc: &Document,
    range: Range<usize>,
    level: u8,
    template: &[usize],
) -> Vec<FaqEntry> {
    let blocks = &doc.blocks;
    let child_level = range
        .clone()
        .filter_map(|i| blocks.get(i).and_then(Block::heading_level))
        .filter(|&l| l > level)
        .min();
    let heading_q = |i: usize| -> Option<(Range<usize>, u8)> {
        let b = blocks.get(i)?;
        let l = b.heading_level()?;
        let r = heading_text_range(doc, i);
        let question = doc.slice(r.clone()).contains('?');
        (question || Some(l) == child_level).then_some((r, l))
    };
    let mut candidates: Vec<(usize, Range<usize>, QuestionStyle, Option<u8>)> = Vec::new();
    for i in range.clone() {
        if template.binary_search(&i).is_ok() {
            continue;
        }
        let Some(b) = blocks.get(i) else {
            break;
        };
        if let Some((r, l)) = heading_q(i) {
            candidates.push((i, r, QuestionStyle::Heading, Some(l)));
        } else if b.kind == BlockKind::Paragraph && b.quote_depth == 0 {
            let content = block_content(doc, i);
            let raw = doc.slice(content.clone());
            if q_label_re().is_match(raw) {
                let r = question_span(raw, true);
                candidates.push((
                    i,
                    content.start + r.start..content.start + r.end,
                    QuestionStyle::Label,
                    None,
                ));
            } else if is_bold_question(raw) {
                let r = question_span(raw, false);
                candidates.push((
                    i,
                    content.start + r.start..content.start + r.end,
                    QuestionStyle::Line,
                    None,
                ));
            }
        }
    }
    // A heading without `?` that holds other questions is a group, not a question.
    let group = |k: usize| -> bool {
        let Some((i, _, style, Some(l))) = candidates.get(k) else {
            return false;
        };
        if *style != QuestionStyle::Heading || doc.slice(heading_text_range(doc, *i)).contains('?')
        {
            return false;
        }
        candidates.iter().skip(k + 1).any(|(j, _, _, jl)| {
            let inside = !(i + 1..*j).any(|m| {
                blocks
                    .get(m)
                    .and_then(Block::heading_level)
                    .is_some_and(|ml| ml <= *l)
            });
            inside && jl.is_none_or(|jl| jl > *l)
        })
    };
    let kept: Vec<usize> = (0..candidates.len()).filter(|&k| !group(k)).collect();
    let mut entries = Vec::new();
    for (pos, &k) in kept.iter().enumerate() {
        let Some((i, r, style, l)) = candidates.get(k) else {
            continue;
        };
        let next = kept
            .get(pos + 1)
            .and_then(|&k2| candidates.get(k2))
            .map_or(range.end, |c| c.0);
        // The answer runs to the next question, or a heading at the question's level or
        // above (any heading, for a paragraph question).
        let stop = (i + 1..next)
            .find(|&m| {
                blocks
                    .get(m)
                    .and_then(Block::heading_level)
                    .is_some_and(|ml| match l {
                        Some(l) => ml <= *l,
                        None => true,
                    })
            })
            .unwrap_or(next);
        let inline_answer = if *style == QuestionStyle::Heading {
            None
        } else {
            let content = block_content(doc, *i);
            let rest = r.end..content.end;
            let t = doc.slice(rest.clone());
            let trimmed = t.trim_start_matches(['*', '_', ' ', '\t', '\n', '\r', '?']);
            let lead = t.len() - trimmed.len();
            (!trimmed.trim().is_empty()).then_some(rest.start + lead..rest.end)
        };
        entries.push(FaqEntry {
            block: *i,
            question: r.clone(),
            style: *style,
            answer_blocks: i + 1..stop,
            inline_answer,
        });
    }
    entries
}

/// The text of a heading block without `#`s or trailing `#`s.
pub fn heading_text_range(doc: &Document, i: usize) -> Range<usize> {
    let r = block_content(doc, i);
    let s = doc.slice(r.clone());
    let trimmed = s.trim_end_matches(['#', ' ', '\t', '\r', '\n']);
    let lead = trimmed.len() - trimmed.trim_start().len();
    r.start + lead..r.start + trimmed.len()
}

/// A paragraph that is one bold line ending in `?` (`**Can I export my data?**`).
fn is_bold_question(raw: &str) -> bool {
    let first = raw.lines().next().unwrap_or("").trim();
    (first.starts_with("**") || first.starts_with("__"))
        && first.trim_end_matches(['*', '_', ' ']).ends_with('?')
}

/// The question part of a `Q:` paragraph (relative to `raw`): a bold span, else up to the
/// question mark, else the first line.
fn question_span(raw: &str, labelled: bool) -> Range<usize> {
    let first_line_end = raw.find('\n').unwrap_or(raw.len());
    if let Some(body) = raw.strip_prefix("**").or_else(|| raw.strip_prefix("__")) {
        let close = if raw.starts_with("**") { "**" } else { "__" };
        // `**Q:** What…?` (label only in bold) or `**Q: What…?**` (the whole question).
        if let Some(end) = body.find(close) {
            let inner = body.get(..end).unwrap_or("");
            let label_only = labelled
                && inner.trim_end().trim_end_matches([':', '.', ')']).len() <= 9
                && !inner.contains('?');
            if !label_only {
                return 0..2 + end + 2;
            }
        }
    }
    let line = raw.get(..first_line_end).unwrap_or("");
    let mut end = line.rfind('?').map_or(line.len(), |q| q + 1);
    // Keep closing emphasis with the question.
    end += line
        .get(end..)
        .map_or(0, |r| r.len() - r.trim_start_matches(['*', '_']).len());
    if !line.contains('?') {
        // A question written over several lines ends at its `?`.
        if let Some(q) = raw.find('?') {
            let next_line = raw
                .get(q..)
                .and_then(|r| r.find('\n'))
                .map_or(raw.len(), |n| q + n);
            if raw
                .get(first_line_end..q)
                .is_some_and(|m| !a_label_re().is_match(m.trim_start()))
            {
                end = next_line;
            }
        }
    }
    0..end.min(raw.len())
}

/// Is `s` (an answer) only a placeholder: `TODO`, `TBD`, `[TODO: …]`?
pub fn placeholder_only(s: &str) -> bool {
    let mut rest = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => rest.push(c),
            _ => {}
        }
    }
    let rest = a_label_re().replace(rest.trim(), "");
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            matches!(
                w,
                "TODO" | "TBD" | "TBA" | "TBC" | "FIXME" | "XXX" | "WIP" | "tbd" | "todo"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocKind;
    use crate::settings::Settings;

    fn model(src: &str) -> (DocKind, Option<PrFaq>) {
        let doc = Document::new(src, &Settings::default(), None);
        (doc.kind, doc.prfaq.clone())
    }

    const FULL: &str = "# Quillon Notes turns lecture audio into study guides\n\n*Students get a searchable outline of every lecture within ten minutes.*\n\nBOSTON, MA — September 8, 2027 — Quillon today launched Quillon Notes, a study service for university students.\n\nStudents record lectures but rarely listen again.\n\nQuillon Notes writes an outline with timestamps.\n\n\"Students asked us for this,\" said Dana Whitfield, CEO of Quillon.\n\n> \"I review a lecture in five minutes now.\"\n> — *Ravi Menon, a second-year student at Harlow University*\n\nTo get started, students sign in at quillon.example.com.\n\n## Customer FAQ\n\n### How much does it cost?\n\nIt costs $6 a month.\n\n**Q: Is it private?**\nA: Yes.\n\n## Internal FAQ\n\n### Why now?\n\n> Describe why.\n\n### Pricing\n\nTODO\n";

    #[test]
    fn finds_every_part() {
        let (kind, pr) = model(FULL);
        assert_eq!(kind, DocKind::Prfaq);
        let pr = pr.unwrap();
        assert_eq!(pr.form, PressReleaseForm::Release);
        assert_eq!(pr.headline, Some(0));
        assert_eq!(pr.subheading, Some(1));
        assert_eq!(pr.summary, Some(2));
        assert!(pr.dateline.is_some());
        assert_eq!(pr.problem, Some(3));
        assert_eq!(pr.solution, Some(4));
        let roles: Vec<QuoteRole> = pr.quotes.iter().map(|q| q.role).collect();
        assert_eq!(roles, [QuoteRole::Leader, QuoteRole::Customer]);
        assert!(pr.call_to_action.is_some());
        let audiences: Vec<FaqAudience> = pr.faqs.iter().map(|f| f.audience).collect();
        assert_eq!(audiences, [FaqAudience::External, FaqAudience::Internal]);
        let external = &pr.faqs[0].entries;
        assert_eq!(external.len(), 2);
        assert_eq!(external[1].style, QuestionStyle::Label);
        assert!(external[1].inline_answer.is_some());
        assert_eq!(pr.faqs[1].entries.len(), 2);
        assert_eq!(pr.template.len(), 1);
    }

    #[test]
    fn datelines() {
        for ok in [
            "SEATTLE, WA — March 3, 2027 — Acme today",
            "LISBON – (Mar 2026) – a new talk",
            "SEATTLE--(BUSINESS WIRE)--Jan. 5, 2027--Acme",
            "**Austin, Texas, June 1, 2027** — Acme",
            "New York, NY - 3 March 2027 - Acme",
            "[CITY], [STATE] — [DATE] — Acme",
            "SEATTLE, WA — [TODO: launch date] — [TODO: a summary]",
        ] {
            assert!(dateline_at(ok).is_some(), "{ok}");
        }
        for no in [
            "Today, Acme announced a thing.",
            "Acme Cloud — the fastest way — to ship.",
            "In May — after the launch — we grew.",
        ] {
            assert!(dateline_at(no).is_none(), "{no}");
        }
    }

    #[test]
    fn readmes_with_an_faq_are_not_prfaqs() {
        let readme = "# quillon\n\nA command-line tool.\n\n## Install\n\nRun it.\n\n## FAQ\n\n### Does it work offline?\n\nYes.\n";
        assert_eq!(model(readme).0, DocKind::Other);
    }

    #[test]
    fn rfc_with_readme_artifact_and_q_lines_without_heading() {
        let rfc = "# Cache warmer\n\n## Working Backwards\n\n### README\n\nThe warmer fills caches.\n\n## Public FAQ\n\n### What are we launching today?\n\nA warmer.\n\n## Internal FAQ\n\n### Why are we doing this?\n\nCold starts.\n";
        let (kind, pr) = model(rfc);
        assert_eq!(kind, DocKind::Prfaq);
        assert_eq!(pr.unwrap().form, PressReleaseForm::Artifacts);
        let bare = "## PRFAQ\n\nNow teams can ship faster.\n\n**Q: What is it?**\n\nA kit.\n\n**Q: Who is it for?**\n\nTeams.\n";
        let (kind, pr) = model(bare);
        assert_eq!(kind, DocKind::Prfaq);
        let pr = pr.unwrap();
        assert_eq!(pr.faqs.len(), 1);
        assert_eq!(pr.faqs[0].heading, None);
        assert_eq!(pr.headline, None);
        assert_eq!(pr.summary, Some(1));
    }

    #[test]
    fn placeholders_are_not_answers() {
        assert!(placeholder_only("TODO"));
        assert!(placeholder_only("[TODO: the answer.]"));
        assert!(placeholder_only("A: TBD"));
        assert!(!placeholder_only("TBD until legal signs off"));
    }
}
