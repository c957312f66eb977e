#!/usr/bin/env python3
"""Golden fixtures for the GBDT trainer: small datasets plus LightGBM's predictions on them.

Requirements: pip install "lightgbm==4.7.*" "scikit-learn>=1.5" numpy
Usage:        python3 scripts/golden/make_gbdt_fixtures.py [--out Tests/TrainingTests/Fixtures]

Writes, for each dataset NAME in {breast_cancer, synthetic_missing}:
  gbdt_NAME_train.csv, gbdt_NAME_test.csv   header "label,<features>", label first, %.9g, empty = missing
  gbdt_NAME_lightgbm.csv                    LightGBM's test-set probabilities, one per line (%.9g)
  gbdt_NAME.json                            parameters, LightGBM test AUC, versions
The Swift test (Tests/TrainingTests/GBDTGoldenTests.swift) trains with the same parameters and compares
test AUC (|Δ| <= 0.002) and the Pearson correlation of probabilities (> 0.99).

breast_cancer: scikit-learn's bundled copy (569 x 30, label 1 = benign), 80/20 split by
numpy.random.default_rng(7).permutation.
synthetic_missing: 6,000 x 16 generated here (seed 11): a logistic model on 8 informative features with
interactions, ~12% of cells missing in 6 features (missingness itself carries signal in two of them),
values rounded to 3 significant digits so the CSV stays small and both trainers see identical numbers.
"""
import argparse
import json
import os

import numpy as np

PARAMS = {"objective": "binary", "learning_rate": 0.1, "num_leaves": 31, "max_bin": 255,
          "min_data_in_leaf": 20, "min_sum_hessian_in_leaf": 1e-3, "lambda_l2": 0.0,
          "num_threads": 1, "seed": 0, "verbose": -1, "deterministic": True}
ROUNDS = {"breast_cancer": 60, "synthetic_missing": 80}


def split(n, seed=7):
    perm = np.random.default_rng(seed).permutation(n)
    cut = int(round(0.8 * n))
    return perm[:cut], perm[cut:]


def breast_cancer():
    from sklearn.datasets import load_breast_cancer
    b = load_breast_cancer()
    names = [n.replace(" ", "_") for n in b.feature_names]
    return b.data.astype(np.float64), b.target.astype(np.uint8), names


def synthetic_missing(n=6000, d=16):
    rng = np.random.default_rng(11)
    X = rng.normal(size=(n, d))
    X[:, 3] = np.round(X[:, 3] * 2)                # a low-cardinality feature
    X[:, 5] = np.exp(X[:, 5])                      # skewed, positive
    z = (1.2 * X[:, 0] - 0.8 * X[:, 1] + 0.6 * X[:, 2] * X[:, 4] + 0.5 * X[:, 3]
         + 0.7 * np.log(X[:, 5]) - 0.9 * (X[:, 6] > 0.5) + 0.4 * X[:, 7] ** 2 - 1.0)
    miss = np.zeros_like(X, dtype=bool)
    for j in (0, 2, 6, 9, 12, 14):
        miss[:, j] = rng.random(n) < 0.12
    z += 0.8 * miss[:, 6] - 0.6 * miss[:, 9]       # informative missingness
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(np.uint8)
    X = np.array([[float(f"{v:.3g}") for v in row] for row in X])
    X[miss] = np.nan
    return X, y, [f"x{j}" for j in range(d)]


def write_csv(path, X, y, names):
    with open(path, "w", newline="\n") as f:
        f.write("label," + ",".join(names) + "\n")
        for xi, yi in zip(X, y):
            f.write(str(int(yi)) + "," + ",".join("" if np.isnan(v) else "%.9g" % v for v in xi) + "\n")


def main():
    import lightgbm as lgb
    import sklearn
    from sklearn.metrics import roc_auc_score
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                  "Tests", "TrainingTests", "Fixtures"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for name, make in (("breast_cancer", breast_cancer), ("synthetic_missing", synthetic_missing)):
        X, y, names = make()
        tr, te = split(X.shape[0])
        # Round-trip through the CSV text so LightGBM trains on exactly what the Swift test reads.
        write_csv(os.path.join(a.out, f"gbdt_{name}_train.csv"), X[tr], y[tr], names)
        write_csv(os.path.join(a.out, f"gbdt_{name}_test.csv"), X[te], y[te], names)
        booster = lgb.train(PARAMS, lgb.Dataset(X[tr], label=y[tr]), num_boost_round=ROUNDS[name])
        p = booster.predict(X[te])
        auc = float(roc_auc_score(y[te], p))
        with open(os.path.join(a.out, f"gbdt_{name}_lightgbm.csv"), "w") as f:
            f.write("".join("%.9g\n" % v for v in p))
        meta = {"dataset": name, "rounds": ROUNDS[name], "params": PARAMS, "lightgbm_test_auc": auc,
                "n_train": int(len(tr)), "n_test": int(len(te)),
                "versions": {"lightgbm": lgb.__version__, "scikit-learn": sklearn.__version__,
                             "numpy": np.__version__}}
        with open(os.path.join(a.out, f"gbdt_{name}.json"), "w") as f:
            json.dump(meta, f, indent=1)
            f.write("\n")
        print(f"{name}: train {len(tr)} test {len(te)} x {X.shape[1]}  LightGBM test AUC {auc:.6f}")


if __name__ == "__main__":
    main()
