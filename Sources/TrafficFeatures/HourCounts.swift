/// Request counts per epoch hour in one flat open-addressing table (linear probing, load ≤ 1/2, power-of-two
/// size). Each slot packs the hour (high 32 bits) with its count (low 32 bits); a used slot's count is never 0,
/// so 0 marks an empty slot and every hour, 0 included, can be stored.
///
/// Replaces `[Int32: Int32]` in the accumulator: an account's hour changes on most requests of slow traffic, and
/// a dictionary update there paid for SipHash and touched separate key and value storage.
struct HourCounts: Sendable {
    private var slots: [UInt64] = []
    /// Distinct hours held.
    private(set) var count = 0

    /// Adds `n` (> 0) requests to `hour`.
    mutating func add(_ hour: Int32, _ n: Int32) {
        if slots.isEmpty { slots = [UInt64](repeating: 0, count: 8) }
        let key = UInt64(UInt32(bitPattern: hour)) << 32
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: Hashing.mix(key)) & mask
        while true {
            let s = slots[i]
            if s == 0 {
                slots[i] = key | UInt64(UInt32(n))
                count += 1
                if count * 2 > slots.count { grow() }
                return
            }
            if s & 0xFFFF_FFFF_0000_0000 == key {
                slots[i] = key | UInt64(UInt32(Int32(truncatingIfNeeded: s) + n))
                return
            }
            i = (i + 1) & mask
        }
    }

    /// Calls `body(hour, count)` for every hour held, in no particular order.
    func forEach(_ body: (Int32, Int32) -> Void) {
        for s in slots where s != 0 {
            body(Int32(truncatingIfNeeded: s >> 32), Int32(truncatingIfNeeded: s))
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for s in old where s != 0 {
            var i = Int(truncatingIfNeeded: Hashing.mix(s & 0xFFFF_FFFF_0000_0000)) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = s
        }
    }
}
