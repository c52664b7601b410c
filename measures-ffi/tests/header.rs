//! The checked-in header `include/measures.h` must equal a fresh cbindgen run.
//! Regenerate with `MEASURES_BLESS=1 cargo test -p measures-ffi --test header`.

use std::path::PathBuf;

#[test]
fn header_is_current() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config =
        cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml reads");
    let bindings = cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut fresh = Vec::new();
    bindings.write(&mut fresh);
    let path = crate_dir.join("../include/measures.h");
    if std::env::var_os("MEASURES_BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("header written");
        return;
    }
    let checked_in = std::fs::read(&path).unwrap_or_default();
    assert!(
        checked_in == fresh,
        "include/measures.h is out of date: run MEASURES_BLESS=1 cargo test -p measures-ffi --test header"
    );
}
