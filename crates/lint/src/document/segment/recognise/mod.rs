//! One recogniser per marker family. Each finds its markers in a block, records how they were
//! written (the [`MarkerStyle`](super::style::MarkerStyle) a fix copies to write a new marker
//! in the same style), and says where the part it opens ends.
//!
//! Adding a marker style: write a recogniser here, add it to [`RECOGNISERS`] and a
//! [`Family`] variant, and add a fixture under `fixtures/clean/`.

mod bracket;
mod heading;
mod html;
mod inline;
mod label;
pub mod matcher;
mod table;
mod trailing;

use super::style::{Family, MarkerHit};
use super::Builder;

/// A marker family.
pub(crate) trait Recogniser: Sync {
    /// Push the markers of block `bi` to `out`.
    fn recognise(&self, cx: &Builder, bi: usize, out: &mut Vec<MarkerHit>);

    /// Where the part opened by `hit` ends at the latest, given the story's end. By default a
    /// part ends at the next heading or thematic break.
    fn part_end(&self, cx: &Builder, hit: &MarkerHit, end: usize) -> usize {
        next_break(cx, hit.block, None, end)
    }
}

/// Every recogniser, run in this order on each block.
pub(crate) static RECOGNISERS: &[&dyn Recogniser] = &[
    &heading::Heading,
    &label::Label,
    &html::Html,
    &table::Table,
    &bracket::Bracket,
    &inline::Inline,
    &trailing::Trailing,
];

impl Family {
    pub(crate) fn recogniser(self) -> &'static dyn Recogniser {
        match self {
            Family::Heading => &heading::Heading,
            Family::Label => &label::Label,
            Family::Html => &html::Html,
            Family::Table => &table::Table,
            Family::Bracket => &bracket::Bracket,
            Family::Inline => &inline::Inline,
            Family::Trailing => &trailing::Trailing,
        }
    }
}

/// The first block after `block` (before `end`) that ends a part: a heading at `level` or
/// above for heading markers (`Some(level)`), any heading or thematic break for labels.
pub(crate) fn next_break(cx: &Builder, block: usize, level: Option<u8>, end: usize) -> usize {
    use crate::parse::BlockKind;
    for b in cx.blocks.iter().skip(block + 1) {
        if b.range.start >= end {
            break;
        }
        let stop = match (level, b.kind) {
            (Some(n), BlockKind::Heading(l)) => l <= n,
            (None, BlockKind::Heading(_)) | (None, BlockKind::ThematicBreak) => true,
            _ => false,
        };
        if stop {
            return b.range.start;
        }
    }
    end
}

/// Where `offset`'s line starts.
pub(crate) fn line_start_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1)
}
