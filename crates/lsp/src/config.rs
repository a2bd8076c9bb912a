//! Placeholder: replaced by the shared config resolver.
