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

    /// The duplicate filter moved from `HashIndex` to `HashSet64`: both must give the same answers, including
    /// the 0 → 1 key fold.
    func testHashSetAgreesWithHashIndex() {
        let set = HashSet64(capacity: 4)
        // Reserved for fewer keys than come, and of a size that is not a power of two: it must still grow.
        let reserved = HashSet64(capacity: 4)
        reserved.reserve(7_000)
        // Large enough for anonymous (huge-page) memory instead of the allocator's.
        let mapped = HashSet64(capacity: 4)
        mapped.reserve(1_000_000)
        var index = HashIndex(capacity: 4)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<50_000 {
            let k = Bool.random(using: &rng) ? UInt64.random(in: 0...3, using: &rng) : UInt64.random(in: 0...40_000, using: &rng) &* 0x9E37_79B9
            let inserted = index.insert(k, 0).inserted
            XCTAssertEqual(set.insert(k), inserted)
            XCTAssertEqual(reserved.insert(k), inserted)
            XCTAssertEqual(mapped.insert(k), inserted)
        }
        XCTAssertGreaterThan(index.count, 7_000 * 5 / 4)
        XCTAssertEqual(set.count, index.count)
        XCTAssertEqual(reserved.count, index.count)
        XCTAssertEqual(mapped.count, index.count)
        for s in [set, reserved, mapped] {
            XCTAssertTrue(s.contains(1))
            XCTAssertFalse(s.contains(0xDEAD_BEEF_0000_0001))
        }
    }

    func testIncrementCountsPerKey() {
        var h = HashIndex(capacity: 4)
        var expected: [UInt64: Int32] = [:]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let k = UInt64.random(in: 2...3_000, using: &rng) &* 0x9E37_79B9
            expected[k, default: 0] += 1
            XCTAssertEqual(h.increment(k), expected[k])
        }
        XCTAssertEqual(h.count, expected.count)
        for (k, c) in expected { XCTAssertEqual(h.get(k), c) }
    }

    func testFormUnionKeepsABitSetPerKeyAndForEachVisitsEachOnce() {
        var h = HashIndex(capacity: 2)
        var expected: [UInt64: Int32] = [:]
        var state: UInt64 = 7
        func next() -> UInt64 { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return state >> 33 }
        for _ in 0..<10_000 {
            let k = (next() % 2_000 + 1) << 32 | (next() % 50)
            let bit = Int32(1) << Int32(next() % 5)
            expected[k, default: 0] |= bit
            h.formUnion(k, bit)
        }
        var seen: [UInt64: Int32] = [:]
        h.forEach { k, v in XCTAssertNil(seen.updateValue(v, forKey: k)) }
        XCTAssertEqual(seen, expected)
        XCTAssertEqual(h.count, expected.count)
    }
}
