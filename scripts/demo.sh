#!/usr/bin/env bash
# One command: set up, build in release mode, generate the default dataset and run every pipeline stage.
#   scripts/demo.sh            (outputs under out/demo; the dataset under datasets/default)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
hw_setup

SEED=${SEED:-1}
DATA=datasets/default
OUT=out/demo
mkdir -p "$DATA" "$OUT"

echo "== build (release)" >&2
swift build -c release 2>&1 | tail -n 3 >&2
BIN=$(swift build -c release --show-bin-path)

have() { [ -x "$BIN/hydrawatch-$1" ] && ! "$BIN/hydrawatch-$1" --help 2>&1 | grep -q "not built yet"; }

echo "== simulate: default scenario, seed $SEED -> $DATA" >&2
"$BIN/hydrawatch-simulate" --scenario default --seed "$SEED" --out "$DATA"

if have extract; then
  echo "== extract -> $OUT/features" >&2
  "$BIN/hydrawatch-extract" --traffic "$DATA/traffic.jsonl" --labels "$DATA/labels.jsonl" \
    --accounts "$DATA/accounts.jsonl" --models "$DATA/models.jsonl" --out "$OUT/features"
fi

if have train && [ -d "$OUT/features" ]; then
  for algo in logistic gbdt; do
    echo "== train $algo -> $OUT/models/$algo.json" >&2
    mkdir -p "$OUT/models"
    # Validation split grouped by cluster: no hydra cluster on both sides. The GBDT uses the evaluation protocols'
    # setting (30 % of the features per tree; docs/evaluation.md).
    extra=()
    [ "$algo" = gbdt ] && extra=(--feature-fraction 0.3 --num-rounds 300 --learning-rate 0.05)
    "$BIN/hydrawatch-train" --features "$OUT/features" --algorithm "$algo" --seed "$SEED" \
      --split group:cluster "${extra[@]}" --out "$OUT/models/$algo.json"
  done
fi

if have evaluate && [ -f "$OUT/models/gbdt.json" ]; then
  # Scored on the accounts nobody labelled (training accounts excluded), against the simulator's truth;
  # the logistic model plays the production baseline.
  echo "== evaluate gbdt (baseline: logistic) -> $OUT/report" >&2
  "$BIN/hydrawatch-evaluate" --model "$OUT/models/gbdt.json" --features "$OUT/features" \
    --truth "$DATA/truth.jsonl" --exclude-labelled "$OUT/features" --baseline "$OUT/models/logistic.json" \
    --out "$OUT/report"
fi

if have export && have score && [ -f "$OUT/report/report.json" ]; then
  # A demo key pair (kept under out/, never committed); production keys live in a secret store.
  if [ ! -f "$OUT/keys/model-signing" ]; then
    mkdir -p "$OUT/keys"
    "$BIN/hydrawatch-export" keygen --out "$OUT/keys/model-signing"
  fi
  echo "== export: operating threshold for FPR 0.1% from the report, signed -> $OUT/models/gbdt.signed.json" >&2
  "$BIN/hydrawatch-export" --model "$OUT/models/gbdt.json" --report "$OUT/report/report.json" --target-fpr 0.001 \
    --key "$OUT/keys/model-signing" --out "$OUT/models/gbdt.signed.json"
  echo "== score: every account, verified against the public key -> $OUT/scores.jsonl" >&2
  "$BIN/hydrawatch-score" --model "$OUT/models/gbdt.signed.json" --trusted-key "$OUT/keys/model-signing.pub" \
    --features "$OUT/features" --out "$OUT/scores.jsonl"
fi

echo
echo "Outputs:"
echo "  traffic, labels, accounts, models, truth: $DATA/"
[ -d "$OUT/features" ] && echo "  features:                                 $OUT/features/"
[ -d "$OUT/models" ] && echo "  models:                                   $OUT/models/"
[ -d "$OUT/report" ] && echo "  evaluation report:                        $OUT/report/report.html"
[ -f "$OUT/models/gbdt.signed.json" ] && echo "  signed production model:                  $OUT/models/gbdt.signed.json"
[ -f "$OUT/scores.jsonl" ] && echo "  account scores (JSON Lines):              $OUT/scores.jsonl"
exit 0
