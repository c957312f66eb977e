import CTrafficIO

/// A deterministic bounded sample of values: keeps the `capacity` entries with the smallest priority, where the
/// priority is a hash of the entry itself. The kept set therefore depends only on the multiset of entries, not on
/// arrival order or on how accumulators were sharded and merged — out-of-order input gives the same features.
///
/// Values are buffered up to 2·capacity and pruned in one sort of their priorities, so insertion is amortised
/// O(log k).
///
/// An entry either stores its priority beside its value (`PrioritizedEntry`, `BottomKSample<Value>`) or computes
/// it from the value (`HashedTime`): a sample of timestamps then holds 8 bytes an entry instead of 16 (at seed
/// scale, 12% less peak memory for the extractor to allocate, touch and copy).
struct BottomK<Entry: SampleEntry>: Sendable {
    typealias Value = Entry.Value
    let capacity: Int
    private(set) var entries: [Entry] = []
    /// Entries offered in total (kept or not).
    private(set) var seen = 0
    /// Once `capacity` entries with priority ≤ `cutoff` are known, an entry with a larger priority can never be
    /// kept, so it is dropped without touching `entries` (the result is unchanged; large accounts stop sorting).
    private var cutoff = UInt64.max
    /// The latest entries, held inline and moved to `entries` `pendingCapacity` at a time: appending to the array
    /// checks its header (uniqueness, count) and writes its tail, two cache misses per request when thousands of
    /// accounts interleave; a pending entry costs none. Nil until the first entry (`Value` has no default).
    private var pending: InlineArray<4, Entry>?
    private var pendingCount: UInt8 = 0
    static var pendingCapacity: Int { InlineArray<4, Entry>.count }

    init(capacity: Int) { self.capacity = capacity }

    @inline(__always)
    mutating func add(_ e: Entry) {
        seen += 1
        if e.priority > cutoff { return }
        if pending == nil { pending = InlineArray(repeating: e) } else { pending![Int(pendingCount)] = e }
        pendingCount += 1
        if Int(pendingCount) == Self.pendingCapacity { flush() }
    }

    /// Starts loading what the next `add` may touch outside the struct: when it fills the pending buffer, the
    /// entries move to `entries`, so first the array's header (`.header`, from its address alone) and then its
    /// tail (`.contents`, the count now at hand). Nothing while the buffer has more room.
    @inline(__always)
    func prefetch(_ step: DistinctCounter.PrefetchStep) {
        guard Int(pendingCount) == Self.pendingCapacity - 1 else { return }
        switch step {
        case .header:
            // An array is a single reference to its storage object (header, then elements).
            hw_prefetch(unsafeBitCast(entries, to: UnsafeRawPointer.self))
        case .contents:
            entries.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress else { return }
                hw_prefetch_range(base + p.count, Self.pendingCapacity * MemoryLayout<Entry>.stride)
            }
        }
    }

    /// Moves the pending entries to `entries`, pruning when 2·capacity are buffered.
    private mutating func flush() {
        guard pendingCount > 0, let p = pending else { return }
        // One append for all of them: each `append` checks the array's uniqueness and room on its own.
        let n = Int(pendingCount)
        withUnsafeBytes(of: p) { raw in  // an InlineArray's elements lie side by side from its start
            entries.append(contentsOf: UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: Entry.self),
                                                           count: n))
        }
        pendingCount = 0
        if entries.count >= 2 * capacity { prune() }
    }

    mutating func merge(_ o: BottomK) {
        seen += o.seen
        entries.append(contentsOf: o.entries)
        if let p = o.pending { for i in 0..<Int(o.pendingCount) { entries.append(p[i]) } }
        if entries.count >= 2 * capacity { prune() }
    }

    /// Keeps the `capacity` entries with the smallest (priority, value); call only with more buffered. Selects the
    /// cut-off priority among the priorities alone (plain integers; a selection, not a sort), then keeps every
    /// entry below it and, among those tied at it, the smallest values: the same set the (priority, value) order
    /// keeps. The order of `entries` carries no meaning.
    private mutating func prune() {
        var priorities = entries.map(\.priority)
        let threshold = priorities.withUnsafeMutableBufferPointer { p in
            p.select(nth: capacity - 1)
            return p[capacity - 1]
        }
        var tied = entries.filter { $0.priority == threshold }
        entries.removeAll { $0.priority >= threshold }
        tied.sort { $0.value < $1.value }
        entries.append(contentsOf: tied.prefix(capacity - entries.count))
        cutoff = min(cutoff, threshold)
    }

    /// The kept values, in no particular order.
    func keptValues() -> [Value] {
        var s = self
        s.flush()
        if s.entries.count > capacity { s.prune() }
        return s.entries.map(\.value)
    }

    /// Appends the kept values to `out`, in `keptValues()` order. Reads the buffers in place when nothing needs
    /// pruning (most accounts): `keptValues()` first copies them whole to flush the pending entries.
    func appendKept(to out: inout [Value]) {
        guard entries.count + Int(pendingCount) <= capacity else {
            out.append(contentsOf: keptValues())
            return
        }
        for e in entries { out.append(e.value) }
        if let p = pending { for i in 0..<Int(pendingCount) { out.append(p[i].value) } }
    }
}

/// An entry of a `BottomK` sample: a value and its priority (smaller is kept first).
protocol SampleEntry: Sendable {
    associatedtype Value: Comparable & Sendable
    var priority: UInt64 { get }
    var value: Value { get }
}

/// A value with its priority stored beside it.
struct PrioritizedEntry<Value: Comparable & Sendable>: SampleEntry {
    var priority: UInt64
    var value: Value
}

/// A bottom-k sample whose entries store their priorities.
typealias BottomKSample<Value: Comparable & Sendable> = BottomK<PrioritizedEntry<Value>>

extension BottomK {
    @inline(__always)
    mutating func add<V>(_ value: V, priority: UInt64) where Entry == PrioritizedEntry<V> {
        add(PrioritizedEntry(priority: priority, value: value))
    }
}

/// A request time whose priority is its own hash, `Hashing.mix` of its bit pattern: computed when needed, not
/// stored.
struct HashedTime: SampleEntry {
    var value: Double
    @inline(__always) var priority: UInt64 { Hashing.mix(value.bitPattern) }
}
