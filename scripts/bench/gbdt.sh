#!/usr/bin/env bash
# GBDT training benchmark: HydraWatch vs LightGBM 4.7 on the same data, alternating runs.
#
#   scripts/bench/gbdt.sh --data DIR [--runs 3] [--rounds 200] [--threads 2,1]
#
# DIR must hold X_train.f32, y_train.u8, X_test.f32, y_test.u8 and meta.json. To create it
# (1,000,000 x 40, 5% positives, ~200 MB):
#   python3 scripts/bench/gbdt.py --make-data DIR
# Needs Python with lightgbm 4.7, scikit-learn and numpy (see the top of scripts/bench/gbdt.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ " $* " != *" --data "* ]]; then
    echo "usage: $0 --data DIR [--runs N] [--rounds N] [--threads 2,1]" >&2
    echo "create DIR with: python3 scripts/bench/gbdt.py --make-data DIR" >&2
    exit 2
fi
swift build -c release --product hydrawatch-bench-gbdt >&2
BIN="$(swift build -c release --show-bin-path)/hydrawatch-bench-gbdt"
exec python3 scripts/bench/gbdt.py --swift-bin "$BIN" "$@"
