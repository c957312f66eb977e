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

    private static func keySets(_ a: AccountAccumulator, _ t: LinkType) -> [UInt64] {
        switch t {
        case .ip: return a.ips.smallest
        case .payment: return a.payments.smallest
        case .clientFP: return a.clientFPs.smallest
        case .systemPrompt: return a.systemHashes.smallest
        case .template: return a.templateKeys()
        }
    }

    /// `accounts` must be in the final (sorted by id) order; `extraPayments[i]` holds payment-fingerprint hashes
    /// from accounts.jsonl for account i, `orgs[i]` the hash of its `org_id` there (nil: unknown, counted as an
    /// org of its own).
    func link(_ accounts: [AccountAccumulator], extraPayments: [[UInt64]], orgs: [UInt64?]? = nil) -> Result {
        let n = accounts.count
        var keys: [[UInt64]] = Array(repeating: [], count: n * LinkType.allCases.count)
        // key (tagged with its type) → accounts holding it, in ascending account order.
        var holders: [UInt64: [Int32]] = [:]
        for i in 0..<n {
            for t in LinkType.allCases {
                var ks = Self.keySets(accounts[i], t)
                if t == .payment {
                    for p in extraPayments[i] { ks.append(Hashing.mix(p)) }
                    ks = Array(Set(ks)).sorted()
                }
                keys[i * LinkType.allCases.count + t.rawValue] = ks
                for k in ks { holders[Self.tag(k, t), default: []].append(Int32(i)) }
            }
        }
        var uf = UnionFind(count: n)
        var linkBits = [UInt8](repeating: 0, count: n)
        var highFanOut: [LinkType: Int] = [:]
        // Evidence is counted per pair of accounts: the link types whose keys (under the cap) both hold. Weak types
        // (IP, client fingerprint, system prompt, template) are shared by strangers too — a VPN exit, a popular SDK,
        // a public prompt — so one weak type alone never links; two do (the same IPs *and* the same system prompt).
        // A shared payment fingerprint is an identity link on its own. The pair's shared types are its link types.
        var pairs: [UInt64: UInt8] = [:]
        for i in 0..<n {
            for t in LinkType.allCases {
                for k in keys[i * LinkType.allCases.count + t.rawValue] {
                    let h = holders[Self.tag(k, t)]!
                    guard h.count >= 2, Int(h[0]) == i else { continue }  // handle each key once, at its first holder
                    if h.count > fanOutCap { highFanOut[t, default: 0] += 1; continue }
                    for a in 0..<h.count {
                        for b in (a + 1)..<h.count {
                            pairs[UInt64(UInt32(h[a])) << 32 | UInt64(UInt32(h[b])), default: 0] |= t.bit
                        }
                    }
                }
            }
        }
        for (pair, bits) in pairs where bits & LinkType.strongBits != 0 || bits.nonzeroBitCount >= 2 {
            let a = Int(pair >> 32), b = Int(pair & 0xFFFF_FFFF)
            uf.union(a, b)
            linkBits[a] |= bits
            linkBits[b] |= bits
        }

        // Components in order of their smallest member (= representative).
        var membersOf: [Int: [Int]] = [:]
        for i in 0..<n { membersOf[uf.find(i), default: []].append(i) }
        var clusters: [Cluster] = []
        var clusterOf = [String?](repeating: nil, count: n)
        var clusterIndex = [Int](repeating: -1, count: n)
        for root in membersOf.keys.sorted() {
            let members = membersOf[root]!
            guard members.count >= 2 else { continue }
            let id = "h\(clusters.count + 1)"
            var bits: UInt8 = 0
            for m in members { bits |= linkBits[m]; clusterOf[m] = id; clusterIndex[m] = clusters.count }
            clusters.append(Cluster(id: id, members: members, linkTypes: bits))
        }

        let cueHeavy = accounts.map(\.isCueHeavy)
        let cueHeavyPerCluster = clusters.map { c in c.members.filter { cueHeavy[$0] }.count }
        var sync = [Double](repeating: .nan, count: n)
        for c in clusters {
            let s = Self.synchrony(c.members.map { accounts[$0].hourly })
            for (k, m) in c.members.enumerated() { sync[m] = s[k] }
        }

        var features: [[Double]] = []
        features.reserveCapacity(n)
        for i in 0..<n {
            let ipKeys = keys[i * LinkType.allCases.count + LinkType.ip.rawValue]
            let ipFan = ipKeys.map { Double(holders[Self.tag($0, LinkType.ip)]!.count) }
            let payKeys = keys[i * LinkType.allCases.count + LinkType.payment.rawValue]
            let payFan = payKeys.map { Double(holders[Self.tag($0, LinkType.payment)]!.count) }
            let payOrgs = payKeys.map { k -> Double in
                let h = holders[Self.tag(k, LinkType.payment)]!
                var distinct = Set<UInt64>()
                for j in h {
                    if let org = orgs?[Int(j)] { distinct.insert(org) } else { distinct.insert(UInt64(j) | 1 << 63) }
                }
                return Double(distinct.count)
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
                ipFan.isEmpty ? .nan : ipFan.reduce(0, +) / Double(ipFan.count),
                ipFan.max() ?? .nan,
                payFan.max() ?? .nan,
                payOrgs.max() ?? .nan,
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
    /// unrelated users behind one NAT do not. NaN when either series is constant.
    ///
    /// Computed sparsely: with T = the cluster total per hour and o = T − x,
    /// cov = Σx·T − Σx² − H·x̄·ō, var x = Σx² − H·x̄², var o = ΣT² − 2Σx·T + Σx² − H·ō²,
    /// so each member costs O(its own active hours), not O(H).
    static func synchrony(_ series: [[Int32: Int32]]) -> [Double] {
        var total: [Int32: Double] = [:]
        for s in series { for (h, c) in s { total[h, default: 0] += Double(c) } }
        let hours = Double(total.count)
        var sumT = 0.0, sumT2 = 0.0
        for h in total.keys.sorted() { let t = total[h]!; sumT += t; sumT2 += t * t }
        guard hours >= 2 else { return series.map { _ in .nan } }
        return series.map { s in
            var sx = 0.0, sxx = 0.0, sxT = 0.0
            for h in s.keys.sorted() {
                let x = Double(s[h]!)
                sx += x; sxx += x * x; sxT += x * total[h]!
            }
            let mx = sx / hours, mo = (sumT - sx) / hours
            let cov = sxT - sxx - hours * mx * mo
            let vx = sxx - hours * mx * mx
            let vo = sumT2 - 2 * sxT + sxx - hours * mo * mo
            guard vx > 1e-9, vo > 1e-9 else { return .nan }
            return cov / (vx * vo).squareRoot()
        }
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
