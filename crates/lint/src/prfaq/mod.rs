//! The PR/FAQ model: the parts of a working-backwards press release and its FAQ entries.
//!
//! Built once from the document's blocks (and their prose), read by the PRFAQ rules. The press
//! release is everything before the first FAQ: a headline, a subheading, a summary paragraph
//! that opens with a dateline, problem and solution paragraphs, a leader's and a customer's
//! quote, and a call to action. The FAQ is one or more sections (external, internal, or one
//! combined FAQ), each a list of questions (headings or `**Q: …**` lines) with their answers.
//! Finding a part never fails: a part that is not there is `None`.

mod dateline;
mod evidence;
mod faq;
mod headings;
mod quotes;
mod release;
mod shape;
mod template;

pub use dateline::dateline_at;
pub use evidence::{evidence, PREFILTER_WORDS};
pub use faq::placeholder_only;
pub use headings::{clean_heading, faq_heading, heading_text_range, template_label};

use crate::document::Document;
use crate::parse::{Block, BlockKind};
use regex::Regex;
use std::ops::Range;
// Each part's finders, shared with the sibling modules (they `use super::*`).
use {dateline::*, evidence::*, faq::*, headings::*, quotes::*, release::*, template::*};

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
    /// A template slot (`Customer Quote: […]`, an empty `### Company Quote` section, a quote
    /// with no speaker): the part is there, not yet written.
    pub slot: bool,
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
    /// The document says it is a press release alone (`press-release.md`, `# Press Release:
    /// …`) and holds no FAQ: its FAQ, if any, lives elsewhere.
    pub release_only: bool,
}

impl PrFaq {
    /// Build the model of a document read as a PR/FAQ, from a file called `name`.
    pub fn build(doc: &Document, name: Option<&str>) -> PrFaq {
        let mut pr = build(doc);
        pr.release_only = pr.faqs.is_empty() && says_release_only(doc, name);
        pr
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
        self.faqs.iter().any(|f| {
            f.audience == audience
                    // A plain FAQ serves both, unless it only holds qualified ones.
                    || (f.audience == FaqAudience::General && !f.entries.is_empty())
        })
    }

