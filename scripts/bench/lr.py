#!/usr/bin/env python3
"""scikit-learn side of scripts/bench/lr.sh: times LogisticRegression(C=1/l2, lbfgs, max_iter=200).fit on
the standardised training matrix already in memory (StandardScaler outside the timing, float64), like the
reference measurements. Prints one JSON line per fit: wall fit_s, process cpu_s, n_iter, train log-loss, ||w||, intercept.
Usage: lr.py --data DIR [--runs 3] [--threads 1] [--l2 1] [--converged]"""
import argparse
import json
import os
import resource
import time

import numpy as np


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--converged", action="store_true",
                    help="fit once with tol=1e-10, max_iter=10000 (the exact optimum, to compare losses against)")
    a = ap.parse_args()
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    if os.path.exists(os.path.join(a.data, "X_train.npy")):
        X = np.load(os.path.join(a.data, "X_train.npy")).astype(np.float64)
        y = np.load(os.path.join(a.data, "y_train.npy"))
    else:  # raw little-endian float32 row-major + uint8 labels, shape from meta.json
        import json
        d = json.load(open(os.path.join(a.data, "meta.json")))["n_features"]
        X = np.fromfile(os.path.join(a.data, "X_train.f32"), dtype="<f4").reshape(-1, d).astype(np.float64)
        y = np.fromfile(os.path.join(a.data, "y_train.u8"), dtype=np.uint8)
    A = StandardScaler().fit_transform(X)
    for run in range(1, a.runs + 1):
        with threadpool_limits(limits=a.threads):
            c0, t0 = cpu(), time.perf_counter()
            if a.converged:
                m = LogisticRegression(C=1.0 / a.l2, solver="lbfgs", tol=1e-10, max_iter=10000).fit(A, y)
            else:
                m = LogisticRegression(C=1.0 / a.l2, solver="lbfgs", max_iter=200).fit(A, y)
            t1, c1 = time.perf_counter(), cpu()
        p = m.predict_proba(A)[:, 1]
        print(json.dumps({"impl": "sklearn-lbfgs-converged" if a.converged else "sklearn-lbfgs", "run": run, "threads": a.threads, "fit_s": t1 - t0, "cpu_s": c1 - c0,
                          "n_iter": int(m.n_iter_[0]), "train_logloss": float(log_loss(y, p)),
                          "w_norm": float(np.linalg.norm(m.coef_)), "intercept": float(m.intercept_[0])}), flush=True)


if __name__ == "__main__":
    main()
