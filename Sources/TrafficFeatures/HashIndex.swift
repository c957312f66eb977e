/// An open-addressing map from 64-bit hashes to small integers (linear probing, load ≤ 1/2, power-of-two size).
/// Replaces `Dictionary<UInt64, Int32>` and `Set<UInt64>` on the per-request path: the keys are already hashes,
/// so SipHash on top of them is wasted work. Key 0 is remapped to 1 (0 marks an empty slot).
struct HashIndex: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        keys = [UInt64](repeating: 0, count: n)
        values = [Int32](repeating: 0, count: n)
        mask = n - 1
    }

    @inline(__always) private static func key(_ k: UInt64) -> UInt64 { k == 0 ? 1 : k }

    @inline(__always) private func slot(_ k: UInt64) -> Int { Int(truncatingIfNeeded: Hashing.mix(k)) & mask }

    /// The slot holding `k`, or else the empty slot where it goes (linear probing).
    @inline(__always) private func probe(_ k: UInt64) -> (slot: Int, found: Bool) {
        var i = slot(k)
        while true {
            let s = keys[i]
            if s == k { return (i, true) }
            if s == 0 { return (i, false) }
            i = (i + 1) & mask
        }
    }

    /// Stores `k → v` in the empty slot `i` found by `probe`.
    @inline(__always) private mutating func add(_ k: UInt64, _ v: Int32, at i: Int) {
        keys[i] = k
        values[i] = v
        count += 1
        if count * 2 > keys.count { grow() }
    }

    func get(_ k0: UInt64) -> Int32? {
        let (i, found) = probe(Self.key(k0))
        return found ? values[i] : nil
    }

    /// Inserts `k → v` unless `k` is present; returns the stored value and whether it was inserted.
    @inline(__always)
    mutating func insert(_ k0: UInt64, _ v: Int32) -> (value: Int32, inserted: Bool) {
        let k = Self.key(k0)
        let (i, found) = probe(k)
        if found { return (values[i], false) }
        add(k, v, at: i)
        return (v, true)
    }

    /// Adds 1 to the value of `k` (inserting it at 1) and returns the new value: a counter per key.
    @inline(__always)
    mutating func increment(_ k0: UInt64) -> Int32 {
        let k = Self.key(k0)
        let (i, found) = probe(k)
        if found { values[i] += 1; return values[i] }
        add(k, 1, at: i)
        return 1
    }

    /// ORs `bits` into the value of `k` (inserting it with `bits`): a bit set per key.
    @inline(__always)
    mutating func formUnion(_ k0: UInt64, _ bits: Int32) {
        let k = Self.key(k0)
        let (i, found) = probe(k)
        if found { values[i] |= bits } else { add(k, bits, at: i) }
    }

    /// Calls `body` once per stored key and value, in slot order (callers must not depend on it). A key 0 comes
    /// back as 1.
    func forEach(_ body: (UInt64, Int32) -> Void) {
        for i in keys.indices where keys[i] != 0 { body(keys[i], values[i]) }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (j, k) in oldKeys.enumerated() where k != 0 {
            let i = probe(k).slot
            keys[i] = k
            values[i] = oldValues[j]
        }
    }
}
