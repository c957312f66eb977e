#!/usr/bin/env bash
# Grouped evaluation: no operator cluster or organisation on both sides of the split.
#   scripts/protocols/cluster_split.sh DATA OUT
# DATA: a folder written by hydrawatch-simulate. OUT: created if missing; re-running reuses the extraction.
# One full-window extraction; split_table.py holds out about a third of the attacker clusters of every campaign
# and about a third of the benign organisations (by a hash of the name). Training: labelled accounts of the other
# clusters. Test: every account of the held-out clusters, scored against DATA/truth.jsonl.
# Reports: OUT/report-gbdt (baseline: logistic) and OUT/report-logistic.
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }
DATA=$1 OUT=$2
SEED=${SEED:-1}
source "$(dirname "$0")/common.sh"
check_data "$DATA"
mkdir -p "$OUT/models"

extract "$DATA" "$OUT/features"
python3 "$(dirname "$0")/split_table.py" cluster "$OUT/features/features.csv" "$DATA/truth.jsonl" \
  "$OUT/train.csv" "$OUT/test.csv"

for algo in logistic gbdt; do train "$OUT/train.csv" "$algo" "$OUT/models/$algo.json" "$SEED"; done

say "evaluate on the held-out clusters"
common=(--features "$OUT/test.csv" --truth "$DATA/truth.jsonl" --exclude-labelled "$OUT/train.csv" --seed "$SEED")
"$BIN/hydrawatch-evaluate" --model "$OUT/models/gbdt.json" --baseline "$OUT/models/logistic.json" "${common[@]}" \
  --out "$OUT/report-gbdt"
"$BIN/hydrawatch-evaluate" --model "$OUT/models/logistic.json" "${common[@]}" --out "$OUT/report-logistic"

echo "reports:"
echo "  $OUT/report-gbdt/report.html   (gbdt, champion/challenger against logistic)"
echo "  $OUT/report-logistic/report.html"
