/// Per-account vectors in account-id order: each account's `finish` followed by the linker's cross-account
/// features. Shared by `FeatureExtractor.finish` and `AccountStream.vectors` so batch rows and streaming vectors
/// are assembled by the same code.
struct AccountVectors {
    let accountIDs: [String]
    /// Accumulators in `accountIDs` order.
    let accumulators: [AccountAccumulator]
    let linked: AccountLinker.Result
    /// One vector per account, in `FeatureSchema.current` order.
    let rows: [[Double]]

    init(ids: [String], accumulators: [AccountAccumulator], context: FeatureContext, fanOutCap: Int) {
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
        rows = accs.indices.map { accs[$0].finish(accountID: sortedIDs[$0], context: context) + linked.features[$0] }
    }
}
