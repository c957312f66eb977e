/// The training features as bin indices: column-major `UInt8`, one byte per cell.
///
/// Built once per fit; every histogram pass reads one column of it through the rows of a leaf. Bins per
/// feature (value bins + the missing bin) are ≤ 256, so a byte always suffices.
struct GBDTBinnedMatrix: Sendable {
    let rowCount: Int
    let featureCount: Int
    /// Bin of row `i`, feature `f` is `bins[f * rowCount + i]`.
    let bins: [UInt8]
    /// Bins per feature including the missing bin.
    let binCounts: [Int]
    /// Offset of each feature's first bin in a histogram that lays all features end to end.
    let binOffsets: [Int]
    /// Total histogram slots over all features.
    let totalBins: Int
    /// Whether the feature has any missing value in the training rows.
    let hasMissing: [Bool]

    init(_ dataset: Dataset, cuts: GBDTBinCuts, parallel: GBDTParallel) {
        let n = dataset.rowCount
        let featureCount = dataset.featureCount
        var bins = [UInt8](repeating: 0, count: n * featureCount)
        var hasMissing = [Bool](repeating: false, count: featureCount)
        bins.withUnsafeMutableBufferPointer { out in
            hasMissing.withUnsafeMutableBufferPointer { missingOut in
                let (out, missingOut) = (out, missingOut)
                dataset.values.withUnsafeBufferPointer { values in
                    parallel.forEach(featureCount) { f in
                        missingOut[f] = Self.binColumn(values.baseAddress! + f * n, count: n,
                                                       bounds: cuts.upperBounds[f], into: out.baseAddress! + f * n)
                    }
                }
            }
        }
        self.hasMissing = hasMissing
        self.rowCount = n
        self.featureCount = featureCount
        self.bins = bins
        binCounts = (0..<featureCount).map { cuts.numericBinCount($0) + 1 }
        var offsets = [Int]()
        var total = 0
        for c in binCounts {
            offsets.append(total)
            total += c
        }
        binOffsets = offsets
        totalBins = total
    }

    /// Bins one column (NaN → the missing bin, `bounds.count`); returns whether it saw a missing value.
    /// Branch-free binary search over the bounds padded to 256 with +∞: 8 fixed steps per value.
    private static func binColumn(_ column: UnsafePointer<Double>, count n: Int, bounds: [Double],
                                  into target: UnsafeMutablePointer<UInt8>) -> Bool {
        let missing = UInt8(bounds.count)
        let padded = bounds + [Double](repeating: .infinity, count: 256 - bounds.count)
        var sawMissing = false
        padded.withUnsafeBufferPointer { b in
            for i in 0..<n {
                let x = column[i]
                if x.isNaN {
                    target[i] = missing
                    sawMissing = true
                    continue
                }
                var lo = 0
                var step = 128
                while step > 0 {
                    lo += x > b[lo + step - 1] ? step : 0
                    step >>= 1
                }
                target[i] = UInt8(truncatingIfNeeded: lo)
            }
        }
        return sawMissing
    }
}
