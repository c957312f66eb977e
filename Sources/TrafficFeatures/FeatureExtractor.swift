import Foundation

/// Batch extraction: streams traffic through one `AccountAccumulator` per account, then links accounts and
/// assembles the feature table. Deterministic: accounts are sorted by id and every accumulator is
/// order-independent, so the same input gives byte-identical output.
///
/// Account ids are interned once: an open-addressing index keyed by the FNV-1a hash of the id bytes gives the account's
/// index; the `String` is built only the first time an account is seen.
public final class FeatureExtractor {
    public let options: ExtractionOptions
    public let context: FeatureContext
    private var index = HashIndex()
    private var ids: [String] = []
    private var accumulators: [AccountAccumulator] = []
    private var seenRequests = HashSet64(capacity: 1 << 16)
    public private(set) var summary = ExtractionSummary()

    public init(options: ExtractionOptions, context: FeatureContext) {
        self.options = options
        self.context = context
    }

    /// Adds one accepted record: drops duplicates by `request_id` (first occurrence wins) and events outside the
    /// window, then feeds the account's accumulator.
    public func add(_ r: TrafficRecord) {
        add(RequestDigest(r), accountID: r.bytes(.accountID))
    }

    @inline(__always)
    func add(_ d: RequestDigest, accountID idBytes: UnsafeRawBufferPointer) {
        guard let i = admit(d, accountID: idBytes) else { return }
        accumulate(d, account: i)
    }

    /// The order-dependent half of `add`: drops duplicates (first occurrence in file order wins) and events outside
    /// the window, counts them, and interns the account id. Returns the account's index, or nil when dropped.
    /// Indices are handed out densely in order of first use.
    @inline(__always)
    private func admit(_ d: RequestDigest, accountID idBytes: UnsafeRawBufferPointer) -> Int32? {
        if d.flags.contains(.requestID), !seenRequests.insert(d.requestIDHash) {
            summary.duplicates += 1
            return nil
        }
        guard context.window.contains(d.timestamp) else { summary.outsideWindow += 1; return nil }
        summary.used += 1
        let (k, isNew) = index.insert(d.accountHash, Int32(ids.count))
        if isNew { ids.append(String(decoding: idBytes, as: UTF8.self)) }
        return k
    }

    /// `admit` for a whole batch, in order. The duplicate filter's slot for a request a few places ahead is
    /// prefetched: the filter outgrows the caches, and its lookups were the largest single cost of reading.
    private func admit(_ b: DigestChannel.Batch) {
        let ahead = 8
        let count = b.digests.count
        b.ids.withUnsafeBytes { ids in
            for k in 0..<count {
                if k + ahead < count, b.digests[k + ahead].flags.contains(.requestID) {
                    seenRequests.prefetch(b.digests[k + ahead].requestIDHash)
                }
                let id = UnsafeRawBufferPointer(rebasing: ids[b.idOffsets[k]..<b.idOffsets[k + 1]])
                guard let account = admit(b.digests[k], accountID: id) else { continue }
                b.admitted.append(Int32(k))
                b.accounts.append(account)
            }
        }
    }

    /// The order-independent half of `add`: feeds an admitted request to its account's accumulator.
    @inline(__always)
    private func accumulate(_ d: RequestDigest, account k: Int32) {
        let i = Int(k)
        if i == accumulators.count { accumulators.append(AccountAccumulator()) }
        accumulators[i].add(d, context: context)
    }

