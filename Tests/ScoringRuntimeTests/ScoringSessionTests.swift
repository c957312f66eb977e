import Foundation
@testable import ScoringRuntime
import TrafficFeatures
import XCTest

/// Periodic output and idle eviction of the streaming session, on the clustered synthetic traffic (about 3.4
/// days, 40 accounts, one request every ~97 s, so each account is quiet for about an hour between requests).
final class ScoringSessionTests: XCTestCase {
    func run(_ options: ScoringSession.Options, check: ((ScoringSession) -> Void)? = nil) throws -> (ScoringSession, [ScoreLine]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hydrawatch-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("traffic.jsonl").path
        try StreamingParityTests.syntheticTraffic().write(toFile: path, atomically: true, encoding: .utf8)
        let session = try ScoringSession(model: StreamingParityTests.model(), context: FeatureContext(), options: options)
        var lines: [ScoreLine] = []
        _ = try TrafficReader().read(path: path) { r in
            lines += session.add(r)
            check?(session)
        }
        return (session, lines + session.finish())
    }

    func testEmitEveryWritesOneLinePerActiveAccountPerPeriodWithIncreasingAsOf() throws {
        let every = 6 * 3600.0
        let (_, lines) = try run(.init(emitEvery: every))
        let periodic = lines.filter { $0.asOf != nil }
        let final = lines.filter { $0.asOf == nil }
        XCTAssertEqual(final.count, 40)
        let asOfs = periodic.map { $0.asOf! }
        XCTAssertEqual(asOfs, asOfs.sorted(), "as_of is monotone")
        let periods = Dictionary(grouping: periodic, by: { $0.asOf! })
        // ~3.4 days of traffic: 13 closed six-hour periods, each on a period boundary.
        XCTAssertGreaterThanOrEqual(periods.count, 12)
        for (end, group) in periods {
            XCTAssertEqual(end.truncatingRemainder(dividingBy: every), 0)
            let ids = group.map { $0.accountID! }
            XCTAssertEqual(ids, Set(ids).sorted(), "one line per account per period, sorted by id")
            XCTAssertTrue(group.allSatisfy { $0.json.contains("\"as_of\":\"") })
        }
        // Every line of a period is a valid timestamp string that parses back to its as_of.
        let sample = periodic[0].json
        let stamp = sample.components(separatedBy: "\"as_of\":\"")[1].prefix(20)
        XCTAssertEqual(RFC3339.parse(String(stamp)), periodic[0].asOf)
    }

    func testIdleEvictionKeepsOnlyActiveAccounts() throws {
        let idle = 3600.0
        var worst = 0.0
        let (session, lines) = try run(.init(idleEvict: idle)) { s in
            // Held accounts are never idle for longer than the eviction delay plus its check cadence.
            for id in s.stream.idleAccounts(idle: 0) {
                worst = max(worst, s.stream.clock - s.stream.lastSeen(id)!)
            }
        }
        XCTAssertGreaterThan(session.evicted, 0)
        XCTAssertLessThanOrEqual(worst, idle + idle / 16)
        XCTAssertLessThan(session.peakAccounts, 40)
        // Each eviction and each account held at the end gave one final line.
        XCTAssertEqual(lines.count, session.evicted + session.stream.accountCount)
        XCTAssertEqual(Set(lines.map { $0.accountID! }).count, 40)
    }

    /// Periodic lines finish only the accounts active in the period, yet each must equal the line built from the
    /// full `vectors()` of the held accounts at that moment (cluster features linked over all of them). With
    /// eviction on as well, the slots of active accounts are renumbered between periods, which this also covers.
    func testPeriodicLinesEqualLinesFromAllHeldVectors() throws {
        let model = StreamingParityTests.model()
        let scorer = ModelScorer(model)
        var before: (accountIDs: [String], rows: [[Double]]) = ([], [])
        var checked = 0, accountsPerPeriod: [Double: Int] = [:]
        // A vector snapshot per request is slow; 1,200 requests (~1.3 days) with two-hour periods are enough.
        let options = ScoringSession.Options(emitEvery: 2 * 3600, idleEvict: 3 * 3600)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hydrawatch-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("traffic.jsonl").path
        try StreamingParityTests.syntheticTraffic(requests: 1200).write(toFile: path, atomically: true, encoding: .utf8)
        let session = try ScoringSession(model: model, context: FeatureContext(), options: options)
        // Accounts admitted since the last period end and not evicted since: exactly the next period's lines.
        var active = Set<String>()
        _ = try TrafficReader().read(path: path) { r in
            let used = session.stream.used
            let out = session.add(r)
            let periodic = out.filter { $0.asOf != nil }
            if !periodic.isEmpty {
                XCTAssertEqual(Set(periodic.map { $0.accountID! }), active)
                active.removeAll()
            }
            if session.stream.used > used { active.insert(r.string(.accountID)!) }
            for line in out where line.asOf == nil { active.remove(line.accountID!) }
            for line in periodic {
                guard let k = before.accountIDs.firstIndex(of: line.accountID!) else {
                    XCTFail("\(line.accountID!) was not held when its period closed"); continue
                }
                let expected = ScoreLine(accountID: line.accountID, x: before.rows[k], scorer: scorer,
                                         featureNames: model.schema.featureNames, threshold: 0.5, reasons: 3, asOf: line.asOf)
                XCTAssertEqual(line.json, expected.json)
                accountsPerPeriod[line.asOf!, default: 0] += 1
                checked += 1
            }
            before = session.stream.vectors()
        }
        XCTAssertGreaterThan(session.evicted, 0)
        XCTAssertGreaterThanOrEqual(accountsPerPeriod.count, 12)
        // Two-hour periods with accounts quiet ~1 h between requests: most held accounts are active in each.
        XCTAssertGreaterThan(checked, 12 * 10)
    }

    /// `as_of` is formatted by arithmetic; it must equal the DateFormatter's text it replaced.
    func testRFC3339ArithmeticEqualsTheFormatter() {
        var rng = SystemRandomNumberGenerator()
        var times: [Double] = [0, 86_399, 86_400, 951_782_400, 951_868_800, 1_767_225_600, 4_107_542_400, 253_402_300_799]
        times += (0..<2000).map { _ in Double(Int.random(in: 0..<253_402_300_800, using: &rng)) }
        for t in times { XCTAssertEqual(ScoreLine.rfc3339(t), ScoreLine.formatted(t), "t = \(t)") }
        XCTAssertEqual(ScoreLine.rfc3339(1_767_225_600), "2026-01-01T00:00:00Z")
        XCTAssertEqual(ScoreLine.rfc3339(1_767_225_600.25), "2026-01-01T00:00:00.250Z")
    }
}
