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
    ///
    /// Large leaves are split in fixed chunks in parallel: each chunk writes its left rows forward and its
    /// right rows backward into its own part of the scratch array, then every chunk copies them to their
    /// final places (offsets from a prefix sum in chunk order). The result is the same stable partition
    /// for any thread count.
    mutating func split(leaf: Int, newLeaf: Int, column: UnsafePointer<UInt8>, parallel: GBDTParallel,
                        goesLeft: (UInt8) -> Bool) {
        let start = begin[leaf], m = count[leaf]
        let chunk = GBDTParallel.rowChunk
        let chunks = (m + chunk - 1) / chunk
        var lefts = [Int](repeating: 0, count: chunks)
        indices.withUnsafeMutableBufferPointer { idx in
            scratch.withUnsafeMutableBufferPointer { tmp in
                let base = idx.baseAddress! + start
                let work = tmp.baseAddress! + start
                lefts.withUnsafeMutableBufferPointer { leftCounts in
                    let leftCounts = leftCounts
                    parallel.forEach(chunks) { c in
                        let lo = c * chunk, hi = min(m, lo + chunk)
                        var l = lo, r = hi - 1
                        for i in lo..<hi {
                            let row = base[i]
                            if goesLeft(column[Int(row)]) {
                                work[l] = row
                                l += 1
                            } else {
                                work[r] = row
                                r -= 1
                            }
                        }
                        leftCounts[c] = l - lo
                    }
                }
                var leftOffset = [Int](repeating: 0, count: chunks)
                var rightOffset = [Int](repeating: 0, count: chunks)
                var totalLeft = 0
                for c in 0..<chunks {
                    leftOffset[c] = totalLeft
                    totalLeft += lefts[c]
                }
                var totalRight = 0
                for c in 0..<chunks {
                    rightOffset[c] = totalLeft + totalRight
                    totalRight += min(m, (c + 1) * chunk) - c * chunk - lefts[c]
                }
                parallel.forEach(chunks) { c in
                    let lo = c * chunk, hi = min(m, lo + chunk)
                    (base + leftOffset[c]).update(from: work + lo, count: lefts[c])
                    var out = rightOffset[c]
                    var i = hi - 1
                    while i >= lo + lefts[c] {
                        base[out] = work[i]
                        out += 1
                        i -= 1
                    }
                }
            }
        }
        let left = lefts.reduce(0, +)
        count[leaf] = left
        begin[newLeaf] = start + left
        count[newLeaf] = m - left
    }
}
