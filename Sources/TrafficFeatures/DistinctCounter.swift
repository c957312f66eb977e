import CTrafficIO

/// Counts distinct values (given as 64-bit hashes) in bounded memory, exactly while small.
///
/// Keeps the `exactCapacity` smallest mixed hashes exactly (a bottom-k set, so the kept set does not depend on
/// arrival order or on how accumulators were sharded and merged). Once more distinct values arrive, it also
/// feeds a HyperLogLog with 2^10 registers (standard error 1.04/√1024 ≈ 3.3%) and reports its estimate.
/// The exact set doubles as the account's linking keys (shared IPs, payment or client fingerprints).
struct DistinctCounter: Sendable {
    static let exactCapacity = 64
    static let precision = 10
    /// Sorted ascending, unique, at most `exactCapacity` mixed hashes.
    private(set) var smallest: [UInt64] = []
    private var registers: [UInt8] = []
    private(set) var saturated = false
    /// The last four distinct raw hashes inserted (`recentValid` marks the filled slots): accounts mostly cycle
    /// through a few IPs, keys, models or fingerprints, so a repeat is answered from the struct itself without
    /// touching the set's heap storage (a cache miss per counter). Inserting a value again changes nothing, so
    /// skipping it is exact.
    private var recent: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var recentValid: UInt8 = 0
    private var recentNext: UInt8 = 0

    @inline(__always)
    private func isRecent(_ rawHash: UInt64) -> Bool {
        let hit = (recent.0 == rawHash ? 1 : 0) | (recent.1 == rawHash ? 2 : 0)
            | (recent.2 == rawHash ? 4 : 0) | (recent.3 == rawHash ? 8 : 0)
        return UInt8(hit) & recentValid != 0
    }

    @inline(__always)
    mutating func insert(_ rawHash: UInt64) {
        if isRecent(rawHash) { return }
        switch recentNext {
        case 0: recent.0 = rawHash
        case 1: recent.1 = rawHash
        case 2: recent.2 = rawHash
        default: recent.3 = rawHash
        }
        recentValid |= 1 << recentNext
        recentNext = (recentNext + 1) & 3
        insertMixed(Hashing.mix(rawHash))
    }

    /// Prefetching is split in two steps a few requests apart, because the set's count sits in its storage's
    /// header: reading it at once would wait for the very miss the prefetch is meant to hide.
    enum PrefetchStep {
        /// The first cache line of the set's storage (header and first elements), from its address alone.
        case header
        /// The whole set (the binary search probes all over it), its count now at hand, and once saturated the
        /// register the value updates.
        case contents
    }

    /// Starts loading what `insert(rawHash)` will read outside the struct; nothing for a recent repeat.
    @inline(__always)
    func prefetch(forInserting rawHash: UInt64, _ step: PrefetchStep) {
        if isRecent(rawHash) { return }
        switch step {
        case .header:
            // An array is a single reference to its storage object (header, then elements).
            hw_prefetch(unsafeBitCast(smallest, to: UnsafeRawPointer.self))
        case .contents:
            smallest.withUnsafeBufferPointer { p in
                if let base = p.baseAddress { hw_prefetch_range(base, p.count * MemoryLayout<UInt64>.stride) }
            }
            if saturated {
                let idx = Int(Hashing.mix(rawHash) >> UInt64(64 - Self.precision))
                registers.withUnsafeBufferPointer { p in hw_prefetch(p.baseAddress! + idx) }
            }
        }
    }

    @inline(__always)
    private mutating func addToSketch(_ h: UInt64) {
        let idx = Int(h >> UInt64(64 - Self.precision))
        let rest = (h << UInt64(Self.precision)) | (1 << UInt64(Self.precision - 1))
        let rank = UInt8(rest.leadingZeroBitCount + 1)
        if registers[idx] < rank { registers[idx] = rank }
    }

