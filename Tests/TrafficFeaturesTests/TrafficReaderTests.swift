import Foundation
import XCTest
@testable import TrafficFeatures

final class TrafficReaderTests: XCTestCase {
    static var fixture: String { Bundle.module.path(forResource: "malformed", ofType: "jsonl", inDirectory: "Fixtures")! }

    func testMalformedFixtureCountsEveryReasonExactly() throws {
        let reader = try TrafficReader(options: ReadOptions(maxLineBytes: 256))
        var issues: [InputIssue] = []
        reader.onIssue = { issues.append($0) }
        var events: [TrafficEvent] = []
        let stats = try reader.read(path: Self.fixture) { events.append(TrafficEvent($0)) }
        XCTAssertEqual(stats.lines, 18)
        XCTAssertEqual(stats.accepted, 5)
        XCTAssertEqual(stats.rejected, 13)
        XCTAssertEqual(stats.rejectedByReason, [
            .invalidJSON: 3, .notAnObject: 1, .missingField: 1, .wrongType: 2, .badTimestamp: 2,
            .negativeValue: 1, .invalidValue: 1, .lineTooLong: 1, .invalidUTF8: 1,
        ])
        XCTAssertEqual(issues.map(\.line), [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17])
        XCTAssertEqual(issues[4].field, "account_id")
        XCTAssertEqual(issues[5].field, "input_tokens")
        XCTAssertEqual(issues[8].field, "ts")
        XCTAssertEqual(issues[9].field, "output_tokens")
        XCTAssertEqual(issues[10].field, "endpoint")
        XCTAssertTrue(issues[0].description.hasPrefix(Self.fixture + ":4: invalid_json"), issues[0].description)

        XCTAssertEqual(events.map(\.accountID), ["a1", "a1", "a2", "a4", "a5"])
        XCTAssertEqual(events[0].timestamp, 1_770_127_509.123, accuracy: 1e-6)
        XCTAssertEqual(events[2].timestamp, 1_770_127_510, accuracy: 1e-9, "+02:00 offset is applied")
        XCTAssertEqual(events[1].endpoint, "batch")
        XCTAssertNil(events[1].ip, "null is treated as absent")
        XCTAssertEqual(events[3].prompt, "café \"quoted\"")
        XCTAssertEqual(events[4].timestamp, 1_770_127_514, accuracy: 1e-9, "last line without newline")
    }

    func testStrictStopsAtFirstRejectAndMaxErrorsAtLimit() throws {
        let strict = try TrafficReader(options: ReadOptions(maxLineBytes: 256, strict: true))
        XCTAssertThrowsError(try strict.read(path: Self.fixture) { _ in }) { error in
            guard case let TrafficError.tooManyRejects(_, last) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(last.line, 4)
        }
        let limited = try TrafficReader(options: ReadOptions(maxLineBytes: 256, maxErrors: 2))
        XCTAssertThrowsError(try limited.read(path: Self.fixture) { _ in }) { error in
            guard case let TrafficError.tooManyRejects(limit, last) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(limit, 2)
            XCTAssertEqual(last.line, 6)
        }
    }

    func testRejectedLinesAreWrittenAsideVerbatim() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hw-rejects-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("rejects.jsonl").path
        do {
            let reader = try TrafficReader(options: ReadOptions(maxLineBytes: 256, rejectsPath: path))
            try reader.read(path: Self.fixture) { _ in }
        }
        let original = try Data(contentsOf: URL(fileURLWithPath: Self.fixture)).split(separator: 0x0A, omittingEmptySubsequences: false)
        let rejected = try Data(contentsOf: URL(fileURLWithPath: path)).split(separator: 0x0A, omittingEmptySubsequences: false)
        XCTAssertEqual(rejected.count, 14)  // 13 lines + final empty split
        XCTAssertEqual(Data(rejected[0]), Data(original[3]))
        XCTAssertEqual(Data(rejected[12]), Data(original[16].dropLast()), "\\r is stripped, the rest is kept byte for byte")
        let reasons = try String(contentsOfFile: path + ".reasons.tsv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(reasons.count, 14)
        XCTAssertTrue(reasons[5].contains("\t8\tmissing_field\taccount_id\t"), String(reasons[5]))
    }

