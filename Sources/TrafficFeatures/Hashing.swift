/// 64-bit hashing of byte slices, so the hot path never builds a `String`.
///
/// Ids (accounts, requests, IPs, fingerprints, user agents, keys, models) go through `id`, which takes 16 bytes a
/// step; words of prompts through FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3), which the
/// prompt scanner computes 8 bytes at a time. Both are simple and stable across platforms and releases (unlike
/// `Hasher`, which is seeded per process); `mix` (the SplitMix64 finaliser) spreads their bits for HyperLogLog,
/// sampling and hash tables. Collisions at 64 bits are ignored: with 10⁷ distinct values the chance of any
/// collision is about 3·10⁻⁶.
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

    /// The hash of an id (account, request, IP, client fingerprint, user agent, API key, model, ...): 16 bytes a
    /// step, each step one 64×64→128-bit multiply whose halves are folded together (the construction of wyhash),
    /// so a 100-byte user agent costs 8 dependent multiplies instead of FNV-1a's 100. Stable across
    /// platforms and releases; the length is mixed in, so ids that are prefixes of one another differ.
    /// Reads only `bytes` (no bytes past its end).
    @inline(__always)
    public static func id(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let n = bytes.count
        var seed = idSeed ^ fold(idSeed ^ idPrime0, UInt64(truncatingIfNeeded: n) ^ idPrime1)
        var a: UInt64, b: UInt64
        if n <= 16 {
            if n >= 8 {
                a = word(bytes, 0); b = word(bytes, n - 8)
            } else if n >= 4 {
                a = UInt64(half(bytes, 0)) << 32 | UInt64(half(bytes, n - 4)); b = 0
            } else if n > 0 {
                a = UInt64(bytes[0]) << 16 | UInt64(bytes[n >> 1]) << 8 | UInt64(bytes[n - 1]); b = 0
            } else {
                a = 0; b = 0
            }
        } else {
            var i = 0
            while n - i > 16 {
                seed = fold(word(bytes, i) ^ idPrime1, word(bytes, i + 8) ^ seed)
                i += 16
            }
            a = word(bytes, n - 16); b = word(bytes, n - 8)
        }
        return fold(idPrime1 ^ UInt64(truncatingIfNeeded: n), fold(a ^ idPrime1, b ^ seed))
    }

    public static func id(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { id(UnsafeRawBufferPointer($0)) }
    }

    static let idSeed: UInt64 = 0x2d35_8dcc_aa6c_78a5
    static let idPrime0: UInt64 = 0xa076_1d64_78bd_642f
    static let idPrime1: UInt64 = 0xe703_7ed1_a0b4_28db

    /// The 128-bit product of `a` and `b`, its two halves xored.
    @inline(__always)
    static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return high ^ low
    }

    @inline(__always)
    private static func word(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    @inline(__always)
    private static func half(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        UInt32(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt32.self))
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
