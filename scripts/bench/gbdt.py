#!/usr/bin/env python3
"""GBDT training speed, HydraWatch vs LightGBM, side by side in one run.

Requirements: pip install "lightgbm==4.7.*" "scikit-learn>=1.5" numpy
Usage (normally through scripts/bench/gbdt.sh, which builds the Swift runner first):
  python3 scripts/bench/gbdt.py --make-data DIR [--rows 1000000]      # write the benchmark data set
  python3 scripts/bench/gbdt.py --data DIR --swift-bin PATH [--runs 3] [--rounds 200] [--threads 2,1]

Data: DIR holds X_train.f32 / X_test.f32 (little-endian row-major float32), y_train.u8 / y_test.u8 and
meta.json ({"n_features": ...}). --make-data writes sklearn make_classification(n_samples=rows,
n_features=40, n_informative=12, weights=[0.95], flip_y=0.01, random_state=7), 80/20 split by
numpy.random.default_rng(7).permutation.

Task: binary log-loss, 255 bins, 31 leaves, learning rate 0.1, --rounds rounds, no early stopping.
Each fit runs in its own child process; Swift and LightGBM runs alternate (swift, lightgbm, swift, ...) so
both see the same background load. Per fit: wall time of Dataset construction + training (binning
included on both sides), process CPU time, test ROC-AUC, and the share of the machine that *other*
processes used meanwhile (from /proc/stat; > 5% = contaminated). The last line is one JSON object with
medians and ratios (swift / lightgbm) per thread count.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import numpy as np


def make_data(out, rows):
    from sklearn.datasets import make_classification
    X, y = make_classification(n_samples=rows, n_features=40, n_informative=12, weights=[0.95],
                               flip_y=0.01, random_state=7)
    perm = np.random.default_rng(7).permutation(rows)
    cut = int(round(0.8 * rows))
    os.makedirs(out, exist_ok=True)
    for part, idx in (("train", perm[:cut]), ("test", perm[cut:])):
        np.ascontiguousarray(X[idx], dtype="<f4").tofile(os.path.join(out, f"X_{part}.f32"))
        np.ascontiguousarray(y[idx], dtype=np.uint8).tofile(os.path.join(out, f"y_{part}.u8"))
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump({"n_features": 40, "n_train": cut, "n_test": rows - cut,
                   "provenance": "make_classification(n_features=40, n_informative=12, weights=[0.95], "
                                 "flip_y=0.01, random_state=7); default_rng(7) 80/20"}, f)
    print(f"wrote {out}: {cut} train / {rows - cut} test rows x 40", file=sys.stderr)


def load(data):
    meta = json.load(open(os.path.join(data, "meta.json")))
    d = meta["n_features"]
    X = lambda p: np.fromfile(os.path.join(data, f"X_{p}.f32"), dtype="<f4").reshape(-1, d)  # noqa: E731
    y = lambda p: np.fromfile(os.path.join(data, f"y_{p}.u8"), dtype=np.uint8)  # noqa: E731
    return X("train"), y("train"), X("test"), y("test"), d


def lightgbm_fit(a):
    """Child process: one LightGBM fit, prints a JSON line."""
    import lightgbm as lgb
    from sklearn.metrics import roc_auc_score
    Xtr, ytr, Xte, yte, _ = load(a.data)
    params = {"objective": "binary", "learning_rate": 0.1, "num_leaves": 31, "max_bin": 255,
              "num_threads": a.fit_threads, "verbose": -1, "seed": 0}
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    ds = lgb.Dataset(Xtr, label=ytr, params={"max_bin": 255, "verbose": -1}).construct()
    booster = lgb.train(params, ds, num_boost_round=a.rounds)
    fit_s = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
    auc = roc_auc_score(yte, booster.predict(Xte, raw_score=True))
    print(json.dumps({"impl": "lightgbm", "version": lgb.__version__, "threads": a.fit_threads,
                      "fit_s": round(fit_s, 3), "cpu_s": round(cpu, 3), "test_auc": round(float(auc), 6),
                      "trees": booster.num_trees()}))


def busy_seconds():
    v = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    idle = v[3] + v[4]
    guest = sum(v[8:10]) if len(v) > 9 else 0
    return (sum(v) - idle - guest) / os.sysconf("SC_CLK_TCK")


def run_child(argv):
    """Runs one fit; returns its JSON result plus the other processes' share of the machine."""
    b0, t0 = busy_seconds(), time.perf_counter()
    c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(argv, check=True, stdout=subprocess.PIPE, text=True).stdout
    wall = time.perf_counter() - t0
    c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = (c1.ru_utime + c1.ru_stime) - (c0.ru_utime + c0.ru_stime)
    other = max(0.0, (busy_seconds() - b0) - own) / (wall * (os.cpu_count() or 1))
    res = json.loads([l for l in out.splitlines() if l.startswith("{")][-1])
    res["others_cpu"] = round(other, 3)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", help="directory with X_train.f32, y_train.u8, X_test.f32, y_test.u8, meta.json")
    ap.add_argument("--make-data", metavar="DIR", help="write the benchmark data set to DIR and exit")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--swift-bin", help="path of the hydrawatch-bench-gbdt executable (release build)")
    ap.add_argument("--runs", type=int, default=3, help="alternating fits per implementation at >1 thread")
    ap.add_argument("--runs1", type=int, default=1, help="fits per implementation at 1 thread")
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--threads", default="2,1")
    ap.add_argument("--lightgbm-child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--fit-threads", type=int, default=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.make_data:
        make_data(a.make_data, a.rows)
        return
    if not a.data or not os.path.exists(os.path.join(a.data or "", "X_train.f32")):
        sys.exit(f"no benchmark data in {a.data!r}: create it with\n"
                 f"  python3 {sys.argv[0]} --make-data DIR\nthen pass --data DIR")
    if a.lightgbm_child:
        lightgbm_fit(a)
        return
    if not a.swift_bin:
        sys.exit("--swift-bin PATH is required (swift build -c release --product hydrawatch-bench-gbdt)")
    d = json.load(open(os.path.join(a.data, "meta.json")))["n_features"]
    summary = {}
    for thr in [int(t) for t in a.threads.split(",")]:
        runs = a.runs if thr > 1 else a.runs1
        results = {"swift": [], "lightgbm": []}
        for i in range(runs):
            for impl in ("swift", "lightgbm"):
                if impl == "swift":
                    argv = [a.swift_bin, "--data", a.data, "--features", str(d), "--threads", str(thr),
                            "--rounds", str(a.rounds)]
                else:
                    argv = [sys.executable, os.path.abspath(__file__), "--lightgbm-child", "--data", a.data,
                            "--fit-threads", str(thr), "--rounds", str(a.rounds)]
                r = run_child(argv)
                results[impl].append(r)
                print(f"[{thr}t run {i + 1}] {impl:8} fit {r['fit_s']:7.2f} s  cpu {r['cpu_s']:7.2f} s  "
                      f"auc {r['test_auc']:.5f}  others {r['others_cpu']:.0%}", flush=True)
        med = lambda impl, k: statistics.median(r[k] for r in results[impl])  # noqa: E731
        s = {impl: {"fit_s_median": med(impl, "fit_s"), "cpu_s_median": med(impl, "cpu_s"),
                    "test_auc": results[impl][-1]["test_auc"],
                    "fit_s": [r["fit_s"] for r in results[impl]],
                    "others_cpu": [r["others_cpu"] for r in results[impl]]} for impl in results}
        s["ratio_fit"] = round(s["swift"]["fit_s_median"] / s["lightgbm"]["fit_s_median"], 3)
        s["ratio_cpu"] = round(s["swift"]["cpu_s_median"] / s["lightgbm"]["cpu_s_median"], 3)
        s["auc_delta"] = round(s["swift"]["test_auc"] - s["lightgbm"]["test_auc"], 6)
        summary[f"{thr}t"] = s
        print(f"[{thr}t] median fit swift {s['swift']['fit_s_median']:.2f} s / lightgbm "
              f"{s['lightgbm']['fit_s_median']:.2f} s = {s['ratio_fit']:.3f}; cpu ratio {s['ratio_cpu']:.3f}; "
              f"AUC delta {s['auc_delta']:+.6f}", flush=True)
    print(json.dumps({"bench": "gbdt", "data": a.data, "rounds": a.rounds, "runs": a.runs,
                      "cpu": open("/proc/cpuinfo").read().split("model name")[1].split("\n")[0].strip(": \t"),
                      "nproc": os.cpu_count(), "results": summary}))


if __name__ == "__main__":
    main()