    func testGzipAndPlainGiveTheSameRecords() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hw-gz-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("t.jsonl").path
        var text = ""
        for i in 0..<5000 {
            text += #"{"ts":"2026-02-03T14:05:\#(String(format: "%02d", i % 60))Z","account_id":"acct-\#(i % 37)","model":"m","input_tokens":\#(i),"output_tokens":\#(2 * i)}"# + "\n"
        }
        try text.write(toFile: plain, atomically: true, encoding: .utf8)
        let gz = Process()
        gz.executableURL = URL(fileURLWithPath: "/bin/sh")
        gz.arguments = ["-c", "gzip -k -f '\(plain)'"]
        try gz.run()
        gz.waitUntilExit()
        XCTAssertEqual(gz.terminationStatus, 0)
        func readAll(_ p: String) throws -> [TrafficEvent] {
            var out: [TrafficEvent] = []
            try TrafficReader().read(path: p) { out.append(TrafficEvent($0)) }
            return out
        }
        let a = try readAll(plain), b = try readAll(plain + ".gz")
        XCTAssertEqual(a.count, 5000)
        XCTAssertEqual(a, b)
    }

    func testSmallChunksStillSplitLinesCorrectly() throws {
        // Lines straddling chunk boundaries must be reassembled; an over-long line spanning chunks is skipped once.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hw-chunks-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.jsonl").path
        let long = String(repeating: "y", count: 5000)
        try "abc\nde\n\(long)\nfgh\n\nlast".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try LineReader(path: path, chunkBytes: 16)
        var lines: [String] = []
        var tooLong: [Int] = []
        try r.forEachLine(maxLineBytes: 8, { line, readable, _ in
            XCTAssertGreaterThanOrEqual(readable, line.count + 64)
            lines.append(String(decoding: line, as: UTF8.self))
        }, tooLong: { tooLong.append($0) })
        XCTAssertEqual(lines, ["abc", "de", "fgh", "", "last"])
        XCTAssertEqual(tooLong, [3])
    }

    /// Reads raw lines (joined by newlines into a temporary file): the accepted events and every issue.
    private func read(_ lines: [[UInt8]]) throws -> (events: [TrafficEvent], issues: [InputIssue]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hw-lines-\(getpid())-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(lines.joined(separator: [0x0A])).write(to: URL(fileURLWithPath: path))
        let reader = try TrafficReader(options: ReadOptions(maxLineBytes: 4096))
        var issues: [InputIssue] = []
        reader.onIssue = { issues.append($0) }
        var events: [TrafficEvent] = []
        try reader.read(path: path) { events.append(TrafficEvent($0)) }
        return (events, issues)
    }

    func testMalformedNullIsInvalidJSONAndNullIsAbsent() throws {
        let head = #"{"ts":"2026-02-03T14:05:09Z","account_id":"a1","model":"m","input_tokens":1,"output_tokens":2"#
        let (events, issues) = try read([
            #","asn":nul}"#, #","ip":nul}"#, #","asn":nullx}"#, #","ip":n}"#, #","asn":tru}"#, #","ip":null,"asn":null}"#,
        ].map { Array((head + $0).utf8) })
        XCTAssertEqual(issues.map(\.line), [1, 2, 3, 4, 5])
        XCTAssertEqual(issues.map(\.reason), [.invalidJSON, .invalidJSON, .invalidJSON, .invalidJSON, .wrongType])
        XCTAssertEqual(issues[0].detail, "invalid literal (expected null)")
        XCTAssertEqual(issues[4].field, "asn")
        XCTAssertEqual(events.count, 1)
        XCTAssertNil(events[0].ip)
        XCTAssertNil(events[0].asn)
    }

    func testMissingFileIsAClearError() {
        XCTAssertThrowsError(try TrafficReader().read(path: "/nonexistent/traffic.jsonl") { _ in }) { error in
            XCTAssertTrue("\(error)".contains("cannot open /nonexistent/traffic.jsonl"), "\(error)")
        }
    }
}
