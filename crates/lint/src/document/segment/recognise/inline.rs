//! TODO
use super::Recogniser;
use crate::document::segment::style::MarkerHit;
use crate::document::segment::Builder;

pub(crate) struct Inline;

impl Recogniser for Inline {
    fn recognise(&self, _cx: &Builder, _bi: usize, _out: &mut Vec<MarkerHit>) {}
}
