fn main() {
    // Only the Node addon build needs napi's linker setup; `cargo test` of the
    // core (no `node` feature) builds a plain Rust library.
    #[cfg(feature = "node")]
    napi_build::setup();
}
