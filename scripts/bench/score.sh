#!/usr/bin/env bash
# Scoring runtime, in process: batch rows/s on one thread and single-row latency (p50/p99 µs) of
# ModelScorer.margin. Builds the release runner, then runs it; the last line is its JSON (rows_per_s, p50_us, ...).
#   scripts/bench/score.sh (--model FILE | --lightgbm MODEL.txt) (--f32 FILE --features D | --csv FILE) [--runs 5] [--calls 100000]
# Any option is passed through to hydrawatch-bench-score (see Benchmarks/hydrawatch-bench-score/main.swift).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] || { echo "usage: scripts/bench/score.sh (--model FILE | --lightgbm FILE) (--f32 FILE --features D | --csv FILE) [--runs N] [--calls N]" >&2; exit 64; }
swift build -c release --product hydrawatch-bench-score >&2
exec .build/release/hydrawatch-bench-score "$@"
