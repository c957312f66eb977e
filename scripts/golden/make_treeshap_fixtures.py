#!/usr/bin/env python3
"""Golden TreeSHAP values: LightGBM's predict(pred_contrib=True) on the LightGBM import fixtures.

Requirements: pip install "lightgbm==4.7.*" numpy
Usage:        python3 scripts/golden/make_treeshap_fixtures.py [--out Tests/ScoringRuntimeTests/Fixtures]

Reads the committed models and rows of scripts/golden/make_lightgbm_import_fixtures.py (run that first if they
are missing) and writes, for NAME in "nan" and "none":
  lightgbm_treeshap_NAME_contrib.csv  300 rows, header "f0,...,f7,expected", %.17g: column j is feature j's
                                      TreeSHAP value, "expected" the sum of the trees' expected values (LightGBM's
                                      last pred_contrib column), row for row with lightgbm_import_NAME_rows.csv.
The Swift test (Tests/ScoringRuntimeTests/TreeSHAPTests.swift) imports each model and requires the runtime's
TreeSHAP to match to 1e-9. Prediction is deterministic, so re-running rewrites the same files.
"""
import argparse
import os

import lightgbm as lgb
import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="Tests/ScoringRuntimeTests/Fixtures")
    args = ap.parse_args()
    for name in ("nan", "none"):
        booster = lgb.Booster(model_file=os.path.join(args.out, f"lightgbm_import_{name}_model.txt"))
        rows = os.path.join(args.out, f"lightgbm_import_{name}_rows.csv")
        with open(rows) as f:
            header = f.readline().strip().split(",")
            x = np.array([[float(c) if c else np.nan for c in line.rstrip("\n").split(",")[2:]] for line in f])
        contrib = booster.predict(x, pred_contrib=True, num_threads=1)
        assert np.allclose(contrib.sum(axis=1), booster.predict(x, raw_score=True, num_threads=1), atol=1e-9)
        with open(os.path.join(args.out, f"lightgbm_treeshap_{name}_contrib.csv"), "w") as f:
            f.write(",".join(header[2:] + ["expected"]) + "\n")
            for r in contrib:
                f.write(",".join("%.17g" % v for v in r) + "\n")


if __name__ == "__main__":
    main()
