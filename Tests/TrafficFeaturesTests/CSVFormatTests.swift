import Foundation
import XCTest
@testable import TrafficFeatures

/// The byte writers behind features.csv must give exactly the text of `CSV.format` / `CSV.quote` (Swift's
/// shortest round-trip `description`), so the faster path changes no output.
final class CSVFormatTests: XCTestCase {
    private func bytes(_ x: Double) -> String {
        var out: [UInt8] = []
        CSV.appendNumber(x, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func testNumbersAreFormattedLikeTheirDescription() {
        var special: [Double] = [0, -0.0, 1, -1, .nan, -.nan, .infinity, -.infinity, .ulpOfOne, .leastNonzeroMagnitude,
                                 -.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
                                 -.greatestFiniteMagnitude, 1e15, -1e15, 1e15 - 1, -(1e15 - 1), 1e15 + 2, 1e16, 1e17,
                                 9_007_199_254_740_992, 0.1, 0.5, 1e-4, 1e-5, 1.5e-5, 123_456.789, 1e22, 1e23]
        for k in 0..<64 { special.append(Double(sign: .plus, exponent: k, significand: 1)); special.append(-Double(1 << min(k, 62))) }
        var g = SystemRandomNumberGenerator()
        var xs = special
        for _ in 0..<200_000 { xs.append(Double(bitPattern: g.next())) }                    // any bits: all magnitudes, subnormals, NaNs
        for _ in 0..<200_000 { xs.append(Double.random(in: -1e6...1e6, using: &g)) }       // feature-like values
        for _ in 0..<100_000 { xs.append(Double(Int64.random(in: -(1 << 53)...(1 << 53), using: &g))) } // integers, incl. ≥ 1e15
        for _ in 0..<100_000 { xs.append(Double.random(in: 0..<1, using: &g) * pow(10, Double.random(in: -12...18, using: &g).rounded())) }
        for x in xs where bytes(x) != CSV.format(x) {
            XCTFail("\(x.bitPattern): \(bytes(x)) != \(CSV.format(x))")
            return
        }
    }

    func testFieldsAreQuotedLikeQuote() {
        for s in ["", "plain", "a,b", "say \"hi\"", "line\nbreak", "cr\r", "crlf\r\n", ",\u{301}", "\"\u{301}x",
                  "é,ü", "日本,語", "\u{1F600}\"", "\r\n,"] {
            var out: [UInt8] = []
            CSV.appendQuoted(s, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), CSV.quote(s), s.debugDescription)
        }
    }

    /// The rows are formatted in blocks, on two threads when asked: the text is the same either way and equals
    /// the field-by-field definition.
    func testBlockedAndTwoThreadCSVEqualsTheDefinition() {
        let names = ["a", "b,c", "d"]
        let rows = 3 * FeatureTable.csvBlockRows + 7
        var g = SystemRandomNumberGenerator()
        let columns = (0..<(rows * names.count)).map { k -> Double in
            k % 5 == 0 ? .nan : k % 3 == 0 ? Double(Int.random(in: -1000...1000, using: &g)) : Double.random(in: -1...1, using: &g)
        }
        let t = FeatureTable(schema: FeatureSchema(version: 1, names: names), rowCount: rows, columns: columns,
                             accountIDs: (0..<rows).map { $0 % 7 == 0 ? "id,\($0)" : "id\($0)" },
                             labels: (0..<rows).map { $0 % 3 == 0 ? .nan : Double($0 % 2) },
                             campaigns: (0..<rows).map { $0 % 4 == 0 ? "c\"\($0 % 3)\"" : nil },
                             clusters: (0..<rows).map { $0 % 2 == 0 ? "h\($0 % 9)" : nil })
        var expected = (FeatureTable.leadingColumns + names).map(CSV.quote).joined(separator: ",") + "\n"
        for r in 0..<rows {
            var fields = [CSV.quote(t.accountIDs![r]), CSV.format(t.labels[r]), CSV.quote(t.campaigns[r] ?? ""),
                          CSV.quote(t.clusters[r] ?? "")]
            for c in 0..<names.count { fields.append(CSV.format(t.value(row: r, column: c))) }
            expected += fields.joined(separator: ",") + "\n"
        }
        XCTAssertEqual(t.csv(), expected)
        var ran = false
        XCTAssertEqual(String(decoding: t.csvBytes(threads: 2, first: { ran = true }), as: UTF8.self), expected)
        XCTAssertTrue(ran)
    }
}
