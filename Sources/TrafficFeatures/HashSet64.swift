import CTrafficIO

/// An open-addressing set of 64-bit hashes (linear probing, load ≤ 1/2, power-of-two size), keys only.
///
/// The duplicate filter holds one entry per request id, so it outgrows every cache and each lookup is a memory
/// miss; keeping no values (unlike `HashIndex`) makes an insert touch one cache line instead of two and halves the
/// table. Key 0 is remapped to 1 (0 marks an empty slot), exactly as `HashIndex` does, so swapping one for the
/// other changes no answer.
struct HashSet64: Sendable {
    private var keys: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        keys = [UInt64](repeating: 0, count: n)
        mask = n - 1
    }

    @inline(__always) private static func key(_ k: UInt64) -> UInt64 { k == 0 ? 1 : k }

    @inline(__always) private func slot(_ k: UInt64) -> Int { Int(truncatingIfNeeded: Hashing.mix(k)) & mask }

    func contains(_ k0: UInt64) -> Bool {
        let k = Self.key(k0)
        var i = slot(k)
        while true {
            let s = keys[i]
            if s == k { return true }
            if s == 0 { return false }
            i = (i + 1) & mask
        }
    }

    /// Starts loading the slot where `k` would be probed first, so a later `insert(k)` does not wait for memory.
    @inline(__always)
    func prefetch(_ k0: UInt64) {
        let i = slot(Self.key(k0))
        keys.withUnsafeBufferPointer { p in hw_prefetch(p.baseAddress! + i) }
    }

    /// Inserts `k`; returns false when it was already present.
    @inline(__always)
    mutating func insert(_ k0: UInt64) -> Bool {
        let k = Self.key(k0)
        let mask = self.mask
        var i = slot(k)
        let inserted: Bool = keys.withUnsafeMutableBufferPointer { p in
            while true {
                let s = p[i]
                if s == k { return false }
                if s == 0 { p[i] = k; return true }
                i = (i + 1) & mask
            }
        }
        if !inserted { return false }
        count += 1
        if count * 2 > keys.count { grow() }
        return true
    }

    private mutating func grow() {
        let old = keys
        keys = [UInt64](repeating: 0, count: old.count * 2)
        mask = keys.count - 1
        for k in old where k != 0 {
            var i = slot(k)
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = k
        }
    }
}
