/// Per-account vectors in account-id order: each account's `finish` followed by the linker's cross-account
/// features. Shared by `FeatureExtractor.finish` and `AccountStream.vectors` so batch rows and streaming vectors
/// are assembled by the same code.
///
/// With `threads ≥ 2` the accounts' `finish` runs on two threads while one of them also links (linking needs
/// every account, `finish` one at a time); each row is computed by the same code whichever thread takes it.
struct AccountVectors {
    let accountIDs: [String]
    /// The accumulators, in `accountIDs` order.
    let accounts: SortedAccounts
    let linked: AccountLinker.Result
    /// Per row (account `rowPositions[k]` of `accountIDs`): its own features, in `FeatureSchema.accountFeatures`
    /// order; its cross-account features are `linked.features[rowPositions[k]]`.
    let accountRows: [[Double]]
    let rowPositions: [Int]
    /// The accounts `rows` describes, in id order: all of `accountIDs` unless `only` was given.
    var rowIDs: [String] { rowPositions.map { accountIDs[$0] } }
    /// One vector per account in `rowIDs`, in `FeatureSchema.current` order.
    var rows: [[Double]] { zip(accountRows, rowPositions).map { $0 + linked.features[$1] } }

    /// `only`: build rows just for these indices of `ids` (streaming's periodic lines); linking still covers all.
    init(ids: [String], accumulators: [AccountAccumulator], context: FeatureContext, fanOutCap: Int, only: [Int]? = nil) {
        self.init(ids: [ids], accumulators: [accumulators], context: context, fanOutCap: fanOutCap, only: only)
    }

    /// `ids` and `accumulators` in parts (shards), read in place; `only` indexes the parts laid end to end.
    init(ids: [[String]], accumulators: [[AccountAccumulator]], context: FeatureContext, fanOutCap: Int,
         only: [Int]? = nil, threads: Int = 1) {
        let flatIDs = ids.flatMap { $0 }
        var places: [Int] = []
        places.reserveCapacity(flatIDs.count)
        for (p, part) in ids.enumerated() { for k in part.indices { places.append(p << 32 | k) } }
        let order = flatIDs.indices.sorted { flatIDs[$0] < flatIDs[$1] }
        let sortedIDs = order.map { flatIDs[$0] }
        let accounts = SortedAccounts(parts: accumulators, places: order.map { places[$0] })
        var extraPayments: [[UInt64]] = [], orgs: [UInt64?] = []
        extraPayments.reserveCapacity(sortedIDs.count)
        orgs.reserveCapacity(sortedIDs.count)
        for id in sortedIDs {
            let record = context.accounts[id]
            extraPayments.append(record?.paymentFP.map { [Hashing.id($0)] } ?? [])
            orgs.append(record?.orgID.map { Hashing.id($0) })
        }
        var positions = Array(sortedIDs.indices)
        if let only {
            var wanted = [Bool](repeating: false, count: flatIDs.count)
            for k in only { wanted[k] = true }
            positions = positions.filter { wanted[order[$0]] }
        }
        var linked: AccountLinker.Result?
        accountRows = [[Double]](unsafeUninitializedCapacity: positions.count) { rows, initialized in
            ChunkedLoop.run(count: positions.count, chunk: 64, threads: threads, first: {
                linked = AccountLinker(fanOutCap: fanOutCap).link(accounts, extraPayments: extraPayments, orgs: orgs)
            }) { range in
                for k in range {
                    let a = positions[k]
                    let row = accounts.withAccount(a) { $0.finish(accountID: sortedIDs[a], context: context) }
                    (rows.baseAddress! + k).initialize(to: row)
                }
            }
            initialized = positions.count
        }
        accountIDs = sortedIDs
        self.accounts = accounts
        self.linked = linked!
        rowPositions = positions
    }
}

/// Accumulators in account-id order, read where they are (`withAccount`). Reading one through the arrays'
/// subscripts, or through a read accessor, copied the whole accumulator first, retaining and then releasing every
/// buffer it holds, just to read a field or call a method: at seed scale (58,000 accounts) those copies were most
/// of the time linking and the accounts' `finish` took. An `inout` access reaches the accumulator through its
/// address instead, as the mutating calls of the accumulating loop do.
struct SortedAccounts {
    /// Keeps the accumulators' storage alive; nothing changes these arrays while this exists.
    private let parts: [[AccountAccumulator]]
    private let bases: [UnsafeMutablePointer<AccountAccumulator>]
    /// Per position: part << 32 | index in the part.
    private let places: [Int]

    init(parts: [[AccountAccumulator]], places: [Int]) {
        self.parts = parts
        // An empty part is never indexed; its base is a placeholder.
        bases = parts.map { part in
            UnsafeMutablePointer(mutating: part.withUnsafeBufferPointer { $0.baseAddress })
                ?? UnsafeMutablePointer(bitPattern: MemoryLayout<AccountAccumulator>.alignment)!
        }
        self.places = places
    }

    var count: Int { places.count }

    /// `body(account i)`, in place. `body` only reads it: the `inout` is what spares the copy.
    @inline(__always)
    func withAccount<R>(_ i: Int, _ body: (inout AccountAccumulator) -> R) -> R {
        let p = places[i]
        return body(&bases[p >> 32][p & 0xFFFF_FFFF])
    }
}
