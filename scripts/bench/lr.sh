#!/usr/bin/env bash
# Logistic regression, side by side: HydraWatch (Newton, BLAS/LAPACK) vs scikit-learn lbfgs, L2 C=1 on
# standardised features, fit only (data already in memory). Runs alternate (swift, python, swift, ...) so both
# see the same machine load; reports medians of wall and process CPU time and the ratio.
#   scripts/bench/lr.sh --data DIR [--rounds 3] [--threads 1] [--python python3]
# DIR holds X_train.f32, y_train.u8 (or .npy) and meta.json, e.g. from `python3 scripts/bench/gbdt.py --make-data DIR`.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=""; ROUNDS=3; THREADS=1; PY=python3
while [ $# -gt 0 ]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --python) PY="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
[ -n "$DATA" ] || { echo "usage: scripts/bench/lr.sh --data DIR [--rounds N] [--threads T]" >&2; exit 64; }
swift build -c release --product hydrawatch-bench-lr >&2
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
export OPENBLAS_NUM_THREADS="$THREADS"
for r in $(seq "$ROUNDS"); do
  echo "round $r/$ROUNDS" >&2
  .build/release/hydrawatch-bench-lr --data "$DATA" --runs 2 --threads "$THREADS" | tee -a "$OUT"
  "$PY" scripts/bench/lr.py --data "$DATA" --runs 2 --threads "$THREADS" | tee -a "$OUT"
done
"$PY" scripts/bench/lr.py --data "$DATA" --runs 1 --threads "$THREADS" --converged | tee -a "$OUT"
"$PY" - "$OUT" "$DATA" <<'PY'
import json, os, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
n = json.load(open(os.path.join(sys.argv[2], "meta.json")))["n_train"]
def med(impl, key):
    return statistics.median(r[key] for r in rows if r["impl"] == impl)
s, p = "swift-newton", "sklearn-lbfgs"
print(f"runs: swift {sum(r['impl']==s for r in rows)}, sklearn {sum(r['impl']==p for r in rows)}")
print(f"swift  fit_s {med(s,'fit_s'):.3f}  (+prepare {med(s,'prepare_s'):.3f}, total {med(s,'total_s'):.3f})  cpu_s {med(s,'cpu_s'):.3f} (total {med(s,'total_cpu_s'):.3f})  iter {med(s,'n_iter'):.0f}")
print(f"sklearn fit_s {med(p,'fit_s'):.3f}  cpu_s {med(p,'cpu_s'):.3f}  iter {med(p,'n_iter'):.0f}")
print(f"ratio fit (swift/sklearn) {med(s,'fit_s')/med(p,'fit_s'):.2f}; incl. standardise+pack {med(s,'total_s')/med(p,'fit_s'):.2f}; "
      f"cpu {med(s,'cpu_s')/med(p,'cpu_s'):.2f}")
ls, lp = med(s, "train_logloss"), med(p, "train_logloss")
print(f"train log-loss swift {ls:.10f} sklearn {lp:.10f} relative diff {abs(ls-lp)/lp:.2e}")
# Penalised objective n·logloss + ½·‖w‖²·l2 (l2 = 1 here): lower is better; the converged fit is the optimum.
obj = lambda r: n * r["train_logloss"] + 0.5 * r["w_norm"] ** 2
conv = [r for r in rows if r["impl"] == "sklearn-lbfgs-converged"][0]
for name in (s, p):
    r = [x for x in rows if x["impl"] == name][0]
    print(f"objective {name}: {obj(r):.6f}  vs converged sklearn {obj(conv):.6f}: relative {(obj(r)-obj(conv))/obj(conv):+.2e}; "
          f"log-loss relative to converged {(r['train_logloss']-conv['train_logloss'])/conv['train_logloss']:+.2e}")
PY
