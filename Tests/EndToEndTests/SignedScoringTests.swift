import Foundation
import XCTest

/// keygen → export (threshold from a report, signing) → score, run as a user would, plus the refusals that
/// must exit with status 77 and the house rule that the scorer links no BLAS/LAPACK.
final class SignedScoringTests: XCTestCase {
    struct Setup {
        var dir: URL
        var csv: String
        var model: String
        var key: String
        var signed: String
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    }

    /// A logistic model on a plain CSV, a report with a 0.001 operating point, a key pair and a signed file.
    func setUp(_ test: XCTestCase) throws -> Setup {
        let train = try BuiltExecutable("train"), export = try BuiltExecutable("export")
        let dir = try makeTemporaryDirectory(test)
        let s = Setup(dir: dir, csv: dir.appendingPathComponent("plain.csv").path, model: dir.appendingPathComponent("m.json").path,
                      key: dir.appendingPathComponent("signing").path, signed: dir.appendingPathComponent("prod.json").path)
        var text = "label,a,b\n"
        for i in 0..<200 { text += "\(i % 4 == 0 ? 1 : 0),\(Double(i % 4 == 0 ? 2 : 0) + Double(i % 7) * 0.1),\(i % 3)\n" }
        try text.write(toFile: s.csv, atomically: true, encoding: .utf8)
        var r = try train.run(["--features", s.csv, "--algorithm", "logistic", "--out", s.model])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = #"{"summary": {"recallAtFPR": [{"maxFPR": 0.001, "threshold": 0.5, "achievedFPR": 0, "#
            + #""recall": {"estimate": 1, "level": 0.95, "lower": 1, "upper": 1}}]}}"#
        try report.write(toFile: s.path("report.json"), atomically: true, encoding: .utf8)
        r = try export.run(["keygen", "--out", s.key])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try export.run(["--model", s.model, "--report", s.path("report.json"), "--target-fpr", "0.001",
                            "--key", s.key, "--out", s.signed])
        XCTAssertEqual(r.status, 0, r.stderr)
        return s
    }

    func testSignedModelScoresWithTheTrustedKey() throws {
        let s = try setUp(self)
        let attributes = try FileManager.default.attributesOfItem(atPath: s.key)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, "private keys are 0600")
        let score = try BuiltExecutable("score")
        let r = try score.run(["--model", s.signed, "--trusted-key", s.key + ".pub", "--features", s.csv, "--out", "-"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 200)
        var flagged = 0
        for (i, line) in lines.enumerated() {
            let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            XCTAssertEqual(o["row"] as? Int, i)
            let p = try XCTUnwrap(o["score"] as? Double)
            XCTAssertEqual(o["decision"] as? String, p >= 0.5 ? "flag" : "pass")
            if p >= 0.5 { flagged += 1 }
            let reasons = try XCTUnwrap(o["reasons"] as? [[String: Any]])
            XCTAssertLessThanOrEqual(reasons.count, 3)
            XCTAssertTrue(reasons.allSatisfy { ["a", "b"].contains($0["feature"] as? String ?? "") })
        }
        XCTAssertGreaterThan(flagged, 0)
        // Rotation: a second trusted key does not hurt.
        try BuiltExecutable("export").run(["keygen", "--out", s.path("next")])
        let rotated = try score.run(["--model", s.signed, "--trusted-key", s.path("next.pub"), "--trusted-key", s.key + ".pub",
                                     "--features", s.csv, "--out", s.path("scores.jsonl")])
        XCTAssertEqual(rotated.status, 0, rotated.stderr)
    }

