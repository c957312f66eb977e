#!/usr/bin/env python3
"""Golden fixtures for importing LightGBM text models (hydrawatch-export --from-lightgbm).

Requirements: pip install "lightgbm==4.7.*" numpy
Usage:        python3 scripts/golden/make_lightgbm_import_fixtures.py [--out Tests/ScoringRuntimeTests/Fixtures]

Trains binary models on 2,000 x 8 synthetic rows (seed 5) where ~15% of the cells of features f1, f4 and f6
are missing (NaN), so splits on those features have missing type NaN and the rest None:
  lightgbm_import_NAME_model.txt     LightGBM's text model (40 trees, 15 leaves)
  lightgbm_import_NAME_rows.csv      300 test rows: header "raw,probability,<features>", %.17g, empty = NaN;
                                     raw = predict(raw_score=True), probability = predict()
NAME: "nan" (use_missing=true, the default) and "none" (use_missing=false: NaN is treated as 0).
The Swift test (Tests/ScoringRuntimeTests/LightGBMImportTests.swift) imports each model and checks raw
margin and probability to 1e-9. Re-running rewrites the same files (deterministic training, one thread).
"""
import argparse
import os

import lightgbm as lgb
import numpy as np


def data(n, rng):
    x = rng.normal(size=(n, 8))
    x[:, 3] = np.round(x[:, 3] * 2)  # a few distinct values, so test rows hit thresholds' neighbourhoods
    margin = 1.2 * x[:, 0] - 0.8 * x[:, 1] + 0.6 * x[:, 2] * x[:, 3] + 0.5 * np.abs(x[:, 4]) - 0.4 * x[:, 5]
    for j in (1, 4, 6):
        miss = rng.random(n) < 0.15
        x[miss, j] = np.nan
        if j == 6:
            margin = margin + 0.9 * miss  # missingness itself carries signal
    y = (rng.random(n) < 1 / (1 + np.exp(-margin))).astype(int)
    return x, y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="Tests/ScoringRuntimeTests/Fixtures")
    args = ap.parse_args()
    rng = np.random.default_rng(5)
    x, y = data(2000, rng)
    xt, _ = data(300, rng)
    xt[:20, :] = x[:20, :]  # some training rows verbatim
    xt[20:25, :] = np.nan  # all-missing rows
    names = [f"f{j}" for j in range(8)]
    for name, use_missing in (("nan", True), ("none", False)):
        params = {"objective": "binary", "num_leaves": 15, "learning_rate": 0.1, "min_data_in_leaf": 20,
                  "use_missing": use_missing, "num_threads": 1, "seed": 0, "deterministic": True, "verbose": -1}
        booster = lgb.train(params, lgb.Dataset(x, label=y, feature_name=names), num_boost_round=40)
        booster.save_model(os.path.join(args.out, f"lightgbm_import_{name}_model.txt"))
        raw = booster.predict(xt, raw_score=True)
        prob = booster.predict(xt)
        with open(os.path.join(args.out, f"lightgbm_import_{name}_rows.csv"), "w") as f:
            f.write(",".join(["raw", "probability"] + names) + "\n")
            for r in range(len(xt)):
                cells = ["" if np.isnan(v) else "%.17g" % v for v in xt[r]]
                f.write(",".join(["%.17g" % raw[r], "%.17g" % prob[r]] + cells) + "\n")


if __name__ == "__main__":
    main()
