/// The simulator's only source of randomness: SplitMix64 (Steele, Lea & Flood 2014).
///
/// We own the generator instead of using `SystemRandomNumberGenerator` or a library so that the same seed
/// gives byte-identical output on every run, whatever the thread count. Its 8-byte state is small enough to keep
/// one independent stream per account (tens of thousands of them) in the event heap.
struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A stream for a named sub-purpose, so adding draws in one place does not shift every later draw.
    init(seed: UInt64, stream: UInt64, index: UInt64 = 0) {
        state = SplitMix64.mix(seed &+ SplitMix64.mix(stream &* 0x9E37_79B9_7F4A_7C15 &+ index))
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijection on UInt64, so distinct inputs give distinct outputs (used for ids).
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform integer in [0, n); Lemire's multiply-shift (bias below 2^-32 for our small n is irrelevant here).
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: ((next() >> 32) &* UInt64(n)) >> 32)
    }

    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Standard normal by Box–Muller (one value per call; the pair's twin is discarded to keep state tiny).
    @inline(__always)
    mutating func normal() -> Double {
        let u1 = max(unit(), 0x1.0p-60)
        let u2 = unit()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }

    /// Exponential with the given mean.
    @inline(__always)
    mutating func exponential(mean: Double) -> Double {
        -mean * _log(max(1 - unit(), 0x1.0p-60))
    }

    /// Log-normal with the given median and log-space sigma.
    @inline(__always)
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * _exp(sigma * normal())
    }

    /// Geometric count ≥ 1 with the given mean.
    @inline(__always)
    mutating func geometric(mean: Double) -> Int {
        guard mean > 1 else { return 1 }
        let p = 1 / mean
        return 1 + Int(_log(max(1 - unit(), 0x1.0p-60)) / _log(1 - p))
    }

    /// Index drawn from cumulative weights (last entry is the total).
    @inline(__always)
    mutating func pick(cumulative: [Double]) -> Int {
        let u = unit() * cumulative[cumulative.count - 1]
        var i = 0
        while i < cumulative.count - 1 && cumulative[i] <= u { i += 1 }
        return i
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) func _exp(_ x: Double) -> Double { Glibc.exp(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#elseif canImport(Darwin)
import Darwin
@inline(__always) func _log(_ x: Double) -> Double { Darwin.log(x) }
@inline(__always) func _exp(_ x: Double) -> Double { Darwin.exp(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Darwin.cos(x) }
#endif
