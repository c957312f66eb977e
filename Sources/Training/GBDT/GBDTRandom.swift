/// A small seeded generator (SplitMix64) for bagging and feature sampling.
///
/// Why not `SystemRandomNumberGenerator`: training must be reproducible — the same data and seed give
/// bit-identical trees on every platform and thread count, so every draw happens on one thread in a fixed order.
struct GBDTRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `k` distinct indices from `0..<n`, sorted (partial Fisher–Yates).
    mutating func sample(_ k: Int, from n: Int) -> [Int] {
        var pool = Array(0..<n)
        let k = min(k, n)
        for i in 0..<k {
            let j = i + Int(next() % UInt64(n - i))
            pool.swapAt(i, j)
        }
        return pool[0..<k].sorted()
    }
}
