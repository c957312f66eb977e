import Foundation
import XCTest
@testable import Simulation

/// Every file follows the documented data contract (docs/simulator.md), read back with Foundation.
final class ContractTests: XCTestCase {
    let data = TestDataset.shared

    func testTrafficLinesHaveRequiredFieldsOfTheRightTypes() {
        XCTAssertGreaterThan(data.traffic.count, 10_000)
        XCTAssertEqual(Int64(data.traffic.count), data.summary.requests)
        let accounts = Set(data.truth.map { $0["account_id"] as! String })
        let models = Set(data.models.map { $0["model"] as! String })
        var previous = Int64.min
        var requestIds = Set<String>()
        for line in data.traffic {
            guard let ts = line["ts"] as? String, let ms = Timestamp.parse(ts) else { return XCTFail("bad ts in \(line)") }
            XCTAssertGreaterThanOrEqual(ms, previous, "traffic is not in time order")
            previous = ms
            XCTAssertTrue(accounts.contains(line["account_id"] as? String ?? ""), "unknown account in \(line)")
            XCTAssertTrue(models.contains(line["model"] as? String ?? ""))
            for key in ["input_tokens", "output_tokens"] {
                guard let v = line[key] as? Int else { return XCTFail("\(key) missing in \(line)") }
                XCTAssertGreaterThanOrEqual(v, 0)
            }
            for key in ["asn", "max_tokens", "thinking_budget", "tools", "tool_calls", "images", "turns",
                        "cache_read_tokens", "status", "latency_ms"] where line[key] != nil {
                XCTAssertNotNil(line[key] as? Int, "\(key) is not an integer in \(line)")
            }
            if let id = line["request_id"] as? String { XCTAssertTrue(requestIds.insert(id).inserted, "duplicate \(id)") }
            if let e = line["endpoint"] { XCTAssertTrue(["messages", "batch"].contains(e as? String ?? "")) }
            if let s = line["stop_reason"] { XCTAssertTrue(["end_turn", "max_tokens", "tool_use"].contains(s as? String ?? "")) }
            if let p = line["prompt"] as? String { XCTAssertLessThanOrEqual(p.utf8.count, PromptBank.maxLength) }
            if let c = line["country"] as? String { XCTAssertEqual(c.count, 2) }
        }
    }

    func testOptionalFieldsAreSometimesMissingLikeRealLogs() {
        for key in ["request_id", "ip", "user_agent", "client_fp", "payment_fp", "prompt", "system_hash"] {
            let present = data.traffic.filter { $0[key] != nil }.count
            XCTAssertGreaterThan(present, data.traffic.count / 2, key)
            XCTAssertLessThan(present, data.traffic.count, "\(key) is never missing")
        }
    }

    func testSideFilesAreConsistent() {
        let truthIds = Set(data.truth.map { $0["account_id"] as! String })
        XCTAssertEqual(truthIds.count, data.truth.count, "duplicate account in truth.jsonl")
        XCTAssertEqual(Set(data.accounts.map { $0["account_id"] as! String }), truthIds)
        let routes: Set<String> = ["self_serve", "education", "startup_program", "research_program", "enterprise"]
        for a in data.accounts {
            XCTAssertNotNil(Timestamp.parse(a["created_at"] as! String))
            XCTAssertTrue(routes.contains(a["signup_route"] as! String))
            XCTAssertNotNil(a["payment_fp"] as? String)
            XCTAssertNotNil(a["org_id"] as? String)
        }
        for t in data.truth {
            let attacker = t["attacker"] as! Bool
            XCTAssertEqual(attacker, t["campaign"] is String, "campaign must be set exactly for attackers")
            XCTAssertNotNil(t["cluster"] as? String)
        }
        let attackers = data.attackerIds
        for l in data.labels {
            let id = l["account_id"] as! String
            XCTAssertTrue(truthIds.contains(id), "label for unknown account \(id)")
            XCTAssertEqual(l["label"] as! String == "distillation", attackers.contains(id), "label disagrees with truth")
            XCTAssertNotNil(Timestamp.parse(l["labeled_at"] as! String))
            XCTAssertNotNil(l["source"] as? String)
        }
        XCTAssertTrue(data.models.contains { Timestamp.parse($0["released_at"] as! String)! > SimulationConfig.defaultStartMillis },
                      "no model released inside the window")
    }

    func testLabelsArePartialAndDelayed() {
        let attackers = data.attackerIds
        let labelledAttackers = Set(data.labels.filter { $0["label"] as! String == "distillation" }.map { $0["account_id"] as! String })
        let share = Double(labelledAttackers.count) / Double(attackers.count)
        XCTAssertGreaterThan(share, 0.3)
        XCTAssertLessThan(share, 0.95, "every attacker is labelled; labels should be partial")
        let benignLabelled = data.labels.filter { $0["label"] as! String == "benign" }.count
        XCTAssertGreaterThan(benignLabelled, 0)
        XCTAssertLessThan(benignLabelled, (data.truth.count - attackers.count) / 5)
        // Delayed: an attacker's label comes after its first request.
        var first: [String: Int64] = [:]
        for line in data.traffic {
            let id = line["account_id"] as! String
            if first[id] == nil { first[id] = Timestamp.parse(line["ts"] as! String)! }
        }
        for l in data.labels where l["label"] as! String == "distillation" {
            let id = l["account_id"] as! String
            if let f = first[id] { XCTAssertGreaterThan(Timestamp.parse(l["labeled_at"] as! String)!, f) }
        }
    }
}
