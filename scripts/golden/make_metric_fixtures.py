#!/usr/bin/env python3
"""Golden fixtures for Evaluation's metric functions, computed by scikit-learn.

Re-run:  pip install scikit-learn numpy && python3 scripts/golden/make_metric_fixtures.py
Writes Tests/EvaluationTests/Fixtures/metrics_golden.json. Swift tests require agreement to 1e-9.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score

rng = np.random.default_rng(20261123)
cases = []
for name, n, pos_rate, ties in [("small_ties", 40, 0.3, True), ("imbalanced", 3000, 0.05, False),
                                 ("coarse_scores", 2000, 0.2, True)]:
    y = (rng.random(n) < pos_rate).astype(float)
    raw = rng.normal(size=n) + 1.5 * y
    p = 1 / (1 + np.exp(-raw))
    if ties:
        p = np.round(p, 1)  # many tied scores, including exact 0/1 after rounding
    p = np.clip(p, 0, 1)
    cases.append({
        "name": name,
        "labels": y.tolist(),
        "scores": [float(f"{v:.17g}") for v in p],
        "roc_auc": roc_auc_score(y, p),
        "average_precision": average_precision_score(y, p),
        "log_loss": log_loss(y, p),
        "brier": brier_score_loss(y, p),
    })

out = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "EvaluationTests", "Fixtures", "metrics_golden.json")
with open(out, "w") as f:
    json.dump({"sklearn_version": sklearn.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"wrote {os.path.normpath(out)} (scikit-learn {sklearn.__version__})")
