import CTrafficIO

/// Request counts per epoch hour in one flat open-addressing table (linear probing, load ≤ 1/2, power-of-two
/// size). Each slot packs the hour (high 32 bits) with its count (low 32 bits); a used slot's count is never 0,
/// so 0 marks an empty slot and every hour, 0 included, can be stored.
///
/// Replaces `[Int32: Int32]` in the accumulator, where an account's hour changes on most requests of slow
/// traffic. Recent hours wait in a small inline buffer and enter the table four at a time, and the slot of an
/// hour is the hour itself (mod the size), so consecutive hours land side by side: one flush touches the
/// table's header and a line or two, instead of a header and a random line per request.
struct HourCounts: Sendable {
    private var slots: [UInt64] = []
    /// Used slots in `slots`.
    private var used = 0
    /// Hours not yet in `slots`, packed like a slot; the last one is the most recent hour.
    private var recent = InlineArray<4, UInt64>(repeating: 0)
    private var recentCount = 0

    private static let hourMask: UInt64 = 0xFFFF_FFFF_0000_0000

    /// Adds `n` (> 0) requests to `hour`.
    @inline(__always)
    mutating func add(_ hour: Int32, _ n: Int32 = 1) {
        let key = UInt64(UInt32(bitPattern: hour)) << 32
        if recentCount > 0, recent[recentCount - 1] & Self.hourMask == key {
            recent[recentCount - 1] = key | UInt64(UInt32(Int32(truncatingIfNeeded: recent[recentCount - 1]) + n))
            return
        }
        if recentCount == recent.count { flush() }
        recent[recentCount] = key | UInt64(UInt32(n))
        recentCount += 1
    }

    /// Starts loading what the next `add` may touch outside the struct: when the buffer is full it flushes into
    /// the table, so first the table's header (`.header`, from its address alone) and then the slots of the
    /// buffered hours (`.contents`, the size now at hand). Nothing while the buffer has room.
    @inline(__always)
    func prefetch(_ step: DistinctCounter.PrefetchStep) {
        guard recentCount == recent.count else { return }
        switch step {
        case .header:
            // An array is a single reference to its storage object (header, then elements).
            hw_prefetch(unsafeBitCast(slots, to: UnsafeRawPointer.self))
        case .contents:
            slots.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress else { return }
                let mask = p.count - 1
                for r in 0..<recentCount { hw_prefetch(base + (Int(truncatingIfNeeded: recent[r] >> 32) & mask)) }
            }
        }
    }

    /// This table with the buffered hours folded in: call before `count` and `forEach`.
    func flushed() -> HourCounts {
        var c = self
        c.flush()
        return c
    }

    /// Distinct hours held (of a `flushed()` table).
    var count: Int {
        assert(recentCount == 0, "read a flushed() table")
        return used
    }

    /// Calls `body(hour, count)` for every hour held (of a `flushed()` table), in no particular order.
    func forEach(_ body: (Int32, Int32) -> Void) {
        assert(recentCount == 0, "read a flushed() table")
        for s in slots where s != 0 {
            body(Int32(truncatingIfNeeded: s >> 32), Int32(truncatingIfNeeded: s))
        }
    }

    private mutating func flush() {
        for r in 0..<recentCount { insert(recent[r]) }
        recentCount = 0
    }

    /// Adds a packed (hour, count) to the table.
    private mutating func insert(_ packed: UInt64) {
        if slots.isEmpty { slots = [UInt64](repeating: 0, count: 8) }
        let key = packed & Self.hourMask
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: packed >> 32) & mask
        while true {
            let s = slots[i]
            if s == 0 {
                slots[i] = packed
                used += 1
                if used * 2 > slots.count { grow() }
                return
            }
            if s & Self.hourMask == key {
                slots[i] = key | UInt64(UInt32(Int32(truncatingIfNeeded: s) + Int32(truncatingIfNeeded: packed)))
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for s in old where s != 0 {
            var i = Int(truncatingIfNeeded: s >> 32) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = s
        }
    }
}
