/// Per-account vectors in account-id order: each account's `finish` followed by the linker's cross-account
/// features. Shared by `FeatureExtractor.finish` and `AccountStream.vectors` so batch rows and streaming vectors
/// are assembled by the same code.
struct AccountVectors {
    let accountIDs: [String]
    /// Accumulators in `accountIDs` order.
    let accumulators: [AccountAccumulator]
    let linked: AccountLinker.Result
    /// One vector per account in `rowIDs`, in `FeatureSchema.current` order.
    let rows: [[Double]]
    /// The accounts `rows` describes, in id order: all of `accountIDs` unless `only` was given.
    let rowIDs: [String]

    /// `only`: build rows just for these indices of `ids` (streaming's periodic lines); linking still covers all.
    init(ids: [String], accumulators: [AccountAccumulator], context: FeatureContext, fanOutCap: Int, only: [Int]? = nil) {
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        let sortedIDs = order.map { ids[$0] }
        let accs = order.map { accumulators[$0] }
        let extraPayments: [[UInt64]] = sortedIDs.map { id in
            context.accounts[id]?.paymentFP.map { [Hashing.fnv1a($0)] } ?? []
        }
        let orgs: [UInt64?] = sortedIDs.map { id in context.accounts[id]?.orgID.map { Hashing.fnv1a($0) } }
        let linked = AccountLinker(fanOutCap: fanOutCap).link(accs, extraPayments: extraPayments, orgs: orgs)
        accountIDs = sortedIDs
        self.accumulators = accs
        self.linked = linked
        var positions = Array(accs.indices)
        if let only {
            var wanted = [Bool](repeating: false, count: ids.count)
            for k in only { wanted[k] = true }
            positions = positions.filter { wanted[order[$0]] }
        }
        rowIDs = positions.map { sortedIDs[$0] }
        rows = positions.map { accs[$0].finish(accountID: sortedIDs[$0], context: context) + linked.features[$0] }
    }
}
