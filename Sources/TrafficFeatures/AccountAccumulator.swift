/// Per-account feature state: the ONE definition of the per-account features.
///
/// Batch extraction and online scoring both feed records through `add`, combine shards with `merge`, and turn
/// the state into a vector with `finish`. Every part is order-independent (sums, histograms, bottom-k samples,
/// distinct counters), so out-of-order timestamps, sharding and merge order cannot change the result.
/// Memory is bounded per account: ≈ 2 kB plus samples that stop growing at 2048 timestamps and 512 prompts,
/// and distinct counters that switch to 1 kB HyperLogLog sketches beyond 64 values.
public struct AccountAccumulator: Sendable {
    static let timeSampleCapacity = 2048
    static let promptSampleCapacity = 512

    var requests = 0
    var firstTS = Double.infinity
    var lastTS = -Double.infinity
    /// See `prepareFinish()`; nil whenever the state changed since. Declared beside the fields every request
    /// updates: `add` reads it first, and at the end of the struct it was a cache line of its own to miss.
    var finishCache: FinishCache?
    /// Requests per epoch hour (floor(ts / 3600)): active hours/days, hour-of-day profile, cluster synchrony.
    private var hourStore = HourCounts()
    /// Requests per epoch hour, ready to read.
    var hours: HourCounts { hourStore.flushed() }
    var times = BottomK<HashedTime>(capacity: timeSampleCapacity)

    var inputTokens = 0
    var outputTokens = 0
    var outputHistogram = TokenHistogram()
    var stopKnown = 0, maxTokenStops = 0
    var thinking = 0, thinkingBudget = 0
    var statusKnown = 0, rateLimited = 0, errors = 0
    var batch = 0
    var turnsKnown = 0, singleTurn = 0
    var toolRequests = 0, toolCalls = 0
    var images = 0
    var cacheRead = 0
    var systemKnown = 0
    var systemHashes = DistinctCounter()

    var prompts = 0, promptBytes = 0
    var cot = 0, rubric = 0, rewrite = 0, stepCue = 0
    /// Prompts per capability bucket (`CueLexicon.bucketNames`, then "other"), inline like the histogram's bins.
    var buckets = InlineArray<9, Int>(repeating: 0)
    var promptSample = BottomKSample<PromptKey>(capacity: promptSampleCapacity)

    var models = DistinctCounter()
    var release24 = 0, release72 = 0, newest = 0
    var newestFirstTS = Double.infinity

    var ips = DistinctCounter()
    var asns = DistinctCounter()
    var clientFPs = DistinctCounter()
    var userAgents = DistinctCounter()
    var apiKeys = DistinctCounter()
    var countries = DistinctCounter()
    var payments = DistinctCounter()

    public init() { assert(buckets.count == CueLexicon.bucketNames.count + 1) }

    /// Adds one request. The caller has already applied the time window and dropped duplicates.
    public mutating func add(_ r: TrafficRecord, context: FeatureContext) {
        add(RequestDigest(r), context: context)
    }

    /// The definition proper: every per-account statistic is updated here and only here.
    mutating func add(_ d: RequestDigest, context: FeatureContext) {
        let ts = d.timestamp
        let f = d.flags
        if finishCache != nil { finishCache = nil }
        requests += 1
        if ts < firstTS { firstTS = ts }
        if ts > lastTS { lastTS = ts }
        hourStore.add(Int32(clamping: Int((ts / 3600).rounded(.down))))
        times.add(HashedTime(value: ts))  // priority Hashing.mix(ts.bitPattern)

        inputTokens += d.inputTokens
        outputTokens += d.outputTokens
        outputHistogram.add(d.outputTokens)
        if f.contains(.stopKnown) {
            stopKnown += 1
            if f.contains(.maxTokensStop) { maxTokenStops += 1 }
        }
        if d.thinkingBudget > 0 { thinking += 1; thinkingBudget += d.thinkingBudget }
        if f.contains(.statusKnown) {
            statusKnown += 1
            if d.status == 429 { rateLimited += 1 } else if d.status >= 400 { errors += 1 }
        }
        if f.contains(.batch) { batch += 1 }
        if f.contains(.turnsKnown) { turnsKnown += 1; if d.turns <= 1 { singleTurn += 1 } }
        if d.tools > 0 { toolRequests += 1; toolCalls += d.toolCalls }
        if d.images > 0 { images += 1 }
        cacheRead += d.cacheRead
        if f.contains(.systemHash) { systemKnown += 1; systemHashes.insert(d.systemHash) }

        if f.contains(.prompt) {
            prompts += 1
            promptBytes += d.promptBytes
            if f.contains(.cot) { cot += 1 }
            if f.contains(.rubric) { rubric += 1 }
            if f.contains(.rewrite) { rewrite += 1 }
            if f.contains(.stepCue) { stepCue += 1 }
            buckets[d.bucket] += 1
            promptSample.add(PromptKey(simhash: d.simhash, prefixKey: d.prefixKey),
                             priority: Hashing.mix(d.simhash ^ Hashing.mix(d.prefixKey ^ ts.bitPattern)))
        }

        models.insert(d.model)
        if let rel = context.releaseTime(of: d.model) {
            let delta = ts - rel
            if delta >= 0 && delta < 24 * 3600 { release24 += 1 }
            if delta >= 0 && delta < 72 * 3600 { release72 += 1 }
        }
        if d.model == context.newestModel {
            newest += 1
            if ts < newestFirstTS { newestFirstTS = ts }
        }

        if f.contains(.ip) { ips.insert(d.ip) }
        if f.contains(.asn) { asns.insert(d.asn) }
        if f.contains(.clientFP) { clientFPs.insert(d.clientFP) }
        if f.contains(.userAgent) { userAgents.insert(d.userAgent) }
        if f.contains(.apiKey) { apiKeys.insert(d.apiKey) }
        if f.contains(.country) { countries.insert(d.country) }
        if f.contains(.payment) { payments.insert(d.payment) }
    }

