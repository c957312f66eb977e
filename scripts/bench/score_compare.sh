#!/usr/bin/env bash
# Scoring, side by side on one LightGBM binary model (200 trees × 31 leaves) and 200k rows: HydraWatch
# (importing the same model.txt) vs LightGBM predict (1 thread), tl2cgen-compiled C and lleaves, runs alternating
# so all see the same machine load. Checks max |Δprob| vs LightGBM (HydraWatch must be ≤ 1e-9); reports medians,
# ratios and single-row latency. Missing Python packages are skipped with a message.
#   scripts/bench/score_compare.sh --work DIR [--data DIR] [--rounds 3] [--python python3]
# --work: a scratch folder for the generated data, model and compiled libraries (never inside the repository).
# --data: optional folder with X_train.npy, y_train.npy, X_test.npy (else synthetic 1M×40-like data is generated).
# --python: the interpreter to run with, e.g. a venv's bin/python. lleaves 1.3.0 fails with llvmlite 0.50 (which
#   removed PassManagerBuilder) and works with 0.43, so a separate venv is the usual way to include it:
#   python3 -m venv <venv> && <venv>/bin/pip install 'llvmlite<0.44' lleaves lightgbm numpy treelite tl2cgen
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=""; DATA=""; ROUNDS=3; PY=python3
while [ $# -gt 0 ]; do
  case "$1" in
    --work) WORK="$2"; shift 2 ;;
    --data) DATA="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --python) PY="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
[ -n "$WORK" ] || { echo "usage: scripts/bench/score_compare.sh --work DIR [--data DIR] [--rounds N] [--python PYTHON]" >&2; exit 64; }
mkdir -p "$WORK"
swift build -c release --product hydrawatch-bench-score >&2
exec "$PY" scripts/bench/score_compare.py --work "$WORK" ${DATA:+--data "$DATA"} --rounds "$ROUNDS" \
  --runner .build/release/hydrawatch-bench-score
