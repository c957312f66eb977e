/// 64-bit hashing of byte slices, so the hot path never builds a `String`.
///
/// FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3) is simple, stable across platforms and
/// releases (unlike `Hasher`, which is seeded per process), and good enough for interning ids and counting
/// distinct values; `mix` (the SplitMix64 finaliser) spreads its low-entropy bits for HyperLogLog and sampling.
/// Collisions at 64 bits are ignored: with 10⁷ distinct values the chance of any collision is about 3·10⁻⁶.
public enum Hashing {
    public static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    public static func fnv1a(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = fnvOffset) -> UInt64 {
        var h = seed
        for b in bytes {
            h ^= UInt64(b)
            h = h &* fnvPrime
        }
        return h
    }

    public static func fnv1a(_ s: String, seed: UInt64 = fnvOffset) -> UInt64 {
        var s = s
        return s.withUTF8 { fnv1a(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// SplitMix64 finaliser: a bijection on UInt64 with full avalanche.
    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Lowercase 16-digit hex, for fingerprints.
    public static func hex(_ x: UInt64) -> String {
        let s = String(x, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
