//! STAR section markers: kept as a path for the types that moved to
//! [`crate::document::segment`], where the recognisers live.

pub use crate::document::segment::part::{default_synonyms, PartKind, WEAK_SYNONYMS};
pub use crate::document::segment::recognise::matcher::{LineMarker, MarkerMatcher};
pub use crate::document::segment::style::{Family, LabelCase, LabelForm, MarkerHit, MarkerStyle};