    func testRefusalsExitWithStatus77() throws {
        let s = try setUp(self)
        let score = try BuiltExecutable("score"), export = try BuiltExecutable("export")
        XCTAssertEqual(try export.run(["keygen", "--out", s.path("other")]).status, 0)
        func run(_ model: String, key: String, features: String? = nil, extra: [String] = []) throws -> BuiltExecutable.Result {
            try score.run(["--model", model, "--trusted-key", key, "--features", features ?? s.csv, "--out", s.path("out.jsonl")] + extra)
        }
        var r = try run(s.signed, key: s.path("other.pub"))
        XCTAssertEqual(r.status, 77, r.stderr)
        XCTAssertTrue(r.stderr.contains("not signed by a trusted key"), r.stderr)

        var envelope = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: s.signed))) as? [String: Any])
        var payload = try XCTUnwrap(Data(base64Encoded: envelope["payload"] as! String))
        payload[payload.count / 3] ^= 0x04
        envelope["payload"] = payload.base64EncodedString()
        try JSONSerialization.data(withJSONObject: envelope).write(to: URL(fileURLWithPath: s.path("tampered.json")))
        r = try run(s.path("tampered.json"), key: s.key + ".pub")
        XCTAssertEqual(r.status, 77, r.stderr)
        XCTAssertTrue(r.stderr.contains("does not verify"), r.stderr)

        r = try run(s.model, key: s.key + ".pub")
        XCTAssertEqual(r.status, 77, r.stderr)
        XCTAssertTrue(r.stderr.contains("not signed"), r.stderr)
        r = try run(s.model, key: s.key + ".pub", extra: ["--allow-unsigned"])
        XCTAssertEqual(r.status, 0, r.stderr)

        let other = s.path("other.csv")
        try String(contentsOfFile: s.csv, encoding: .utf8).replacingOccurrences(of: "label,a,b", with: "label,a,c")
            .write(toFile: other, atomically: true, encoding: .utf8)
        r = try run(s.signed, key: s.key + ".pub", features: other)
        XCTAssertEqual(r.status, 77, r.stderr)
        XCTAssertTrue(r.stderr.contains("fingerprint mismatch"), r.stderr)

        r = try run(s.path("missing.json"), key: s.key + ".pub")
        XCTAssertEqual(r.status, 66, r.stderr)
    }

    func testEvaluateVerifiesSignedModelsAndAcceptsPlainOnes() throws {
        let s = try setUp(self)
        let evaluate = try BuiltExecutable("evaluate")
        func run(_ model: String, _ extra: [String]) throws -> BuiltExecutable.Result {
            try evaluate.run(["--model", model, "--features", s.csv, "--bootstrap", "10", "--out", s.path("report")] + extra)
        }
        var r = try run(s.signed, ["--trusted-key", s.key + ".pub"])
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try run(s.signed, [])
        XCTAssertEqual(r.status, 77, "a signed file needs a trusted key: \(r.stderr)")
        r = try run(s.model, [])
        XCTAssertEqual(r.status, 0, "a plain model file is evaluated as it is: \(r.stderr)")
        r = try run(s.signed, ["--trusted-key", s.path("missing.pub")])
        XCTAssertEqual(r.status, 66, r.stderr)
    }

    func testLightGBMImportThroughTheCommand() throws {
        let export = try BuiltExecutable("export")
        let dir = try makeTemporaryDirectory(self)
        let fixture = BuiltExecutable.packageRoot.appendingPathComponent("Tests/ScoringRuntimeTests/Fixtures/lightgbm_import_nan_model.txt")
        let out = dir.appendingPathComponent("imported.json").path
        var r = try export.run(["--from-lightgbm", fixture.path, "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        XCTAssertEqual((o["model"] as? [String: Any])?["kind"] as? String, "tree_ensemble")
        let categorical = dir.appendingPathComponent("cat.txt")
        let text = try String(contentsOf: fixture, encoding: .utf8)
        try text.replacingOccurrences(of: "decision_type=2 ", with: "decision_type=3 ").write(to: categorical, atomically: true, encoding: .utf8)
        r = try export.run(["--from-lightgbm", categorical.path, "--out", dir.appendingPathComponent("x.json").path])
        XCTAssertEqual(r.status, 77, r.stderr)
        XCTAssertTrue(r.stderr.contains("categorical"), r.stderr)
    }

    /// `--explain treeshap` gives LightGBM's pred_contrib values as reasons (imported model, golden values from
    /// scripts/golden/make_treeshap_fixtures.py); the default stays Saabas, which differs; scores do not change.
    func testExplainTreeSHAPGivesLightGBMContributionsAsReasons() throws {
        let export = try BuiltExecutable("export"), score = try BuiltExecutable("score")
        let dir = try makeTemporaryDirectory(self)
        let fixtures = BuiltExecutable.packageRoot.appendingPathComponent("Tests/ScoringRuntimeTests/Fixtures")
        let model = dir.appendingPathComponent("imported.json").path
        var r = try export.run(["--from-lightgbm", fixtures.appendingPathComponent("lightgbm_import_nan_model.txt").path, "--out", model])
        XCTAssertEqual(r.status, 0, r.stderr)
        // The fixture rows as a plain table: an empty label column instead of LightGBM's raw score and probability.
        let rows = try String(contentsOf: fixtures.appendingPathComponent("lightgbm_import_nan_rows.csv"), encoding: .utf8)
            .split(separator: "\n").enumerated().map { i, line in
                (i == 0 ? "label," : ",") + line.split(separator: ",", omittingEmptySubsequences: false).dropFirst(2).joined(separator: ",")
            }
        let csv = dir.appendingPathComponent("rows.csv").path
        try (rows.joined(separator: "\n") + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let golden = try String(contentsOf: fixtures.appendingPathComponent("lightgbm_treeshap_nan_contrib.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
        func lines(_ extra: [String]) throws -> [[String: Any]] {
            let r = try score.run(["--model", model, "--allow-unsigned", "--features", csv, "--out", "-", "--reasons", "8"] + extra)
            XCTAssertEqual(r.status, 0, r.stderr)
            return try r.stdout.split(separator: "\n").map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        }
        let shap = try lines(["--explain", "treeshap"]), saabas = try lines([])
        guard shap.count == 300, saabas.count == 300 else { return XCTFail("expected 300 lines each") }
        var differs = 0
        for i in 0..<300 {
            XCTAssertEqual(shap[i]["score"] as? Double, saabas[i]["score"] as? Double)
            let reasons = try XCTUnwrap(shap[i]["reasons"] as? [[String: Any]])
            XCTAssertEqual(reasons.count, golden[i].prefix(8).filter { $0 != 0 }.count)
            for reason in reasons {
                let j = try XCTUnwrap(Int((reason["feature"] as? String ?? "").dropFirst()))
                XCTAssertEqual(try XCTUnwrap(reason["contribution"] as? Double), golden[i][j], accuracy: 1e-9)
            }
            if (saabas[i]["reasons"] as? [[String: Any]])?.first?["contribution"] as? Double != reasons.first?["contribution"] as? Double { differs += 1 }
        }
        XCTAssertGreaterThan(differs, 250)
        r = try score.run(["--model", model, "--allow-unsigned", "--features", csv, "--out", "-", "--explain", "shapley"])
        XCTAssertEqual(r.status, 64, r.stderr)
    }

    /// House rule 1: the scoring executable never links BLAS/LAPACK.
    func testScoreLinksNoBLASOrLAPACK() throws {
        let score = try BuiltExecutable("score")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ldd") else { throw XCTSkip("no ldd on this system") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        p.arguments = [score.url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertFalse(out.isEmpty)
        let offending = out.split(separator: "\n").filter { $0.range(of: "blas|lapack", options: [.regularExpression, .caseInsensitive]) != nil }
        XCTAssertTrue(offending.isEmpty, "hydrawatch-score links \(offending)")
    }

    func testExportAndScoreHaveHelpWithExamples() throws {
        for name in ["export", "score"] {
            let r = try BuiltExecutable(name).run(["--help"])
            XCTAssertEqual(r.status, 0, name)
            XCTAssertTrue(r.stdout.contains("USAGE: hydrawatch-\(name)"), r.stdout)
            XCTAssertTrue(r.stdout.lowercased().contains("example"), name)
        }
    }
}
