/// Batch extraction: streams traffic through one `AccountAccumulator` per account, then links accounts and
/// assembles the feature table. Deterministic: accounts are sorted by id and every accumulator is
/// order-independent, so the same input gives byte-identical output.
///
/// Account ids are interned once: a dictionary keyed by the FNV-1a hash of the id bytes gives the account's
/// index; the `String` is built only the first time an account is seen.
public final class FeatureExtractor {
    public let options: ExtractionOptions
    public let context: FeatureContext
    private var index: [UInt64: Int32] = [:]
    private var ids: [String] = []
    private var accumulators: [AccountAccumulator] = []
    private var seenRequests = Set<UInt64>()
    public private(set) var summary = ExtractionSummary()

    public init(options: ExtractionOptions, context: FeatureContext) {
        self.options = options
        self.context = context
    }

    /// Adds one accepted record: drops duplicates by `request_id` (first occurrence wins) and events outside the
    /// window, then feeds the account's accumulator.
    @inline(__always)
    public func add(_ r: TrafficRecord) {
        if r.has(.requestID), !seenRequests.insert(Hashing.fnv1a(r.bytes(.requestID))).inserted {
            summary.duplicates += 1
            return
        }
        guard context.window.contains(r.timestamp) else { summary.outsideWindow += 1; return }
        summary.used += 1
        let idBytes = r.bytes(.accountID)
        let h = Hashing.fnv1a(idBytes)
        let i: Int
        if let k = index[h] { i = Int(k) } else {
            i = ids.count
            index[h] = Int32(i)
            ids.append(String(decoding: idBytes, as: UTF8.self))
            accumulators.append(AccountAccumulator())
        }
        accumulators[i].add(r, context: context)
    }

    /// Reads one traffic file with `reader` (stats accumulate across files).
    public func consume(path: String, reader: TrafficReader, progress: ((Int) -> Void)? = nil) throws {
        var n = 0
        try reader.read(path: path) { record in
            add(record)
            n += 1
            if n & 0xFFFF == 0 { progress?(n) }
        }
        summary.read = reader.stats
    }

    /// Finishes every account, links accounts into clusters and joins labels.
    public func finish(labels: [LabelRecord] = []) -> (table: FeatureTable, clusters: ClusterTable) {
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        let sortedIDs = order.map { ids[$0] }
        let accs = order.map { accumulators[$0] }
        let extraPayments: [[UInt64]] = sortedIDs.map { id in
            context.accounts[id]?.paymentFP.map { [Hashing.fnv1a($0)] } ?? []
        }
        let linked = AccountLinker(fanOutCap: options.fanOutCap).link(accs, extraPayments: extraPayments)
        let schema = FeatureSchema.current
        let rows = accs.count, cols = schema.names.count
        var columns = [Double](repeating: .nan, count: rows * cols)
        for r in 0..<rows {
            let v = accs[r].finish(accountID: sortedIDs[r], context: context) + linked.features[r]
            for c in 0..<cols { columns[c * rows + r] = v[c] }
        }
        var byAccount: [String: LabelRecord] = [:]
        for l in labels { byAccount[l.accountID] = l }
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
