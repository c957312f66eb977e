import Foundation
import XCTest

/// `hydrawatch-score --traffic` against extract + `hydrawatch-score --features`, run as a user would: the
/// final lines must be identical text, whether the traffic comes from a file or from standard input.
final class StreamingScoringTests: XCTestCase {
    func testStreamingScoresEqualBatchScoresOnTheExtractedTable() throws {
        let simulate = try BuiltExecutable("simulate"), extract = try BuiltExecutable("extract")
        let train = try BuiltExecutable("train"), score = try BuiltExecutable("score")
        let dir = try makeTemporaryDirectory(self)
        let data = dir.appendingPathComponent("data").path
        let features = dir.appendingPathComponent("features").path
        let model = dir.appendingPathComponent("model.json").path

        var r = try simulate.run(["--scale", "0.05", "--seed", "11", "--out", data])
        XCTAssertEqual(r.status, 0, r.stderr)
        let side = ["--accounts", "\(data)/accounts.jsonl", "--models", "\(data)/models.jsonl"]
        r = try extract.run(["--traffic", "\(data)/traffic.jsonl", "--labels", "\(data)/labels.jsonl", "--out", features] + side)
        XCTAssertEqual(r.status, 0, r.stderr)
        r = try train.run(["--features", features, "--algorithm", "logistic", "--out", model])
        XCTAssertEqual(r.status, 0, r.stderr)

        let batch = try score.run(["--model", model, "--allow-unsigned", "--features", features, "--out", "-"])
        XCTAssertEqual(batch.status, 0, batch.stderr)
        let lines = batch.stdout.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 50)
        XCTAssertTrue(lines.contains { $0.contains("\"reasons\":[{") }, "the model explains its scores")

        let streamed = try score.run(["--model", model, "--allow-unsigned", "--traffic", "\(data)/traffic.jsonl",
                                      "--out", "-"] + side)
        XCTAssertEqual(streamed.status, 0, streamed.stderr)
        XCTAssertEqual(streamed.stdout, batch.stdout)

        // A malformed line is rejected, counted on standard error and changes nothing else.
        var traffic = try Data(contentsOf: URL(fileURLWithPath: "\(data)/traffic.jsonl"))
        traffic.append(contentsOf: "{not json\n".utf8)
        let piped = try score.run(["--model", model, "--allow-unsigned", "--traffic", "-", "--out", "-"] + side, stdin: traffic)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(piped.stdout, batch.stdout)
        XCTAssertTrue(piped.stderr.contains("1 of"), piped.stderr)
        XCTAssertTrue(piped.stderr.contains("rejected"), piped.stderr)

        if FileManager.default.isExecutableFile(atPath: "/usr/bin/gzip") {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
            p.arguments = ["-k", "\(data)/traffic.jsonl"]
            try p.run()
            p.waitUntilExit()
            let gz = try score.run(["--model", model, "--allow-unsigned", "--traffic", "\(data)/traffic.jsonl.gz",
                                    "--out", "-"] + side)
            XCTAssertEqual(gz.status, 0, gz.stderr)
            XCTAssertEqual(gz.stdout, batch.stdout)
        }

        let periodic = try score.run(["--model", model, "--allow-unsigned", "--traffic", "\(data)/traffic.jsonl",
                                      "--emit-every", "1d", "--idle-evict", "2d", "--out", "-"] + side)
        XCTAssertEqual(periodic.status, 0, periodic.stderr)
        XCTAssertTrue(periodic.stdout.contains("\"as_of\":\""))
        XCTAssertTrue(periodic.stderr.contains("evicted"), periodic.stderr)
    }

    func testRejectsAreCountedAndUsageIsChecked() throws {
        let score = try BuiltExecutable("score")
        let dir = try makeTemporaryDirectory(self)
        let traffic = dir.appendingPathComponent("t.jsonl").path
        try "{not json\n".write(toFile: traffic, atomically: true, encoding: .utf8)
        let model = dir.appendingPathComponent("m.json").path
        try "{}".write(toFile: model, atomically: true, encoding: .utf8)
        var r = try score.run(["--model", model, "--allow-unsigned", "--traffic", traffic, "--features", traffic, "--out", "-"])
        XCTAssertEqual(r.status, 64, r.stderr)
        r = try score.run(["--model", model, "--allow-unsigned", "--features", traffic, "--emit-every", "1h", "--out", "-"])
        XCTAssertEqual(r.status, 64, r.stderr)
        r = try score.run(["--model", model, "--allow-unsigned", "--traffic", traffic, "--emit-every", "1w", "--out", "-"])
        XCTAssertEqual(r.status, 64, r.stderr)
        let help = try score.run(["--help"])
        XCTAssertTrue(help.stdout.contains("--traffic"), help.stdout)
    }
}
