#!/usr/bin/env python3
"""How clean is hydra linking? Compares the extractor's clusters with the simulator's truth.

    cluster_purity.py FEATURES_CSV TRUTH_JSONL [--top N]

FEATURES_CSV: features.csv from `hydrawatch-extract` run WITHOUT --labels, so its `cluster` column is the extracted
cluster id (h1, h2, ...) for every linked account (with labels, a labelled account's cluster is the label's).
TRUTH_JSONL: the simulator's truth.jsonl.

Prints the number of clusters and linked accounts, how many accounts sit in clusters that mix attackers and
benign users, the share of attackers that are linked at all, and the N largest clusters with their populations.
"""
import collections
import csv
import json
import sys


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    top = 8
    if "--top" in argv:
        top = int(argv[argv.index("--top") + 1])
        args = [a for a in args if a != str(top)]
    if len(args) != 2:
        sys.exit(__doc__)
    truth = {}
    with open(args[1]) as f:
        for line in f:
            e = json.loads(line)
            truth[e["account_id"]] = e
    members = collections.defaultdict(list)
    accounts = []
    with open(args[0], newline="") as f:
        for row in csv.DictReader(f):
            if row["account_id"] not in truth:
                continue
            accounts.append(row["account_id"])
            if row["cluster"]:
                members[row["cluster"]].append(row["account_id"])
    mixed = 0
    for ids in members.values():
        attackers = sum(truth[a]["attacker"] for a in ids)
        if 0 < attackers < len(ids):
            mixed += len(ids)
    linked = {a for ids in members.values() for a in ids}
    attackers = [a for a in accounts if truth[a]["attacker"]]
    print(f"{len(members)} clusters, {len(linked)} of {len(accounts)} accounts linked, "
          f"{mixed} in clusters mixing attackers and benign users")
    print(f"attackers linked: {sum(a in linked for a in attackers)} of {len(attackers)}")
    for cid, ids in sorted(members.items(), key=lambda kv: -len(kv[1]))[:top]:
        pops = collections.Counter(truth[a]["population"] for a in ids).most_common(4)
        print(f"  {cid}: {len(ids)} accounts: " + ", ".join(f"{p} {n}" for p, n in pops))


if __name__ == "__main__":
    main(sys.argv)
