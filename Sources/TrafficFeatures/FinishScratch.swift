/// Buffers `AccountAccumulator.prepareFinish` reuses from one account to the next, so finishing tens of thousands
/// of accounts does not allocate, zero and free the same arrays for each of them. One per thread; the contents
/// carry nothing from one account to the next.
struct FinishScratch {
    /// The timestamp sample, then its gaps.
    var times: [Double] = []
    var gaps: [Double] = []
    /// The prompt sample, and the count slots of each prompt's prefix key (-1: none) and four band keys.
    var prompts: [PromptKey] = []
    var promptSlots: [Int32] = []
    /// Uses per prompt-prefix key and per SimHash band.
    var prefixCounts = KeyCounter()
    var bandCounts = BandCounter()
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

/// Occurrences per SimHash band (`b << 16 | band`, 18 bits), each slot packing the band + 1 (high 19 bits) with
/// its count (low 13 bits): one 4-byte slot per band instead of a 64-bit key and a separate count, so the table of
/// a full 512-prompt sample (2,048 bands) stays in the L1 cache, where the probes of `KeyCounter` missed it.
/// Emptied like `KeyCounter`, by clearing the slots it used.
struct BandCounter {
    private var slots: [UInt32] = []
    private var shift = 0
    private var used: [Int32] = []
    static let countBits: UInt32 = 13

    /// Empties the table and makes room for `n` (< 8192) bands.
    mutating func reset(capacity n: Int) {
        precondition(n < 1 << Self.countBits)
        for s in used { slots[Int(s)] = 0 }
        used.removeAll(keepingCapacity: true)
        guard slots.count < 2 * n else { return }
        var size = 16
        while size < 2 * n { size <<= 1 }
        slots = [UInt32](repeating: 0, count: size)
        shift = 32 - size.trailingZeroBitCount
    }

    /// Counts one more `band` (< 2^18) and returns its slot, for `count(at:)`.
    @inline(__always) mutating func increment(_ band: UInt32) -> Int32 {
        let mask = slots.count - 1
        // Fibonacci hashing: the bands are small integers, their top bits after the multiply are well spread.
        var i = Int((band &* 0x9E37_79B1) >> UInt32(shift))
        while slots[i] != 0 && slots[i] >> Self.countBits != band + 1 { i = (i + 1) & mask }
        if slots[i] == 0 {
            slots[i] = (band + 1) << Self.countBits
            used.append(Int32(i))
        }
        slots[i] += 1
        return Int32(i)
    }

    /// How many times the band in `slot` (from `increment`) was counted since `reset`.
    @inline(__always) func count(at slot: Int32) -> UInt32 { slots[Int(slot)] & (1 << Self.countBits - 1) }
}
