import Foundation
import XCTest
@testable import TrafficFeatures

/// Same input → byte-identical outputs; shuffled input and sharded accumulators → identical vectors.
final class DeterminismTests: XCTestCase {
    func testTwoRunsWriteByteIdenticalFolders() throws {
        let dir = try TestSupport.tempDir("det")
        defer { try? FileManager.default.removeItem(at: dir) }
        let traffic = dir.appendingPathComponent("t.jsonl")
        try TestSupport.write(TestSupport.generate(lines: 3000, accounts: 40), to: traffic)
        var outputs: [[String: Data]] = []
        for run in 0..<2 {
            let ex = FeatureExtractor(options: ExtractionOptions(fanOutCap: 10), context: FeatureContext())
            try ex.consume(path: traffic.path, reader: try TrafficReader())
            let (t, c) = ex.finish()
            let out = dir.appendingPathComponent("out\(run)").path
            try ExtractionOutput.write(table: t, clusters: c, summary: ex.summary, to: out)
            var files: [String: Data] = [:]
            for f in ["features.csv", "features.bin", "schema.json", "clusters.csv", "summary.json"] {
                files[f] = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent(f))
            }
            outputs.append(files)
        }
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertGreaterThan(outputs[0]["features.csv"]!.count, 1000)
    }

    func testTwoThreadsGiveTheSameOutputAsOne() throws {
        let dir = try TestSupport.tempDir("threads")
        defer { try? FileManager.default.removeItem(at: dir) }
        let traffic = dir.appendingPathComponent("t.jsonl")
        // 20 000 lines: several batches, duplicates across batch boundaries.
        try TestSupport.write(TestSupport.generate(lines: 20_000, accounts: 300), to: traffic)
        func run(_ threads: Int) throws -> (String, ExtractionSummary) {
            let ex = FeatureExtractor(options: ExtractionOptions(fanOutCap: 10), context: FeatureContext())
            try ex.consume(path: traffic.path, reader: try TrafficReader(), threads: threads)
            let (t, c) = ex.finish()
            return (t.csv() + c.csv(), ex.summary)
        }
        let (one, s1) = try run(1), (two, s2) = try run(2)
        XCTAssertEqual(one, two)
        XCTAssertEqual(s1, s2)
        XCTAssertEqual(s1.duplicates, 3)
    }

    /// The two-thread path drops duplicates and out-of-window events per shard, a chunk at a time:
    /// the counts and the table must still match the one-thread path, including duplicates whose first
    /// occurrence lies outside the window.
    func testTwoThreadsApplyTheWindowLikeOne() throws {
        let dir = try TestSupport.tempDir("threads-window")
        defer { try? FileManager.default.removeItem(at: dir) }
        let traffic = dir.appendingPathComponent("t.jsonl")
        var lines = TestSupport.generate(lines: 12_000, accounts: 200, seed: 11)
        lines += lines.prefix(3000)
        try TestSupport.write(lines, to: traffic)
        let window = TimeWindow(start: 1_770_050_000, end: 1_770_150_000)
        func run(_ threads: Int) throws -> (String, ExtractionSummary) {
            let ex = FeatureExtractor(options: ExtractionOptions(fanOutCap: 10), context: FeatureContext(window: window))
            try ex.consume(path: traffic.path, reader: try TrafficReader(), threads: threads)
            let (t, c) = ex.finish()
            return (t.csv() + c.csv(), ex.summary)
        }
        let (one, s1) = try run(1), (two, s2) = try run(2)
        XCTAssertEqual(one, two)
        XCTAssertEqual(s1, s2)
        XCTAssertGreaterThan(s1.duplicates, 3000)
        XCTAssertGreaterThan(s1.outsideWindow, 1000)
    }

    func testReadErrorsStopTheTwoThreadPath() throws {
        let malformed = Bundle.module.path(forResource: "malformed", ofType: "jsonl", inDirectory: "Fixtures")!
        let ex = FeatureExtractor(options: ExtractionOptions(), context: FeatureContext())
        XCTAssertThrowsError(try ex.consume(path: malformed, reader: try TrafficReader(options: ReadOptions(strict: true)),
                                            threads: 2)) { error in
            guard case TrafficError.tooManyRejects = error else { return XCTFail("\(error)") }
        }
    }

    func testShuffledInputGivesTheSameTable() throws {
        let dir = try TestSupport.tempDir("shuffle")
        defer { try? FileManager.default.removeItem(at: dir) }
        // Unique request ids, so duplicate-dropping (first occurrence wins) cannot depend on order.
        let lines = TestSupport.generate(lines: 2000, accounts: 25).enumerated().map { i, l in
            l.replacingOccurrences(of: #""request_id":"g\d+""#, with: "\"request_id\":\"u\(i)\"", options: .regularExpression)
        }
        var g = SystemRandomNumberGenerator()
        let a = dir.appendingPathComponent("a.jsonl"), b = dir.appendingPathComponent("b.jsonl")
        try TestSupport.write(lines, to: a)
        try TestSupport.write(lines.shuffled(using: &g), to: b)
        func table(_ p: URL) throws -> FeatureTable {
            let ex = FeatureExtractor(options: ExtractionOptions(fanOutCap: 10), context: FeatureContext())
            try ex.consume(path: p.path, reader: try TrafficReader())
            return ex.finish().table
        }
        let ta = try table(a), tb = try table(b)
        XCTAssertEqual(ta.csv(), tb.csv())
    }

    func testMergedShardsEqualOneAccumulator() throws {
        let dir = try TestSupport.tempDir("merge")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.jsonl")
        // One account, 6000 requests: beyond the timestamp (2048) and prompt (512) sample capacities and the
        // exact distinct-counter range.
        let lines = TestSupport.generate(lines: 6000, accounts: 1).enumerated().map { i, l in
            l.replacingOccurrences(of: #""ip":"[^"]*""#, with: "\"ip\":\"10.1.\(i % 200).\(i % 7)\"", options: .regularExpression)
        }
        try TestSupport.write(lines, to: path)
        let context = FeatureContext(models: [ModelRelease(model: "m-new", releasedAt: 1_770_050_000)])
        var whole = AccountAccumulator()
        var shards = [AccountAccumulator(), AccountAccumulator(), AccountAccumulator()]
        var k = 0
        try TestSupport.records(path.path) { r in
            whole.add(r, context: context)
            shards[k % 3].add(r, context: context)
            k += 1
        }
        var merged = shards[2]
        merged.merge(shards[0])
        merged.merge(shards[1])
        let a = whole.finish(accountID: "acct-0", context: context)
        TestSupport.assertSameVector(a, merged.finish(accountID: "acct-0", context: context))
        XCTAssertEqual(a[FeatureSchema.current.index(of: "requests")!], 6000)
        // 200 × 7 combinations with i mod 1400 → 1400 distinct IPs; HyperLogLog within 3 σ (≈ 10%).
        XCTAssertEqual(a[FeatureSchema.current.index(of: "distinct_ips")!], 1400, accuracy: 140)
    }
}
