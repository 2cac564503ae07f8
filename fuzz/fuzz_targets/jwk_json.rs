#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    jose_native::fuzzing::jwk_json(data);
});
