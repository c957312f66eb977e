/// All accounts of a run, built from the scenario before any traffic is generated.
///
/// Per-account request rates are normalised so each population's expected request total equals the
/// scenario's figure (times scale and days/default days): the documented proportions hold by construction,
/// and the tests check them.
struct Roster: Sendable {
    var entries: [Scenario.Entry]
    var accounts: [Account]
    var clusterNames: [String]
    var windowStart: Int64
    var windowEnd: Int64
    var release: Int64
    /// Expected requests per population (after scale).
    var targetRequests: [Double]

    static let dayMs: Int64 = 86_400_000

    init(config: SimulationConfig) {
        let days = config.resolvedDays
        let scenario = config.scenario
        entries = scenario.entries
        windowStart = config.startMillis
        windowEnd = windowStart + Int64(days) * Roster.dayMs
        let window = Double(windowEnd - windowStart)
        release = windowStart + Int64(window * 0.45) + 15 * 3_600_000
        let dayFactor = Double(days) / Double(scenario.defaultDays)
        var accounts: [Account] = []
        var clusterNames: [String] = []
        var targets: [Double] = []
        let countryIndex = Dictionary(uniqueKeysWithValues: Country.all.enumerated().map { ($1.text, $0) })

        for (p, entry) in entries.enumerated() {
            let profile = entry.profile
            var rng = SplitMix64(seed: config.seed, stream: 1, index: UInt64(p))
            let n = max(1, Int((Double(entry.accounts) * config.scale).rounded()))
            let target = Double(entry.requests) * config.scale * dayFactor
            targets.append(target)
            let countries = Roster.cumulative(profile.countries.map { $0.1 })
            let routes = Roster.cumulative(profile.signup.map { $0.1 })
            let networks = Roster.cumulative(profile.network.map { $0.1 })
            let agents = Roster.cumulative(profile.userAgents.map { $0.1 })
            let maxTok = Roster.cumulative(profile.maxTokens.map { $0.1 })

            // Clusters: operator clusters for attackers, organisations for benign users.
            let firstCluster = clusterNames.count
            let clusterCount = profile.isAttacker ? max(1, min(n, entry.clusters)) : 0
            for c in 0..<clusterCount { clusterNames.append("\(profile.name)_op\(c + 1)") }
            var clusterTopics: [[Int]] = (0..<clusterCount).map { _ in
                Roster.topicSet(count: profile.topicsPerAccount + 2, rng: &rng)
            }
            var orgCluster: [UInt64: Int] = [:]
            var churnClock: [Int64] = []
            let firstAccount = accounts.count

            for i in 0..<n {
                let stream = SplitMix64.mix(config.seed ^ SplitMix64.mix(UInt64(p) << 32 | UInt64(i)))
                var a = Account(
                    population: p, idNumber: 0, cluster: 0, org: 0, payment: 0, country: 0, signup: .selfServe,
                    createdAt: 0, activeStart: windowStart, activeEnd: windowEnd, bannedAt: nil, labelAt: nil,
                    ratePerDay: 0, sessionMean: profile.sessionMean, sessionRate: 0,
                    network: .residential, poolKey: 0, poolSize: 1, asn: 0, ipv6: false, userAgent: 0,
                    clientFp: 0, apiKeys: 1, tzOffsetHours: 0, topics: [], systemKey: 0, systemPrompts: 1,
                    maxTokens: 4096, streamSeed: stream)
                let code = profile.countries[rng.pick(cumulative: countries)].0
                a.country = countryIndex[code] ?? 0
                a.tzOffsetHours = Country.all[a.country].utcOffsetHours
                a.signup = profile.signup[rng.pick(cumulative: routes)].0
                a.userAgent = profile.userAgents[rng.pick(cumulative: agents)].0
                a.maxTokens = profile.maxTokens[rng.pick(cumulative: maxTok)].0
                a.apiKeys = 1 + (rng.chance(0.3) ? rng.below(3) : 0)
                a.systemPrompts = max(1, profile.systemPromptsPerAccount)

                if profile.isAttacker {
                    let c = i % clusterCount
                    a.cluster = firstCluster + c
                    a.org = SplitMix64.mix(stream ^ 0x0A6)
                    a.billingOrg = a.org
                    let payers = max(1, Int(Double(n) / profile.accountsPerPayment))
                    a.payment = rng.chance(profile.ownCardShare) ? SplitMix64.mix(stream ^ 0xCA4D)
                        : SplitMix64.mix(UInt64(p) << 40 ^ UInt64(i % payers) ^ config.seed &* 31)
                    a.topics = clusterTopics[c]
                    a.topics.shuffle(using: &rng)
                    a.topics.removeLast(min(2, a.topics.count - 1))
                    a.systemKey = profile.systemPromptsSharedByCluster
                        ? SplitMix64.mix(UInt64(a.cluster) ^ config.seed ^ 0x5157) : stream
                } else {
                    let orgs = max(1, Int(Double(n) / profile.accountsPerOrg))
                    let orgIndex = profile.accountsPerOrg <= 1 ? i : rng.below(orgs)
                    a.billingOrg = SplitMix64.mix(config.seed ^ (UInt64(p) << 40) ^ UInt64(orgIndex) &+ 0x0126)
                    a.org = profile.subAccountsOwnOrgs ? SplitMix64.mix(stream ^ 0x0A6) : a.billingOrg
                    if let c = orgCluster[a.billingOrg] {
                        a.cluster = c
                    } else {
                        a.cluster = clusterNames.count
                        orgCluster[a.billingOrg] = a.cluster
                        clusterNames.append(Roster.orgText(a.billingOrg))
                    }
                    // Organisations pay with one card; so do a reseller's sub-accounts.
                    a.payment = profile.accountsPerOrg > 1 || profile.accountsPerPayment > 1
                        ? SplitMix64.mix(a.billingOrg ^ 0xCA4D) : SplitMix64.mix(stream ^ 0xCA4D)
                    a.topics = Roster.topicSet(count: profile.topicsPerAccount, rng: &rng)
                    a.systemKey = profile.systemPromptsSharedByCluster || profile.accountsPerOrg > 2
                        ? SplitMix64.mix(a.billingOrg ^ 0x5157) : stream
                }

                // Activity window: start spread, optional churn (a replacement account follows a ban).
                let window = Double(windowEnd - windowStart)
                if let life = profile.lifetimeMedianDays {
                    let slots = max(1, clusterCount * 8)
                    if churnClock.isEmpty {
                        churnClock = (0..<slots).map { _ in config.startMillis + Int64(rng.unit() * 0.5 * Double(Roster.dayMs) * life) }
                    }
                    // Replacement accounts arrive until the window is used; wrap the slots if accounts remain.
                    let s = i % slots
                    var start = churnClock[s] + Int64(rng.exponential(mean: 3_600_000 * 6))
                    if start >= windowEnd - Roster.dayMs / 2 {
                        start = windowStart + Int64(rng.unit() * (window - Double(Roster.dayMs)))
                    }
                    let lifeMs = Int64(rng.logNormal(median: life, sigma: 0.5) * Double(Roster.dayMs))
                    a.activeStart = start
                    a.activeEnd = min(windowEnd, start + max(lifeMs, 3_600_000 * 6))
                    churnClock[s] = a.activeEnd
                    if a.activeEnd < windowEnd { a.bannedAt = a.activeEnd }
                } else if !profile.isAttacker, rng.chance(profile.createdInWindow) {
                    // A legitimate sign-up during the window: sign-ups arrive all the time, not just at the start.
                    a.activeStart = windowStart + Int64(rng.unit() * (window - Double(Roster.dayMs) / 2))
                } else {
                    a.activeStart = windowStart + Int64((profile.startOffset + profile.startSpread * rng.unit()) * window)
                    a.activeStart = min(a.activeStart, windowEnd - Roster.dayMs / 2)
                }
                if (profile.isAttacker && rng.chance(profile.createdInWindow)) || a.activeStart > windowStart + Roster.dayMs {
                    a.createdAt = max(windowStart - Roster.dayMs, a.activeStart - Int64(rng.exponential(mean: 3_600_000 * 20)))
                } else {
                    a.createdAt = windowStart - Int64((30 + rng.exponential(mean: 300)) * Double(Roster.dayMs))
                }

                // Network.
                a.network = profile.network[rng.pick(cumulative: networks)].0
                switch a.network {
                case .residential:
                    a.poolKey = stream ^ 0x1E5; a.poolSize = 1 + rng.below(2)
                    a.asn = Country.all[a.country].residentialASN
                    a.ipv6 = rng.chance(0.25)
                case .corporateNAT:
                    a.poolKey = SplitMix64.mix(a.billingOrg ^ 0x4A7); a.poolSize = 2
                    a.asn = a.signup == .education ? Roster.campusASNs[Int(a.poolKey % 3)] : Roster.corporateASNs[Int(a.poolKey % 5)]
                case .vpnPool:
                    let provider = UInt64(rng.below(Roster.vpnASNs.count))
                    a.poolKey = SplitMix64.mix(provider ^ config.seed ^ 0x5F9); a.poolSize = 96
                    a.asn = Roster.vpnASNs[Int(provider)]
                case .proxyPool:
                    let owner: UInt64 = profile.isAttacker ? UInt64(a.cluster) : a.billingOrg
                    a.poolKey = SplitMix64.mix(owner ^ config.seed ^ 0x9A0)
                    a.poolSize = max(8, n / max(1, clusterCount) / 12)
                    a.asn = Roster.proxyASNs[Int(a.poolKey % UInt64(Roster.proxyASNs.count))]
                case .cloud:
                    a.poolKey = stream ^ 0xC10D; a.poolSize = 1 + rng.below(3)
                    a.asn = Roster.cloudASNs[rng.below(Roster.cloudASNs.count)]
                }
                // TLS/HTTP fingerprints follow the client library; a proxy cluster terminates TLS itself.
                a.clientFp = a.network == .proxyPool ? SplitMix64.mix(a.poolKey ^ 0xF9)
                    : SplitMix64.mix(UInt64(a.userAgent) &* 7 &+ UInt64(rng.below(2)) ^ 0xF9)

                a.ratePerDay = rng.logNormal(median: 1, sigma: profile.volumeSigma)
                accounts.append(a)
            }
            _ = clusterTopics.count
            clusterTopics.removeAll()

            // Normalise rates so the population's expected total equals the target.
            var weightedDays = 0.0
            for k in firstAccount..<accounts.count {
                weightedDays += accounts[k].ratePerDay * Double(accounts[k].activeEnd - accounts[k].activeStart) / Double(Roster.dayMs)
            }
            let perUnit = weightedDays > 0 ? target / weightedDays : 0
            for k in firstAccount..<accounts.count {
                accounts[k].ratePerDay *= perUnit
                Roster.setSessionRate(&accounts[k], profile: profile)
                Roster.assignLabel(&accounts[k], profile: profile, windowStart: windowStart, windowEnd: windowEnd)
            }
        }

        // Ids: a seeded shuffle, so neither order nor id reveals the population.
        var order = Array(0..<accounts.count)
        var idRng = SplitMix64(seed: config.seed, stream: 2)
        order.shuffle(using: &idRng)
        for (pos, k) in order.enumerated() { accounts[k].idNumber = pos + 1 }

        self.accounts = accounts
        self.clusterNames = clusterNames
        self.targetRequests = targets
    }

