#!/usr/bin/env bash
# Fuzz every target of fuzz/ for SECONDS each (default 600), two at a time, with
# cargo-fuzz on the nightly toolchain. Not part of CI or the test command: the
# figures it prints go in docs/reliability.md.
#
#   rustup toolchain install nightly && cargo +nightly install cargo-fuzz
#   bash scripts/fuzz.sh [SECONDS] [TARGET ...]
#
# A crash leaves its input in fuzz/artifacts/TARGET/; replay it with
#   cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-...
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(csv_table case_log charts capability render)
fi
cargo +nightly fuzz build
mkdir -p ../target/fuzz-logs
run() {
    local target=$1
    # The project's own test files seed the CSV targets (read only; new inputs go
    # to corpus/TARGET).
    local seeds=()
    case $target in
        csv_table | case_log) seeds=(../tests/data ../tests/data/exports) ;;
    esac
    mkdir -p "corpus/$target"
    # -rss_limit_mb: an input that makes memory grow without bound is a finding too.
    local status=0
    cargo +nightly fuzz run "$target" "corpus/$target" "${seeds[@]}" -- -max_total_time="$seconds" -rss_limit_mb=2048 \
        -timeout=10 -print_final_stats=1 >"../target/fuzz-logs/$target.log" 2>&1 || status=$?
    local runs
    runs=$(grep -E '^stat::number_of_executed_units' "../target/fuzz-logs/$target.log" | awk '{print $2}')
    local cov
    cov=$(grep -oE 'cov: [0-9]+' "../target/fuzz-logs/$target.log" | tail -1)
    echo "$target: exit $status, ${runs:-?} runs in ${seconds} s, ${cov:-cov ?}"
    return $status
}
failed=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
    run "${targets[i]}" & first=$!
    second=""
    if [ $((i + 1)) -lt ${#targets[@]} ]; then
        run "${targets[i + 1]}" & second=$!
    fi
    wait "$first" || failed=1
    if [ -n "$second" ]; then wait "$second" || failed=1; fi
done
exit $failed
