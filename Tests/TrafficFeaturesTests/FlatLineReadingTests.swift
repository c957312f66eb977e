import CTrafficIO
import Foundation
import XCTest
@testable import TrafficFeatures

/// The line parser reads most lines with a fast reading of flat objects straight from simdjson's stage 1, and
/// everything else with simdjson's On-Demand API (the general reading). These tests hold the fast reading to the
/// general one: every line it accepts must get exactly the event the general reading gives, and it must decline
/// (not misread) every line outside its narrow grammar.
final class FlatLineReadingTests: XCTestCase {
    static let contractLine = #"{"ts":"2026-01-05T00:00:00.036Z","request_id":"req_952f14f1e8ddc491","account_id":"acct_0058098","org_id":"org_991724ff0581","api_key_id":"key_bc79e88fe4a9","model":"hw-large-2025-06","endpoint":"messages","ip":"66.33.220.132","asn":20473,"country":"GB","user_agent":"Go-http-client/2.0","client_fp":"t13d1516h2_aa1421ff1b99","payment_fp":"pay_52bd246273f8b9a8","input_tokens":3368,"output_tokens":95,"max_tokens":4096,"thinking_budget":0,"tools":0,"tool_calls":0,"images":0,"turns":8,"cache_read_tokens":0,"system_hash":"sys_02bb1d29fc7c","status":200,"latency_ms":2152,"stop_reason":"end_turn","prompt":"explain like i'm five: music theory thanks!"}"#

    /// A parser and a padded copy of one line, read both ways.
    final class Readings {
        let parser = hw_parser_create(1 << 16)!
        deinit { hw_parser_destroy(parser) }

        /// (fast reading accepted the line, its event, the general reading's event), the events as `summary`
        /// strings (they point into the line, which lives only during the call).
        func read(_ line: [UInt8]) -> (accepted: Bool, fast: String, general: String, generalOK: Bool) {
            var padded = line
            padded.append(contentsOf: repeatElement(0x20, count: Int(HW_JSON_PADDING)))
            return padded.withUnsafeBufferPointer { b in
                b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { p in
                    var fast = hw_event(), general = hw_event()
                    let ok = hw_parse_flat_line(parser, p, line.count, &fast) == 1
                    hw_parse_general_line(parser, p, line.count, b.count, &general)
                    return (ok, FlatLineReadingTests.summary(fast), FlatLineReadingTests.summary(general),
                            general.status == Int32(HW_OK.rawValue))
                }
            }
        }
    }

