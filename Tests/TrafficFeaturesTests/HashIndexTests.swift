import XCTest
@testable import TrafficFeatures

final class HashIndexTests: XCTestCase {
    func testInsertGetAndGrowth() {
        var h = HashIndex(capacity: 4)
        for i in 0..<10_000 { XCTAssertTrue(h.insert(UInt64(i) &* 0x9E37_79B9, Int32(i)).inserted) }
        XCTAssertEqual(h.count, 10_000)
        for i in stride(from: 0, to: 10_000, by: 7) { XCTAssertEqual(h.get(UInt64(i) &* 0x9E37_79B9), Int32(i)) }
        XCTAssertEqual(h.insert(0, 5).value, 0, "key 0 was inserted first with value 0")
        XCTAssertFalse(h.insert(0, 5).inserted)
        XCTAssertNil(h.get(12345))
    }
}
