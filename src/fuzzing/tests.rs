//! Replays every committed seed and regression input through its target:
//! the fuzzers' findings stay fixed, and the seeds keep exercising the
//! paths they were made for, on every `cargo test`.

use std::fs;
use std::path::Path;

use super::TARGETS;

/// Runs every file under `fuzz/<kind>/<target>/` through the target and
/// returns how many there were and how many the target accepted.
fn replay(kind: &str, name: &str, target: fn(&[u8]) -> bool) -> (usize, usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(kind)
        .join(name);
    let Ok(entries) = fs::read_dir(&dir) else {
        return (0, 0);
    };
    let (mut count, mut accepted) = (0, 0);
    for entry in entries {
        let path = entry.unwrap().path();
        let data = fs::read(&path).unwrap();
        // A panic names the file, so a failure can be run on its own.
        match std::panic::catch_unwind(|| target(&data)) {
            Ok(ok) => accepted += usize::from(ok),
            Err(_) => panic!("{} panicked", path.display()),
        }
        count += 1;
    }
    (count, accepted)
}

/// Replays the target's seeds and regressions. Most seeds are valid inputs
/// made with the harness's keys (fuzz/make-seeds.js); three in four must
/// still get through, or the harness has drifted from the seeds and the
/// fuzzer would start from nothing.
fn run(name: &str) {
    let (_, target) = TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .expect("a listed target");
    let (seeds, accepted) = replay("seeds", name, *target);
    replay("regressions", name, *target);
    assert!(seeds > 0, "no seeds for {name}");
    assert!(
        accepted * 4 >= seeds * 3,
        "{name}: {accepted} of {seeds} seeds accepted"
    );
}

#[test]
fn jws_compact() {
    run("jws_compact");
}

#[test]
fn jws_json() {
    run("jws_json");
}

#[test]
fn jwe_compact() {
    run("jwe_compact");
}

#[test]
fn jwe_json() {
    run("jwe_json");
}

#[test]
fn jwk_json() {
    run("jwk_json");
}

#[test]
fn jwk_pem() {
    run("jwk_pem");
}

#[test]
fn jwk_der() {
    run("jwk_der");
}

#[test]
fn pkcs8_encrypted() {
    run("pkcs8_encrypted");
}

#[test]
fn jwt_claims() {
    run("jwt_claims");
}

#[test]
fn timespan() {
    run("timespan");
}

#[test]
fn every_target_has_a_test() {
    let tested = [
        "jws_compact",
        "jws_json",
        "jwe_compact",
        "jwe_json",
        "jwk_json",
        "jwk_pem",
        "jwk_der",
        "pkcs8_encrypted",
        "jwt_claims",
        "timespan",
    ];
    let listed: Vec<&str> = TARGETS.iter().map(|(n, _)| *n).collect();
    assert_eq!(listed, tested);
}
