import Foundation
import XCTest
@testable import TrafficFeatures

/// Fixture paths and a tiny deterministic traffic generator for the feature tests.
enum TestSupport {
    static func fixture(_ name: String) -> String {
        Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Fixtures/extract")!
    }

    static func tempDir(_ tag: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hw-\(tag)-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs the whole extraction on the extract fixtures with `--fan-out-cap 3`.
    static func extractFixture(asOf: String? = "2026-02-04T00:00:00Z", from: String? = nil, trafficPath: String? = nil)
        throws -> (FeatureTable, ClusterTable, ExtractionSummary) {
        var window = TimeWindow()
        if let asOf { window.end = RFC3339.parse(asOf)! }
        if let from { window.start = RFC3339.parse(from)! }
        let context = FeatureContext(models: try ModelRelease.read(path: fixture("models.jsonl")),
                                     accounts: try AccountRecord.read(path: fixture("accounts.jsonl")),
                                     window: window)
        let ex = FeatureExtractor(options: ExtractionOptions(fanOutCap: 3), context: context)
        try ex.consume(path: trafficPath ?? fixture("traffic.jsonl"), reader: try TrafficReader())
        let (t, c) = ex.finish(labels: try LabelRecord.read(path: fixture("labels.jsonl")))
        return (t, c, ex.summary)
    }

    /// A small deterministic generator (xorshift): `accounts` accounts, some sharing IPs and payment
    /// fingerprints, a mix of CoT-elicitation, rubric and ordinary coding prompts, timestamps in random order.
    static func generate(lines: Int, accounts: Int, seed: UInt64 = 7) -> [String] {
        var s = seed | 1
        func next() -> UInt64 { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s }
        let prompts = [
            "Explain the reasoning behind this finished answer: %d",
            "Walk me through the derivation of the provided solution %d",
            "Grade this response against the rubric on a scale of 1 to 10, item %d",
            "Write a python function that parses item %d and add unit tests",
            "Think step by step and give the final answer to problem %d",
            "Rephrase this politically sensitive paragraph %d in a neutral tone",
        ]
        var out: [String] = []
        for i in 0..<lines {
            let a = Int(next() % UInt64(accounts))
            let ts = 1_770_000_000 + Int(next() % 200_000)
            let p = prompts[(a + Int(next() % 2)) % prompts.count].replacingOccurrences(of: "%d", with: String(i % 97))
            let date = RFC3339.format(Double(ts))
            out.append("""
            {"ts":"\(date)","request_id":"g\(i % (lines - 3))","account_id":"acct-\(a)","model":"\(a % 3 == 0 ? "m-new" : "m-old")",\
            "input_tokens":\(next() % 2000),"output_tokens":\(next() % 4000),"ip":"10.0.\(a % 7).\(next() % 3)",\
            "payment_fp":"pay-\(a % 5)","asn":\(a % 4),"client_fp":"cf-\(a % 6)","user_agent":"ua/\(a % 2)",\
            "system_hash":"sys-\(next() % 4)","status":\(next() % 10 == 0 ? 429 : 200),"turns":\(1 + next() % 3),\
            "tools":\(next() % 2),"tool_calls":\(next() % 5),"stop_reason":"\(next() % 3 == 0 ? "max_tokens" : "end_turn")",\
            "prompt":"\(p)"}
            """)
        }
        return out
    }

    /// Compresses `path` with the system's gzip (keeping the original) and returns the `.gz` path.
    @discardableResult
    static func gzip(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let gz = Process()
        gz.executableURL = URL(fileURLWithPath: "/bin/sh")
        gz.arguments = ["-c", "gzip -k -f '\(path)'"]
        try gz.run()
        gz.waitUntilExit()
        XCTAssertEqual(gz.terminationStatus, 0, "gzip failed", file: file, line: line)
        return path + ".gz"
    }

    static func write(_ lines: [String], to url: URL) throws {
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// Feeds every record of `path` to `body`.
    static func records(_ path: String, _ body: (TrafficRecord) -> Void) throws {
        try TrafficReader().read(path: path) { body($0) }
    }

    /// NaN-aware equality of feature vectors.
    static func assertSameVector(_ a: [Double], _ b: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (k, (x, y)) in zip(a, b).enumerated() where !(x.isNaN && y.isNaN) && x != y {
            XCTFail("feature \(FeatureSchema.current.names[k]): \(x) != \(y)", file: file, line: line)
        }
    }
}
