#!/usr/bin/env python3
"""Split an extractor feature table (features.csv) into a training CSV and a test CSV with no shared group.

    split_table.py cluster FEATURES_CSV TRUTH_JSONL TRAIN_CSV TEST_CSV
    split_table.py campaign NAME FEATURES_CSV TRUTH_JSONL TRAIN_CSV TEST_CSV

Both outputs keep the extractor's layout (account_id,label,campaign,cluster,<features>). Group membership comes
from truth.jsonl (the simulator's cluster and campaign for every account), so an unlabelled account of a held-out
cluster can never sit on the training side. Training rows are labelled rows only; test rows are every account of
the test side (hydrawatch-evaluate --truth scores them against truth.jsonl).

Side of a cluster (deterministic, no seed): attacker clusters of each campaign are sorted by the SHA-256 of their
name and every third one, starting with the second, is held out (so a campaign with 2 or 3 clusters keeps at least
one on each side); any other cluster (a benign organisation or a lone account) is held out when the first byte of
the SHA-256 of its name is < 86 (about one third).

cluster:  train = labelled rows of training-side clusters; test = all rows of held-out clusters.
campaign: train = labelled rows except the accounts of campaign NAME (and except held-out benign clusters);
          test = every account of campaign NAME plus all rows of held-out benign clusters.
"""
import csv
import hashlib
import json
import sys


def h(name):
    return hashlib.sha256(name.encode()).digest()


def read_truth(path):
    truth = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    e = json.loads(line)
                    truth[e["account_id"]] = e
                except (ValueError, KeyError) as err:
                    sys.exit(f"{path}:{n}: not a truth line ({err})")
    return truth


def held_out_clusters(truth):
    attacker = {}
    for e in truth.values():
        if e.get("attacker") and e.get("cluster"):
            attacker.setdefault(e.get("campaign") or "", set()).add(e["cluster"])
    held = set()
    for clusters in attacker.values():
        ordered = sorted(clusters, key=h)
        held.update(c for i, c in enumerate(ordered) if i % 3 == 1)
    every_attacker_cluster = set().union(*attacker.values()) if attacker else set()
    return held, every_attacker_cluster


def main(argv):
    if len(argv) == 6 and argv[1] == "cluster":
        mode, name, (features, truth_path, train_out, test_out) = "cluster", None, argv[2:]
    elif len(argv) == 7 and argv[1] == "campaign":
        mode, name, (features, truth_path, train_out, test_out) = "campaign", argv[2], argv[3:]
    else:
        sys.exit(__doc__)
    truth = read_truth(truth_path)
    held, attacker_clusters = held_out_clusters(truth)
    if mode == "campaign" and not any(e.get("campaign") == name for e in truth.values()):
        sys.exit(f"no account of campaign {name!r} in {truth_path}")

    def test_side(e):
        c = e.get("cluster") or e["account_id"]
        if mode == "cluster":
            return c in held if c in attacker_clusters else h(c)[0] < 86
        if e.get("attacker"):
            return e.get("campaign") == name
        return h(c)[0] < 86

    with open(features, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        if header[:2] != ["account_id", "label"]:
            sys.exit(f"{features}: expected the extractor's layout (account_id,label,...), found {header[:4]}")
        counts = {"train": 0, "test": 0, "dropped": 0, "unknown": 0}
        with open(train_out, "w", newline="") as tr, open(test_out, "w", newline="") as te:
            wtr, wte = csv.writer(tr, lineterminator="\n"), csv.writer(te, lineterminator="\n")
            wtr.writerow(header)
            wte.writerow(header)
            for row in rows:
                e = truth.get(row[0])
                if e is None:
                    counts["unknown"] += 1
                    continue
                labelled = row[1] not in ("", "nan", "NaN")
                if test_side(e):
                    wte.writerow(row)
                    counts["test"] += 1
                elif labelled and not (mode == "campaign" and e.get("attacker") and e.get("campaign") == name):
                    wtr.writerow(row)
                    counts["train"] += 1
                else:
                    counts["dropped"] += 1
    print(f"{mode}{' ' + name if name else ''}: {counts['train']} training rows (labelled), {counts['test']} test rows, "
          f"{counts['dropped']} rows on neither side, {counts['unknown']} accounts missing from truth", file=sys.stderr)
    if mode == "cluster":
        print("held-out attacker clusters: " + ", ".join(sorted(held)), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
