/// Rows of the tree being grown, grouped by leaf: one index array in which every leaf owns a contiguous,
/// ascending range (LightGBM's data partition). Splitting a leaf partitions its range in place, stably.
struct GBDTDataPartition: Sendable {
    /// Row indices; leaf `l` owns `indices[begin[l] ..< begin[l] + count[l]]`.
    private(set) var indices: [Int32]
    private(set) var begin: [Int]
    private(set) var count: [Int]
    private var scratch: [Int32]

    /// Starts with every row of `rows` in leaf 0.
    init(rows: [Int32], maxLeaves: Int) {
        indices = rows
        scratch = [Int32](repeating: 0, count: rows.count)
        begin = [Int](repeating: 0, count: maxLeaves)
        count = [Int](repeating: 0, count: maxLeaves)
        count[0] = rows.count
    }

    var rowCount: Int { indices.count }

    /// Moves the rows of `leaf` for which `goesLeft(bin)` is false into `newLeaf` (placed right after
    /// the remaining rows of `leaf`). `column` is the split feature's bin column.
    mutating func split(leaf: Int, newLeaf: Int, column: UnsafePointer<UInt8>, goesLeft: (UInt8) -> Bool) {
        let start = begin[leaf], m = count[leaf]
        var left = 0, right = 0
        indices.withUnsafeMutableBufferPointer { idx in
            scratch.withUnsafeMutableBufferPointer { tmp in
                let base = idx.baseAddress! + start
                for i in 0..<m {
                    let r = base[i]
                    if goesLeft(column[Int(r)]) {
                        base[left] = r
                        left += 1
                    } else {
                        tmp[right] = r
                        right += 1
                    }
                }
                (base + left).update(from: tmp.baseAddress!, count: right)
            }
        }
        count[leaf] = left
        begin[newLeaf] = start + left
        count[newLeaf] = right
    }
}
