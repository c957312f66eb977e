import Foundation
import ScoringRuntime
import XCTest
@testable import Training

/// Same data + parameters + seed → byte-identical model file, through the library and through the built
/// `hydrawatch-train` executable (skipped if it has not been built: `swift build` first, as scripts/test.sh does).
final class ModelFileDeterminismTests: XCTestCase {
    func modelBytes(_ data: Dataset, seed: UInt64, threads: Int) throws -> Data {
        let parts = try DatasetSplit.random.apply(to: data, validationFraction: 0.25, seed: seed)
        var lr = LogisticRegression()
        lr.threads = threads
        let fitted = try lr.fit(parts.train, validation: parts.validation)
        let builder = ModelFileBuilder(toolVersion: "test", schemaVersion: 0, dataDigest: data.digest,
                                       trainRows: parts.train.rowCount, validationRows: parts.validation.rowCount,
                                       parameters: ["l2": "1.0", "seed": "\(seed)"], createdAt: nil)
        return try builder.build(fitted).jsonData()
    }

    func testLibraryOutputIsByteIdentical() throws {
        let data = SyntheticLogisticData.make(rows: 3000, cols: 6, seed: 11)
        let a = try modelBytes(data, seed: 7, threads: 1)
        let b = try modelBytes(data, seed: 7, threads: 2)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, try modelBytes(data, seed: 8, threads: 1), "a different split seed should change the model")
        let reloaded = try ModelFile(jsonData: a)
        XCTAssertEqual(try reloaded.jsonData(), a, "decode → encode must reproduce the file")
        XCTAssertFalse(String(decoding: a, as: UTF8.self).contains("created_at"))
    }

    func testCreationTimeComesFromSourceDateEpoch() throws {
        XCTAssertNil(try ModelFileBuilder.creationTime(environment: [:]))
        XCTAssertEqual(try ModelFileBuilder.creationTime(environment: ["SOURCE_DATE_EPOCH": "0"]), "1970-01-01T00:00:00Z")
        XCTAssertEqual(try ModelFileBuilder.creationTime(environment: ["SOURCE_DATE_EPOCH": "1795392000"]), "2026-11-23T00:00:00Z")
        XCTAssertThrowsError(try ModelFileBuilder.creationTime(environment: ["SOURCE_DATE_EPOCH": "soon"]))
    }

    // MARK: the executable

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func executable() throws -> URL {
        for config in ["debug", "release"] {
            let url = ModelFileDeterminismTests.packageRoot.appendingPathComponent(".build/\(config)/hydrawatch-train")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw XCTSkip("hydrawatch-train is not built; run `swift build` first")
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let err = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: err, as: UTF8.self))
    }

    func testExecutableOutputIsByteIdentical() throws {
        let csv = GoldenFixtures.url("lr_breast_cancer.csv").path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hw-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.json").path, b = dir.appendingPathComponent("b.json").path
        let common = ["--features", csv, "--algorithm", "logistic", "--seed", "5"]
        let first = try run(common + ["--out", a, "--threads", "1"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("validation: 114 rows"), first.stderr)
        let second = try run(common + ["--out", b, "--threads", "2"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: a)), try Data(contentsOf: URL(fileURLWithPath: b)))
        let stamped = try run(common + ["--out", b], environment: ["SOURCE_DATE_EPOCH": "1795392000"])
        XCTAssertEqual(stamped.status, 0, stamped.stderr)
        XCTAssertTrue(String(decoding: try Data(contentsOf: URL(fileURLWithPath: b)), as: UTF8.self).contains("2026-11-23T00:00:00Z"))
    }

    func testExecutableExitCodes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hw-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.csv")
        try "label,a,b\n1,1,2\n0,x,3\n".write(to: bad, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("m.json").path
        let badInput = try run(["--features", bad.path, "--out", out])
        XCTAssertEqual(badInput.status, 65)
        XCTAssertTrue(badInput.stderr.contains("bad.csv:3: column \"a\": not a number"), badInput.stderr)
        XCTAssertEqual(try run(["--features", dir.appendingPathComponent("none.csv").path, "--out", out]).status, 66)
        XCTAssertEqual(try run(["--features", bad.path, "--out", out, "--split", "sideways"]).status, 64)
        XCTAssertEqual(try run(["--features", bad.path]).status, 64)  // missing --out: ArgumentParser usage error
    }
}