    static let corporateASNs = [2914, 3356, 1299, 6461, 174]
    static let campusASNs = [1103, 786, 11537]
    static let vpnASNs = [9009, 212238, 60068, 136787, 20473]
    /// Datacenter and residential-proxy networks; overlaps with the VPN and cloud lists on purpose.
    static let proxyASNs = [16509, 14061, 24940, 45102, 132203, 9009, 396982, 63949, 20473]
    static let cloudASNs = [16509, 15169, 8075, 14061, 24940, 63949]

    static func cumulative(_ weights: [Double]) -> [Double] {
        var total = 0.0
        return weights.map { total += $0; return total }
    }

    static func topicSet(count: Int, rng: inout SplitMix64) -> [Int] {
        var set: [Int] = []
        while set.count < min(count, PromptBank.topics.count) {
            let t = rng.below(PromptBank.topics.count)
            if !set.contains(t) { set.append(t) }
        }
        return set
    }

    static func orgText(_ org: UInt64) -> String {
        let hex = String(org & 0xFFFF_FFFF_FFFF, radix: 16)
        return "org_" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    }

    /// Turns the per-day request rate into session parameters for the account's timing pattern.
    static func setSessionRate(_ a: inout Account, profile: PopulationProfile) {
        switch profile.timing {
        case .diurnal, .flat:
            a.sessionRate = a.ratePerDay / a.sessionMean
        case let .synchronized(beatMinutes, _):
            let beatsPerDay = 1_440 / beatMinutes
            var p = a.ratePerDay / a.sessionMean / beatsPerDay
            if p > 0.9 {
                a.sessionMean = a.ratePerDay / (beatsPerDay * 0.9)
                p = 0.9
            }
            a.sessionRate = p
        }
    }

    static func assignLabel(_ a: inout Account, profile: PopulationProfile, windowStart: Int64, windowEnd: Int64) {
        var rng = SplitMix64(seed: a.streamSeed, stream: 3)
        guard rng.chance(profile.labels.probability) else { return }
        let delay = Int64(rng.logNormal(median: profile.labels.delayMedianDays, sigma: 0.5) * Double(dayMs))
        let at: Int64
        if profile.labels.atBan, let ban = a.bannedAt {
            at = ban + delay / 8
        } else if profile.isAttacker {
            at = a.activeStart + delay
        } else {
            at = windowStart + Int64(rng.unit() * Double(windowEnd - windowStart))
        }
        if at < windowEnd { a.labelAt = at }
    }
}
