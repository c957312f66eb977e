import XCTest
@testable import Training

/// The chunked parallel split must equal a plain stable partition, for any thread count.
final class GBDTDataPartitionTests: XCTestCase {
    func testParallelSplitIsAStablePartition() {
        let n = 3 * GBDTParallel.rowChunk + 12_345
        var rng = GBDTRandom(seed: 5)
        let column = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        // Leaf 0 holds every other row, so row indices and positions differ.
        let rows = stride(from: 0, to: n, by: 2).map { Int32($0) }
        for threads in [1, 2, 3] {
            var partition = GBDTDataPartition(rows: rows, maxLeaves: 4)
            column.withUnsafeBufferPointer { col in
                partition.split(leaf: 0, newLeaf: 1, column: col.baseAddress!, parallel: GBDTParallel(threads: threads)) {
                    $0 <= 100
                }
            }
            let left = rows.filter { column[Int($0)] <= 100 }
            let right = rows.filter { column[Int($0)] > 100 }
            XCTAssertEqual(partition.count[0], left.count)
            XCTAssertEqual(partition.begin[1], left.count)
            XCTAssertEqual(partition.count[1], right.count)
            XCTAssertEqual(partition.indices, left + right, "threads \(threads)")
        }
    }
}
