#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    jose_native::fuzzing::jwt_claims(data);
});
