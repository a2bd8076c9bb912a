//! The press release's parts: headline, subheading, summary, problem, solution, call to action.

use super::*;
use std::sync::LazyLock;

pub(super) fn find_headline(doc: &Document, pr: &PrFaq, range: Range<usize>) -> Option<usize> {
    let blocks = &doc.blocks;
    let text_of = |i: usize| clean_heading(doc.slice(block_content(doc, i)));
    // A title that names the document (`# PR/FAQ: Ledger`) is not the headline when the
    // press release below holds one: the first heading under a `Press Release` heading, or a
    // bold line opening the press release.
    let below = pr.release_heading.map_or(range.start, |h| h + 1);
    let level = pr
        .release_heading
        .and_then(|h| blocks.get(h))
        .and_then(Block::heading_level)
        .unwrap_or(0);
    let opening = (below..range.end).find(|&i| {
        blocks.get(i).is_some_and(|b| {
            !(matches!(b.kind, BlockKind::ThematicBreak | BlockKind::FrontMatter)
                || Some(i) == pr.release_line
                || pr.is_template(i)
                || (b.is_heading() && is_document_title(&text_of(i)))
                || (b.kind == BlockKind::Paragraph && is_metadata(doc, i)))
        })
    });
    if let Some(i) = opening {
        let b = blocks.get(i)?;
        let deeper = b.heading_level().is_some_and(|l| l > level);
        if (deeper && !is_structural(&text_of(i)))
            || (b.kind == BlockKind::Paragraph
                && b.quote_depth == 0
                && b.list_depth == 0
                && (is_bold_line(first_line_of(doc.slice(block_content(doc, i))))
                    || headline_label(first_line_of(doc.slice(block_content(doc, i))))))
        {
            return Some(i);
        }
    }
    // The first H1 that is more than a structural title or the document's name.
    let h1 = range.clone().find(|&i| {
        blocks.get(i).and_then(Block::heading_level) == Some(1) && !is_document_title(&text_of(i))
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

/// A template's labelled headline line: `Title: …`, `**Headline:** …`.
fn headline_label(line: &str) -> bool {
    let t = line.trim();
    template_label(t, 1).is_some_and(|(label, after)| {
        matches!(
            label.to_ascii_lowercase().as_str(),
            "title" | "headline" | "heading"
        ) && !t
            .get(after..)
            .unwrap_or("")
            .trim_start_matches(['*', '_'])
            .trim()
            .is_empty()
    })
}

/// A heading that names the document rather than announcing anything: `PR/FAQ: Ledger`,
/// `Ledger PRFAQ`, `Press Release`.
fn is_document_title(clean: &str) -> bool {
    is_prfaq_heading(clean) || is_structural(clean)
}

fn first_line_of(raw: &str) -> &str {
    raw.split('\n').next().unwrap_or("").trim()
}

/// A line that is wholly bold (`**Ledger Closes the Books Every Night**`), not a label
/// (`**Problem:**`, `**The problem.** …`).
fn is_bold_line(line: &str) -> bool {
    let t = line.trim();
    let inner = t
        .strip_prefix("**")
        .and_then(|r| r.strip_suffix("**"))
        .or_else(|| t.strip_prefix("__").and_then(|r| r.strip_suffix("__")));
    inner.is_some_and(|s| {
        let s = s.trim();
        !s.contains("**")
            && !s.ends_with([':', '.'])
            && crate::text::word_count(s) >= 3
            && !is_release_line(s)
            && dateline_at(s).is_none()
    })
}

pub(super) fn is_emphasized_line(raw: &str) -> bool {
    let t = raw.trim();
    !t.contains('\n')
        && ((t.starts_with('*') && t.ends_with('*')) || (t.starts_with('_') && t.ends_with('_')))
        && t.len() > 2
}

pub(super) fn find_subheading(
    doc: &Document,
    pr: &PrFaq,
    headline: usize,
    end: usize,
) -> Option<usize> {
    let blocks = &doc.blocks;
    // `**Headline**` with `*the subheading*` on the next line of the same paragraph.
    if blocks
        .get(headline)
        .is_some_and(|b| b.kind == BlockKind::Paragraph)
    {
        let raw = doc.slice(block_content(doc, headline));
        return raw
            .split('\n')
            .nth(1)
            .is_some_and(is_emphasized_line)
            .then_some(headline)
            .or_else(|| next_subheading(doc, pr, headline, 0, end));
    }
    let level = blocks
        .get(headline)
        .and_then(Block::heading_level)
        .unwrap_or(1);
    next_subheading(doc, pr, headline, level, end)
}

/// The block after the headline when it reads as a subheading: a deeper heading, an
/// emphasised line, or one short sentence that announces nothing.
fn next_subheading(
    doc: &Document,
    pr: &PrFaq,
    headline: usize,
    level: u8,
    end: usize,
) -> Option<usize> {
    let blocks = &doc.blocks;
    for i in headline + 1..end {
        let b = blocks.get(i)?;
        if pr.is_template(i)
            || is_metadata(doc, i)
            || b.kind == BlockKind::Code
            || Some(i) == pr.release_line
        {
            continue;
        }
        let raw = doc.slice(block_content(doc, i));
        return match b.kind {
            BlockKind::Heading(l) if l > level && !is_structural(&clean_heading(raw)) => Some(i),
            BlockKind::Paragraph if b.quote_depth == 0 && b.list_depth == 0 => {
                let prose = prose_text(doc, i);
                let words = crate::text::word_count(&prose);
                let sentences = crate::rules::sentences(doc.text, doc.block_prose(i)).len();
                let release = is_release_line(raw);
                // `*Seattle, WA* — Acme …`: a dateline without its date opens the summary.
                let place_dash = raw
                    .split(['—', '–'])
                    .next()
                    .is_some_and(|p| p.len() < raw.len() && crate::text::word_count(p) <= 4);
                let sub = !release
                    && !place_dash
                    && dateline_in_block(raw).is_none()
                    && (is_emphasized_line(raw)
                        || (words <= 35 && sentences <= 1 && !ANNOUNCE.is_match(&prose)));
                sub.then_some(i)
            }
            _ => None,
        };
    }
    None
}

pub(super) fn find_summary(doc: &Document, pr: &mut PrFaq, from: usize, end: usize) {
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
        let dateline = dateline_in_block(raw);
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

pub(super) fn find_problem_solution(doc: &Document, pr: &mut PrFaq, scope: Range<usize>) {
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
        // Under a `Problem` or `Solution` heading the section's text may stand in a blockquote.
        if b.kind != BlockKind::Paragraph || pr.is_template(i) {
            continue;
        }
        if b.quote_depth > 0 && section.is_none() {
            continue;
        }
        match section {
            Some("problem") if pr.problem.is_none() => pr.problem = Some(i),
            Some("solution") if pr.solution.is_none() => pr.solution = Some(i),
            _ => {}
        }
        if b.list_depth == 0
            && b.quote_depth == 0
            && Some(i) != pr.summary
            && !SAID.is_match(&prose_text(doc, i))
        {
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

pub(super) static CTA_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?i-u)\b(?:getting\s+started|get\s+started|call\s+to\s+action|availability|how\s+to\s+(?:buy|start|try|join|sign\s+up)|next\s+steps|try\s+it|pricing)\b").unwrap()
});

pub(super) static CTA: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?i-u)\b(?:get(?:ting)?\s+started|sign\s+(?:up|in)|visit|learn\s+more|check\s+(?:it\s+)?out|available\s+(?:now|today|from|at|in)|download|install|try\s+it|go\s+to|head\s+to|request\s+(?:access|a\s+demo)|join\s+the|contact|register|subscribe|order|book\s+a|apply|can\s+(?:now\s+)?[a-z]+\s+(?:it\s+|one\s+)?(?:at|from|on|through|via|online|today|now)\b)\b").unwrap()
});

