#!/usr/bin/env bash
# Leave-one-campaign-out: can the detector catch a campaign it has never seen?
#   scripts/protocols/leave_one_campaign_out.sh DATA OUT [ALGORITHM]
# DATA: a folder written by hydrawatch-simulate. OUT: created if missing. ALGORITHM: gbdt (default) or logistic.
# For each campaign C in DATA/truth.jsonl: train on the labelled accounts except C's and except a held-out third
# of the benign organisations; test on every account of C plus every account of the held-out organisations.
# Reports: OUT/C/report/report.html per campaign; OUT/summary.tsv lists recall of C at the operating threshold.
set -euo pipefail
[ $# -ge 2 ] && [ $# -le 3 ] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }
DATA=$1 OUT=$2 ALGO=${3:-gbdt}
SEED=${SEED:-1}
source "$(dirname "$0")/common.sh"
case "$ALGO" in logistic|gbdt) ;; *) die "ALGORITHM must be logistic or gbdt, not '$ALGO'" ;; esac
check_data "$DATA"
mkdir -p "$OUT"

extract "$DATA" "$OUT/features"
campaigns=$(python3 -c '
import json, sys
print("\n".join(sorted({e["campaign"] for e in map(json.loads, open(sys.argv[1])) if e.get("campaign")})))
' "$DATA/truth.jsonl")
[ -n "$campaigns" ] || die "$DATA/truth.jsonl names no campaign"

printf 'campaign\taccounts\tflagged\trecall\tthreshold\tthreshold_source\tbenign_fpr\troc_auc\n' > "$OUT/summary.tsv"
for c in $campaigns; do
  d="$OUT/$c"
  mkdir -p "$d"
  python3 "$(dirname "$0")/split_table.py" campaign "$c" "$OUT/features/features.csv" "$DATA/truth.jsonl" \
    "$d/train.csv" "$d/test.csv"
  train "$d/train.csv" "$ALGO" "$d/$ALGO.json" "$SEED"
  say "evaluate: $c held out"
  "$BIN/hydrawatch-evaluate" --model "$d/$ALGO.json" --features "$d/test.csv" --truth "$DATA/truth.jsonl" \
    --exclude-labelled "$d/train.csv" --seed "$SEED" --operating-point target-fpr --out "$d/report"
  python3 - "$d/report/report.json" "$c" >> "$OUT/summary.tsv" <<'PY'
import json, sys
r, name = json.load(open(sys.argv[1])), sys.argv[2]
s = next(x for x in r["campaigns"] if x["name"] == name)
c = r["confusion"]
num = float  # report.json writes non-finite numbers as the strings "nan", "inf"
print(f'{name}\t{s["accounts"]}\t{s["flagged"]}\t{num(s["rate"]):.4f}\t{num(c["threshold"]):.4f}\t{c["thresholdSource"]}\t'
      f'{num(c["fpr"]):.4%}\t{num(r["summary"]["rocAUC"]["estimate"]):.4f}')
PY
done

column -t -s $'\t' "$OUT/summary.tsv" 2>/dev/null || cat "$OUT/summary.tsv"
echo "reports:"
for c in $campaigns; do echo "  $OUT/$c/report/report.html"; done
echo "summary: $OUT/summary.tsv"
