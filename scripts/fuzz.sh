#!/usr/bin/env bash
# Coverage-guided fuzzing of the Rust core (cargo-fuzz, libFuzzer, ASan).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Runs each target (default: all of them, see `fuzz/Cargo.toml`) for SECONDS
# (default 60), one after another, one process at a time. New corpus entries
# go to fuzz/corpus/<target>/ (not committed); the committed seeds in
# fuzz/seeds/<target>/ and regressions in fuzz/regressions/<target>/ are read
# as well. A crash leaves its input in fuzz/artifacts/<target>/ and makes the
# script exit non-zero: fix the bug, then commit the input under
# fuzz/regressions/<target>/, where `cargo test` replays it for good.
#
# cargo-fuzz needs nightly compiler flags (-Zsanitizer); RUSTC_BOOTSTRAP=1
# lets the stable toolchain accept them, so no nightly is installed. The
# first run installs cargo-fuzz from crates.io and builds the targets (a few
# minutes); later runs start at once.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

cargo fuzz build -O

mkdir -p fuzz/logs
failed=()
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target" "fuzz/seeds/$target" "fuzz/regressions/$target"
  log="fuzz/logs/$target.log"
  echo "== $target: ${seconds}s"
  # -timeout: a single input taking 10 s is a hang worth reporting (the cost
  # caps should keep every input far below that); -rss_limit_mb likewise for
  # memory. Seeds reach ~6 KB, so 16 KB inputs leave the fuzzer room.
  if cargo fuzz run -O "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" "fuzz/regressions/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 >"$log" 2>&1; then
    status=ok
  elif grep -q '^==[0-9]*== ERROR: libFuzzer' "$log"; then
    status=CRASH
    failed+=("$target")
  else
    status="FAILED (not a finding: see the log)"
    failed+=("$target")
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  echo "   $status: ${runs:-?} runs, ${rate:-?}/s, ${cov:-cov: ?}, corpus $(ls "fuzz/corpus/$target" | wc -l) (log: $log)"
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "failed: ${failed[*]} (crash inputs in fuzz/artifacts/)"
  exit 1
fi
