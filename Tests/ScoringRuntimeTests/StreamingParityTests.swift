import Foundation
import ScoringRuntime
import TrafficFeatures
import XCTest

/// House rule 2: streaming scoring feeds the extractor's accumulators, so at the end of a stream without eviction
/// its vectors equal the extracted rows bit for bit (NaN equal to NaN), and its lines equal batch-mode lines.
final class StreamingParityTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TrafficFeaturesTests/Fixtures/extract")

    /// Deterministic traffic with shared IPs and payment fingerprints (clusters), duplicate request ids, rate
    /// limits, two models and malformed lines: enough variety that every feature family is exercised.
    static func syntheticTraffic(accounts: Int = 40, requests: Int = 3000, seed: UInt64 = 7) -> String {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let prompts = ["Explain the reasoning behind this finished answer: %d", "Translate to French: item %d",
                       "Please justify the given solution step by step: x = %d", "Write a haiku about %d cats",
                       "Rate this response from 1 to 10: %d"]
        let start = 1_767_225_600.0  // 2026-01-01T00:00:00Z
        let f = ISO8601DateFormatter()
        var lines: [String] = []
        for i in 0..<requests {
            let a = Int(next() % UInt64(accounts))
            let t = start + Double(i) * 97 + Double(next() % 600)
            let ip = a % 5 == 0 ? "10.0.0.1" : "10.1.\(a).\(next() % 3)"
            let pay = a % 7 == 0 ? "pay-shared" : "pay-\(a)"
            let prompt = String(format: prompts[Int(next() % UInt64(prompts.count))], Int(next() % 50))
            let model = next() % 3 == 0 ? "m-new" : "m-old"
            let id = next() % 40 == 0 && i > 0 ? "r\(i - 1)" : "r\(i)"
            lines.append(#"{"ts":"\#(f.string(from: Date(timeIntervalSince1970: t)))","request_id":"\#(id)","account_id":"acct-\#(a)","model":"\#(model)","input_tokens":\#(next() % 2000),"output_tokens":\#(next() % 4000),"ip":"\#(ip)","payment_fp":"\#(pay)","client_fp":"cf-\#(a % 9)","stop_reason":"\#(next() % 4 == 0 ? "max_tokens" : "end_turn")","status":\#(next() % 20 == 0 ? 429 : 200),"endpoint":"messages","turns":\#(1 + next() % 4),"prompt":"\#(prompt)"}"#)
            if i % 500 == 499 { lines.append("{not json") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A logistic model over the current schema whose every coefficient is non-zero, with a threshold.
    static func model() -> ModelFile {
        let names = FeatureSchema.current.names
        let n = names.count
        return ModelFile(toolVersion: "test", schema: ModelSchema(version: FeatureSchema.current.version, featureNames: names),
                         model: .logistic(LogisticModel(mean: [Double](repeating: 0.5, count: n),
                                                        scale: (0..<n).map { 1 + Double($0 % 5) },
                                                        coefficients: (0..<n).map { Double($0 % 7) / 8 - 0.375 },
                                                        intercept: -1)),
                         thresholds: [OperatingThreshold(threshold: 0.5, targetFPR: 0.01)],
                         provenance: Provenance(dataDigest: "sha256:" + String(repeating: "0", count: 64), trainRows: 1,
                                                validationRows: 0, parameters: [:], iterations: [], createdAt: "2026-01-01T00:00:00Z"))
    }

    func write(_ text: String, _ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hydrawatch-parity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func assertParity(traffic: String, context: FeatureContext, file: StaticString = #filePath, line: UInt = #line) throws {
        for threads in [1, 2] {
            let extractor = FeatureExtractor(options: ExtractionOptions(), context: context)
            try extractor.consume(path: traffic, reader: TrafficReader(), threads: threads)
            let (table, _) = extractor.finish()

            let session = try ScoringSession(model: Self.model(), context: context)
            let reader = try TrafficReader()
            var early: [ScoreLine] = []
            _ = try reader.read(path: traffic) { early += session.add($0) }
            XCTAssertTrue(early.isEmpty, file: file, line: line)
            let (ids, rows) = session.stream.vectors()
            XCTAssertEqual(ids, table.accountIDs, file: file, line: line)
            XCTAssertGreaterThan(ids.count, 0, file: file, line: line)
            for r in rows.indices {
                let expected = table.row(r)
                XCTAssertEqual(rows[r].map(\.bitPattern), expected.map(\.bitPattern),
                               "account \(ids[r]), threads \(threads)", file: file, line: line)
            }
            let scorer = ModelScorer(Self.model())
            let batch = (0..<table.rowCount).map {
                ScoreLine(accountID: table.accountIDs?[$0], row: $0, x: table.row($0), scorer: scorer,
                          featureNames: table.featureNames, threshold: 0.5, reasons: 3).json
            }
            XCTAssertEqual(session.finish().map(\.json), batch, file: file, line: line)
        }
    }

    func testExtractFixtureStreamsToTheExtractedRows() throws {
        let dir = Self.fixtures
        let context = FeatureContext(models: try ModelRelease.read(path: dir.appendingPathComponent("models.jsonl").path),
                                     accounts: try AccountRecord.read(path: dir.appendingPathComponent("accounts.jsonl").path))
        try assertParity(traffic: dir.appendingPathComponent("traffic.jsonl").path, context: context)
    }

    func testSyntheticTrafficWithClustersStreamsToTheExtractedRows() throws {
        let models = [ModelRelease(model: "m-old", releasedAt: 1_764_547_200), ModelRelease(model: "m-new", releasedAt: 1_767_600_000)]
        let path = try write(Self.syntheticTraffic(), "traffic.jsonl")
        let context = FeatureContext(models: models)
        let extractor = FeatureExtractor(options: ExtractionOptions(), context: context)
        try extractor.consume(path: path, reader: TrafficReader())
        _ = extractor.finish()
        XCTAssertGreaterThan(extractor.summary.duplicates, 0)
        XCTAssertGreaterThan(extractor.summary.clusters, 0)
        XCTAssertGreaterThan(extractor.summary.read.rejected, 0)
        try assertParity(traffic: path, context: context)
    }
}
