#!/usr/bin/env bash
# Time-split evaluation: train on what was known at a cut-off, score every account that was not trained on.
#   scripts/protocols/time_split.sh DATA OUT [CUTOFF]
# DATA: a folder written by hydrawatch-simulate. OUT: created if missing; re-running reuses finished extractions.
# CUTOFF: RFC 3339 time; default two thirds of the way from the first to the last request in DATA/traffic.jsonl.
# Training table: features from events before CUTOFF, labels decided before CUTOFF (hydrawatch-extract --as-of).
# Test table: features over a window as long as the training one, ending at the last request (TEST_WINDOW=equal,
# the default: production scores a sliding window of the length the model was trained on; counts such as requests
# or accounts per IP grow with the window, so a longer test window shifts them), or over the whole data
# (TEST_WINDOW=full). Accounts labelled in the training table are excluded, the rest are scored against
# DATA/truth.jsonl. Reports: OUT/report-gbdt (baseline: logistic) and OUT/report-logistic.
set -euo pipefail
[ $# -ge 2 ] && [ $# -le 3 ] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }
DATA=$1 OUT=$2 CUTOFF=${3:-}
SEED=${SEED:-1}
TEST_WINDOW=${TEST_WINDOW:-equal}
case "$TEST_WINDOW" in equal|full) ;; *) echo "error: TEST_WINDOW must be equal or full" >&2; exit 64;; esac
source "$(dirname "$0")/common.sh"
check_data "$DATA"
mkdir -p "$OUT"

# Prints the cut-off (given, or two thirds of the way through the data) and the start of the test window.
GIVEN_CUTOFF=$CUTOFF
read -r CUTOFF TEST_FROM < <(python3 - "$DATA/traffic.jsonl" "$GIVEN_CUTOFF" <<'PY'
import json, os, sys
from datetime import datetime, timezone
path, given = sys.argv[1], sys.argv[2]
with open(path, "rb") as f:
    first = json.loads(f.readline())["ts"]
    f.seek(0, os.SEEK_END)
    end = f.tell()
    f.seek(max(0, end - 65536))
    last = json.loads(f.read().splitlines()[-1])["ts"]
p = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
fmt = lambda t: t.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
t0, t1 = p(first), p(last)
cut = p(given) if given else t0 + (t1 - t0) * 2 / 3
print(fmt(cut), fmt(t1 - (cut - t0)))
PY
) || true
[ -n "${TEST_FROM:-}" ] || die "could not read the first and last timestamps of $DATA/traffic.jsonl (or parse CUTOFF '$GIVEN_CUTOFF')"
say "cut-off $CUTOFF"
echo "$CUTOFF" > "$OUT/cutoff"

extract "$DATA" "$OUT/train-features" --as-of "$CUTOFF"
if [ "$TEST_WINDOW" = equal ]; then
  say "test window: from $TEST_FROM (as long as the training window)"
  extract "$DATA" "$OUT/test-features" --from "$TEST_FROM"
else
  extract "$DATA" "$OUT/test-features"
fi

say "train as of $CUTOFF; evaluate gbdt (baseline: logistic) and logistic on accounts not labelled before it"
train_and_compare "$OUT/train-features" "$OUT/test-features" "$OUT"
echo "cut-off: $CUTOFF"
print_reports "$OUT"
