/// Buffers `AccountAccumulator.prepareFinish` reuses from one account to the next, so finishing tens of thousands
/// of accounts does not allocate, zero and free the same arrays for each of them. One per thread; the contents
/// carry nothing from one account to the next.
struct FinishScratch {
    /// The timestamp sample, then its gaps.
    var times: [Double] = []
    var gaps: [Double] = []
    /// The prompt sample, the count slot of each prompt's prefix key (-1: none), and whether each prompt shares a
    /// template with another.
    var prompts: [PromptKey] = []
    var prefixSlots: [Int32] = []
    var reused: [Bool] = []
    /// Uses per prompt-prefix key; SimHash bands held by several prompts.
    var prefixCounts = KeyCounter()
    var sharedBands = SharedBands()
}

/// Occurrences per nonzero 64-bit key (already a hash), in an open-addressing table (linear probing, load ≤ 1/2)
/// that is emptied by clearing only the slots it used: reused across accounts, it costs what an account adds,
/// not its full size.
struct KeyCounter {
    private var keys: [UInt64] = []
    private var counts: [Int32] = []
    /// Slots in use, in order of first use.
    private var used: [Int32] = []

    /// Empties the table and makes room for `n` distinct keys.
    mutating func reset(capacity n: Int) {
        for s in used {
            keys[Int(s)] = 0
            counts[Int(s)] = 0
        }
        used.removeAll(keepingCapacity: true)
        guard keys.count < 2 * n else { return }
        var size = 16
        while size < 2 * n { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        counts = [Int32](repeating: 0, count: size)
    }

    /// The slot of `k` (≠ 0), or the empty slot where it goes.
    @inline(__always) private func slot(_ k: UInt64) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: Hashing.mix(k)) & mask
        while keys[i] != k && keys[i] != 0 { i = (i + 1) & mask }
        return i
    }

    /// Counts one more `k` (≠ 0; at most `capacity` distinct keys since `reset`) and returns its slot, where
    /// `count(at:)` reads its count later without searching again.
    @inline(__always) mutating func increment(_ k: UInt64) -> Int32 {
        let i = slot(k)
        if keys[i] == 0 {
            keys[i] = k
            used.append(Int32(i))
        }
        counts[i] += 1
        return Int32(i)
    }

    /// How many times the key in `slot` (from `increment`) was counted since `reset`.
    @inline(__always) func count(at slot: Int32) -> Int32 { counts[Int(slot)] }

    /// Calls `body(key, count)` once per distinct key counted since `reset`, in order of first use.
    func forEach(_ body: (UInt64, Int32) -> Void) {
        for s in used { body(keys[Int(s)], counts[Int(s)]) }
    }
}

/// Which values of one 16-bit SimHash band occur in more than one prompt of a sample, from two 65,536-bit maps
/// (seen, seen again): no hashing and no probing, and 16 KB that stay in the L1 cache. Reused across accounts:
/// `markShared` clears the bits it set before it returns.
struct SharedBands {
    private var seen = [UInt64](repeating: 0, count: 1 << 10)
    private var again = [UInt64](repeating: 0, count: 1 << 10)

    /// Sets `shared[j]` for each prompt j of `sample` whose band `b` (bits 16b..<16b+16 of the SimHash) another
    /// prompt of `sample` has too; leaves the other flags as they are.
    mutating func markShared(_ sample: [PromptKey], band b: Int, in shared: inout [Bool]) {
        seen.withUnsafeMutableBufferPointer { seen in
            again.withUnsafeMutableBufferPointer { again in
                shared.withUnsafeMutableBufferPointer { shared in
                    /// The band's word in the maps and its bit there.
                    func bit(_ p: PromptKey) -> (word: Int, mask: UInt64) {
                        let v = Int(truncatingIfNeeded: p.simhash >> UInt64(16 * b)) & 0xFFFF
                        return (v >> 6, 1 << UInt64(v & 63))
                    }
                    for p in sample {
                        let (w, m) = bit(p)
                        again[w] |= seen[w] & m
                        seen[w] |= m
                    }
                    for (j, p) in sample.enumerated() {
                        let (w, m) = bit(p)
                        if again[w] & m != 0 { shared[j] = true }
                    }
                    for p in sample {
                        let w = bit(p).word
                        seen[w] = 0
                        again[w] = 0
                    }
                }
            }
        }
    }
}
