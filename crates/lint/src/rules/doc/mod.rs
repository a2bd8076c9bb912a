//! Rules about starlint's own suppression comments.

pub mod invalid_suppression;
pub mod unused_suppression;
