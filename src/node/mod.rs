//! N-API bindings: the only Rust that knows about JavaScript.
