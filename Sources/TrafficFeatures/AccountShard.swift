/// One share of `FeatureExtractor`'s state: the accounts whose id hash falls in this shard (interned ids and
/// accumulators) and the request ids whose hash falls in it (the duplicate filter). One thread at a time
/// touches a shard, so two threads can accumulate and deduplicate side by side without locks.
final class AccountShard: @unchecked Sendable {
    /// Fixed, so the split does not depend on the number of threads.
    static let count = 2

    var index = HashIndex()
    var ids: [String] = []
    var accumulators: [AccountAccumulator] = []
    var seenRequests = HashSet64(capacity: 1 << 16)

    /// The shard of a 64-bit id hash. Uses the top bit of the mixed hash: the hash tables index with the low bits,
    /// so each shard's tables still spread over all their slots.
    @inline(__always) static func of(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: Hashing.mix(hash) >> 63) }

    /// The account's index, interned on first sight (`idBytes` are read only then, to build its id).
    @inline(__always)
    func intern(_ accountHash: UInt64, accountID idBytes: UnsafeRawBufferPointer) -> Int32 {
        let (k, isNew) = index.insert(accountHash, Int32(ids.count))
        if isNew {
            ids.append(String(decoding: idBytes, as: UTF8.self))
            accumulators.append(AccountAccumulator())
        }
        return k
    }

    /// Interns the account (`idBytes` are read only the first time it is seen) and feeds its accumulator.
    @inline(__always)
    func accumulate(_ d: RequestDigest, accountID idBytes: UnsafeRawBufferPointer, context: FeatureContext) {
        let k = intern(d.accountHash, accountID: idBytes)
        accumulators[Int(k)].add(d, context: context)
    }
}
