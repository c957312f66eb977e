/// A small seeded generator (SplitMix64) whose sequence is fixed by this file, so splits are reproducible
/// across platforms and Swift versions (the standard library's shuffle algorithm is not guaranteed).
struct SplitMix64: Sendable {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (53-bit draw modulo bound; bias < bound / 2^53, negligible for row counts).
    mutating func next(below bound: Int) -> Int {
        Int((next() >> 11) % UInt64(bound))
    }

    /// Fisher–Yates.
    mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            a.swapAt(i, next(below: i + 1))
        }
    }
}