    /// Reads one traffic file with `reader` (stats accumulate across files). With `threads ≥ 2` one thread
    /// parses lines into `RequestDigest`s (JSON, field hashes), deduplicates, applies the window and interns
    /// account ids — everything that depends on file order — while this thread accumulates, which does not.
    /// The result is identical to the one-thread path. Prompt analysis runs on whichever side has slack: here
    /// by default, on the parsing thread while the channel is backing up.
    public func consume(path: String, reader: TrafficReader, threads: Int = 1,
                        progress: ((Int) -> Void)? = nil) throws {
        if threads < 2 {
            var n = 0
            try reader.read(path: path) { record in
                add(record)
                n += 1
                if n & 0xFFFF == 0 { progress?(n) }
            }
            summary.read = reader.stats
            return
        }
        let batchSize = 4096
        let channelCapacity = 8
        let channel = DigestChannel(capacity: channelCapacity)
        let producer = Thread {
            var n = 0
            var batch = DigestChannel.Batch(capacity: batchSize)
            do {
                try reader.read(path: path) { r in
                    n += 1
                    if n & 0xFFFF == 0 { progress?(n) }
                    batch.digests.append(RequestDigest(r, analyzePrompt: false))
                    batch.ids.append(contentsOf: r.bytes(.accountID))
                    batch.idOffsets.append(batch.ids.count)
                    if r.has(.prompt) { batch.prompts.append(contentsOf: r.bytes(.prompt).prefix(PromptSignals.maxBytes)) }
                    batch.promptOffsets.append(batch.prompts.count)
                    if batch.digests.count == batchSize {
                        self.admit(batch)
                        // Balance the two threads: when the accumulating side is behind, analyse this batch's
                        // prompts here instead of waiting for room in the channel.
                        if channel.backlog >= channelCapacity / 2 { batch.analyzePrompts() }
                        channel.put(batch)
                        batch = DigestChannel.Batch(capacity: batchSize)
                    }
                }
                if !batch.digests.isEmpty { self.admit(batch); channel.put(batch) }
                channel.close(failure: nil)
            } catch {
                channel.close(failure: error)
            }
        }
        producer.stackSize = 8 << 20
        producer.start()
        while let b = channel.take() {
            if !b.promptsAnalyzed { b.analyzePrompts() }
            for j in 0..<b.admitted.count { accumulate(b.digests[Int(b.admitted[j])], account: b.accounts[j]) }
        }
        if let failure = channel.failure { throw failure }
        summary.read = reader.stats
    }

    /// Finishes every account, links accounts into clusters and joins labels.
    public func finish(labels: [LabelRecord] = []) -> (table: FeatureTable, clusters: ClusterTable) {
        let vectors = AccountVectors(ids: ids, accumulators: accumulators, context: context, fanOutCap: options.fanOutCap)
        let sortedIDs = vectors.accountIDs, accs = vectors.accumulators, linked = vectors.linked
        let schema = FeatureSchema.current
        let rows = accs.count, cols = schema.names.count
        var columns = [Double](repeating: .nan, count: rows * cols)
        for r in 0..<rows {
            let v = vectors.rows[r]
            for c in 0..<cols { columns[c * rows + r] = v[c] }
        }
        // A label decided at or after the window end was not known then: joining it would leak the future
        // into a time-split training set (`--as-of`). Labels without `labeled_at` are kept.
        var byAccount: [String: LabelRecord] = [:]
        var notYetKnown = 0
        for l in labels {
            if let t = l.labeledAt, t >= context.window.end { notYetKnown += 1; continue }
            byAccount[l.accountID] = l
        }
        summary.labelsAfterWindow = notYetKnown
        var y = [Double](repeating: .nan, count: rows)
        var campaigns = [String?](repeating: nil, count: rows)
        var clusters = linked.clusterOf
        var labelled = 0
        for r in 0..<rows {
            guard let l = byAccount[sortedIDs[r]] else { continue }
            labelled += 1
            y[r] = l.label == .distillation ? 1 : 0
            campaigns[r] = l.campaign
            if let c = l.cluster { clusters[r] = c }
        }
        summary.accounts = rows
        summary.labelledAccounts = labelled
        summary.clusters = linked.clusters.count
        summary.highFanOutKeys = Dictionary(uniqueKeysWithValues: linked.highFanOutKeys.map { ($0.key.name, $0.value) })
        let table = FeatureTable(schema: schema, rowCount: rows, columns: columns, accountIDs: sortedIDs,
                                 labels: y, campaigns: campaigns, clusters: clusters)
        let clusterTable = ClusterTable(rows: linked.clusters.map { c in
            ClusterTable.Row(id: c.id, size: c.members.count, linkTypes: LinkType.names(c.linkTypes),
                             sample: c.members.prefix(ClusterTable.sampleSize).map { sortedIDs[$0] },
                             cueHeavyShare: Double(c.members.filter { accs[$0].isCueHeavy }.count) / Double(c.members.count),
                             requests: c.members.reduce(0) { $0 + accs[$1].requests })
        })
        return (table, clusterTable)
    }
}
