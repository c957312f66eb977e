#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AccountAccumulator {
    /// Share of prompts with a distillation cue (CoT elicitation, rubric grading or rewrite) at or above which an
    /// account counts as "cue-heavy" for `cluster_cue_share`.
    static let cueHeavyThreshold = 0.25

    /// The per-account feature vector, in `FeatureSchema.accountFeatures` order. NaN means "not observable"
    /// (e.g. content features when no request carried a prompt), never zero-by-default.
    public func finish(accountID: String, context: FeatureContext) -> [Double] {
        var f: [Double] = []
        f.reserveCapacity(FeatureSchema.accountFeatures.count)
        let n = Double(requests)
        func ratio(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : .nan }

        // volume & shape
        let hours = self.hours
        let activeHours = hours.count
        let activeDays = Self.distinctDays(hours)
        f.append(n)
        f.append(Double(activeHours))
        f.append(Double(activeDays))
        f.append(requests > 0 ? (lastTS - firstTS) / 86400 : .nan)
        f.append(ratio(requests, activeHours))
        f.append(ratio(inputTokens, requests))
        f.append(ratio(outputTokens, requests))
        f.append(outputHistogram.quantile(0.9))
        f.append(ratio(outputTokens, max(1, inputTokens)))
        f.append(ratio(maxTokenStops, stopKnown))
        f.append(ratio(thinking, requests))
        f.append(ratio(thinkingBudget, thinking))
        f.append(ratio(rateLimited, statusKnown))
        f.append(ratio(errors, statusKnown))
        f.append(ratio(batch, requests))

        // timing
        let t = timing()
        f.append(requests >= 2 ? (lastTS - firstTS) / (n - 1) : .nan)
        f.append(t.cv)
        f.append(t.regular)
        f.append(t.burst)
        f.append(hourOfDayEntropy(hours))

        // conversation structure
        f.append(ratio(singleTurn, turnsKnown))
        f.append(ratio(toolRequests, requests))
        f.append(ratio(toolCalls, toolRequests))
        f.append(ratio(cacheRead, max(1, inputTokens)))
        f.append(systemKnown > 0 ? systemHashes.count / Double(systemKnown) : .nan)
        f.append(ratio(images, requests))

        // content
        f.append(ratio(prompts, requests))
        f.append(ratio(promptBytes, prompts))
        f.append(ratio(cot, prompts))
        f.append(ratio(rubric, prompts))
        f.append(ratio(rewrite, prompts))
        f.append(ratio(stepCue, prompts))
        f.append(prompts > 0 ? templateReuseRate() : .nan)
        let (entropy, top) = capabilityProfile()
        f.append(entropy)
        f.append(top)

        // release dynamics
        f.append(models.count)
        f.append(context.releaseByModel.isEmpty ? .nan : ratio(release24, requests))
        f.append(context.releaseByModel.isEmpty ? .nan : ratio(release72, requests))
        f.append(context.newestModel == nil ? .nan : ratio(newest, requests))
        f.append(newest > 0 ? (newestFirstTS - context.newestRelease) / 3600 : .nan)

        // identity & network
        let account = context.accounts[accountID]
        if let created = account?.createdAt, requests > 0 { f.append((firstTS - created) / 86400) } else { f.append(.nan) }
        let route = account?.signupRoute
        for r in AccountRecord.signupRoutes { f.append(route == r ? 1 : 0) }
        f.append(route == nil ? 1 : 0)
        f.append(ips.count)
        f.append(asns.count)
        f.append(clientFPs.count)
        f.append(userAgents.count)
        f.append(apiKeys.count)
        f.append(countries.count)
        assert(f.count == FeatureSchema.accountFeatures.count)
        return f
    }

    /// Inter-arrival statistics over the sorted timestamp sample (exact when requests ≤ 2048; beyond that the
    /// sample is a uniform subsample, which preserves the CV of Poisson-like traffic but stretches gaps):
    /// gaps gᵢ = t₍ᵢ₊₁₎ − t₍ᵢ₎; cv = σ(g)/mean(g) (population σ); regular = share of gaps within ±10% of the
    /// median gap (scripted, clock-driven traffic); burst = share of gaps < 1 s. NaN with fewer than 2 gaps.
    func timing() -> (cv: Double, regular: Double, burst: Double) {
        if let t = finishCache?.timing { return t }
        var scratch = FinishScratch()
        return computeTiming(&scratch)
    }

    /// The sample is mostly in arrival order already (the sort then only checks it), and the median gap is
    /// selected rather than sorted for: the same value, in linear time. The sums run over the gaps in time order,
    /// as they always have, so every bit of the result is unchanged.
    private func computeTiming(_ scratch: inout FinishScratch) -> (cv: Double, regular: Double, burst: Double) {
        scratch.times.removeAll(keepingCapacity: true)
        times.appendKept(to: &scratch.times)
        guard scratch.times.count >= 3 else { return (.nan, .nan, .nan) }
        scratch.times.sort()
        scratch.gaps.removeAll(keepingCapacity: true)
        var sum = 0.0, bursts = 0
        for i in 1..<scratch.times.count {
            let g = scratch.times[i] - scratch.times[i - 1]
            scratch.gaps.append(g)
            sum += g
            if g < 1 { bursts += 1 }
        }
        let n = scratch.gaps.count
        let m = sum / Double(n)
        var v = 0.0
        for g in scratch.gaps { v += (g - m) * (g - m) }
        let sd = (v / Double(n)).squareRoot()
        let cv = m > 0 ? sd / m : .nan
        // Gaps of sorted finite times are finite and ≥ 0, so they are totally ordered. After selecting the middle
        // one, the one below it (for an even count) is the largest of the lower part.
        let median = scratch.gaps.withUnsafeMutableBufferPointer { g in
            g.select(nth: n / 2)
            return n % 2 == 1 ? g[n / 2] : (g[0..<(n / 2)].max()! + g[n / 2]) / 2
        }
        var regular = 0
        for g in scratch.gaps where abs(g - median) <= 0.1 * median { regular += 1 }
        return (cv, Double(regular) / Double(n), Double(bursts) / Double(n))
    }

    /// Distinct UTC days (floor(hour / 24)) among the epoch hours.
    static func distinctDays(_ hours: HourCounts) -> Int {
        var days: [Int] = []
        days.reserveCapacity(hours.count)
        hours.forEach { h, _ in days.append(Int(h) >= 0 ? Int(h) / 24 : (Int(h) - 23) / 24) }
        days.sort()
        var distinct = 0
        for i in days.indices where i == 0 || days[i] != days[i - 1] { distinct += 1 }
        return distinct
    }

    /// Requests per UTC hour of day (0…23), from the epoch-hour counts.
    static func hourOfDayCounts(_ hours: HourCounts) -> [Double] {
        var c = [Double](repeating: 0, count: 24)
        hours.forEach { h, k in c[((Int(h) % 24) + 24) % 24] += Double(k) }
        return c
    }

    /// Shannon entropy of the hour-of-day distribution divided by log2(24): 1 = flat round-the-clock traffic
    /// (scripts, load-balanced pools), ≈ 0.6–0.8 = a human or office-hours pipeline. NaN when no requests.
    func hourOfDayEntropy(_ hours: HourCounts) -> Double {
        guard requests > 0 else { return .nan }
        return Self.normalizedEntropy(Self.hourOfDayCounts(hours))
    }

    static func normalizedEntropy(_ counts: [Double]) -> Double {
        let total = counts.reduce(0, +)
        guard total > 0, counts.count > 1 else { return .nan }
        var h = 0.0
        for c in counts where c > 0 {
            let p = c / total
            h -= p * log2(p)
        }
        return h / log2(Double(counts.count))
    }

    /// Share of sampled prompts that share a template with another sampled prompt of the same account: the same
    /// 8-word stem prefix, or a SimHash band in common (near-duplicate bodies). Computed on the bottom-k prompt
    /// sample (exact when prompts ≤ 512).
    func templateReuseRate() -> Double {
        if let r = finishCache?.templateReuse { return r }
        var scratch = FinishScratch()
        return computeTemplates(&scratch).reuse
    }

    /// The reuse rate and the template keys (see `templateKeys`) from the prompt sample, in the scratch's reused
    /// tables: prefix keys (hashes already) counted in an open-addressing table, each prompt's slot kept so its
    /// count is read back without searching; the bands shared by several prompts found one band position at a
    /// time in bit maps (a band matches only at its own position, as in `PromptKey.bands`).
    private func computeTemplates(_ scratch: inout FinishScratch) -> (reuse: Double, keys: [UInt64]) {
        scratch.prompts.removeAll(keepingCapacity: true)
        promptSample.appendKept(to: &scratch.prompts)
        let sample = scratch.prompts
        guard !sample.isEmpty else { return (.nan, []) }
        scratch.prefixCounts.reset(capacity: sample.count)
        scratch.prefixSlots.removeAll(keepingCapacity: true)
        for p in sample {
            scratch.prefixSlots.append(p.prefixKey != 0 ? scratch.prefixCounts.increment(p.prefixKey) : -1)
        }
        scratch.reused.removeAll(keepingCapacity: true)
        for slot in scratch.prefixSlots { scratch.reused.append(slot >= 0 && scratch.prefixCounts.count(at: slot) >= 2) }
        for b in 0..<4 { scratch.sharedBands.markShared(sample, band: b, in: &scratch.reused) }
        var reused = 0
        for r in scratch.reused where r { reused += 1 }
        // Each template once (the distinct prefixes), most used first, then by key.
        var templates: [(key: UInt64, uses: Int32)] = []
        scratch.prefixCounts.forEach { key, uses in if uses >= 3 { templates.append((key, uses)) } }
        templates.sort { $0.uses != $1.uses ? $0.uses > $1.uses : $0.key < $1.key }
        return (Double(reused) / Double(sample.count), templates.prefix(16).map(\.key))
    }

    /// (normalized entropy of the capability-bucket histogram incl. "other", share of the largest bucket).
    /// A capability sweep (only agentic coding, only tool use) has low entropy and a high top share.
    func capabilityProfile() -> (Double, Double) {
        guard prompts > 0 else { return (.nan, .nan) }
        let c = buckets.indices.map { Double(buckets[$0]) }
        return (Self.normalizedEntropy(c), c.max()! / Double(prompts))
    }

    /// Prompt-prefix keys used at least 3 times in the account's prompt sample (at most 16, most used first):
    /// the account's own templates, used to link accounts that run the same harvesting script.
    func templateKeys() -> [UInt64] {
        if let k = finishCache?.templateKeys { return k }
        var scratch = FinishScratch()
        return computeTemplates(&scratch).keys
    }

    /// The costly parts of `finish` and of linking (sorting the samples, template counts), computed ahead so a
    /// batch driver can run them for many accounts in parallel; `finish` then reads them instead of recomputing.
    /// The same functions compute them, so the vector is unchanged; `add` and `merge` drop them. `isCueHeavy` is
    /// cheap but kept too: linking reads it for every account, and a field read in place costs no copy of the
    /// accumulator, where calling the property on an account of `SortedAccounts` does.
    struct FinishCache: Sendable {
        var timing: (cv: Double, regular: Double, burst: Double)
        var templateReuse: Double
        var templateKeys: [UInt64]
        var isCueHeavy: Bool
    }

    mutating func prepareFinish() {
        var scratch = FinishScratch()
        prepareFinish(using: &scratch)
    }

    /// `prepareFinish()` with buffers kept from the previous account (see `FinishScratch`).
    mutating func prepareFinish(using scratch: inout FinishScratch) {
        let templates = computeTemplates(&scratch)
        finishCache = FinishCache(timing: computeTiming(&scratch), templateReuse: templates.reuse,
                                  templateKeys: templates.keys, isCueHeavy: isCueHeavy)
    }

    /// True when at least 25% of the account's prompts carry a distillation cue.
    var isCueHeavy: Bool {
        prompts > 0 && Double(max(cot, rubric, rewrite)) / Double(prompts) >= Self.cueHeavyThreshold
    }
}