    /// The fields of an event that carry meaning: status, presence bits, the present strings' bytes and the
    /// present integers (absent slots hold leftovers and are not compared).
    static func summary(_ e: hw_event) -> String {
        var e = e
        var parts = ["status \(e.status)", "strings \(e.str_present)", "ints \(e.int_present)"]
        withUnsafeBytes(of: &e.str) { raw in
            for i in 0..<Int(HW_STR_FIELD_COUNT.rawValue) where e.str_present & (1 << UInt32(i)) != 0 {
                let s = raw.load(fromByteOffset: i * MemoryLayout<hw_str>.stride, as: hw_str.self)
                let bytes = UnsafeRawBufferPointer(start: s.ptr, count: s.len)
                parts.append("s\(i)=\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        withUnsafeBytes(of: &e.ints) { raw in
            for i in 0..<Int(HW_INT_FIELD_COUNT.rawValue) where e.int_present & (1 << UInt32(i)) != 0 {
                parts.append("i\(i)=\(raw.load(fromByteOffset: i * 8, as: Int64.self))")
            }
        }
        return parts.joined(separator: " ")
    }

    func assertSameWhenAccepted(_ r: Readings, _ line: [UInt8], file: StaticString = #filePath, line l: UInt = #line)
        -> Bool {
        let (accepted, fast, general, generalOK) = r.read(line)
        if accepted {
            XCTAssertTrue(generalOK, "fast reading accepted a line the general one rejects: \(String(decoding: line, as: UTF8.self))", file: file, line: l)
            XCTAssertEqual(fast, general, String(decoding: line, as: UTF8.self), file: file, line: l)
        }
        return accepted
    }

    func testAcceptsContractLinesAndAgreesWithTheGeneralReading() {
        let r = Readings()
        let accepted: [String] = [
            Self.contractLine,
            #"{"ts":"2026-02-03T14:05:09Z","account_id":"a","model":"m","input_tokens":0,"output_tokens":7}"#,
            // Whitespace wherever JSON allows it, and a carriage return at the end.
            #"  { "ts" : "2026-02-03T14:05:09Z" , "account_id":"a b" ,"model": "" ,"input_tokens": 12 , "output_tokens":3 }  "# + "\r",
            "{\"ts\":\"x\",\t\"asn\":\t42\t}",
            // Unknown fields with plain values are skipped; a repeated key keeps its last value.
            #"{"extra":"v","ts":"t","more":123,"account_id":"a","account_id":"b","model":"m"}"#,
            // Largest fast integer (18 digits), 8- and 9-digit values, zero.
            #"{"input_tokens":999999999999999999,"output_tokens":12345678,"max_tokens":123456789,"status":0}"#,
            // Non-ASCII UTF-8 and structural characters inside strings.
            #"{"prompt":"café {'}' ]:, naïve","ts":"t"}"#,
        ]
        for line in accepted {
            XCTAssertTrue(assertSameWhenAccepted(r, Array(line.utf8)), "declined: \(line)")
        }
        let e = r.read(Array(accepted[4].utf8)).fast
        XCTAssertTrue(e.contains("s1=b "), e)
    }

    func testDeclinesWhatItDoesNotReadAndTheGeneralReadingDecides() {
        let r = Readings()
        let declined: [String] = [
            #"{"ts":"a\"b","account_id":"a","model":"m"}"#,          // an escape anywhere
            #"{"ts":"t","ip":null}"#,                                 // null (absent for the general reading)
            #"{"ts":"t","x":true}"#, #"{"ts":"t","x":false}"#,
            #"{"ts":"t","x":{"y":1}}"#, #"{"ts":"t","x":[1,2]}"#,     // nested values
            #"{"input_tokens":-1}"#, #"{"input_tokens":1.5}"#, #"{"input_tokens":1e3}"#,
            #"{"input_tokens":01}"#, #"{"input_tokens":1234567890123456789}"#,
            #"{"input_tokens":"12"}"#, #"{"ts":12}"#,                  // wrong types
            #"{"input_tokens":12abc}"#, #"{"ts":"t" "x"}"#, #"{"ts" "t"}"#, #"{"ts":"t",}"#,
            #"{"ts":"t"} x"#, #"{"ts":"t"}{"ts":"u"}"#, #"{}"#, #"[1]"#, #""s""#, "", "   ",
            #"{"ts":"t""#, #"{"ts":"t","#, "{\"ts\":\"\u{1}\"}",
        ]
        for line in declined {
            let accepted = r.read(Array(line.utf8)).accepted
            XCTAssertFalse(accepted, "accepted: \(line)")
        }
        XCTAssertFalse(r.read([0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]).accepted, "invalid UTF-8")
    }

    /// Random edits of valid lines (bytes replaced, inserted, deleted, from the bytes JSON gives meaning to):
    /// whenever the fast reading accepts the result, the general reading accepts it too, with the same event.
    func testRandomEditsNeverMakeTheTwoReadingsDisagree() {
        let r = Readings()
        let bases = [Self.contractLine,
                     #"{"ts":"2026-02-03T14:05:09Z","account_id":"a","model":"m","input_tokens":10,"output_tokens":7,"x":5}"#]
            .map { Array($0.utf8) }
        let alphabet = Array(#"{}[]:,"\ 0123456789-+.eEtrufalsn"#.utf8) + [0x09, 0x0D, 0xC3, 0xA9, 0x01]
        var state: UInt64 = 20_261_207
        func next() -> UInt64 {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var accepted = 0, edits = 0
        for _ in 0..<20_000 {
            var line = bases[Int(next() % UInt64(bases.count))]
            for _ in 0..<(1 + Int(next() % 3)) {
                let at = Int(next() % UInt64(line.count))
                let byte = alphabet[Int(next() % UInt64(alphabet.count))]
                switch next() % 3 {
                case 0: line[at] = byte
                case 1: line.insert(byte, at: at)
                default: if line.count > 1 { line.remove(at: at) }
                }
            }
            edits += 1
            if assertSameWhenAccepted(r, line) { accepted += 1 }
        }
        // Many edits land inside strings or whitespace and keep the line readable, so both sides are exercised.
        XCTAssertGreaterThan(accepted, edits / 10)
        XCTAssertLessThan(accepted, edits)
    }
}
