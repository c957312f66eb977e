#!/usr/bin/env bash
# Measures hydrawatch-simulate: wall time, peak RSS, requests and bytes, for the demo and the
# disclosure-scale scenario. Usage: scripts/bench/simulate.sh [default|seed-scale] [OUT_DIR]
# The generated data is deleted afterwards (seed-scale is ~13 GB); record results in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
scenario="${1:-seed-scale}"
out="${2:-datasets/bench-$scenario}"
swift build -c release --product hydrawatch-simulate >&2
bin="$(swift build -c release --show-bin-path)/hydrawatch-simulate"
echo "machine: $(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(. /etc/os-release && echo "$PRETTY_NAME")"
echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "command: hydrawatch-simulate --scenario $scenario --seed 1 --out $out"
/usr/bin/time -v "$bin" --scenario "$scenario" --seed 1 --out "$out" 2> >(tee /dev/stderr | grep -E 'Elapsed|Maximum resident|hydrawatch-simulate:' >&2)
echo "requests: $(wc -l < "$out/traffic.jsonl")"
echo "bytes:    $(du -cb "$out"/*.jsonl | tail -1 | cut -f1)"
rm -rf "$out"
