fn main() {
    // Without a rerun-if-changed line cargo reruns this script (and rebuilds
    // the crate) whenever any file of the package changes, e.g. the
    // benchmark's RESULTS.md; nothing here reads any other file.
    println!("cargo:rerun-if-changed=build.rs");
    // Only the Node addon build needs napi's linker setup; `cargo test` of the
    // core (no `node` feature) builds a plain Rust library.
    #[cfg(feature = "node")]
    napi_build::setup();
}
