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
        try TestSupport.gzip(plain)
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

    /// JSON string literals for `s`, in three spellings of the same text.
    private enum Spelling: CaseIterable {
        case minimal  // only the escapes JSON requires (\" \\ \n); everything else as raw UTF-8
        case short    // the two-character escapes where one exists (also \/), \u for the rest of non-ASCII
        case unicode  // every character as \uXXXX, characters outside the BMP as surrogate pairs

        func quote(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch (self, scalar) {
                case (.unicode, _):
                    for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
                case (_, "\""): out += "\\\""
                case (_, "\\"): out += "\\\\"
                case (_, "\n"): out += "\\n"
                case (.short, "/"): out += "\\/"
                case (.short, _) where !scalar.isASCII:
                    for unit in String(scalar).utf16 { out += String(format: "\\u%04X", unit) }
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
    }

    func testEscapesInEveryStringFieldAndKeyReadAsTheUnescapedText() throws {
        // Every string field, with text that needs escapes wherever the contract allows it.
        let strings: [(String, String)] = [
            ("ts", "2026-02-03T14:05:09Z"), ("account_id", "acct \"7\"\n\\x"), ("model", "m/1 é"),
            ("request_id", "req\\1"), ("org_id", "org 😀"), ("api_key_id", "key\n1"), ("ip", "10.0.0.1"),
            ("country", "FR"), ("user_agent", "sdk/1.0 (\"beta\")"), ("client_fp", "cf-€"), ("payment_fp", "pay\\\"1"),
            ("endpoint", "batch"), ("system_hash", "sys-𝄞"), ("prompt", "line 1\nsay \"hi\" to C:\\dir, café 😀"),
            ("stop_reason", "tool_use"),
        ]
        let ints: [(String, Int)] = [("input_tokens", 10), ("output_tokens", 20), ("asn", 64500), ("turns", 3)]
        func line(_ spelling: Spelling, rotate: Int, keySpelling: Spelling) -> [UInt8] {
            var fields = strings.map { keySpelling.quote($0.0) + ":" + spelling.quote($0.1) }
                + ints.map { keySpelling.quote($0.0) + ":\($0.1)" }
            fields = Array(fields[rotate...] + fields[..<rotate])  // other field orders defeat the parser's key guess
            return Array(("{" + fields.joined(separator: ",") + "}").utf8)
        }
        var lines: [[UInt8]] = []
        for (i, spelling) in Spelling.allCases.enumerated() {
            for keySpelling in Spelling.allCases {
                for rotate in [0, 0, 5, 0, 18] { lines.append(line(spelling, rotate: (rotate + i) % 19, keySpelling: keySpelling)) }
            }
        }
        let (events, issues) = try read(lines)
        XCTAssertEqual(issues, [])
        XCTAssertEqual(events.count, lines.count)
        let expected = events[0]
        XCTAssertEqual(expected.accountID, "acct \"7\"\n\\x")
        XCTAssertEqual(expected.model, "m/1 é")
        XCTAssertEqual(expected.requestID, "req\\1")
        XCTAssertEqual(expected.orgID, "org 😀")
        XCTAssertEqual(expected.apiKeyID, "key\n1")
        XCTAssertEqual(expected.userAgent, "sdk/1.0 (\"beta\")")
        XCTAssertEqual(expected.clientFP, "cf-€")
        XCTAssertEqual(expected.paymentFP, "pay\\\"1")
        XCTAssertEqual(expected.systemHash, "sys-𝄞")
        XCTAssertEqual(expected.prompt, "line 1\nsay \"hi\" to C:\\dir, café 😀")
        XCTAssertEqual(expected.endpoint, "batch")
        XCTAssertEqual(expected.stopReason, "tool_use")
        XCTAssertEqual(expected.timestamp, 1_770_127_509, accuracy: 1e-9)
        XCTAssertEqual(expected.asn, 64500)
        XCTAssertEqual(expected.turns, 3)
        for (i, e) in events.enumerated() { XCTAssertEqual(e, expected, "line \(i + 1)") }
    }

    func testWhitespaceAfterAStringValueIsNotPartOfIt() throws {
        let (events, issues) = try read([
            Array(#"{ "ts" : "2026-02-03T14:05:09Z" , "account_id" :"a1"\#t,"model":"m"  ,"input_tokens": 1 ,"output_tokens":2, "prompt" : "p q "   }"#.utf8),
            Array(#"{"ts":"2026-02-03T14:05:09Z","account_id":"a1","model":"m","input_tokens":1,"output_tokens":2,"prompt":"p q "}"#.utf8),
        ])
        XCTAssertEqual(issues, [])
        XCTAssertEqual(events.count, 2)
        XCTAssertEqual(events[0].accountID, "a1")
        XCTAssertEqual(events[0].prompt, "p q ")
        XCTAssertEqual(events[0], events[1])
    }

    func testStringsReadInPlaceAreStillValidated() throws {
        // Strings without a backslash are not copied by simdjson's string parser: stage 1, which scans the whole
        // line, must still reject raw control characters and invalid UTF-8 in them, and escapes stay checked.
        let head = #"{"ts":"2026-02-03T14:05:09Z","account_id":"a1","model":"m","input_tokens":1,"output_tokens":2"#
        let tails: [[UInt8]] = [
            Array(#","prompt":"a\#tb"}"#.utf8),                  // raw tab in a value
            Array(",\"ip\u{1F}\":\"x\"}".utf8),                     // raw control character in a key
            Array(#","prompt":"a"#.utf8) + [0xFF] + Array(#"b"}"#.utf8),        // invalid UTF-8 in a known field
            Array(#","other":"a"#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8),    // overlong UTF-8 in an unknown field
            Array(#","prompt":"x"#.utf8) + [0xE2, 0x82] + Array(#""}"#.utf8),   // truncated UTF-8 sequence
            Array(#","prompt":"a\xb"}"#.utf8),                     // unknown escape in a value
            Array(#","i\xp":"x"}"#.utf8),                          // unknown escape in a key
            Array(#","prompt":"\ud800"}"#.utf8),                   // lone high surrogate
            Array(#","prompt":"\ud800\u0041"}"#.utf8),             // high surrogate without its low half
            Array(#","prompt":"\u12G4"}"#.utf8),                   // bad hex digit
            Array(#","ip":"1.2.3.4"x}"#.utf8),                     // content after the closing quote
        ]
        let (events, issues) = try read(tails.map { Array(head.utf8) + $0 })
        XCTAssertEqual(events, [])
        XCTAssertEqual(issues.map(\.line), Array(1...11))
        XCTAssertEqual(issues.map(\.reason), [
            .invalidJSON, .invalidJSON, .invalidUTF8, .invalidUTF8, .invalidUTF8,
            .invalidJSON, .invalidJSON, .invalidJSON, .invalidJSON, .invalidJSON, .invalidJSON,
        ])
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
