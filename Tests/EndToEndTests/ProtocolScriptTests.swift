import Foundation
import XCTest

/// The time-split protocol script (scripts/protocols/time_split.sh) on a small simulated dataset, with the debug
/// build's executables: it must run through, leave out every training account, and read the slices at the
/// budgeted operating point the quality target is stated in.
final class ProtocolScriptTests: XCTestCase {
    func testTimeSplitRunsAndReportsTheBudgetedOperatingPoint() throws {
        let simulate = try BuiltExecutable("simulate")
        for tool in ["extract", "train", "evaluate"] { _ = try BuiltExecutable(tool) }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
            throw XCTSkip("python3 is needed by the protocol scripts")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hw-protocol-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data").path, out = dir.appendingPathComponent("out").path
        let sim = try simulate.run(["--scale", "0.2", "--seed", "2", "--out", data])
        XCTAssertEqual(sim.status, 0, sim.stderr)

        let script = BuiltExecutable.packageRoot.appendingPathComponent("scripts/protocols/time_split.sh").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [script, data, out]
        var env = ProcessInfo.processInfo.environment
        env["HW_BIN"] = BuiltExecutable.binDirectory.path
        env["GBDT_OPTIONS"] = "--num-rounds 30"
        p.environment = env
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, log)
        XCTAssertTrue(log.contains("test window: from"), "the test table covers a window as long as the training one")
        XCTAssertTrue(log.contains("--num-rounds 30"), "GBDT_OPTIONS reach the trainer")

        for model in ["gbdt", "logistic"] {
            let url = URL(fileURLWithPath: "\(out)/report-\(model)/report.json")
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
            let confusion = report["confusion"] as! [String: Any]
            let source = confusion["thresholdSource"] as? String ?? ""
            XCTAssertTrue(source.hasPrefix("highest recall at FPR ≤ 0.1% with every benign segment ≤ 0.5%"), source)
            let summary = report["summary"] as! [String: Any]
            XCTAssertGreaterThan(summary["positives"] as! Int, 0, model)
            XCTAssertGreaterThan(summary["negatives"] as! Int, 0, model)
        }
        // No account labelled in the training table is scored.
        let train = try String(contentsOfFile: "\(out)/train-features/features.csv", encoding: .utf8)
        let trained = Set(train.split(separator: "\n").dropFirst().compactMap { line -> Substring? in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return f.count > 1 && !f[1].isEmpty ? f[0] : nil
        })
        XCTAssertFalse(trained.isEmpty)
        let gbdt = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/report-gbdt/report.json"))) as! [String: Any]
        let rows = (gbdt["summary"] as! [String: Any])["rows"] as! Int
        let test = try String(contentsOfFile: "\(out)/test-features/features.csv", encoding: .utf8)
        let testIDs = test.split(separator: "\n").dropFirst().map { $0.split(separator: ",", maxSplits: 1)[0] }
        XCTAssertLessThanOrEqual(rows, testIDs.filter { !trained.contains($0) }.count)
    }
}
