import Foundation

/// Batch extraction: streams traffic through one `AccountAccumulator` per account, then links accounts and
/// assembles the feature table. Deterministic: accounts are sorted by id and every accumulator is
/// order-independent, so the same input gives byte-identical output.
///
/// The state is split into `AccountShard`s: the duplicate filter by request-id hash, accounts by account-id hash.
/// Each account belongs to one shard and sees its requests in file order whichever thread feeds it, and each
/// request id is checked by one shard in file order, so "first occurrence wins" holds and the result does not
/// depend on the number of threads. Account ids are interned once per shard (an open-addressing index keyed by
/// the `Hashing.id` hash of the id bytes); the `String` is built only the first time an account is seen.
public final class FeatureExtractor {
    public let options: ExtractionOptions
    public let context: FeatureContext
    private let shards = (0..<AccountShard.count).map { _ in AccountShard() }
    public private(set) var summary = ExtractionSummary()
    /// Threads of the last `consume`; `finish` uses as many.
    private var threads = 1

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
        if d.flags.contains(.requestID), !shards[AccountShard.of(d.requestIDHash)].seenRequests.insert(d.requestIDHash) {
            summary.duplicates += 1
            return
        }
        guard context.window.contains(d.timestamp) else { summary.outsideWindow += 1; return }
        summary.used += 1
        shards[AccountShard.of(d.accountHash)].accumulate(d, accountID: idBytes, context: context)
    }

    /// Reads one traffic file with `reader` (stats accumulate across files). With `threads ≥ 2` the file is taken
    /// a chunk at a time and two threads share every step, reading included (see `ChunkPipeline`); the result
    /// is identical to the one-thread path.
    public func consume(path: String, reader: TrafficReader, threads: Int = 1,
                        progress: ((Int) -> Void)? = nil) throws {
        try consume(path: path, reader: reader, threads: threads, chunkBytes: ChunkPipeline.defaultChunkBytes,
                    progress: progress)
    }

    /// `consume` with the chunk size exposed, so tests can force many chunks on small files.
    func consume(path: String, reader: TrafficReader, threads: Int, chunkBytes: Int,
                 progress: ((Int) -> Void)? = nil) throws {
        self.threads = threads
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
        let pipeline = try ChunkPipeline(shards: shards, context: context, reader: reader, chunkBytes: chunkBytes)
        let counts = try pipeline.run(path: path, progress: progress)
        summary.duplicates += counts.duplicates
        summary.outsideWindow += counts.outsideWindow
        summary.used += counts.used
        summary.read = reader.stats
    }

    /// Runs the costly per-account part of finishing (`AccountAccumulator.prepareFinish`) for every account, on
    /// two threads when `consume` used two. The threads take accounts a block at a time across all shards, not a
    /// shard each: accounts differ in cost by orders of magnitude, so fixed halves leave one thread waiting.
    private func prepareFinish() {
        func withAccumulators(from k: Int, _ held: [UnsafeMutableBufferPointer<AccountAccumulator>],
                              _ body: ([UnsafeMutableBufferPointer<AccountAccumulator>]) -> Void) {
            guard k < shards.count else { return body(held) }
            shards[k].accumulators.withUnsafeMutableBufferPointer { withAccumulators(from: k + 1, held + [$0], body) }
        }
        withAccumulators(from: 0, []) { parts in
            var starts = [0]
            for p in parts { starts.append(starts.last! + p.count) }
            ChunkedLoop.run(count: starts.last!, chunk: 64, threads: threads) { range in
                var scratch = FinishScratch()
                for (p, part) in parts.enumerated() {
                    let lo = max(range.lowerBound - starts[p], 0), hi = min(range.upperBound - starts[p], part.count)
                    for i in lo..<max(lo, hi) { part[i].prepareFinish(using: &scratch) }
                }
            }
        }
    }

    /// Finishes every account, links accounts into clusters and joins labels.
    public func finish(labels: [LabelRecord] = []) -> (table: FeatureTable, clusters: ClusterTable) {
        prepareFinish()
        let vectors = AccountVectors(ids: shards.map(\.ids), accumulators: shards.map(\.accumulators),
                                     context: context, fanOutCap: options.fanOutCap, threads: threads)
        let sortedIDs = vectors.accountIDs, accs = vectors.accounts, linked = vectors.linked
        let schema = FeatureSchema.current
        let rows = accs.count, cols = schema.names.count
        var y = [Double](repeating: .nan, count: rows)
        var campaigns = [String?](repeating: nil, count: rows)
        var clusters = linked.clusterOf
        var labelled = 0
        func joinLabels() {
            // A label decided at or after the window end was not known then: joining it would leak the future
            // into a time-split training set (`--as-of`). Labels without `labeled_at` are kept.
            var byAccount: [String: LabelRecord] = [:]
            var notYetKnown = 0
            for l in labels {
                if let t = l.labeledAt, t >= context.window.end { notYetKnown += 1; continue }
                byAccount[l.accountID] = l
            }
            summary.labelsAfterWindow = notYetKnown
            for r in 0..<rows {
                guard let l = byAccount[sortedIDs[r]] else { continue }
                labelled += 1
                y[r] = l.label == .distillation ? 1 : 0
                campaigns[r] = l.campaign
                if let c = l.cluster { clusters[r] = c }
            }
        }
        // The column-major table is filled a block of rows at a time on both threads while one also joins labels.
        let columns = [Double](unsafeUninitializedCapacity: rows * cols) { columns, initialized in
            ChunkedLoop.run(count: rows, chunk: 1024, threads: threads, first: joinLabels) { range in
                for r in range {
                    let own = vectors.accountRows[r], cross = linked.features[r]
                    precondition(own.count + cross.count == cols)
                    for c in 0..<own.count { (columns.baseAddress! + c * rows + r).initialize(to: own[c]) }
                    for c in 0..<cross.count { (columns.baseAddress! + (own.count + c) * rows + r).initialize(to: cross[c]) }
                }
            }
            initialized = rows * cols
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
                             cueHeavyShare: Double(c.members.filter { m in accs.withAccount(m) { $0.isCueHeavy } }.count)
                                 / Double(c.members.count),
                             requests: c.members.reduce(0) { sum, m in sum + accs.withAccount(m) { $0.requests } })
        })
        return (table, clusterTable)
    }
}
