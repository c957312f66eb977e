import Foundation
import XCTest
@testable import Simulation

/// The populations come out in the documented proportions, and no single signal separates attackers.
final class PopulationTests: XCTestCase {
    let data = TestDataset.shared

    func testAccountCountsMatchTheScenario() {
        let scale = 0.15
        var counts: [String: Int] = [:]
        for t in data.truth { counts[t["population"] as! String, default: 0] += 1 }
        for e in Scenario.default.entries {
            let expected = max(1, Int((Double(e.accounts) * scale).rounded()))
            XCTAssertEqual(counts[e.profile.name], expected, e.profile.name)
        }
    }

    func testRequestSharesMatchTheScenarioWithinTolerance() {
        var counts: [String: Int] = [:]
        for line in data.traffic { counts[data.populationOf[line["account_id"] as! String]!, default: 0] += 1 }
        XCTAssertEqual(counts, data.summary.requestsByPopulation)
        let total = Double(data.traffic.count)
        let expectedTotal = data.summary.expectedRequestsByPopulation.values.reduce(0, +)
        XCTAssertEqual(total / expectedTotal, 1, accuracy: 0.15)
        // Populations with many accounts must land close; ones with a handful of pipelines are noisier.
        for e in Scenario.default.entries where e.accounts >= 100 {
            let share = Double(counts[e.profile.name] ?? 0) / total
            let expected = data.summary.expectedRequestsByPopulation[e.profile.name]! / expectedTotal
            XCTAssertEqual(share / expected, 1, accuracy: 0.3, "\(e.profile.name): share \(share) vs \(expected)")
        }
        let attackerShare = Double(data.traffic.filter { data.attackerIds.contains($0["account_id"] as! String) }.count) / total
        let attack = Scenario.default.entries.filter { $0.profile.isAttacker }.reduce(0) { $0 + $1.requests }
        let all = Scenario.default.entries.reduce(0) { $0 + $1.requests }
        XCTAssertEqual(attackerShare, Double(attack) / Double(all), accuracy: 0.08)
    }

    /// Output length alone must not separate attackers: several benign populations overlap them.
    func testOutputTokensOverlapBetweenAttackersAndHardNegatives() {
        var perPopulation: [String: [Int]] = [:]
        for line in data.traffic where (line["status"] as? Int ?? 200) == 200 {
            perPopulation[data.populationOf[line["account_id"] as! String]!, default: []].append(line["output_tokens"] as! Int)
        }
        func median(_ name: String) -> Double {
            let v = perPopulation[name]!.sorted()
            return Double(v[v.count / 2])
        }
        let attackerMedians = ["campaign_ds", "campaign_ms", "campaign_mm_hydra"].map(median)
        let lo = attackerMedians.min()!, hi = attackerMedians.max()!
        let overlapping = ["developer_agent", "eval_harness", "synthetic_data_licensed", "legit_reseller"]
            .filter { (lo * 0.6...hi * 1.4).contains(median($0)) }
        XCTAssertGreaterThanOrEqual(overlapping.count, 2, "benign medians do not overlap attackers: \(overlapping)")
    }

    /// "Think step by step" is not an attacker tell: evaluation harnesses say it too.
    func testEvaluationHarnessesAlsoAskToThinkStepByStep() {
        var hits: [String: Int] = [:]
        for line in data.traffic {
            guard let p = line["prompt"] as? String, p.contains("step by step") else { continue }
            hits[data.populationOf[line["account_id"] as! String]!, default: 0] += 1
        }
        XCTAssertGreaterThan(hits["eval_harness"] ?? 0, 50)
        XCTAssertGreaterThan(hits["campaign_ds"] ?? 0, 0)
    }

