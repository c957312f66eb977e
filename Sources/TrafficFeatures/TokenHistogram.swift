/// A fixed-bin histogram of token counts, for percentiles in constant memory that merge by addition.
///
/// Bin 0 holds 0; bin k ≥ 1 holds [2^((k-1)/4), 2^(k/4)) — quarter-octave bins, so a percentile read from the
/// bin's geometric midpoint is within ±9% of the true value. 80 bins cover counts up to 2^20 (≈ 1M tokens);
/// larger values go to the last bin.
///
/// The counts live inline (not in a heap array): every request updates one bin, and a separate array cost a
/// uniqueness check on its header and a second cache miss per request.
struct TokenHistogram: Sendable {
    static let binCount = InlineArray<81, UInt32>.count
    private(set) var counts = InlineArray<81, UInt32>(repeating: 0)
    private(set) var total: UInt64 = 0

    @inline(__always)
    static func bin(_ v: Int) -> Int {
        if v <= 0 { return 0 }
        // k = floor(4·log2 v) + 1, computed exactly with integer steps.
        let e = (Int.bitWidth - 1) - v.leadingZeroBitCount  // floor(log2 v)
        // Quarter within the octave: compare v⁴ against 2^(4e+q), using Double for the fractional part.
        let frac = Double(v) / Double(1 << e)            // in [1, 2)
        var q = 0
        if frac >= 1.4142135623730951 { q = 2; if frac >= 1.681792830507429 { q = 3 } }
        else if frac >= 1.189207115002721 { q = 1 }
        return min(binCount - 1, 4 * e + q + 1)
    }

    /// Geometric midpoint of bin k: 2^((k - 0.5)/4); bin 1 ([1, 1.19)) holds only 1, so it reports 1.
    static func representative(_ k: Int) -> Double {
        if k == 0 { return 0 }
        if k == 1 { return 1 }
        return pow(2.0, (Double(k) - 0.5) / 4)
    }

    @inline(__always)
    mutating func add(_ v: Int) {
        counts[Self.bin(v)] &+= 1
        total &+= 1
    }

    mutating func merge(_ o: TokenHistogram) {
        for i in 0..<Self.binCount { counts[i] &+= o.counts[i] }
        total &+= o.total
    }

    /// The representative of the bin holding the q-quantile (smallest bin whose cumulative count ≥ q·n);
    /// NaN when empty.
    func quantile(_ q: Double) -> Double {
        guard total > 0 else { return .nan }
        let target = max(1, UInt64((q * Double(total)).rounded(.up)))
        var cum: UInt64 = 0
        for k in 0..<Self.binCount {
            cum += UInt64(counts[k])
            if cum >= target { return Self.representative(k) }
        }
        return Self.representative(Self.binCount - 1)
    }
}
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
