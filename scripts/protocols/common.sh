# Shared by the evaluation protocols (sourced, not run). Finds the release binaries and checks inputs.
# Protocols never train on an account they score: see docs/evaluation.md.

die() { echo "error: $*" >&2; exit 1; }
say() { echo "== $*" >&2; }

hw_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# HW_BIN overrides where the binaries are (e.g. a debug build); the default is the release build folder.
BIN=${HW_BIN:-$hw_root/.build/release}
for tool in extract train evaluate; do
  [ -x "$BIN/hydrawatch-$tool" ] || die "$BIN/hydrawatch-$tool not found: run 'swift build -c release' first (or set HW_BIN)"
done
command -v python3 >/dev/null || die "python3 is needed to split feature tables"

# check_data DIR: the files hydrawatch-simulate writes.
check_data() {
  local f
  for f in traffic.jsonl labels.jsonl accounts.jsonl models.jsonl truth.jsonl; do
    [ -s "$1/$f" ] || die "$1/$f is missing or empty: DATA must be a folder written by hydrawatch-simulate"
  done
}

# extract DATA OUT [extra options]: extraction with labels, skipped when OUT already holds a finished extraction of
# the same inputs with the same options (recorded in OUT.stamp after a successful run).
extract() {
  local data=$1 out=$2; shift 2
  local stamp
  stamp="$(cd "$data" && pwd) $(stat -c '%s %Y' "$data/traffic.jsonl" "$data/labels.jsonl" | tr '\n' ' ') $*"
  if [ -s "$out/features.csv" ] && [ -f "$out.stamp" ] && [ "$(cat "$out.stamp")" = "$stamp" ]; then
    say "extract: reusing $out"
    return
  fi
  rm -rf "$out" "$out.stamp"
  say "extract $* -> $out"
  "$BIN/hydrawatch-extract" --traffic "$data/traffic.jsonl" --labels "$data/labels.jsonl" \
    --accounts "$data/accounts.jsonl" --models "$data/models.jsonl" "$@" --out "$out"
  printf '%s' "$stamp" > "$out.stamp"
}

# train TABLE ALGO MODEL SEED: validation split grouped by cluster, so the stored threshold is chosen on clusters
# the model did not fit. VALIDATION_FRACTION (default 0.2) sets its share; 0 trains on every labelled row and stores
# no threshold (evaluate then picks the highest recall at FPR <= 0.1% on the scored rows; see docs/evaluation.md).
# GBDT_OPTIONS: extra hydrawatch-train options for the GBDT (default below: every tree sees 30 % of the features, 300
# rounds at learning rate 0.05; see docs/evaluation.md for why). GBDT_OPTIONS="" trains with the trainer's defaults.
train() {
  local fraction=${VALIDATION_FRACTION:-0.2}
  local extra=()
  if [ "$2" = gbdt ]; then read -r -a extra <<< "${GBDT_OPTIONS---feature-fraction 0.3 --num-rounds 300 --learning-rate 0.05}"; fi
  say "train $2 on $1 -> $3 (validation fraction $fraction${extra[*]:+; ${extra[*]}})"
  if [ "$fraction" = 0 ]; then
    "$BIN/hydrawatch-train" --features "$1" --algorithm "$2" --validation-fraction 0 --seed "$4" "${extra[@]}" --out "$3"
  else
    "$BIN/hydrawatch-train" --features "$1" --algorithm "$2" --split group:cluster --validation-fraction "$fraction" \
      --seed "$4" "${extra[@]}" --out "$3"
  fi
}

# train_and_compare TRAIN_TABLE TEST_TABLE OUT: trains logistic and gbdt on TRAIN_TABLE, then evaluates on
# TEST_TABLE (truth-judged, accounts labelled in TRAIN_TABLE left out) gbdt against logistic, and logistic alone.
train_and_compare() {
  local train_table=$1 test_table=$2 out=$3
  mkdir -p "$out/models"
  for algo in logistic gbdt; do train "$train_table" "$algo" "$out/models/$algo.json" "$SEED"; done
  # Slices are read at the test rows' own operating point for the quality target: the highest recall with FPR <= 0.1%
  # overall and <= 0.5% in every benign segment (MAX_SEGMENT_FPR; "none" drops the segment budget). The report also
  # says what the threshold stored from the validation set (as of the cut-off) gives on the test rows.
  local segment=()
  [ "${MAX_SEGMENT_FPR:-0.005}" = none ] || segment=(--max-segment-fpr "${MAX_SEGMENT_FPR:-0.005}")
  local common=(--features "$test_table" --truth "$DATA/truth.jsonl" --exclude-labelled "$train_table" --seed "$SEED"
                --operating-point target-fpr "${segment[@]}")
  "$BIN/hydrawatch-evaluate" --model "$out/models/gbdt.json" --baseline "$out/models/logistic.json" "${common[@]}" \
    --out "$out/report-gbdt"
  "$BIN/hydrawatch-evaluate" --model "$out/models/logistic.json" "${common[@]}" --out "$out/report-logistic"
}

print_reports() {
  echo "reports:"
  echo "  $1/report-gbdt/report.html   (gbdt, champion/challenger against logistic)"
  echo "  $1/report-logistic/report.html"
}