    /// Shared egress is common among honest users: many benign accounts share an IP with other accounts.
    func testSharedIPsAreNotOnlyAttackers() {
        var accountsByIP: [String: Set<String>] = [:]
        for line in data.traffic {
            if let ip = line["ip"] as? String { accountsByIP[ip, default: []].insert(line["account_id"] as! String) }
        }
        var benignShared = Set<String>()
        for (_, ids) in accountsByIP where ids.count >= 5 {
            benignShared.formUnion(ids.subtracting(data.attackerIds))
        }
        XCTAssertGreaterThan(benignShared.count, 50)
    }

    /// A young account is not an attacker tell: legitimate sign-ups arrive all through the window, not just at
    /// its start, so many benign accounts are first seen days into it, hours after being created.
    func testLegitimateSignUpsArriveThroughoutTheWindow() {
        let start = SimulationConfig.defaultStartMillis
        let day: Int64 = 86_400_000
        var firstSeen: [String: Int64] = [:]
        for line in data.traffic {
            let id = line["account_id"] as! String, ts = Timestamp.parse(line["ts"] as! String)!
            firstSeen[id] = min(firstSeen[id] ?? .max, ts)
        }
        var lateNewBenign = 0
        for a in data.accounts {
            let id = a["account_id"] as! String
            guard !data.attackerIds.contains(id), let first = firstSeen[id] else { continue }
            let created = Timestamp.parse(a["created_at"] as! String)!
            if created > start + 3 * day, first - created < 3 * day { lateNewBenign += 1 }
        }
        XCTAssertGreaterThan(lateNewBenign, 30, "benign accounts created after day 3 of the window")
    }

    /// A card paying for many orgs is not an attacker tell either: a reseller's card pays for its customers'
    /// orgs; and not every attacker shares a card.
    func testSharedCardsAcrossOrgsAreNotOnlyAttackers() {
        var orgsByCard: [String: Set<String>] = [:], accountsByCard: [String: [String]] = [:]
        for a in data.accounts {
            let card = a["payment_fp"] as! String
            orgsByCard[card, default: []].insert(a["org_id"] as! String)
            accountsByCard[card, default: []].append(a["account_id"] as! String)
        }
        let manyOrgCards = orgsByCard.filter { $0.value.count >= 5 }.keys
        let benignOnManyOrgCards = manyOrgCards.flatMap { accountsByCard[$0]! }.filter { !data.attackerIds.contains($0) }
        XCTAssertGreaterThan(benignOnManyOrgCards.count, 10)
        let soloAttackers = accountsByCard.values.filter { $0.count == 1 && data.attackerIds.contains($0[0]) }.count
        XCTAssertGreaterThan(soloAttackers, 10, "some attackers pay with cards of their own")
    }

    /// The release pivot: the campaign moves traffic to the new model soon after release; so do developers.
    func testNewModelIsAdoptedAfterReleaseByAttackersAndDevelopers() {
        let newModel = data.models.max { Timestamp.parse($0["released_at"] as! String)! < Timestamp.parse($1["released_at"] as! String)! }!
        let name = newModel["model"] as! String
        let release = Timestamp.parse(newModel["released_at"] as! String)!
        var share: [String: (Int, Int)] = [:]
        for line in data.traffic {
            let ts = Timestamp.parse(line["ts"] as! String)!
            if line["model"] as! String == name { XCTAssertGreaterThanOrEqual(ts, release) }
            guard ts >= release + 2 * 86_400_000 else { continue }
            let p = data.populationOf[line["account_id"] as! String]!
            var s = share[p] ?? (0, 0)
            s.1 += 1
            if line["model"] as! String == name { s.0 += 1 }
            share[p] = s
        }
        func frac(_ p: String) -> Double { Double(share[p]!.0) / Double(share[p]!.1) }
        XCTAssertEqual(frac("campaign_mm_hydra"), 0.5, accuracy: 0.1)
        XCTAssertGreaterThan(frac("developer_agent"), 0.4)
        XCTAssertLessThan(frac("enterprise_batch"), 0.3)
    }
}
