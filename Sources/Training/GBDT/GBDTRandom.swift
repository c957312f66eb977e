/// A small seeded generator (SplitMix64) for bagging and feature sampling.
///
/// Why not `SystemRandomNumberGenerator`: training must be reproducible — the same data and seed give
/// bit-identical trees on every platform and thread count, so every draw happens on one thread in a fixed order.
struct GBDTRandom: RandomNumberGenerator, Sendable {
    private var base: SplitMix64

    init(seed: UInt64) {
        // Offset by one step so seed 0 does not start from state 0 (kept: it fixes every trained model's bytes).
        base = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
    }

    mutating func next() -> UInt64 { base.next() }

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
