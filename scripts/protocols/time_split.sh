#!/usr/bin/env bash
# Time-split evaluation: train on what was known at a cut-off, score every account that was not trained on.
#   scripts/protocols/time_split.sh DATA OUT [CUTOFF]
# DATA: a folder written by hydrawatch-simulate. OUT: created if missing; re-running reuses finished extractions.
# CUTOFF: RFC 3339 time; default two thirds of the way from the first to the last request in DATA/traffic.jsonl.
# Training table: features from events before CUTOFF, labels decided before CUTOFF (hydrawatch-extract --as-of).
# Test table: features over the whole window; accounts labelled in the training table are excluded, the rest
# are scored against DATA/truth.jsonl. Reports: OUT/report-gbdt (baseline: logistic) and OUT/report-logistic.
set -euo pipefail
[ $# -ge 2 ] && [ $# -le 3 ] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }
DATA=$1 OUT=$2 CUTOFF=${3:-}
SEED=${SEED:-1}
source "$(dirname "$0")/common.sh"
check_data "$DATA"
mkdir -p "$OUT"

if [ -z "$CUTOFF" ]; then
  CUTOFF=$(python3 - "$DATA/traffic.jsonl" <<'PY'
import json, os, sys
from datetime import datetime, timezone
path = sys.argv[1]
with open(path, "rb") as f:
    first = json.loads(f.readline())["ts"]
    f.seek(0, os.SEEK_END)
    end = f.tell()
    f.seek(max(0, end - 65536))
    last = json.loads(f.read().splitlines()[-1])["ts"]
p = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
t0, t1 = p(first), p(last)
cut = t0 + (t1 - t0) * 2 / 3
print(cut.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ"))
PY
)
fi
say "cut-off $CUTOFF"
echo "$CUTOFF" > "$OUT/cutoff"

extract "$DATA" "$OUT/train-features" --as-of "$CUTOFF"
extract "$DATA" "$OUT/test-features"

say "train as of $CUTOFF; evaluate gbdt (baseline: logistic) and logistic on accounts not labelled before it"
train_and_compare "$OUT/train-features" "$OUT/test-features" "$OUT"
echo "cut-off: $CUTOFF"
print_reports "$OUT"
