/// Online counterpart of `FeatureExtractor`: the same admission (first `request_id` wins, time window), the same
/// `AccountAccumulator` per account and the same `AccountLinker`, but vectors can be taken at any point of the
/// stream and idle accounts can be dropped so memory follows the active population, not the whole history.
///
/// Cross-account (cluster) features are computed over the accounts currently held: after an eviction an
/// account no longer links to the evicted ones. Without eviction, `vectors()` at the end of a stream equals the
/// rows `FeatureExtractor.finish` produces for the same traffic, bit for bit (tested).
public final class AccountStream {
    public let context: FeatureContext
    public let fanOutCap: Int
    private var slots: [String: Int] = [:]
    private var ids: [String] = []
    private var accumulators: [AccountAccumulator] = []
    private var lastSeen: [Double] = []
    private var seenRequests = HashSet64(capacity: 1 << 16)
    /// Largest event time admitted so far: the stream's clock for periodic output and eviction.
    public private(set) var clock = -Double.infinity
    public private(set) var used = 0
    public private(set) var duplicates = 0
    public private(set) var outsideWindow = 0

    public init(context: FeatureContext, fanOutCap: Int = ExtractionOptions.defaultFanOutCap) {
        self.context = context
        self.fanOutCap = fanOutCap
    }

    /// Accounts currently held.
    public var accountCount: Int { ids.count }

    /// Adds one record; returns its account id when it was admitted (nil for duplicates and out-of-window events).
    @discardableResult
    public func add(_ r: TrafficRecord) -> String? {
        let d = RequestDigest(r)
        if d.flags.contains(.requestID), !seenRequests.insert(d.requestIDHash) { duplicates += 1; return nil }
        guard context.window.contains(d.timestamp) else { outsideWindow += 1; return nil }
        used += 1
        let id = String(decoding: r.bytes(.accountID), as: UTF8.self)
        let k: Int
        if let s = slots[id] {
            k = s
        } else {
            k = ids.count
            slots[id] = k
            ids.append(id)
            accumulators.append(AccountAccumulator())
            lastSeen.append(-.infinity)
        }
        accumulators[k].add(d, context: context)
        lastSeen[k] = max(lastSeen[k], d.timestamp)
        clock = max(clock, d.timestamp)
        return id
    }

    /// Feature vectors (in `FeatureSchema.current` order) of every held account, sorted by account id, assembled
    /// by the same `AccountVectors` as `FeatureExtractor.finish`'s rows.
    public func vectors() -> (accountIDs: [String], rows: [[Double]]) {
        let v = AccountVectors(ids: ids, accumulators: accumulators, context: context, fanOutCap: fanOutCap)
        return (v.accountIDs, v.rows)
    }

    /// Last event time of a held account.
    public func lastSeen(_ id: String) -> Double? { slots[id].map { lastSeen[$0] } }

    /// Held accounts whose last event is more than `idle` seconds before the clock.
    public func idleAccounts(idle: Double) -> [String] {
        ids.indices.filter { clock - lastSeen[$0] > idle }.map { ids[$0] }.sorted()
    }

    /// Drops these accounts' state. Their request ids stay in the duplicate filter, so a replayed request of an
    /// evicted account is still a duplicate.
    public func evict(_ drop: Set<String>) {
        guard !drop.isEmpty else { return }
        let keep = ids.indices.filter { !drop.contains(ids[$0]) }
        ids = keep.map { ids[$0] }
        accumulators = keep.map { accumulators[$0] }
        lastSeen = keep.map { lastSeen[$0] }
        slots = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
    }
}
