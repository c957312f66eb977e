import Foundation

/// Runs a scenario and writes the five files of a simulated dataset into a folder.
///
/// Traffic is produced by a k-way merge: every account has a lazy `AccountClock`, and a min-heap always
/// emits the earliest pending request, so traffic.jsonl is in event-time order while memory stays
/// proportional to the number of accounts, not requests. Output depends only on the configuration.
public struct Simulator: Sendable {
    public let config: SimulationConfig

    public static let files = ["traffic.jsonl", "labels.jsonl", "accounts.jsonl", "models.jsonl", "truth.jsonl"]

    public init(config: SimulationConfig) {
        self.config = config
    }

    /// Writes the dataset into `directory` (created if missing). `progress` receives the fraction of the
    /// window simulated so far, from the generating thread.
    public func run(directory: String, progress: ((Double) -> Void)? = nil) throws -> SimulationSummary {
        try config.validate()
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SimulationError.cannotWrite(path: directory, reason: error.localizedDescription)
        }
        let roster = Roster(config: config)
        let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }

        try writeModels(roster, to: path("models.jsonl"))
        try writeAccounts(roster, to: path("accounts.jsonl"))
        try writeTruth(roster, to: path("truth.jsonl"))
        let (requests, bytes, perPopulation, firstSeen) = try writeTraffic(roster, to: path("traffic.jsonl"), progress: progress)
        let labelled = try writeLabels(roster, firstSeen: firstSeen, to: path("labels.jsonl"))

        var byName: [String: Int] = [:]
        var expected: [String: Double] = [:]
        for (i, e) in roster.entries.enumerated() {
            byName[e.profile.name, default: 0] += perPopulation[i]
            expected[e.profile.name, default: 0] += roster.targetRequests[i]
        }
        return SimulationSummary(
            requests: requests, accounts: roster.accounts.count,
            attackers: roster.accounts.filter { roster.entries[$0.population].profile.isAttacker }.count,
            labelled: labelled, trafficBytes: bytes, files: Simulator.files,
            requestsByPopulation: byName, expectedRequestsByPopulation: expected)
    }

    private func writeTraffic(_ roster: Roster, to path: String, progress: ((Double) -> Void)?) throws
        -> (Int64, Int64, [Int], [Int64]) {
        let w = try JSONLineWriter(path: path)
        var factory = RequestFactory(roster: roster, seed: config.seed)
        var clocks: [AccountClock] = []
        clocks.reserveCapacity(roster.accounts.count)
        var heap = EventHeap(capacity: roster.accounts.count)
        for (i, a) in roster.accounts.enumerated() {
            var clock = AccountClock(account: a)
            if clock.advance(account: a, profile: roster.entries[a.population].profile,
                             windowStart: roster.windowStart, first: true) {
                heap.push(time: clock.next, account: i)
            }
            clocks.append(clock)
        }
        let window = Double(roster.windowEnd - roster.windowStart)
        var counter: Int64 = 0
        var firstSeen = [Int64](repeating: .max, count: roster.accounts.count)
        while !heap.isEmpty {
            let (ts, i) = heap.top
            let a = roster.accounts[i]
            try factory.write(account: a, at: ts, rng: &clocks[i].rng, counter: counter, to: w)
            if firstSeen[i] == .max { firstSeen[i] = ts }
            counter += 1
            if counter & 0xFFFF == 0, let progress { progress(Double(ts - roster.windowStart) / window) }
            if clocks[i].advance(account: a, profile: roster.entries[a.population].profile, windowStart: roster.windowStart) {
                heap.replaceTop(time: clocks[i].next)
            } else {
                heap.popTop()
            }
        }
        try w.close()
        return (counter, w.bytesWritten, factory.requestsByPopulation, firstSeen)
    }

    private func writeModels(_ roster: Roster, to path: String) throws {
        let w = try JSONLineWriter(path: path)
        for (i, name) in ModelCatalog.names.enumerated() {
            w.beginObject()
            w.rawString("model", name)
            w.timestamp("released_at", millis: i == ModelCatalog.newModel ? roster.release : ModelCatalog.olderReleases[i])
            try w.endObject()
        }
        try w.close()
    }

    private func writeAccounts(_ roster: Roster, to path: String) throws {
        let w = try JSONLineWriter(path: path)
        for a in roster.accountsInIdOrder() {
            w.beginObject()
            w.paddedString("account_id", prefix: "acct_", a.idNumber, width: 7)
            w.timestamp("created_at", millis: a.createdAt)
            w.rawString("signup_route", a.signup.text)
            w.hexString("payment_fp", prefix: "pay_", a.payment, digits: 16)
            w.rawString("country", Country.all[a.country].code)
            w.hexString("org_id", prefix: "org_", a.org & 0xFFFF_FFFF_FFFF, digits: 12)
            try w.endObject()
        }
        try w.close()
    }

    private func writeTruth(_ roster: Roster, to path: String) throws {
        let w = try JSONLineWriter(path: path)
        for a in roster.accountsInIdOrder() {
            let profile = roster.entries[a.population].profile
            w.beginObject()
            w.paddedString("account_id", prefix: "acct_", a.idNumber, width: 7)
            w.string("population", profile.name)
            if let c = profile.campaign { w.string("campaign", c) } else { w.null("campaign") }
            w.string("cluster", roster.clusterNames[a.cluster])
            w.bool("attacker", profile.isAttacker)
            try w.endObject()
        }
        try w.close()
    }

    /// Labels are partial and delayed (see `LabelPolicy`), written in the order they were made. Nobody labels
    /// an account before it has been seen: a label is at least an hour after its first request, inside the window.
    private func writeLabels(_ roster: Roster, firstSeen: [Int64], to path: String) throws -> Int {
        let w = try JSONLineWriter(path: path)
        var labelled: [(at: Int64, account: Account)] = []
        for (i, a) in roster.accounts.enumerated() {
            guard let at = a.labelAt, firstSeen[i] != .max else { continue }
            let when = max(at, firstSeen[i] + 3_600_000)
            if when < roster.windowEnd { labelled.append((when, a)) }
        }
        labelled.sort { ($0.at, $0.account.idNumber) < ($1.at, $1.account.idNumber) }
        for (at, a) in labelled {
            let profile = roster.entries[a.population].profile
            w.beginObject()
            w.paddedString("account_id", prefix: "acct_", a.idNumber, width: 7)
            w.rawString("label", profile.isAttacker ? "distillation" : "benign")
            if let c = profile.campaign { w.string("campaign", c) }
            w.string("cluster", roster.clusterNames[a.cluster])
            w.timestamp("labeled_at", millis: at)
            w.rawString("source", profile.labels.source)
            try w.endObject()
        }
        try w.close()
        return labelled.count
    }
}
