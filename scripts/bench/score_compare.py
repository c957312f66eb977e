#!/usr/bin/env python3
"""Side-by-side scoring benchmark; see score_compare.sh. Prints one JSON object last.

Rounds alternate: HydraWatch runner (a subprocess with its own warm-up and --runs timed passes), then each
Python runtime (warm-up + the same number of timed passes). Batch figures are 1-thread wall rows/s medians over
all rounds. Single-row latency uses each tool's cheapest entry point (LightGBM's C fast path, the tl2cgen
generated predict(), lleaves' compiled entry), called via ctypes, so Python call overhead (~0.5-1 µs) is
included for them but not for HydraWatch (timed in process).
"""
import argparse
import ctypes
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

A = None


def make_data(work):
    """Synthetic 5%-positive binary data, 40 float32 features; 200k rows to train, 200k to score."""
    xtr, ytr, xte = (os.path.join(work, f) for f in ("X_train.npy", "y_train.npy", "X_test.npy"))
    if all(os.path.exists(p) for p in (xtr, ytr, xte)):
        return np.load(xtr), np.load(ytr), np.load(xte)
    rng = np.random.default_rng(7)
    n, d = 400_000, 40
    X = rng.standard_normal((n, d)).astype(np.float32)
    X[:, 30:] = np.round(X[:, 30:] * 3)  # some coarse features, like counts
    w = rng.standard_normal(d) * (rng.random(d) < 0.5)
    z = X @ w * 0.5 + np.sin(X[:, 0] * 2) + X[:, 1] * X[:, 2] - 4.0
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(np.uint8)
    X[rng.random((n, d)) < 0.01] = np.nan  # missing values exercise the default-side rule
    np.save(xtr, X[:200_000]); np.save(ytr, y[:200_000]); np.save(xte, X[200_000:])
    return X[:200_000], y[:200_000], X[200_000:]


def ensure_model(work, Xtr, ytr):
    path = os.path.join(work, "model.txt")
    if not os.path.exists(path):
        import lightgbm as lgb
        params = {"objective": "binary", "learning_rate": 0.1, "num_leaves": 31, "max_bin": 255,
                  "num_threads": 2, "verbose": -1, "seed": 0}
        lgb.train(params, lgb.Dataset(Xtr, label=ytr), num_boost_round=200).save_model(path)
    return path


