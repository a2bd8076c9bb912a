//! Request and notification handlers: `Backend` delegates each LSP method to one of these.

pub mod bank;
pub mod code_action;
pub mod completion;
pub mod diagnostics;
pub mod hints;
pub mod hover;
pub mod lens;
pub mod lifecycle;
pub mod symbols;
