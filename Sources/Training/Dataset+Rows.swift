extension Dataset {
    /// The rows at `indices`, in that order, with their labels, weights, ids and groups.
    public func rows(_ indices: [Int]) -> Dataset {
        let m = indices.count
        var out = [Double](repeating: 0, count: m * featureCount)
        for j in 0..<featureCount {
            let base = j * rowCount
            for (k, i) in indices.enumerated() { out[j * m + k] = values[base + i] }
        }
        var subset = Dataset(featureNames: featureNames, rowCount: m, values: out, labels: indices.map { labels[$0] },
                             weights: weights.map { w in indices.map { w[$0] } },
                             rowIDs: rowIDs.map { r in indices.map { r[$0] } },
                             groups: groups.map { g in indices.map { g[$0] } })
        subset.schemaVersion = schemaVersion
        return subset
    }

    /// Number of rows with label 1.
    public var positiveCount: Int { labels.reduce(0) { $0 + ($1 == 1 ? 1 : 0) } }
}

extension Dataset {
    /// Copies row `i` into `buffer` (length `featureCount`) without allocating.
    public func copyRow(_ i: Int, into buffer: inout [Double]) {
        precondition(buffer.count == featureCount)
        for j in 0..<featureCount { buffer[j] = values[j * rowCount + i] }
    }
}
