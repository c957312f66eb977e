import Foundation
import XCTest
@testable import TrafficFeatures

/// Runs the built `hydrawatch-extract` (scripts/test.sh builds it first) on the fixtures.
final class ExtractCommandTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let executable = packageRoot.appendingPathComponent(".build/debug/hydrawatch-extract")

    func run(_ args: [String]) throws -> (status: Int32, stderr: String) {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            throw XCTSkip("hydrawatch-extract is not built at \(Self.executable.path); run scripts/test.sh (it builds first)")
        }
        let p = Process()
        p.executableURL = Self.executable
        p.arguments = args
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testExtractsTheFixtureFolder() throws {
        let dir = try TestSupport.tempDir("e2e")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        let f = TestSupport.fixture
        let r = try run(["--traffic", f("traffic.jsonl"), "--labels", f("labels.jsonl"), "--accounts", f("accounts.jsonl"),
                         "--models", f("models.jsonl"), "--out", out, "--as-of", "2026-02-04T00:00:00Z",
                         "--fan-out-cap", "3"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for name in ["features.csv", "features.bin", "schema.json", "clusters.csv", "summary.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + name), name)
        }
        let table = try FeatureTable.read(path: out)
        let (expected, _, _) = try TestSupport.extractFixture()
        XCTAssertEqual(table.columns.map(\.bitPattern), expected.columns.map(\.bitPattern), "CLI == library")
        let csv = try String(contentsOfFile: out + "/features.csv", encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("account_id,label,campaign,cluster,requests,"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
        XCTAssertEqual(summary["duplicates"] as? Int, 1)
        XCTAssertEqual(summary["accounts"] as? Int, 5)
        XCTAssertEqual(try String(contentsOfFile: out + "/clusters.csv", encoding: .utf8),
                       "cluster_id,size,link_types,cue_heavy_share,requests,accounts_sample\nh1,2,ip;payment,1,6,acct-a;acct-b\n")
    }

    func testExitCodesForBadInput() throws {
        let dir = try TestSupport.tempDir("e2e-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out").path
        let malformed = Bundle.module.path(forResource: "malformed", ofType: "jsonl", inDirectory: "Fixtures")!
        // Strict: the first bad line stops the run with 65 (EX_DATAERR) and names file:line.
        var r = try run(["--traffic", malformed, "--out", out, "--strict"])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("malformed.jsonl:4: invalid_json"), r.stderr)
        // Over --max-errors: 65. Under the limit: 0, with a per-reason summary on stderr.
        r = try run(["--traffic", malformed, "--out", out, "--max-errors", "2"])
        XCTAssertEqual(r.status, 65, r.stderr)
        r = try run(["--traffic", malformed, "--out", out, "--rejects", dir.appendingPathComponent("rej.jsonl").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("12 of 18 lines rejected: bad_timestamp=2 invalid_json=3"), r.stderr)  // the 300-byte line is within the default limit
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("rej.jsonl").path))
        // Missing traffic file: 66 (EX_NOINPUT). Malformed side file: 65. Bad option: 64.
        r = try run(["--traffic", dir.appendingPathComponent("nope.jsonl").path, "--out", out])
        XCTAssertEqual(r.status, 66, r.stderr)
        let badLabels = dir.appendingPathComponent("labels.jsonl")
        try "{\"account_id\":\"a\",\"label\":\"maybe\"}\n".write(to: badLabels, atomically: true, encoding: .utf8)
        r = try run(["--traffic", malformed, "--labels", badLabels.path, "--out", out])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("labels.jsonl:1: field 'label'"), r.stderr)
        r = try run(["--traffic", malformed, "--out", out, "--as-of", "tomorrow"])
        XCTAssertEqual(r.status, 64, r.stderr)
    }
}