    mutating func merge(_ o: DistinctCounter) {
        if o.saturated {
            if !saturated {
                saturated = true
                registers = o.registers
                for x in smallest { addToSketch(x) }
            } else {
                for i in 0..<registers.count where o.registers[i] > registers[i] { registers[i] = o.registers[i] }
            }
        }
        for x in o.smallest { insertMixed(x) }
    }

    private mutating func insertMixed(_ h: UInt64) {
        if saturated { addToSketch(h) }
        let lo = Self.lowerBound(smallest, h)
        if lo < smallest.count && smallest[lo] == h { return }
        if smallest.count < Self.exactCapacity { smallest.insert(h, at: lo); return }
        if !saturated {
            saturated = true
            registers = [UInt8](repeating: 0, count: 1 << Self.precision)
            for x in smallest { addToSketch(x) }
            addToSketch(h)
        }
        if lo < smallest.count { smallest.removeLast(); smallest.insert(h, at: lo) }
    }

    /// The first index whose value is ≥ h. Branch-free halving (the comparison becomes a conditional move):
    /// the hashes are random, so a branchy binary search mispredicts about every other step, and this runs for
    /// every new value of every counter.
    @inline(__always)
    static func lowerBound(_ a: [UInt64], _ h: UInt64) -> Int {
        a.withUnsafeBufferPointer { p in
            var n = p.count
            if n == 0 { return 0 }
            var base = 0
            while n > 1 {
                let half = n >> 1
                base = p[base + half] < h ? base + half : base
                n -= half
            }
            return base + (p[base] < h ? 1 : 0)
        }
    }

    /// Same values counted (the repeat cache is not part of the value).
    func sameContents(_ o: DistinctCounter) -> Bool {
        smallest == o.smallest && saturated == o.saturated && registers == o.registers
    }

    /// Exact count while ≤ 64 distinct values; otherwise the HyperLogLog estimate
    /// E = α·m²/Σ2^-M[j] with α = 0.7213/(1 + 1.079/m), switching to linear counting m·ln(m/V) when E ≤ 2.5m
    /// and some registers V are still zero.
    var count: Double {
        guard saturated else { return Double(smallest.count) }
        let m = Double(registers.count)
        let (sum, zeros) = Self.harmonicSum(registers)
        let alpha = 0.7213 / (1 + 1.079 / m)
        let e = alpha * m * m / sum
        if e <= 2.5 * m && zeros > 0 { return max(Double(Self.exactCapacity), m * _log(m / Double(zeros))) }
        return max(Double(Self.exactCapacity), e)
    }
}

extension DistinctCounter {
    /// Σ 2^-r over `registers` and how many are zero. The sum is the one adding the terms in order in floating
    /// point gives, bit for bit, computed in integers: while no register exceeds 42, every partial sum is a
    /// multiple of 2^-42 below 2^11, which a Double holds exactly, so that floating-point sum is the exact sum;
    /// Σ 2^(52 - r) is the exact sum times 2^52, an integer that is a multiple of 2^10 below 2^63, so it converts
    /// to a Double without rounding. The additions do not wait on one another as floating-point ones do (a
    /// 1,024-register sum was one dependent addition after another; finishing an account sums up to nine). A
    /// register above 42 (billions of distinct values, or chance) takes the floating-point loop.
    static func harmonicSum(_ registers: [UInt8]) -> (sum: Double, zeros: Int) {
        var scaled: UInt64 = 0, zeros = 0
        var top: UInt8 = 0
        for r in registers {
            scaled &+= 1 &<< (52 &- UInt64(min(r, 52)))
            zeros &+= r == 0 ? 1 : 0
            top = max(top, r)
        }
        if top <= 42 { return (Double(scaled) * 0x1p-52, zeros) }
        var sum = 0.0
        for r in registers { sum += 1.0 / Double(UInt64(1) << UInt64(r)) }
        return (sum, zeros)
    }
}

@inline(__always) func _log(_ x: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.log(x)
    #else
    return Darwin.log(x)
    #endif
}
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
