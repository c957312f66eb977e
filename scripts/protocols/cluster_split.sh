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

say "train on the training-side clusters, evaluate on the held-out clusters"
train_and_compare "$OUT/train.csv" "$OUT/test.csv" "$OUT"
print_reports "$OUT"
