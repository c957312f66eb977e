/// Cross-account (hydra) linking: accounts that share an IP, payment fingerprint, client fingerprint,
/// system-prompt hash or prompt template are merged into clusters with union-find. A shared payment fingerprint
/// links two accounts on its own; the other (weak) types link a pair only when it shares at least two of them, so
/// strangers behind one VPN exit, or users of one SDK, do not chain unrelated populations into one component.
///
/// Keys shared by more than `fanOutCap` accounts are *not* used for linking — a campus NAT, a cloud egress IP or a
/// popular SDK's default system prompt would otherwise merge everything — but their fan-out still feeds
/// `accounts_per_ip_*` and is reported as high-fan-out keys. Each account contributes at most 64 keys per type
/// (the bottom-k exact part of its distinct counters), so linking is bounded and order-independent.
struct AccountLinker {
    var fanOutCap: Int

    /// One extracted cluster (size ≥ 2).
    struct Cluster: Sendable, Equatable {
        var id: String
        var members: [Int]
        var linkTypes: UInt8
    }

    struct Result: Sendable {
        /// Per account, in `FeatureSchema.clusterFeatures` order.
        var features: [[Double]]
        /// Cluster id per account (nil for singletons).
        var clusterOf: [String?]
        var clusters: [Cluster]
        /// Keys skipped for linking because more than `fanOutCap` accounts shared them, per link type.
        var highFanOutKeys: [LinkType: Int]
    }

