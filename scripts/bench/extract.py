#!/usr/bin/env python3
"""Extraction benchmark helpers.

  extract.py generate OUT.jsonl LINES [ACCOUNTS]   write realistic synthetic traffic (never commit it)
  extract.py duckdb TRAFFIC.jsonl THREADS [full|light]
                                                   the DuckDB baseline: explicit-schema read_json + GROUP BY account;
                                                   full (the default) reads every field of the contract with its
                                                   type and counts every identity field, light is rounds 1-4's query
  extract.py check TRAFFIC.jsonl FEATURES.csv      compare hydrawatch-extract's features with DuckDB's exact
                                                   aggregates of the same file (run without a time window)

The generator is a stand-in until simulator output is available: heavy-tailed account sizes, hydra pools sharing
IPs and payment fingerprints, CoT/rubric/rewrite/coding prompts, out-of-order timestamps, ~0.5% duplicate ids.
"""
import random
import sys
import time


def generate(path, lines, accounts):
    rnd = random.Random(42)
    t0 = 1_770_000_000
    prompts = [
        "Explain the reasoning behind this finished answer to question {n}: the result is {m}.",
        "Given the correct solution below, justify every step of the derivation for item {n}.",
        "Grade the following response against the rubric on a scale of 1 to 10. Response {n}: {m}",
        "Rewrite this politically sensitive paragraph {n} in a neutral, safe tone.",
        "Write a python function that parses log line {n} and add unit tests for edge case {m}.",
        "Refactor the class in file src/module_{n}.swift so that the tests pass, then run the command.",
        "Think step by step and give the final answer to problem {n}: what is {m} times 7?",
        "Summarize the attached quarterly report {n} in three bullet points for the sales team.",
        "Translate this paragraph into French, keeping the tone formal: item {n} costs {m} euros.",
    ]
    models = ["m-2025-06", "m-2025-10", "m-2026-02"]
    uas = ["sdk-python/1.2", "sdk-ts/3.0", "curl/8.1", "agent-cli/0.9"]
    weights = [1.0 / (i + 1) ** 0.9 for i in range(accounts)]
    acct = rnd.choices(range(accounts), weights=weights, k=lines)
    with open(path, "w") as f:
        for i, a in enumerate(acct):
            hydra = a < 2000  # the 2000 busiest accounts run in hydra pools of 40 sharing IPs and payment
            pool = a // 40 if hydra else 1000 + a
            ts = t0 + (i * 600_000) // lines + rnd.randint(-300, 300)
            tsf = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + ".%03dZ" % rnd.randint(0, 999)
            rid = i if rnd.random() > 0.005 else max(0, i - 1)
            p = prompts[(a + rnd.randint(0, 1)) % len(prompts)].format(n=rnd.randint(0, 99999), m=rnd.randint(0, 999))
            out = rnd.randint(1, 4000)
            mx = 4096
            f.write(
                '{"ts":"%s","request_id":"req-%d","account_id":"acct-%06d","org_id":"org-%d","api_key_id":"key-%d-%d",'
                '"model":"%s","input_tokens":%d,"output_tokens":%d,"ip":"10.%d.%d.%d","asn":%d,"country":"%s",'
                '"user_agent":"%s","client_fp":"cf-%d","payment_fp":"pay-%d","endpoint":"%s","max_tokens":%d,'
                '"thinking_budget":%d,"tools":%d,"tool_calls":%d,"turns":%d,"cache_read_tokens":%d,'
                '"system_hash":"sys-%d","prompt":"%s","status":%d,"latency_ms":%d,"stop_reason":"%s"}\n'
                % (tsf, rid, a, a // 10, a, rnd.randint(0, 2), models[(a + i) % 3], rnd.randint(10, 8000), out,
                   pool % 256, (pool // 256) % 256, rnd.randint(0, 3), 64500 + pool % 50, "US" if a % 3 else "SG",
                   uas[a % 4], a, pool, "batch" if a % 11 == 0 else "messages", mx,
                   1024 if a % 4 == 0 else 0, a % 3, rnd.randint(0, 6), rnd.randint(1, 8), rnd.randint(0, 3000),
                   rnd.randint(0, 40), p, 429 if rnd.random() < 0.02 else 200, rnd.randint(200, 30000),
                   "max_tokens" if out > 3900 else ("tool_use" if a % 3 == 2 else "end_turn")))


# Every field of the traffic contract with its type, as hydrawatch-extract reads and validates it: `ts` is a
# timestamp, so DuckDB parses it as the extractor must (every timing feature needs it). Fields no aggregate uses
# (org_id, max_tokens, latency_ms) are listed too; DuckDB may skip converting them.
FULL_COLUMNS = {
    "ts": "TIMESTAMP", "request_id": "VARCHAR", "account_id": "VARCHAR", "org_id": "VARCHAR",
    "api_key_id": "VARCHAR", "model": "VARCHAR", "endpoint": "VARCHAR", "ip": "VARCHAR", "asn": "BIGINT",
    "country": "VARCHAR", "user_agent": "VARCHAR", "client_fp": "VARCHAR", "payment_fp": "VARCHAR",
    "input_tokens": "BIGINT", "output_tokens": "BIGINT", "max_tokens": "BIGINT", "thinking_budget": "BIGINT",
    "tools": "BIGINT", "tool_calls": "BIGINT", "images": "BIGINT", "turns": "BIGINT",
    "cache_read_tokens": "BIGINT", "system_hash": "VARCHAR", "status": "BIGINT", "latency_ms": "BIGINT",
    "stop_reason": "VARCHAR", "prompt": "VARCHAR",
}

# The per-account aggregates of each feature family that SQL states directly: counts, sums, means, shares and
# exact distinct counts of every identity field the extractor counts, active hours and days, first and last time.
FULL_AGGREGATES = """
    count(*) AS requests, count(DISTINCT date_trunc('hour', ts)) AS active_hours,
    count(DISTINCT CAST(ts AS DATE)) AS active_days, min(ts), max(ts),
    sum(input_tokens), sum(output_tokens), avg(output_tokens), sum(output_tokens) / greatest(1, sum(input_tokens)),
    avg(CASE WHEN stop_reason = 'max_tokens' THEN 1 ELSE 0 END), avg(CASE WHEN thinking_budget > 0 THEN 1 ELSE 0 END),
    avg(CASE WHEN thinking_budget > 0 THEN thinking_budget END),
    avg(CASE WHEN status = 429 THEN 1 ELSE 0 END), avg(CASE WHEN status >= 400 AND status <> 429 THEN 1 ELSE 0 END),
    avg(CASE WHEN endpoint = 'batch' THEN 1 ELSE 0 END), avg(CASE WHEN turns <= 1 THEN 1 ELSE 0 END),
    avg(CASE WHEN tools > 0 THEN 1 ELSE 0 END), sum(tool_calls), avg(CASE WHEN images > 0 THEN 1 ELSE 0 END),
    sum(cache_read_tokens), count(prompt), avg(length(prompt)),
    count(DISTINCT system_hash), count(DISTINCT model), count(DISTINCT ip), count(DISTINCT asn),
    count(DISTINCT client_fp), count(DISTINCT user_agent), count(DISTINCT api_key_id), count(DISTINCT country),
    count(DISTINCT payment_fp)
"""

# The lighter query of rounds 1-4: 19 columns, ts left as text, four distinct counts. Kept for comparison.
LIGHT_COLUMNS = {
    "ts": "VARCHAR", "account_id": "VARCHAR", "model": "VARCHAR", "input_tokens": "BIGINT",
    "output_tokens": "BIGINT", "request_id": "VARCHAR", "ip": "VARCHAR", "client_fp": "VARCHAR",
    "payment_fp": "VARCHAR", "user_agent": "VARCHAR", "endpoint": "VARCHAR", "status": "BIGINT",
    "turns": "BIGINT", "tools": "BIGINT", "tool_calls": "BIGINT", "cache_read_tokens": "BIGINT",
    "system_hash": "VARCHAR", "prompt": "VARCHAR", "stop_reason": "VARCHAR",
}
LIGHT_AGGREGATES = """
    count(*) AS requests, sum(input_tokens), sum(output_tokens), avg(output_tokens),
    avg(CASE WHEN status = 429 THEN 1 ELSE 0 END), avg(CASE WHEN endpoint = 'batch' THEN 1 ELSE 0 END),
    avg(CASE WHEN stop_reason = 'max_tokens' THEN 1 ELSE 0 END), sum(cache_read_tokens), avg(tool_calls),
    count(DISTINCT ip), count(DISTINCT client_fp), count(DISTINCT user_agent), count(DISTINCT system_hash),
    avg(length(prompt)), min(ts), max(ts)
"""


def read_json_columns(columns):
    return "{" + ", ".join(f"{k}: '{v}'" for k, v in columns.items()) + "}"


def duckdb_baseline(path, threads, query="full"):
    import duckdb
    columns, aggregates = {"full": (FULL_COLUMNS, FULL_AGGREGATES), "light": (LIGHT_COLUMNS, LIGHT_AGGREGATES)}[query]
    con = duckdb.connect()
    con.execute(f"SET threads={int(threads)}")
    cols = read_json_columns(columns)
    q = f"""
    SELECT account_id, {aggregates}
    FROM read_json('{path}', format='newline_delimited', columns={cols})
    GROUP BY account_id ORDER BY account_id
    """
    rows = con.execute(q).fetchall()
    print(f"duckdb ({query}): {len(rows)} accounts", file=sys.stderr)


def check(path, features, threads=2):
    """Compares features.csv with DuckDB's exact per-account aggregates of the same traffic (no time window, so
    every request counts): counts, active hours and days, means and shares must agree exactly; distinct counts are
    exact while small and otherwise within 20 % (6 standard errors of the sketch's 1024 HyperLogLog registers)."""
    import csv
    import duckdb
    con = duckdb.connect()
    con.execute(f"SET threads={int(threads)}")
    cols = read_json_columns(FULL_COLUMNS)
    pairs = [
        ("requests", "count(*) - count(request_id) + count(DISTINCT request_id)"),  # duplicate ids dropped
        ("active_hours", "count(DISTINCT date_trunc('hour', ts))"),
        ("active_days", "count(DISTINCT CAST(ts AS DATE))"),
        ("output_tokens_mean", "avg(output_tokens)"),
        ("input_tokens_mean", "avg(input_tokens)"),
        ("rate_limited_share", "avg(CASE WHEN status = 429 THEN 1.0 WHEN status IS NOT NULL THEN 0.0 END)"),
        ("distinct_ips", "count(DISTINCT ip)"),
        ("distinct_client_fps", "count(DISTINCT client_fp)"),
        ("distinct_user_agents", "count(DISTINCT user_agent)"),
    ]
    q = (f"SELECT account_id, {', '.join(sql for _, sql in pairs)} FROM read_json('{path}', "
         f"format='newline_delimited', columns={cols}) GROUP BY account_id")
    db = {r[0]: r[1:] for r in con.execute(q).fetchall()}
    mine = {r["account_id"]: r for r in csv.DictReader(open(features))}
    missing = sorted(set(db) - set(mine))
    print(f"{len(db)} accounts with traffic in DuckDB, {len(mine)} rows in {features}, {len(missing)} missing")
    failed = bool(missing)
    for k, (name, _) in enumerate(pairs):
        exact, worst = 0, 0.0
        for account, values in db.items():
            if account not in mine or values[k] is None:
                continue
            want, got = float(values[k]), float(mine[account][name])
            rel = abs(got - want) / max(abs(want), 1e-12)
            exact += rel <= 1e-9
            worst = max(worst, rel)
        ok = worst <= (0.2 if name.startswith("distinct_") else 1e-9)  # 6 standard errors of 1024 HLL registers
        failed |= not ok
        print(f"  {name:<22} exact for {exact:>7} accounts, worst relative difference {worst:.2e}"
              f"{'' if ok else '  <-- FAIL'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) in (3, 4) and args[0] == "generate":
        generate(args[1], int(args[2]), int(args[3]) if len(args) > 3 else 20000)
    elif len(args) == 3 and args[0] == "check":
        check(args[1], args[2])
    elif len(args) in (3, 4) and args[0] == "duckdb" and (len(args) == 3 or args[3] in ("full", "light")):
        duckdb_baseline(args[1], args[2], args[3] if len(args) > 3 else "full")
    else:
        sys.exit(__doc__)
