import Foundation
import XCTest

/// Runs the whole pipeline with the built executables on a small simulated dataset, as a user would:
/// simulate → extract → train (logistic, gbdt) → evaluate, checking exit codes, outputs and determinism.
final class PipelineTests: XCTestCase {
    func testSmallPipelineRunsEndToEndAndIsDeterministic() throws {
        let simulate = try BuiltExecutable("simulate"), extract = try BuiltExecutable("extract")
        let train = try BuiltExecutable("train"), evaluate = try BuiltExecutable("evaluate")
        let dir = try makeTemporaryDirectory(self)
        let data = dir.appendingPathComponent("data").path
        let features = dir.appendingPathComponent("features").path

        var r = try simulate.run(["--scenario", "default", "--scale", "0.1", "--days", "7", "--seed", "3", "--out", data])
        XCTAssertEqual(r.status, 0, r.stderr)
        for f in ["traffic", "labels", "accounts", "models", "truth"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(data)/\(f).jsonl"), f)
        }

        r = try extract.run(["--traffic", "\(data)/traffic.jsonl", "--labels", "\(data)/labels.jsonl",
                             "--accounts", "\(data)/accounts.jsonl", "--models", "\(data)/models.jsonl", "--out", features])
        XCTAssertEqual(r.status, 0, r.stderr)

        for algo in ["logistic", "gbdt"] {
            let a = dir.appendingPathComponent("\(algo)-a.json").path, b = dir.appendingPathComponent("\(algo)-b.json").path
            for out in [a, b] {
                r = try train.run(["--features", features, "--algorithm", algo, "--split", "group:cluster",
                                   "--num-rounds", "30", "--seed", "5", "--out", out])
                XCTAssertEqual(r.status, 0, r.stderr)
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: a)), try Data(contentsOf: URL(fileURLWithPath: b)),
                           "\(algo): same data and seed must give byte-identical model files")
        }

        let report = dir.appendingPathComponent("report").path
        r = try evaluate.run(["--model", dir.appendingPathComponent("gbdt-a.json").path, "--features", features,
                              "--truth", "\(data)/truth.jsonl", "--exclude-labelled", features,
                              "--baseline", dir.appendingPathComponent("logistic-a.json").path,
                              "--bootstrap", "50", "--out", report])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report + "/report.json"))) as! [String: Any]
        let summary = json["summary"] as! [String: Any]
        XCTAssertGreaterThan(summary["positives"] as! Int, 0)
        XCTAssertFalse((json["campaigns"] as! [Any]).isEmpty, "per-campaign recall is reported")
        XCTAssertFalse((json["segments"] as! [Any]).isEmpty, "per-segment FPR is reported")
        XCTAssertNotNil(json["comparison"])
        let html = try String(contentsOfFile: report + "/report.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<svg"))
    }

    func testEvaluateRefusesAModelTrainedOnOtherFeatures() throws {
        let train = try BuiltExecutable("train"), evaluate = try BuiltExecutable("evaluate")
        let dir = try makeTemporaryDirectory(self)
        let csv = dir.appendingPathComponent("plain.csv").path
        var text = "label,a,b\n"
        for i in 0..<200 { text += "\(i % 4 == 0 ? 1 : 0),\(Double(i % 4 == 0 ? 2 : 0) + Double(i % 7) * 0.1),\(i % 3)\n" }
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let model = dir.appendingPathComponent("m.json").path
        var r = try train.run(["--features", csv, "--algorithm", "logistic", "--out", model])
        XCTAssertEqual(r.status, 0, r.stderr)
        let other = dir.appendingPathComponent("other.csv").path
        try text.replacingOccurrences(of: "label,a,b", with: "label,a,c").write(toFile: other, atomically: true, encoding: .utf8)
        r = try evaluate.run(["--model", model, "--features", other, "--out", dir.appendingPathComponent("rep").path])
        XCTAssertEqual(r.status, 77, r.stderr)
        XCTAssertTrue(r.stderr.contains("fingerprint mismatch"), r.stderr)
        r = try evaluate.run(["--model", model, "--features", csv, "--bootstrap", "20", "--out", dir.appendingPathComponent("rep").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try evaluate.run(["--model", dir.appendingPathComponent("missing.json").path, "--features", csv, "--out", dir.path])
        XCTAssertEqual(r.status, 66, r.stderr)
    }

    func testEveryCommandHasHelpWithExamples() throws {
        for name in ["simulate", "extract", "train", "evaluate"] {
            let exe = try BuiltExecutable(name)
            let r = try exe.run(["--help"])
            XCTAssertEqual(r.status, 0, name)
            XCTAssertTrue(r.stdout.contains("USAGE: hydrawatch-\(name)"), name)
            XCTAssertTrue(r.stdout.lowercased().contains("example"), "\(name) --help shows examples")
        }
    }
}