    /// Where the histogram's bins lie in the struct: they span about 5 of its 25 cache lines, and `add` touches
    /// one bin, so a prefetch of the struct loads the bytes around them (`prefetchBytes`) and then the one bin
    /// (`binOffset`) once the request's token count is at hand.
    private static let binBytes: Range<Int> = {
        let start = MemoryLayout<AccountAccumulator>.offset(of: \.outputHistogram)!
            + MemoryLayout<TokenHistogram>.offset(of: \.counts)!
        return start..<start + TokenHistogram.binCount * MemoryLayout<UInt32>.stride
    }()

    /// The parts of the struct `add` touches apart from the histogram bin: before the bins and after them.
    static let prefetchBytes = (0..<binBytes.lowerBound, binBytes.upperBound..<MemoryLayout<AccountAccumulator>.stride)

    /// The offset in the struct of the histogram bin `add` updates for `outputTokens`.
    @inline(__always)
    static func binOffset(outputTokens: Int) -> Int {
        binBytes.lowerBound + TokenHistogram.bin(outputTokens) * MemoryLayout<UInt32>.stride
    }

    /// Starts loading the heap storage `add(d)` will touch beyond the struct (the distinct counters' sets that
    /// `d` brings a new value to, the hour table and samples when their buffers are about to flush): most
    /// accounts' state has left the caches by their next request. Changes nothing; `mutating` so a caller's
    /// in-place access reads the state where it is (a read access copied the whole struct, retaining every
    /// array in it).
    @inline(__always)
    mutating func prefetchStorage(for d: borrowing RequestDigest, _ step: DistinctCounter.PrefetchStep) {
        let f = d.flags
        hourStore.prefetch(step)
        times.prefetch(step)
        if f.contains(.prompt) { promptSample.prefetch(step) }
        if f.contains(.systemHash) { systemHashes.prefetch(forInserting: d.systemHash, step) }
        models.prefetch(forInserting: d.model, step)
        if f.contains(.ip) { ips.prefetch(forInserting: d.ip, step) }
        if f.contains(.asn) { asns.prefetch(forInserting: d.asn, step) }
        if f.contains(.clientFP) { clientFPs.prefetch(forInserting: d.clientFP, step) }
        if f.contains(.userAgent) { userAgents.prefetch(forInserting: d.userAgent, step) }
        if f.contains(.apiKey) { apiKeys.prefetch(forInserting: d.apiKey, step) }
        if f.contains(.country) { countries.prefetch(forInserting: d.country, step) }
        if f.contains(.payment) { payments.prefetch(forInserting: d.payment, step) }
    }

    /// Combines two shards of the same account; `a.merge(b)` then `finish` equals feeding all records to one.
    public mutating func merge(_ o: AccountAccumulator) {
        finishCache = nil
        requests += o.requests
        firstTS = min(firstTS, o.firstTS)
        lastTS = max(lastTS, o.lastTS)
        o.hours.forEach { hourStore.add($0, $1) }
        times.merge(o.times)
        inputTokens += o.inputTokens
        outputTokens += o.outputTokens
        outputHistogram.merge(o.outputHistogram)
        stopKnown += o.stopKnown; maxTokenStops += o.maxTokenStops
        thinking += o.thinking; thinkingBudget += o.thinkingBudget
        statusKnown += o.statusKnown; rateLimited += o.rateLimited; errors += o.errors
        batch += o.batch
        turnsKnown += o.turnsKnown; singleTurn += o.singleTurn
        toolRequests += o.toolRequests; toolCalls += o.toolCalls
        images += o.images
        cacheRead += o.cacheRead
        systemKnown += o.systemKnown; systemHashes.merge(o.systemHashes)
        prompts += o.prompts; promptBytes += o.promptBytes
        cot += o.cot; rubric += o.rubric; rewrite += o.rewrite; stepCue += o.stepCue
        for i in 0..<buckets.count { buckets[i] += o.buckets[i] }
        promptSample.merge(o.promptSample)
        models.merge(o.models)
        release24 += o.release24; release72 += o.release72; newest += o.newest
        newestFirstTS = min(newestFirstTS, o.newestFirstTS)
        ips.merge(o.ips); asns.merge(o.asns); clientFPs.merge(o.clientFPs); userAgents.merge(o.userAgents)
        apiKeys.merge(o.apiKeys); countries.merge(o.countries); payments.merge(o.payments)
    }
}
