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
    /// Account-id hash (`Hashing.id`, as in `FeatureExtractor`) → slot; a String is made only for a new account.
    private var slots = HashIndex()
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
        admit(r).map { ids[$0] }
    }

    /// `add` returning the account's slot (valid until the next `evict`) instead of its id: the per-request path
    /// of a session, which makes no String for an account it already holds.
    public func admit(_ r: TrafficRecord) -> Int? {
        let d = RequestDigest(r)
        if d.flags.contains(.requestID), !seenRequests.insert(d.requestIDHash) { duplicates += 1; return nil }
        guard context.window.contains(d.timestamp) else { outsideWindow += 1; return nil }
        used += 1
        let (slot, isNew) = slots.insert(d.accountHash, Int32(ids.count))
        let k = Int(slot)
        if isNew {
            ids.append(String(decoding: r.bytes(.accountID), as: UTF8.self))
            accumulators.append(AccountAccumulator())
            lastSeen.append(-.infinity)
        }
        accumulators[k].add(d, context: context)
        lastSeen[k] = max(lastSeen[k], d.timestamp)
        clock = max(clock, d.timestamp)
        return k
    }

    /// Account id of a slot returned by `admit`.
    public func accountID(slot: Int) -> String { ids[slot] }

    /// Feature vectors (in `FeatureSchema.current` order) of every held account, sorted by account id, assembled
    /// by the same `AccountVectors` as `FeatureExtractor.finish`'s rows.
    public func vectors() -> (accountIDs: [String], rows: [[Double]]) {
        prepareFinish()
        let v = AccountVectors(ids: ids, accumulators: accumulators, context: context, fanOutCap: fanOutCap)
        return (v.accountIDs, v.rows)
    }

    /// Vectors of some held accounts (slots from `admit`), sorted by account id: each row equals that account's
    /// row of `vectors()`. Cross-account features are still linked over every held account (one pass over their
    /// link keys), but only these accounts' per-account features are finished, which is the expensive part.
    public func vectors(slots subset: [Int]) -> (accountIDs: [String], rows: [[Double]]) {
        prepareFinish()
        let v = AccountVectors(ids: ids, accumulators: accumulators, context: context, fanOutCap: fanOutCap,
                               only: subset)
        return (v.rowIDs, v.rows)
    }

    /// Computes the costly per-account parts of finishing and linking (sorted samples, template keys) for the
    /// accounts that changed since the last call; an account with no new request keeps them, so each periodic
    /// emission pays for the active accounts only. The values are those `finish` would compute.
    private func prepareFinish() {
        for i in accumulators.indices where accumulators[i].finishCache == nil { accumulators[i].prepareFinish() }
    }

    /// Last event time of a held account.
    public func lastSeen(_ id: String) -> Double? {
        slots.get(Hashing.id(id)).map { lastSeen[Int($0)] }
    }

    /// Held accounts whose last event is more than `idle` seconds before the clock.
    public func idleAccounts(idle: Double) -> [String] {
        idleSlots(idle: idle).map { ids[$0] }.sorted()
    }

    /// Slots of the held accounts `idleAccounts` names.
    public func idleSlots(idle: Double) -> [Int] {
        ids.indices.filter { clock - lastSeen[$0] > idle }
    }

    /// Drops these accounts' state. Their request ids stay in the duplicate filter, so a replayed request of an
    /// evicted account is still a duplicate.
    public func evict(_ drop: Set<String>) {
        evict(slots: ids.indices.filter { drop.contains(ids[$0]) })
    }

    /// `evict` by slot. Slots of the accounts kept are renumbered.
    public func evict(slots drop: [Int]) {
        guard !drop.isEmpty else { return }
        var dropped = [Bool](repeating: false, count: ids.count)
        for k in drop { dropped[k] = true }
        let keep = ids.indices.filter { !dropped[$0] }
        ids = keep.map { ids[$0] }
        accumulators = keep.map { accumulators[$0] }
        lastSeen = keep.map { lastSeen[$0] }
        slots = HashIndex(capacity: max(1024, ids.count))
        for (k, id) in ids.enumerated() { _ = slots.insert(Hashing.id(id), Int32(k)) }
    }
}