def timed(fn, runs):
    fn()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def single(call, n_rows, calls):
    for i in range(2000):
        call(i % n_rows)
    ns = np.empty(calls, dtype=np.int64)
    pc = time.perf_counter_ns
    for k in range(calls):
        i = (k * 7919) % n_rows
        t = pc()
        call(i)
        ns[k] = pc() - t
    return {"p50_us": round(float(np.median(ns)) / 1e3, 3), "p99_us": round(float(np.percentile(ns, 99)) / 1e3, 3)}


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--data")
    ap.add_argument("--runner", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--calls", type=int, default=100_000)
    A = ap.parse_args()
    import lightgbm as lgb

    if A.data:
        Xtr, ytr, X32 = (np.load(os.path.join(A.data, f)) for f in ("X_train.npy", "y_train.npy", "X_test.npy"))
    else:
        Xtr, ytr, X32 = make_data(A.work)
    X32 = np.ascontiguousarray(X32, dtype=np.float32)
    X64 = X32.astype(np.float64)
    n, d = X32.shape
    model = ensure_model(A.work, Xtr, ytr)
    f32 = os.path.join(A.work, "X_score.f32")
    X32.tofile(f32)
    booster = lgb.Booster(model_file=model)
    ref = booster.predict(X32, num_threads=1)
    out = {"bench": "score_compare", "rows": n, "features": d, "trees": booster.num_trees(),
           "nan_share": round(float(np.isnan(X32).mean()), 4), "tools": {}, "notes": []}
    T = out["tools"]

    # ---- runtimes ----
    batch = {"lightgbm": lambda: booster.predict(X32, num_threads=1)}
    singles = {}
    try:
        lib = ctypes.CDLL(lgb.basic._LIB._name)
        init = lib.LGBM_BoosterPredictForMatSingleRowFastInit
        init.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                         ctypes.c_int32, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
        fast = lib.LGBM_BoosterPredictForMatSingleRowFast
        fast.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_double)]
        cfg = ctypes.c_void_p()
        assert init(booster._handle, 1, 0, -1, 0, d, b"num_threads=1", ctypes.byref(cfg)) == 0  # 1 = raw margin
        olen, res = ctypes.c_int64(), ctypes.c_double()
        base, stride = X32.ctypes.data, X32.strides[0]
        singles["lightgbm"] = lambda i: fast(cfg, base + i * stride, ctypes.byref(olen), ctypes.byref(res))
    except Exception as e:  # noqa: BLE001
        out["notes"].append(f"lightgbm single-row fast path unavailable: {e!r}")
    try:
        import tl2cgen
        import treelite
        tl = treelite.frontend.load_lightgbm_model(model)
        so = os.path.join(A.work, "tl2cgen_model.so")
        tl2cgen.export_lib(tl, toolchain="gcc", libpath=so, params={"parallel_comp": 4}, nthread=2)
        pred = tl2cgen.Predictor(so, nthread=1)
        dm = tl2cgen.DMatrix(X64)
        batch["tl2cgen"] = lambda: pred.predict(dm)
        raw = ctypes.CDLL(so)
        raw.predict.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
        raw.predict.restype = None
        rbuf = np.zeros(1)
        rp, b64, s64 = rbuf.ctypes.data, X64.ctypes.data, X64.strides[0]
        if not np.isnan(X64).any():  # the generated code reads an Entry union; a plain float64 row is only valid without NaN
            def tl_single(i):
                rbuf[0] = 0.0
                raw.predict(b64 + i * s64, 1, rp)
            singles["tl2cgen"] = tl_single
        else:
            rows64 = [X64[i:i + 1] for i in range(n)]
            singles["tl2cgen"] = lambda i: pred.predict(tl2cgen.DMatrix(rows64[i]))
            out["notes"].append("tl2cgen single row through Predictor+DMatrix (data has NaN; raw entry needs Entry encoding)")
    except Exception as e:  # noqa: BLE001
        out["notes"].append(f"tl2cgen skipped: {e!r}")
    try:
        import lleaves
        lm = lleaves.Model(model_file=model)
        lm.compile(cache=os.path.join(A.work, "lleaves.o"))
        batch["lleaves"] = lambda: lm.predict(X64, n_jobs=1)
        f = lm._c_entry_func
        lres = np.zeros(1)
        lrp = lres.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
        ptrs = [X64[i:i + 1].ctypes.data_as(ctypes.POINTER(ctypes.c_double)) for i in range(n)]
        singles["lleaves"] = lambda i: f(ptrs[i], lrp, 0, 1)
    except Exception as e:  # noqa: BLE001
        out["notes"].append(f"lleaves skipped: {e!r} (lleaves 1.3.0 fails with llvmlite 0.50 and works with 0.43: run with "
                            "--python from a venv holding 'llvmlite<0.44' lleaves)")

    versions = {}
    for mod in ("lightgbm", "treelite", "tl2cgen", "lleaves", "llvmlite", "numpy"):
        try:
            versions[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001
            pass
    out["versions"] = versions

    # ---- correctness ----
    for name, fn in batch.items():
        p = np.asarray(fn()).reshape(n, -1)[:, 0]
        T.setdefault(name, {})["max_abs_dprob"] = float(np.max(np.abs(p - ref)))

    # ---- alternating rounds ----
    times = {k: [] for k in batch}
    hw = []
    probs = os.path.join(A.work, "hydrawatch_probs.f64")
    for r in range(A.rounds):
        print(f"round {r + 1}/{A.rounds}", file=sys.stderr, flush=True)
        cmd = [A.runner, "--lightgbm", model, "--f32", f32, "--features", str(d), "--runs", str(A.runs),
               "--calls", str(A.calls)] + (["--write-probabilities", probs] if r == 0 else [])
        line = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        hw.append(json.loads(line))
        for name, fn in batch.items():
            times[name] += timed(fn, A.runs)
    p = np.fromfile(probs, dtype=np.float64)
    T["hydrawatch"] = {"max_abs_dprob": float(np.max(np.abs(p - ref))),
                       "rows_per_s": round(statistics.median(h["rows_per_s"] for h in hw)),
                       "rows_per_cpu_s": round(statistics.median(h["rows_per_cpu_s"] for h in hw)),
                       "p50_us": statistics.median(h["p50_us"] for h in hw),
                       "p99_us": statistics.median(h["p99_us"] for h in hw),
                       "timer_p50_us": statistics.median(h.get("timer_p50_us", float("nan")) for h in hw)}
    for name in batch:
        T[name]["rows_per_s"] = round(n / statistics.median(times[name]))
    for name, call in singles.items():
        T.setdefault(name, {}).update(single(call, n, min(A.calls, 20_000)))
    hrate = T["hydrawatch"]["rows_per_s"]
    for name in batch:
        T[name]["hydrawatch_speed_ratio"] = round(hrate / T[name]["rows_per_s"], 3)
    ok = T["hydrawatch"]["max_abs_dprob"] <= 1e-9
    out["hydrawatch_matches_lightgbm"] = ok
    print(f"{'tool':12} {'rows/s 1t':>11} {'HW ratio':>9} {'p50 us':>8} {'p99 us':>8} {'max|dprob|':>11}")
    for k, r in T.items():
        print(f"{k:12} {r.get('rows_per_s', 0):11,} {r.get('hydrawatch_speed_ratio', 1.0):9.2f} "
              f"{r.get('p50_us', float('nan')):8.2f} {r.get('p99_us', float('nan')):8.2f} {r.get('max_abs_dprob', 0):11.1e}")
    for note in out["notes"]:
        print("note:", note)
    print(json.dumps(out))
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
