import TrafficFeatures

/// Streaming scoring: raw traffic records in, score lines out. Features come from `AccountStream`, which feeds
/// the same accumulators and linker as batch extraction, so at the end of a stream without eviction the vectors
/// (and therefore the scores) equal those of `hydrawatch-extract` followed by batch scoring.
///
/// Time is event time (the largest timestamp seen): with `emitEvery`, each time the clock crosses a period
/// boundary the accounts active in the closed period are scored with `as_of` set to that boundary; with
/// `idleEvict`, accounts silent for that long are scored one last time and dropped, bounding memory by the
/// active population. Cluster features then cover only the accounts currently held.
public final class ScoringSession {
    public struct Options: Sendable {
        public var emitEvery: Double?
        public var idleEvict: Double?
        public var reasons: Int
        public var fanOutCap: Int
        public var explanation: ExplanationMethod

        public init(emitEvery: Double? = nil, idleEvict: Double? = nil, reasons: Int = 3,
                    fanOutCap: Int = ExtractionOptions.defaultFanOutCap, explanation: ExplanationMethod = .saabas) {
            self.explanation = explanation
            self.emitEvery = emitEvery
            self.idleEvict = idleEvict
            self.reasons = reasons
            self.fanOutCap = fanOutCap
        }
    }

    public let options: Options
    public let scorer: ModelScorer
    public let featureNames: [String]
    public let threshold: Double?
    public let stream: AccountStream
    /// End of the current period (exclusive), set by the first admitted event.
    private var periodEnd: Double?
    /// Slots (in `stream`) of the accounts with a request in the current period, and a flag per slot.
    private var activeInPeriod: [Int] = []
    private var isActive: [Bool] = []
    /// Largest number of accounts held at any time (after eviction of each step).
    public private(set) var peakAccounts = 0
    public private(set) var evicted = 0
    private var nextEvictionCheck = -Double.infinity

    /// Refuses a model whose feature schema is not the one the stream computes.
    public init(model: ModelFile, context: FeatureContext, options: Options = Options()) throws {
        scorer = ModelScorer(model)
        try scorer.checkSchema(featureNames: FeatureSchema.current.names, version: FeatureSchema.current.version)
        featureNames = model.schema.featureNames
        threshold = model.thresholds.first?.threshold
        self.options = options
        stream = AccountStream(context: context, fanOutCap: options.fanOutCap)
    }

    /// Adds one record; returns the lines it makes due (closed periods, evictions), in time then id order.
    /// A period's lines cost the finishing of the accounts active in it (plus one linking pass over the held
    /// accounts' keys for the cross-account features), not of every held account.
    public func add(_ r: TrafficRecord) -> [ScoreLine] {
        let t = r.timestamp
        var out: [ScoreLine] = []
        if let every = options.emitEvery, stream.context.window.contains(t) {
            if periodEnd == nil { periodEnd = ((t / every).rounded(.down) + 1) * every }
            while let end = periodEnd, t >= end {
                if !activeInPeriod.isEmpty { out += lines(for: activeInPeriod, asOf: end) }
                for k in activeInPeriod { isActive[k] = false }
                activeInPeriod.removeAll(keepingCapacity: true)
                periodEnd = end + every
            }
        }
        guard let slot = stream.admit(r) else { return out }
        if options.emitEvery != nil {
            if slot >= isActive.count { isActive.append(contentsOf: repeatElement(false, count: slot + 1 - isActive.count)) }
            if !isActive[slot] { isActive[slot] = true; activeInPeriod.append(slot) }
        }
        if let idle = options.idleEvict, stream.clock >= nextEvictionCheck {
            // Scanning every account on every request would make the stream quadratic; checking once per
            // 1/16 of the idle time keeps it linear and evicts at most that much late.
            nextEvictionCheck = stream.clock + max(idle / 16, 1)
            let drop = stream.idleSlots(idle: idle)
            if !drop.isEmpty {
                out += lines(for: drop, asOf: nil)
                renumberActive(dropping: drop)
                stream.evict(slots: drop)
                evicted += drop.count
            }
        }
        peakAccounts = max(peakAccounts, stream.accountCount)
        return out
    }

    /// `stream.evict(slots:)` keeps the other accounts in order and renumbers them densely; follow it.
    private func renumberActive(dropping drop: [Int]) {
        guard options.emitEvery != nil else { return }
        var dropped = [Bool](repeating: false, count: stream.accountCount)
        for k in drop { dropped[k] = true }
        var newSlot = [Int](repeating: -1, count: stream.accountCount), next = 0
        for k in 0..<stream.accountCount where !dropped[k] { newSlot[k] = next; next += 1 }
        activeInPeriod = activeInPeriod.compactMap { newSlot[$0] >= 0 ? newSlot[$0] : nil }
        isActive = [Bool](repeating: false, count: next)
        for k in activeInPeriod { isActive[k] = true }
    }

    /// Final lines: every account still held, sorted by id, without `as_of` (like batch output).
    public func finish() -> [ScoreLine] {
        let (ids, rows) = stream.vectors()
        return ids.indices.map { line(ids[$0], rows[$0], asOf: nil) }
    }

    /// Lines for some held accounts (by slot), sorted by id; cluster features are linked over all held accounts.
    private func lines(for subset: [Int], asOf: Double?) -> [ScoreLine] {
        let (ids, rows) = stream.vectors(slots: subset)
        return ids.indices.map { line(ids[$0], rows[$0], asOf: asOf) }
    }

    private func line(_ id: String, _ x: [Double], asOf: Double?) -> ScoreLine {
        ScoreLine(accountID: id, x: x, scorer: scorer, featureNames: featureNames, threshold: threshold,
                  reasons: options.reasons, asOf: asOf, explanation: options.explanation)
    }
}
