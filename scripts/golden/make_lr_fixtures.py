#!/usr/bin/env python3
"""Golden fixtures for the logistic-regression tests (Tests/TrainingTests/Fixtures/).

Reference: scikit-learn StandardScaler (population std) + LogisticRegression(C, tol=1e-10, max_iter=10000,
solver lbfgs), whose objective is  sum_i s_i * logloss_i + ||w||^2 / (2C)  with an unpenalised intercept.
Writes:
  lr_breast_cancer.csv   scikit-learn's bundled breast_cancer data (label first, then 30 features)
  lr_golden.json         per case: C, class weight for label 1 (elastic net: l1_ratio, saga solver),
                         StandardScaler mean/scale, coefficients,
                         intercept, predicted probabilities (all rows for breast_cancer, the first 500 for
                         the synthetic set), and a checksum of the synthetic matrix.
The synthetic set (20,000 x 20) is not stored: both sides generate it from SplitMix64 (see synthetic()),
with only exactly rounded IEEE operations except one exp per row for the labels.
Re-runnable: python3 scripts/golden/make_lr_fixtures.py   (needs numpy and scikit-learn)
"""
import json
import math
import os

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "TrainingTests", "Fixtures")
MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * (1.0 / 9007199254740992.0)  # exact: k * 2^-53


def synthetic(rows=20000, cols=20, seed=20261123):
    """x_ij = (u1+u2+u3+u4-2)*(1+j) + 0.5*j (row by row, features in order); z_i = -2 + sum_j b_j*x_ij
    with b_j = ((j % 5) - 2) * 0.25 / (1 + j); y_i = 1 if u < 1/(1+exp(-z_i)) else 0."""
    rng = SplitMix64(seed)
    X = np.zeros((rows, cols))
    y = np.zeros(rows)
    beta = [((j % 5) - 2) * 0.25 / (1 + j) for j in range(cols)]
    for i in range(rows):
        z = -2.0
        for j in range(cols):
            s = rng.uniform()
            s = s + rng.uniform()
            s = s + rng.uniform()
            s = s + rng.uniform()
            v = (s - 2.0) * (1 + j) + 0.5 * j
            X[i, j] = v
            z = z + beta[j] * v
        u = rng.uniform()
        y[i] = 1.0 if u < 1.0 / (1.0 + math.exp(-z)) else 0.0
    return X, y


def fit(X, y, C, pos_weight, n_pred):
    sc = StandardScaler().fit(X)
    A = sc.transform(X)
    m = LogisticRegression(C=C, tol=1e-10, max_iter=10000, class_weight={0: 1.0, 1: pos_weight}).fit(A, y)
    p = m.predict_proba(A[:n_pred])[:, 1]
    return {"C": C, "l2": 1.0 / C, "scale_pos_weight": pos_weight, "n_iter": int(m.n_iter_[0]),
            "mean": sc.mean_.tolist(), "scale": sc.scale_.tolist(),
            "coefficients": m.coef_[0].tolist(), "intercept": float(m.intercept_[0]),
            "probabilities": p.tolist()}


def fit_elastic_net(X, y, C, l1_ratio):
    """saga, the scikit-learn solver for the elastic net: F = sum logloss + (1-r)/(2C)||w||^2 + r/C ||w||_1."""
    sc = StandardScaler().fit(X)
    A = sc.transform(X)
    m = LogisticRegression(C=C, l1_ratio=l1_ratio, solver="saga", tol=1e-12, max_iter=200000).fit(A, y)
    return {"C": C, "l1_ratio": l1_ratio, "l2": (1 - l1_ratio) / C, "l1": l1_ratio / C, "scale_pos_weight": 1.0,
            "n_iter": int(m.n_iter_[0]), "mean": sc.mean_.tolist(), "scale": sc.scale_.tolist(),
            "coefficients": m.coef_[0].tolist(), "intercept": float(m.intercept_[0]),
            "probabilities": m.predict_proba(A)[:, 1].tolist()}


def main():
    os.makedirs(OUT, exist_ok=True)
    b = load_breast_cancer()
    names = [n.replace(" ", "_") for n in b.feature_names]
    with open(os.path.join(OUT, "lr_breast_cancer.csv"), "w", newline="\n") as f:
        f.write("label," + ",".join(names) + "\n")
        for yi, row in zip(b.target, b.data):
            f.write(str(int(yi)) + "," + ",".join(repr(float(v)) for v in row) + "\n")
    X, y = synthetic()
    golden = {
        "generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; scripts/golden/make_lr_fixtures.py",
        "breast_cancer": [fit(b.data, b.target.astype(float), C, 1.0, len(b.target)) for C in (1.0, 0.1)],
        "breast_cancer_elastic_net": [fit_elastic_net(b.data, b.target.astype(float), 1.0, 0.5)],
        "synthetic": {"rows": 20000, "cols": 20, "seed": 20261123, "x_sum": float(X.sum()), "positives": int(y.sum()),
                      "cases": [fit(X, y, 1.0, 1.0, 500), fit(X, y, 0.05, 3.0, 500)]},
    }
    with open(os.path.join(OUT, "lr_golden.json"), "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}: positives {int(y.sum())}/{len(y)}, x_sum {X.sum()!r}")


if __name__ == "__main__":
    main()
