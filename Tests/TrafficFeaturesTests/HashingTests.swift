import XCTest
@testable import TrafficFeatures

final class HashingTests: XCTestCase {
    func testFourWayFNVEqualsOneAtATime() {
        // Lengths that differ in every way: equal, empty, one much longer than the others.
        let words = ["", "a", "acct-001385", "key-1385-1", "sdk-python/1.2", "10.34.0.2", "é😀\n\"",
                     String(repeating: "x", count: 70)]
        for a in words {
            for b in words {
                for (c, d) in zip(words, words.reversed()) {
                    let bytes = [a, b, c, d].map { Array($0.utf8) }
                    let one = bytes.map { $0.withUnsafeBytes { Hashing.fnv1a($0) } }
                    let four = bytes[0].withUnsafeBytes { p0 in
                        bytes[1].withUnsafeBytes { p1 in
                            bytes[2].withUnsafeBytes { p2 in
                                bytes[3].withUnsafeBytes { p3 in Hashing.fnv1a(p0, p1, p2, p3) }
                            }
                        }
                    }
                    XCTAssertEqual([four.0, four.1, four.2, four.3], one, "\([a, b, c, d])")
                }
            }
        }
        // The definition itself: FNV-1a 64 of "a" and of nothing.
        XCTAssertEqual(Hashing.fnv1a("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(Hashing.fnv1a(""), 0xcbf2_9ce4_8422_2325)
    }
}