pub(super) static WEB_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?i-u)https?://|\bwww\.|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|app|ai|co|uk|gov|edu)\b").unwrap()
});

pub(super) fn find_call_to_action(
    doc: &Document,
    pr: &PrFaq,
    scope: Range<usize>,
) -> Option<usize> {
    if pr.form == PressReleaseForm::Artifacts {
        return None;
    }
    let mut found = None;
    // A `Call to Action` section not written yet is a template slot: the part is there.
    let mut slot = None;
    let mut in_cta_section = false;
    for i in scope {
        let b = doc.blocks.get(i)?;
        if b.is_heading() {
            in_cta_section = CTA_HEADING.is_match(doc.slice(block_content(doc, i)));
            if in_cta_section && slot.is_none() {
                slot = Some(i);
            }
            continue;
        }
        if pr.is_template(i) || pr.quotes.iter().any(|q| q.block == i) {
            continue;
        }
        let has_text = !doc.block_prose(i).is_empty() || b.kind == BlockKind::Code;
        // A sentence pointing to a web address is a call to action too.
        let address = b.kind == BlockKind::Paragraph
            && WEB_ADDRESS.is_match(doc.slice(block_content(doc, i)));
        if (in_cta_section && has_text) || address || CTA.is_match(&prose_text(doc, i)) {
            found = Some(i);
        }
    }
    found.or(slot)
}
