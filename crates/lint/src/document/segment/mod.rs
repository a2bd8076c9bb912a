//! The STAR segmenter: small recognisers find the part markers, one per marker family
//! ([`recognise`]); the grouper turns markers into stories ([`group`]); each story's range,
//! title and parts are then laid out ([`story`]).
//!
//! Everything reads one [`Builder`]: the text, its blocks, the settings and what the scan has
//! learned (the headings, which headings are markers). A new marker style is one recogniser in
//! `recognise/` and one fixture; nothing here changes.

mod about;
mod group;
pub mod part;
mod prompt;
pub mod recognise;
mod story;
pub mod style;
mod unlabelled;

use crate::document::kind::{Evidence, Toward};
use crate::document::Story;
use crate::parse::Block;
use crate::settings::Settings;
use recognise::matcher::MarkerMatcher;
use std::ops::Range;
use style::MarkerHit;

pub use prompt::asks_in_so_many_words;
pub use story::clean_title;

/// What every step of the segmenter reads.
pub(crate) struct Builder<'a> {
    pub text: &'a str,
    pub blocks: &'a [Block],
    pub settings: &'a Settings,
    pub matcher: &'a MarkerMatcher,
    /// Block indexes of the headings, in order.
    pub headings: Vec<usize>,
    /// Per heading (by position in `headings`): the nearest heading above it at a higher level.
    pub parents: Vec<Option<usize>>,
    /// Per block: a heading that is itself a marker (`### Action`), not a story's title.
    pub marker_heading: Vec<bool>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, blocks: &'a [Block], settings: &'a Settings) -> Self {
        let headings: Vec<usize> = blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.is_heading())
            .map(|(i, _)| i)
            .collect();
        Builder {
            text,
            blocks,
            settings,
            matcher: settings.marker_matcher(),
            parents: crate::tags::heading_parents(blocks, &headings),
            headings,
            marker_heading: vec![false; blocks.len()],
        }
    }

    /// The text of `range` ("" when out of bounds).
    pub fn slice(&self, range: Range<usize>) -> &'a str {
        self.text.get(range).unwrap_or("")
    }

    pub fn block(&self, index: usize) -> Option<&'a Block> {
        self.blocks.get(index)
    }

    pub fn heading_level(&self, index: usize) -> Option<u8> {
        self.blocks.get(index).and_then(Block::heading_level)
    }

    /// Run every recogniser over every block: the markers in document order.
    fn recognise(&mut self) -> Vec<MarkerHit> {
        let mut hits = Vec::new();
        for bi in 0..self.blocks.len() {
            let before = hits.len();
            for r in recognise::RECOGNISERS {
                r.recognise(self, bi, &mut hits);
            }
            if let Some(found) = hits.get_mut(before..) {
                found.sort_by_key(|h| h.label.start);
            }
            if hits.len() > before && self.heading_level(bi).is_some() {
                if let Some(flag) = self.marker_heading.get_mut(bi) {
                    *flag = true;
                }
            }
        }
        hits
    }
}

/// The stories of a text, and the evidence against reading it as a story bank that was seen on
/// the way (texts about STAR, other frameworks).
pub(crate) struct Found {
    pub stories: Vec<Story>,
    pub against: Vec<Evidence>,
}

/// Find the stories of a text: every marker, grouped into stories with their parts; then the
/// stories told without part labels under a question. Groups that describe STAR or use
/// another framework are dropped, as evidence against stories.
pub(crate) fn find_stories(text: &str, blocks: &[Block], settings: &Settings) -> Found {
    let mut cx = Builder::new(text, blocks, settings);
    let hits = cx.recognise();
    let mut stories = if hits.is_empty() {
        Vec::new()
    } else {
        // Every word label ends the part before it, even one whose own story is dropped.
        let mut label_starts: Vec<usize> = hits
            .iter()
            .filter(|h| !h.style.letter)
            .map(|h| h.start)
            .collect::<Vec<_>>();
        label_starts.sort_unstable();
        let groups = group::group(&cx, hits);
        story::make_stories(&cx, &groups, &label_starts)
    };
    let mut against = Vec::new();
    stories.retain(|s| match about::not_a_story(&cx, s) {
        Some(signal) => {
            against.push(
                Evidence::new(signal, Toward::Neither, 10)
                    .at(s.range.clone())
                    .detail(match signal {
                        "other-framework" => {
                            format!("`{}` uses another framework's labels", s.title)
                        }
                        "pitch-question" => {
                            format!(
                                "`{}` answers with a self-description, not an event",
                                s.title
                            )
                        }
                        _ => format!("`{}` describes what each part should hold", s.title),
                    }),
            );
            false
        }
        None => true,
    });
    unlabelled::find(&cx, &mut stories);
    Found { stories, against }
}
