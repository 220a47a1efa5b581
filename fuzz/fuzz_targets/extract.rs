//! Fuzz target `extract`: see `kazterm::fuzz`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    kazterm::fuzz::run("extract", data);
});
