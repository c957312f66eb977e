#!/usr/bin/env python3
"""How easy is the task? ROC-AUC of every single feature used alone as a score.

    single_feature_auc.py FEATURES_CSV [TRUTH_JSONL] [--top N]

FEATURES_CSV: the extractor's features.csv (account_id,label,campaign,cluster,<features>) or a CSV cut from it.
Without TRUTH_JSONL the labelled rows are used (label 1 = distillation, 0 = benign); with it, every account in
the table is judged by truth.jsonl's `attacker` field.

Per feature it prints max(AUC, 1 - AUC) — a feature that separates in either direction counts — with the
direction, the share of missing values, and the best recall at FPR <= 0.1% (thresholding the feature alone).
Missing values (empty or NaN) are placed below or above every value, whichever gives the higher AUC.
AUC is the Mann-Whitney statistic with average ranks for ties.
"""
import csv
import json
import sys

import numpy as np


def auc(y, x):
    order = np.argsort(x, kind="mergesort")
    xs = x[order]
    ranks = np.empty(len(x))
    # Average ranks over runs of equal values.
    boundaries = np.flatnonzero(np.diff(xs)) + 1
    starts = np.concatenate(([0], boundaries))
    ends = np.concatenate((boundaries, [len(xs)]))
    avg = (starts + ends + 1) / 2.0
    ranks[order] = np.repeat(avg, ends - starts)
    npos = y.sum()
    nneg = len(y) - npos
    return (ranks[y == 1].sum() - npos * (npos + 1) / 2) / (npos * nneg)


def recall_at_fpr(y, x, max_fpr):
    """Best recall of `x >= t` over thresholds t with FPR <= max_fpr (ties kept together)."""
    neg = np.sort(x[y == 0])[::-1]
    allowed = int(np.floor(max_fpr * len(neg)))
    # Threshold just above the (allowed+1)-th highest negative.
    if allowed >= len(neg):
        return 1.0
    t = neg[allowed]
    return float((x[y == 1] > t).mean())


def main(argv):
    args = [a for a in argv[1:]]
    top = None
    if "--top" in args:
        i = args.index("--top")
        top = int(args[i + 1])
        del args[i:i + 2]
    if len(args) not in (1, 2):
        sys.exit(__doc__)
    truth = None
    if len(args) == 2:
        truth = {}
        for line in open(args[1]):
            if line.strip():
                e = json.loads(line)
                truth[e["account_id"]] = 1.0 if e.get("attacker") else 0.0

    with open(args[0], newline="") as f:
        r = csv.reader(f)
        header = next(r)
        if header[:4] != ["account_id", "label", "campaign", "cluster"]:
            sys.exit(f"{args[0]}: expected account_id,label,campaign,cluster,<features>; found {header[:4]}")
        names = header[4:]
        ys, rows = [], []
        for row in r:
            if truth is not None:
                if row[0] not in truth:
                    continue
                y = truth[row[0]]
            else:
                if row[1] in ("", "nan", "NaN"):
                    continue
                y = float(row[1])
            ys.append(y)
            rows.append([float(v) if v not in ("", "nan", "NaN") else np.nan for v in row[4:]])
    y = np.array(ys)
    X = np.array(rows, dtype=float).reshape(len(rows), len(names))
    npos, nneg = int(y.sum()), int(len(y) - y.sum())
    if npos == 0 or nneg == 0:
        sys.exit("need both distillation and benign rows")
    source = "truth.jsonl, all accounts" if truth is not None else "labelled rows"
    print(f"{len(y)} accounts ({npos} distillation, {nneg} benign; {source})")

    results = []
    for j, name in enumerate(names):
        x = X[:, j]
        miss = np.isnan(x)
        best = None
        for fill in (-np.inf, np.inf):
            xf = np.where(miss, fill, x)
            # Replace infinities by finite sentinels so diff() is well defined.
            finite = xf[np.isfinite(xf)]
            lo = finite.min() - 1 if finite.size else -1.0
            hi = finite.max() + 1 if finite.size else 1.0
            xf = np.where(xf == -np.inf, lo, np.where(xf == np.inf, hi, xf))
            a = auc(y, xf)
            for direction, score in (("higher", xf), ("lower", -xf)):
                val = a if direction == "higher" else 1 - a
                if best is None or val > best[0]:
                    best = (val, direction, recall_at_fpr(y, score, 0.001))
        results.append((best[0], name, best[1], miss.mean(), best[2]))
    results.sort(key=lambda t: (-t[0], t[1]))
    print(f"{'feature':34} {'AUC':>7} {'attackers':>9} {'missing':>8} {'recall@0.1%FPR':>15}")
    for a, name, d, m, rec in results[:top]:
        print(f"{name:34} {a:7.4f} {d:>9} {m:8.1%} {rec:15.4f}")


if __name__ == "__main__":
    main(sys.argv)
