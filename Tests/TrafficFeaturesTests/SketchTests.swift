import XCTest
@testable import TrafficFeatures

/// The accumulator's bounded parts against brute force: their shortcuts (branch-free search, early cut-off in
/// bottom-k samples) must not change a single value.
final class SketchTests: XCTestCase {
    func testLowerBoundMatchesLinearScan() {
        var rng = SystemRandomNumberGenerator()
        for size in 0...70 {
            for _ in 0..<20 {
                let a = (0..<size).map { _ in UInt64.random(in: 0...200, using: &rng) }.sorted()
                for h in [0, 1, 100, 199, 200, 201, UInt64.random(in: 0...201, using: &rng)] as [UInt64] {
                    let expected = a.firstIndex { $0 >= h } ?? a.count
                    XCTAssertEqual(DistinctCounter.lowerBound(a, h), expected, "size \(size), h \(h)")
                }
            }
        }
    }

    /// The integer sum of the HyperLogLog terms against adding them in order in floating point, bit for bit:
    /// registers as a counter fills them (mostly small) and registers up to and beyond the integer path's limit.
    func testHarmonicSumEqualsTheSumInOrder() {
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<400 {
            let top: UInt8 = [3, 12, 41, 42, 43, 55][trial % 6]
            let registers = (0..<1024).map { _ in
                UInt8.random(in: 0...top, using: &rng) >> UInt8.random(in: 0...2, using: &rng)
            }
            var sum = 0.0, zeros = 0
            for r in registers {
                sum += 1.0 / Double(UInt64(1) << UInt64(r))
                if r == 0 { zeros += 1 }
            }
            let fast = DistinctCounter.harmonicSum(registers)
            XCTAssertEqual(fast.sum.bitPattern, sum.bitPattern, "registers up to \(top)")
            XCTAssertEqual(fast.zeros, zeros)
        }
    }

    func testBottomKIsOrderAndShardIndependent() {
        var rng = SystemRandomNumberGenerator()
        let values = (0..<20_000).map { _ in Double(UInt32.random(in: 0...5_000, using: &rng)) }
        let priority: (Double) -> UInt64 = { Hashing.mix($0.bitPattern) }
        var whole = BottomKSample<Double>(capacity: 64)
        for v in values { whole.add(v, priority: priority(v)) }
        var reversed = BottomKSample<Double>(capacity: 64)
        for v in values.reversed() { reversed.add(v, priority: priority(v)) }
        var left = BottomKSample<Double>(capacity: 64), right = BottomKSample<Double>(capacity: 64)
        for (i, v) in values.enumerated() {
            if i % 3 == 0 { left.add(v, priority: priority(v)) } else { right.add(v, priority: priority(v)) }
        }
        right.merge(left)
        let keyed: [(UInt64, Double)] = values.map { (priority($0), $0) }
        let ordered = keyed.sorted { (a: (UInt64, Double), b: (UInt64, Double)) -> Bool in
            a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
        }
        let expected: [Double] = ordered.prefix(64).map { $0.1 }.sorted()
        XCTAssertEqual(whole.keptValues().sorted(), expected)
        XCTAssertEqual(reversed.keptValues().sorted(), expected)
        XCTAssertEqual(right.keptValues().sorted(), expected)
        XCTAssertEqual(whole.seen, values.count)
        XCTAssertEqual(right.seen, values.count)
    }

    /// A time sample that computes its priorities keeps exactly what a sample storing the same priorities keeps.
    func testHashedTimeSampleKeepsWhatStoredPrioritiesKeep() {
        var rng = SystemRandomNumberGenerator()
        let times = (0..<30_000).map { _ in 1.77e9 + Double(UInt32.random(in: 0...2_000_000, using: &rng)) / 8 }
        var hashed = BottomK<HashedTime>(capacity: 2048), stored = BottomKSample<Double>(capacity: 2048)
        var left = BottomK<HashedTime>(capacity: 2048), right = BottomK<HashedTime>(capacity: 2048)
        for (i, t) in times.enumerated() {
            hashed.add(HashedTime(value: t))
            stored.add(t, priority: Hashing.mix(t.bitPattern))
            if i % 5 == 0 { left.add(HashedTime(value: t)) } else { right.add(HashedTime(value: t)) }
        }
        right.merge(left)
        let expected = stored.keptValues().sorted()
        XCTAssertEqual(expected.count, 2048)
        XCTAssertEqual(hashed.keptValues().sorted(), expected)
        XCTAssertEqual(right.keptValues().sorted(), expected)
        XCTAssertEqual(MemoryLayout<HashedTime>.stride, 8)
    }

    /// Priorities tied at the cut-off: the smallest values among them are kept, whatever the arrival order.
    func testBottomKTiesAtTheCutoffKeepTheSmallestValues() {
        var rng = SystemRandomNumberGenerator()
        let values = (0..<3_000).map { _ in Double(UInt32.random(in: 0...100_000, using: &rng)) }
        let priority: (Double) -> UInt64 = { UInt64($0) % 7 }
        var whole = BottomKSample<Double>(capacity: 100)
        for v in values { whole.add(v, priority: priority(v)) }
        var left = BottomKSample<Double>(capacity: 100), right = BottomKSample<Double>(capacity: 100)
        for (i, v) in values.enumerated().reversed() {
            if i % 2 == 0 { left.add(v, priority: priority(v)) } else { right.add(v, priority: priority(v)) }
        }
        left.merge(right)
        let ordered = values.sorted { priority($0) != priority($1) ? priority($0) < priority($1) : $0 < $1 }
        let expected = Array(ordered.prefix(100)).sorted()
        XCTAssertEqual(whole.keptValues().sorted(), expected)
        XCTAssertEqual(left.keptValues().sorted(), expected)
        XCTAssertEqual(whole.keptValues().sorted(), expected)
    }

    func testHourCountsMatchADictionary() {
        var rng = SystemRandomNumberGenerator()
        var table = HourCounts()
        var expected: [Int32: Int32] = [:]
        for _ in 0..<20_000 {
            let hour = Int32.random(in: -300...3_000, using: &rng)
            let n = Int32.random(in: 1...5, using: &rng)
            table.add(hour, n)
            expected[hour, default: 0] += n
        }
        table.add(0, 1); expected[0, default: 0] += 1
        let flushed = table.flushed()
        var seen: [Int32: Int32] = [:]
        flushed.forEach { h, c in XCTAssertNil(seen.updateValue(c, forKey: h), "hour \(h) listed twice") }
        XCTAssertEqual(seen, expected)
        XCTAssertEqual(flushed.count, expected.count)
    }
}
