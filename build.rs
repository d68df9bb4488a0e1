//! Link settings cargo cannot express in Cargo.toml.

fn main() {
    // The executable's `png_set_compression_level` (src/main.rs) must be in its dynamic symbol table for
    // Leptonica's calls to bind to it; an executable exports nothing by default, and the linker would drop
    // a function nothing in it calls.
    println!("cargo:rustc-link-arg-bin=faxtract=-Wl,--export-dynamic-symbol=png_set_compression_level");
    println!("cargo:rerun-if-changed=build.rs");
}
