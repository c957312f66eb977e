import XCTest
@testable import TrafficFeatures

final class HashingTests: XCTestCase {
    func testFNVMatchesTheDefinitionAtEveryLengthAndOffset() {
        // Every length around the optimiser's 8-byte unrolling, at offsets inside a larger buffer, with bytes
        // of every value.
        let bytes = (0..<120).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        bytes.withUnsafeBytes { all in
            for offset in [0, 1, 7, 13] {
                for length in 0...40 {
                    let slice = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + length)])
                    var expected: UInt64 = 0xcbf2_9ce4_8422_2325
                    for b in slice { expected = (expected ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
                    XCTAssertEqual(Hashing.fnv1a(slice), expected, "offset \(offset), length \(length)")
                }
            }
        }
        XCTAssertEqual(Hashing.fnv1a(UnsafeRawBufferPointer(start: nil, count: 0)), Hashing.fnvOffset)
        // The definition itself: FNV-1a 64 of "a" and of nothing.
        XCTAssertEqual(Hashing.fnv1a("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(Hashing.fnv1a(""), 0xcbf2_9ce4_8422_2325)
    }
}