    /// Every FAQ entry, in document order.
    pub fn entries(&self) -> impl Iterator<Item = &FaqEntry> {
        self.faqs.iter().flat_map(|f| f.entries.iter())
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
        release_only: false,
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
            && is_release_line(doc.slice(block_content(doc, i)))
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
        .any(|i| SAID.is_match(prose_text(doc, i).as_str()));
    let has_dateline = range
        .clone()
        .any(|i| dateline_in_block(doc.slice(block_content(doc, i))).is_some());
    let artifacts = range.clone().any(|i| is_artifact(doc, i));
    if pr.release_heading.is_none()
        && pr.release_line.is_none()
        && !has_dateline
        && !has_said_quote
        && (artifacts || working_backwards.is_some())
    {
        pr.form = PressReleaseForm::Artifacts;
    }

    // A draft laid out as labelled sections (`## Headline`, `## Sub-heading`, `## Summary`)
    // says where its parts are.
    let [headline, subheading, summary] = ["headline", "subheading", "summary"]
        .map(|part| labelled_part(doc, &pr, range.clone(), part));
    pr.headline = headline.or_else(|| find_headline(doc, &pr, range.clone()));
    pr.subheading = subheading.or_else(|| {
        pr.headline
            .and_then(|h| find_subheading(doc, &pr, h, faq_start))
    });
    // Labelled sections may come in any order: then the summary is looked for from the top.
    let top_parts = if headline.is_some() || subheading.is_some() {
        [None, None, pr.release_line]
    } else {
        [pr.headline, pr.subheading, pr.release_line]
    };
    let after_top = top_parts
        .into_iter()
        .flatten()
        .map(|i| i + 1)
        .max()
        .unwrap_or(first)
        .max(body_start);
    match summary {
        // A `Summary` section's text is the summary, in a blockquote too.
        Some(s) if blocks.get(s).is_some_and(|b| b.quote_depth > 0) => {
            pr.summary = Some(s);
            pr.dateline = dateline_in_block(doc.slice(block_content(doc, s))).map(|d| {
                let c = block_content(doc, s);
                c.start + d.start..c.start + d.end
            });
        }
        Some(s) => find_summary(doc, &mut pr, s, faq_start),
        None => find_summary(doc, &mut pr, after_top, faq_start),
    }
    let scope = pr.summary.map_or(after_top, |s| s.min(after_top))..faq_start;
    find_problem_solution(doc, &mut pr, scope.clone());
    // Quotes stand in the press release, or in a quotes section anywhere outside the FAQ.
    pr.quotes = find_quotes(doc, &pr, first..n);
    pr.call_to_action = find_call_to_action(doc, &pr, scope);
    pr
}

/// The first paragraph under a section heading that names `part` (`## Headline`,
/// `## Sub-heading`, `## Summary`), when the section holds one.
fn labelled_part(doc: &Document, pr: &PrFaq, range: Range<usize>, part: &str) -> Option<usize> {
    let blocks = &doc.blocks;
    let heading = range.clone().find(|&i| {
        blocks.get(i).is_some_and(Block::is_heading)
            && pr_section(&clean_heading(doc.slice(block_content(doc, i))).to_lowercase())
                == Some(part)
    })?;
    (heading + 1..range.end)
        .take_while(|&i| blocks.get(i).is_some_and(|b| !b.is_heading()))
        .find(|&i| {
            blocks
                .get(i)
                .is_some_and(|b| b.kind == BlockKind::Paragraph)
                && !pr.is_template(i)
        })
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

/// Does the file name or the document's first heading call it a press release, and not a
/// PR/FAQ or an FAQ?
fn says_release_only(doc: &Document, name: Option<&str>) -> bool {
    let squash = |t: &str| -> String {
        t.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let says = |t: &str| {
        let t = squash(t);
        t.contains("pressrelease") && !t.contains("faq")
    };
    let base = name.map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n));
    let title = doc.blocks.iter().find(|b| b.is_heading()).map(|b| {
        doc.text
            .get(b.content_start()..b.content_end())
            .unwrap_or("")
    });
    let mentions_faq = |t: Option<&str>| t.is_some_and(|t| squash(t).contains("faq"));
    (base.is_some_and(says) || title.is_some_and(says))
        && !mentions_faq(base)
        && !mentions_faq(title)
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
            "**[City, Date]** — Today we're launching a proxy.",
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

    #[test]
    fn press_release_drafts_titles_and_file_names() {
        let named = |src: &str, name: &str| {
            let doc = Document::named(src, &Settings::default(), None, Some(name));
            (doc.kind, doc.prfaq.clone())
        };
        // A press release with no FAQ yet, written as labelled sections.
        let draft = "# Quayside\n\n## Headline\n\nQuayside Tide Tables Reach Every Pilot\n\n## Summary\n\nPilots read one table.\n\n## Customer Quote\n\n\"It saves me an hour,\" said Jo Hale, a pilot.\n\n## Call to Action\n\nInstall it today.\n";
        let (kind, pr) = model(draft);
        assert_eq!(kind, DocKind::Prfaq);
        let pr = pr.unwrap();
        assert_eq!(pr.headline, Some(2));
        assert_eq!(pr.summary, Some(4));
        assert!(pr.has_quote(QuoteRole::Customer));
        // A file name says what the file is, with one more sign; alone it is not enough.
        let announce = "# Quayside\n\nQuayside launches tide tables for pilots.\n";
        assert_eq!(model(announce).0, DocKind::Other);
        assert_eq!(named(announce, "docs/press-release.md").0, DocKind::Prfaq);
        assert_eq!(
            named("# Notes\n\nNothing here.\n", "prfaq.md").0,
            DocKind::Other
        );
        // `PR FAQ` with a space is a title, not the headline.
        let spaced = "# PR FAQ: Quayside\n\n## Press Release\n\n**Quayside Tide Tables Reach Every Pilot**\n\nPLYMOUTH, UK — May 9, 2028 — Quayside today launched Tide Tables.\n\n## FAQ\n\n### Is it free?\n\nYes.\n";
        let (kind, pr) = model(spaced);
        assert_eq!(kind, DocKind::Prfaq);
        assert_eq!(pr.unwrap().headline, Some(2));
    }
}
