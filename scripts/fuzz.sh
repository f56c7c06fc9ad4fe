#!/usr/bin/env bash
# cargo-fuzz (libFuzzer) on money parsing and every request DTO the API validates:
#   scripts/fuzz.sh SECONDS   runs each target for SECONDS (make test: 20, make fuzz: 300)
# The corpus grows in target/fuzz-corpus/<target>, seeded from fuzz/seeds/<target>;
# a crash (panic, failed assertion) leaves its input in fuzz/artifacts/<target>/ and
# fails the run. Builds with the stable compiler.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/fuzz"
seconds="${1:-20}"
command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --locked --version 0.13.2
# --dev: unoptimized with debug assertions (overflow checks on), which builds in a
# fraction of the optimized time; the sanitizer is off (safe Rust only; it would need
# a nightly compiler).
cargo fuzz build --dev -s none
for target in money request_dtos; do
  corpus="$root/target/fuzz-corpus/$target"
  mkdir -p "$corpus"
  echo "==> fuzz $target for ${seconds}s"
  log="$root/target/fuzz-$target.log"
  if ! cargo fuzz run --dev -s none "$target" "$corpus" "seeds/$target" -- \
      -max_total_time="$seconds" -print_final_stats=1 > "$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz $target failed: the input is under fuzz/artifacts/$target/ (log: $log)"
    exit 1
  fi
  runs="$(awk '/stat::number_of_executed_units/ {print $NF}' "$log")"
  echo "    $runs inputs in ${seconds}s, corpus $(ls "$corpus" | wc -l) files, no crash"
done