    /// A key tagged with its type, so an IP and a fingerprint with equal hashes never collide.
    @inline(__always) static func tag(_ k: UInt64, _ t: LinkType) -> UInt64 {
        Hashing.mix(k ^ UInt64(t.rawValue + 1) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The account's keys of one type, read in place (see `SortedAccounts.withAccount`); the template keys were
    /// prepared with the account's other costly parts (`prepareFinish`).
    private static func keySets(_ accounts: SortedAccounts, _ i: Int, _ t: LinkType) -> [UInt64] {
        accounts.withAccount(i) { a in
            switch t {
            case .ip: return a.ips.smallest
            case .payment: return a.payments.smallest
            case .clientFP: return a.clientFPs.smallest
            case .systemPrompt: return a.systemHashes.smallest
            case .template: return a.finishCache?.templateKeys ?? a.templateKeys()
            }
        }
    }

    /// `accounts` must be in the final (sorted by id) order; `extraPayments[i]` holds payment-fingerprint hashes
    /// from accounts.jsonl for account i, `orgs[i]` the hash of its `org_id` there (nil: unknown, counted as an
    /// org of its own).
    ///
    /// Flat tables instead of a dictionary of arrays: every distinct (tagged) key gets a dense group number, each
    /// account's keys are stored as group numbers in one array, and the holders of all groups share one array
    /// (group g's holders are `holders[holderStart[g]..<holderStart[g + 1]]`, ascending because accounts are
    /// visited in order). Each key is hashed once, and no per-key array is allocated.
    func link(_ accounts: SortedAccounts, extraPayments: [[UInt64]], orgs: [UInt64?]? = nil) -> Result {
        let n = accounts.count, types = LinkType.allCases.count
        // Account i's keys of type t are the groups `keyGroups[keyStart[i * types + t]..<keyStart[i * types + t + 1]]`.
        var keyStart = [Int](repeating: 0, count: n * types + 1)
        var keyGroups: [Int32] = []
        var groupIndex = HashIndex(capacity: 4 * n)
        var groupType: [UInt8] = []
        var groupSize: [Int32] = []
        for i in 0..<n {
            for t in LinkType.allCases {
                var ks = Self.keySets(accounts, i, t)
                if t == .payment, !extraPayments[i].isEmpty {
                    for p in extraPayments[i] { ks.append(Hashing.mix(p)) }
                    ks.sort()
                    var unique = 1
                    for j in 1..<ks.count where ks[j] != ks[unique - 1] { ks[unique] = ks[j]; unique += 1 }
                    ks.removeLast(ks.count - unique)
                }
                for k in ks {
                    let (g, isNew) = groupIndex.insert(Self.tag(k, t), Int32(groupSize.count))
                    if isNew { groupType.append(UInt8(t.rawValue)); groupSize.append(0) }
                    groupSize[Int(g)] += 1
                    keyGroups.append(g)
                }
                keyStart[i * types + t.rawValue + 1] = keyGroups.count
            }
        }
        let groups = groupSize.count
        var holderStart = [Int](repeating: 0, count: groups + 1)
        for g in 0..<groups { holderStart[g + 1] = holderStart[g] + Int(groupSize[g]) }
        var holders = [Int32](repeating: 0, count: keyGroups.count)
        var fill = holderStart
        for i in 0..<n {
            for e in keyStart[i * types]..<keyStart[(i + 1) * types] {
                let g = Int(keyGroups[e])
                holders[fill[g]] = Int32(i)
                fill[g] += 1
            }
        }

        var uf = UnionFind(count: n)
        var linkBits = [UInt8](repeating: 0, count: n)
        var highFanOut: [LinkType: Int] = [:]
        // Evidence is counted per pair of accounts: the link types whose keys (under the cap) both hold. Weak types
        // (IP, client fingerprint, system prompt, template) are shared by strangers too — a VPN exit, a popular SDK,
        // a public prompt — so one weak type alone never links; two do (the same IPs *and* the same system prompt).
        // A shared payment fingerprint is an identity link on its own. The pair's shared types are its link types.
        // Pairs `a << 32 | b` (a < b, so never 0) map to the bit set of the link types they share. The table is
        // sized for the pairs the groups under the cap can make at most, rather than one per key: most keys are
        // held by one account, and a table sized by keys is mostly fresh zeroed pages never used.
        var pairBound = 0
        for g in 0..<groups where groupSize[g] >= 2 && Int(groupSize[g]) <= fanOutCap {
            pairBound += Int(groupSize[g]) * Int(groupSize[g] - 1) / 2
        }
        var pairs = HashIndex(capacity: pairBound)
        for g in 0..<groups {
            let h = holders[holderStart[g]..<holderStart[g + 1]]
            guard h.count >= 2 else { continue }
            let t = LinkType(rawValue: Int(groupType[g]))!
            if h.count > fanOutCap { highFanOut[t, default: 0] += 1; continue }
            for a in h.indices {
                for b in (a + 1)..<h.endIndex {
                    pairs.formUnion(UInt64(UInt32(h[a])) << 32 | UInt64(UInt32(h[b])), Int32(t.bit))
                }
            }
        }
        pairs.forEach { pair, set in
            let bits = UInt8(truncatingIfNeeded: set)
            guard bits & LinkType.strongBits != 0 || bits.nonzeroBitCount >= 2 else { return }
            let a = Int(pair >> 32), b = Int(pair & 0xFFFF_FFFF)
            uf.union(a, b)
            linkBits[a] |= bits
            linkBits[b] |= bits
        }

        // Components in order of their smallest member (= representative): visiting accounts in order meets each
        // component's representative first and appends its members in ascending order.
        var clusters: [Cluster] = []
        var clusterOf = [String?](repeating: nil, count: n)
        var clusterIndex = [Int](repeating: -1, count: n)
        for i in 0..<n {
            let root = uf.find(i)
            guard uf.size[root] >= 2 else { continue }
            if root == i {
                clusterIndex[i] = clusters.count
                clusters.append(Cluster(id: "h\(clusters.count + 1)", members: [], linkTypes: 0))
            }
            let c = clusterIndex[root]
            clusterIndex[i] = c
            clusterOf[i] = clusters[c].id
            clusters[c].members.append(i)
            clusters[c].linkTypes |= linkBits[i]
        }

        let cueHeavy = (0..<n).map { i in accounts.withAccount(i) { $0.finishCache?.isCueHeavy ?? $0.isCueHeavy } }
        let cueHeavyPerCluster = clusters.map { c in c.members.filter { cueHeavy[$0] }.count }
        var sync = [Double](repeating: .nan, count: n)
        for c in clusters {
            let s = Self.synchrony(c.members.map { m in accounts.withAccount(m) { Self.hourSeries($0.hours) } })
            for (k, m) in c.members.enumerated() { sync[m] = s[k] }
        }

        // Distinct orgs among a payment key's holders, computed once per key.
        var orgsOfGroup = [Int32](repeating: -1, count: groups)
        func distinctOrgs(_ g: Int) -> Int32 {
            if orgsOfGroup[g] < 0 {
                var distinct = Set<UInt64>()
                for j in holders[holderStart[g]..<holderStart[g + 1]] {
                    if let org = orgs?[Int(j)] { distinct.insert(org) } else { distinct.insert(UInt64(j) | 1 << 63) }
                }
                orgsOfGroup[g] = Int32(distinct.count)
            }
            return orgsOfGroup[g]
        }
        var features: [[Double]] = []
        features.reserveCapacity(n)
        for i in 0..<n {
            let ipKeys = keyGroups[keyStart[i * types + LinkType.ip.rawValue]..<keyStart[i * types + LinkType.ip.rawValue + 1]]
            var ipSum = 0.0, ipMax = -Double.infinity
            for g in ipKeys { let f = Double(groupSize[Int(g)]); ipSum += f; ipMax = max(ipMax, f) }
            let payKeys = keyGroups[keyStart[i * types + LinkType.payment.rawValue]..<keyStart[i * types + LinkType.payment.rawValue + 1]]
            var payMax = -Double.infinity, orgMax = -Double.infinity
            for g in payKeys {
                payMax = max(payMax, Double(groupSize[Int(g)]))
                orgMax = max(orgMax, Double(distinctOrgs(Int(g))))
            }
            var cueShare = Double.nan
            var size = 1.0
            if clusterIndex[i] >= 0 {
                let members = clusters[clusterIndex[i]].members
                size = Double(members.count)
                let others = cueHeavyPerCluster[clusterIndex[i]] - (cueHeavy[i] ? 1 : 0)
                cueShare = Double(others) / Double(members.count - 1)
            }
            features.append([
                ipKeys.isEmpty ? .nan : ipSum / Double(ipKeys.count),
                ipKeys.isEmpty ? .nan : ipMax,
                payKeys.isEmpty ? .nan : payMax,
                payKeys.isEmpty ? .nan : orgMax,
                size,
                cueShare,
                sync[i],
                linkBits[i] & LinkType.template.bit != 0 ? 1 : 0,
                linkBits[i] & LinkType.payment.bit != 0 ? 1 : 0,
            ])
        }
        return Result(features: features, clusterOf: clusterOf, clusters: clusters, highFanOutKeys: highFanOut)
    }

    /// For each member, the Pearson correlation between its requests per epoch hour and the sum of the other
    /// members' over the union of the cluster's active hours (H hours): load-balanced pools move together (≈ 1),
    /// unrelated users behind one NAT do not. NaN when either series is constant. `series[m]` lists member m's
    /// (hour, requests) by ascending hour (see `hourSeries`).
    ///
    /// Computed sparsely: with T = the cluster total per hour and o = T − x,
    /// cov = Σx·T − Σx² − H·x̄·ō, var x = Σx² − H·x̄², var o = ΣT² − 2Σx·T + Σx² − H·ō²,
    /// so each member costs O(its own active hours), not O(H). The totals are one sorted array that each member's
    /// hours walk alongside (no dictionary); every sum runs in ascending hour order.
    static func synchrony(_ series: [[(hour: Int32, count: Int32)]]) -> [Double] {
        var all = series.flatMap { $0 }
        all.sort { $0.hour < $1.hour }
        var totalHours: [Int32] = [], total: [Double] = []
        for (h, c) in all {
            if totalHours.last == h { total[total.count - 1] += Double(c) } else {
                totalHours.append(h)
                total.append(Double(c))
            }
        }
        let hours = Double(total.count)
        var sumT = 0.0, sumT2 = 0.0
        for t in total { sumT += t; sumT2 += t * t }
        guard hours >= 2 else { return series.map { _ in .nan } }
        return series.map { s in
            var sx = 0.0, sxx = 0.0, sxT = 0.0
            var k = 0
            for (h, c) in s {
                while totalHours[k] < h { k += 1 }
                let x = Double(c)
                sx += x; sxx += x * x; sxT += x * total[k]
            }
            let mx = sx / hours, mo = (sumT - sx) / hours
            let cov = sxT - sxx - hours * mx * mo
            let vx = sxx - hours * mx * mx
            let vo = sumT2 - 2 * sxT + sxx - hours * mo * mo
            guard vx > 1e-9, vo > 1e-9 else { return .nan }
            return cov / (vx * vo).squareRoot()
        }
    }

    /// An account's (hour, requests) by ascending hour, as `synchrony` takes them.
    static func hourSeries(_ hours: HourCounts) -> [(hour: Int32, count: Int32)] {
        var s: [(hour: Int32, count: Int32)] = []
        s.reserveCapacity(hours.count)
        hours.forEach { s.append(($0, $1)) }
        s.sort { $0.hour < $1.hour }
        return s
    }

    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        guard a.count >= 2 else { return .nan }
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for k in 0..<a.count {
            let da = a[k] - ma, db = b[k] - mb
            sab += da * db; saa += da * da; sbb += db * db
        }
        guard saa > 0, sbb > 0 else { return .nan }
        return sab / (saa * sbb).squareRoot()
    }
}

