import CTrafficIO
#if canImport(Glibc)
import Glibc
#endif

/// An open-addressing set of 64-bit hashes (linear probing, keys only): the duplicate filter.
///
/// It holds one entry per request id (20M at seed scale), so it outgrows every cache and each lookup is a memory
/// miss; keeping no values (unlike `HashIndex`) makes an insert touch one cache line instead of two. Key 0 is
/// remapped to 1 (0 marks an empty slot), exactly as `HashIndex` does, so swapping one for the other changes no
/// answer.
///
/// Built for its size: `reserve` sizes the table once from an estimate of the ids to come (any slot count, not
/// just powers of two: a slot is picked by scaling the hash, not masking it), so a large input neither pays for
/// the doublings' copies nor holds a half-empty table; the load stays ≤ 3/4. Large tables are anonymous memory
/// asking for huge pages: random probes over hundreds of MB otherwise miss the TLB as well as the cache.
final class HashSet64: @unchecked Sendable {
    private var keys: UnsafeMutablePointer<UInt64>
    private var storage: Storage
    /// Slots in the table.
    private var size: Int
    /// Grow once count exceeds this (3/4 of the slots).
    private var limit: Int
    private(set) var count = 0

    /// Room for `capacity` keys before the first growth.
    init(capacity: Int = 1024) {
        size = Self.slots(for: capacity)
        storage = Storage(slots: size)
        keys = storage.keys
        limit = size / 4 * 3
    }

    /// Makes room for `expected` keys in all (those held included) without growing, when there is not already.
    func reserve(_ expected: Int) {
        guard expected > limit else { return }
        rebuild(slots: Self.slots(for: expected))
    }

    /// Slots for `n` keys at a load of about 0.6, leaving room for an estimate that falls short by a fifth.
    private static func slots(for n: Int) -> Int { max(16, n / 3 * 5 + 16) }

    @inline(__always) private static func key(_ k: UInt64) -> UInt64 { k == 0 ? 1 : k }

    /// The first slot probed for `k`: the mixed hash scaled to the table (its top 63 bits; `AccountShard.of`
    /// takes the top bit, which is therefore the same for every key of a shard's set).
    @inline(__always) private func slot(_ k: UInt64) -> Int {
        Int(truncatingIfNeeded: (Hashing.mix(k) &<< 1).multipliedFullWidth(by: UInt64(size)).high)
    }

    func contains(_ k0: UInt64) -> Bool {
        let k = Self.key(k0)
        var i = slot(k)
        while true {
            let s = keys[i]
            if s == k { return true }
            if s == 0 { return false }
            i += 1
            if i == size { i = 0 }
        }
    }

    /// Starts loading the slot where `k` would be probed first, so a later `insert(k)` does not wait for memory.
    @inline(__always)
    func prefetch(_ k0: UInt64) {
        hw_prefetch(keys + slot(Self.key(k0)))
    }

    /// Inserts `k`; returns false when it was already present.
    @inline(__always)
    func insert(_ k0: UInt64) -> Bool {
        let k = Self.key(k0)
        var i = slot(k)
        while true {
            let s = keys[i]
            if s == k { return false }
            if s == 0 { break }
            i += 1
            if i == size { i = 0 }
        }
        keys[i] = k
        count += 1
        if count > limit { rebuild(slots: 2 * size) }
        return true
    }

    private func rebuild(slots: Int) {
        let old = storage, oldKeys = keys, oldSize = size
        size = slots
        storage = Storage(slots: size)
        keys = storage.keys
        limit = size / 4 * 3
        for j in 0..<oldSize where oldKeys[j] != 0 {
            let k = oldKeys[j]
            var i = slot(k)
            while keys[i] != 0 {
                i += 1
                if i == size { i = 0 }
            }
            keys[i] = k
        }
        withExtendedLifetime(old) {}
    }

    /// Zeroed slots: from the allocator when small; when large, an anonymous mapping (the kernel zeroes its pages
    /// as they are first touched, so no pass writes zeros first) aligned to 2 MB and advised to use huge pages.
    private final class Storage {
        static let hugePage = 2 << 20
        let keys: UnsafeMutablePointer<UInt64>
        /// The mapping, or nil when `keys` came from the allocator.
        private let mapping: (base: UnsafeMutableRawPointer, length: Int)?

        init(slots: Int) {
            let bytes = slots * MemoryLayout<UInt64>.stride
            if bytes >= 4 * Self.hugePage,
               let base = mmap(nil, bytes + Self.hugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
               base != MAP_FAILED {
                let aligned = (Int(bitPattern: base) + Self.hugePage - 1) & ~(Self.hugePage - 1)
                let start = UnsafeMutableRawPointer(bitPattern: aligned)!
                _ = madvise(start, bytes, Int32(MADV_HUGEPAGE))
                mapping = (base, bytes + Self.hugePage)
                keys = start.bindMemory(to: UInt64.self, capacity: slots)
            } else {
                mapping = nil
                keys = .allocate(capacity: slots)
                keys.initialize(repeating: 0, count: slots)
            }
        }

        deinit {
            if let mapping { munmap(mapping.base, mapping.length) } else { keys.deallocate() }
        }
    }
}
