#!/usr/bin/env bash
# Extraction benchmark: hydrawatch-extract vs DuckDB GROUP BY baselines on the same traffic file, alternating
# runs, medians of wall time, MB/s, requests/s and peak RSS (from /usr/bin/time -v). Two DuckDB queries (see
# extract.py): "duckdb" reads every field of the contract with its type and computes the comparable aggregates
# (the goal's baseline); "duckdb-light" is the lighter query of the first rounds (ts as text, 19 columns), kept
# so results stay comparable with them. LIGHT=0 skips it.
#
#   scripts/bench/extract.sh WORKDIR [LINES] [RUNS]
#
# WORKDIR is a scratch folder outside the repository (the generated traffic is large; never commit it).
# If WORKDIR/traffic.jsonl exists it is reused, e.g. seed-scale-shaped traffic from the simulator:
#   hydrawatch-simulate --scenario seed-scale --out SIM    # ~13 GB, a few minutes
#   head -n 4000000 SIM/traffic.jsonl > WORKDIR/traffic.jsonl
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${1:?usage: extract.sh WORKDIR [LINES] [RUNS]}
LINES=${2:-2000000}
RUNS=${3:-3}
THREADS=${THREADS:-2}
LIGHT=${LIGHT:-1}
mkdir -p "$WORK"
TRAFFIC="$WORK/traffic.jsonl"
if [ ! -s "$TRAFFIC" ]; then
  echo "generating $LINES lines into $TRAFFIC" >&2
  python3 scripts/bench/extract.py generate "$TRAFFIC" "$LINES"
fi
swift build -c release --product hydrawatch-extract >&2
BIN=$(swift build -c release --show-bin-path)/hydrawatch-extract
BYTES=$(stat -c %s "$TRAFFIC")
REQS=$(wc -l < "$TRAFFIC")

measure() {  # name, command...: prints "name wall_s peak_kb cpu_s"
  local name=$1; shift
  local log="$WORK/time-$name.log"
  /usr/bin/time -v "$@" 2> "$log" >/dev/null
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$log")
  echo "$name $wall $rss $cpu"
}

RESULTS="$WORK/results.txt"
: > "$RESULTS"
for i in $(seq 1 "$RUNS"); do
  measure hydrawatch "$BIN" --traffic "$TRAFFIC" --out "$WORK/out" --threads "$THREADS" >> "$RESULTS"
  measure duckdb python3 scripts/bench/extract.py duckdb "$TRAFFIC" "$THREADS" full >> "$RESULTS"
  if [ "$LIGHT" != 0 ]; then
    measure duckdb-light python3 scripts/bench/extract.py duckdb "$TRAFFIC" "$THREADS" light >> "$RESULTS"
  fi
done

python3 - "$RESULTS" "$BYTES" "$REQS" <<'PY'
import statistics, sys
path, size, reqs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = [l.split() for l in open(path) if l.strip()]
print(f"input: {size/1e6:.0f} MB, {reqs} requests")
print(f"{'tool':<14}{'median s':>10}{'MB/s':>10}{'req/s':>14}{'peak RSS MB':>14}{'CPU s':>8}  wall s per run")
medians = {}
for name in ["hydrawatch", "duckdb", "duckdb-light"]:
    r = [row for row in rows if row[0] == name]
    if not r:
        continue
    wall = statistics.median(float(x[1]) for x in r)
    rss = max(int(x[2]) for x in r) / 1024
    cpu = statistics.median(float(x[3]) for x in r)
    medians[name] = (wall, cpu)
    runs = " ".join(f"{float(x[1]):.2f}" for x in r)
    print(f"{name:<14}{wall:>10.2f}{size/1e6/wall:>10.0f}{reqs/wall:>14.0f}{rss:>14.0f}{cpu:>8.1f}  {runs}")
hw_wall, hw_cpu = medians["hydrawatch"]
for name in ["duckdb", "duckdb-light"]:
    if name in medians:
        db_wall, db_cpu = medians[name]
        print(f"throughput ratio hydrawatch/{name}: {db_wall / hw_wall:.2f}x (median wall); "
              f"CPU time ratio {name}/hydrawatch: {db_cpu / hw_cpu:.2f}x")
PY
