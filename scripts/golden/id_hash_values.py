#!/usr/bin/env python3
"""Reference values of `Hashing.id` (Sources/TrafficFeatures/Hashing.swift), computed independently on Python's
big integers, for HashingTests.testIDHashKeepsItsDefinition.

Re-run:  python3 scripts/golden/id_hash_values.py
Prints each id and its hash as a Swift tuple; the test pins these values exactly.
"""
MASK = (1 << 64) - 1
SEED, P0, P1 = 0x2D358DCCAA6C78A5, 0xA0761D6478BD642F, 0xE7037ED1A0B428DB


def fold(a, b):
    """The 128-bit product of two 64-bit words, its high and low halves xored."""
    p = (a & MASK) * (b & MASK)
    return (p >> 64) ^ (p & MASK)


def word(b, i, n=8):
    return int.from_bytes(b[i:i + n], "little")


def id_hash(b):
    n = len(b)
    seed = SEED ^ fold(SEED ^ P0, n ^ P1)
    if n <= 16:
        if n >= 8:
            a, c = word(b, 0), word(b, n - 8)
        elif n >= 4:
            a, c = (word(b, 0, 4) << 32) | word(b, n - 4, 4), 0
        elif n > 0:
            a, c = (b[0] << 16) | (b[n >> 1] << 8) | b[n - 1], 0
        else:
            a, c = 0, 0
    else:
        i = 0
        while n - i > 16:
            seed = fold(word(b, i) ^ P1, word(b, i + 8) ^ seed)
            i += 16
        a, c = word(b, n - 16), word(b, n - 8)
    return fold(P1 ^ n, fold(a ^ P1, c ^ seed))


IDS = ["", "a", "abc", "acct_0058098", "66.33.220.132", "req_952f14f1e8ddc491", "t13d1516h2_aa1421ff1b99",
       "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"]

if __name__ == "__main__":
    for s in IDS:
        h = f"{id_hash(s.encode()):016x}"
        print(f'("{s}", 0x{h[0:4]}_{h[4:8]}_{h[8:12]}_{h[12:16]}),')
