//! TODO
use super::Recogniser;
use crate::document::segment::style::MarkerHit;
use crate::document::segment::Builder;

pub(crate) struct Bracket;

impl Recogniser for Bracket {
    fn recognise(&self, _cx: &Builder, _bi: usize, _out: &mut Vec<MarkerHit>) {}
}
