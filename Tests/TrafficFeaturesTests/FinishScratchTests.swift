import XCTest
@testable import TrafficFeatures

final class FinishScratchTests: XCTestCase {
    /// `select(nth:)` puts the sorted value at k, nothing larger before it and nothing smaller after it, whatever
    /// the input: random, with many duplicates, sorted, reversed, all equal.
    func testSelectionMatchesSort() {
        var rng = SystemRandomNumberGenerator()
        var inputs: [[Double]] = [[1], [2, 1], [3, 3, 3, 3], Array(0..<100).map(Double.init),
                                  Array((0..<100).reversed()).map(Double.init)]
        for n in [3, 10, 257, 2047] {
            inputs.append((0..<n).map { _ in Double.random(in: 0..<1000, using: &rng) })
            inputs.append((0..<n).map { _ in Double(Int.random(in: 0..<5, using: &rng)) })
        }
        for input in inputs {
            let sorted = input.sorted()
            for k in Set([0, input.count / 2, input.count - 1, Int.random(in: 0..<input.count, using: &rng)]) {
                var a = input
                a.withUnsafeMutableBufferPointer { $0.select(nth: k) }
                XCTAssertEqual(a[k], sorted[k])
                XCTAssertTrue(a[..<k].allSatisfy { $0 <= a[k] })
                XCTAssertTrue(a[(k + 1)...].allSatisfy { $0 >= a[k] })
                XCTAssertEqual(a.sorted(), sorted, "a permutation of the input")
            }
        }
    }

    /// Scratch reused across accounts counts only what was added since its last reset, and finds shared bands
    /// at their own position only.
    func testScratchStartsEmptyForEachAccount() {
        var keys = KeyCounter(), bands = SharedBands()
        for round in 0..<3 {
            let n = 10 + 200 * round
            keys.reset(capacity: n)
            var slots: [UInt64: Int32] = [:], expected: [UInt64: Int32] = [:]
            for i in 0..<n {
                let k = UInt64(i % 7 + 1) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(round)
                slots[k] = keys.increment(k)
                expected[k, default: 0] += 1
            }
            for (k, slot) in slots { XCTAssertEqual(keys.count(at: slot), expected[k]) }
            var seen: [UInt64: Int32] = [:]
            keys.forEach { seen[$0] = $1 }
            XCTAssertEqual(seen, expected)

            // Prompt 0 and 1 share band 1; prompt 2's band 0 equals their band 1 (another position: no match).
            let sample = [PromptKey(simhash: 0x0A00_0B00_0005_0001 &+ UInt64(round), prefixKey: 0),
                          PromptKey(simhash: 0x0A01_0B01_0005_0102, prefixKey: 0),
                          PromptKey(simhash: 0x0A02_0B02_0000_0005, prefixKey: 0)]
            var shared = [Bool](repeating: false, count: sample.count)
            for b in 0..<4 { bands.markShared(sample, band: b, in: &shared) }
            XCTAssertEqual(shared, [true, true, false])
        }
    }
}
