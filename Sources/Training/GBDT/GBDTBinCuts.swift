/// Per-feature bin boundaries, found once from (a sample of) the training data.
///
/// Feature `f` has `numericBinCount(f)` value bins plus one trailing bin for missing values (NaN).
/// A finite value `x` falls in the first bin `b` with `x <= upperBounds[f][b]`; the last value bin's bound is
/// `+∞`. A split "bins ≤ b go left" is therefore stored in the tree as the raw threshold `upperBounds[f][b]`,
/// and `x <= threshold` at prediction time reproduces the training partition exactly (LightGBM's convention).
///
/// Cuts follow LightGBM's `GreedyFindBin` with zero in a bin of its own: distinct values are grouped so each
/// bin holds about `count / maxBin` samples (values at least that frequent get their own bin), bins hold at
/// least `minDataInBin` samples, and bounds are midpoints between neighbouring distinct values.
struct GBDTBinCuts: Sendable, Equatable {
    /// Upper bounds of the value bins, ascending; the last one is `+∞`.
    var upperBounds: [[Double]]
    /// Whether the feature had missing values in the sample used to find the cuts.
    var hasMissing: [Bool]

    var featureCount: Int { upperBounds.count }

    func numericBinCount(_ feature: Int) -> Int { upperBounds[feature].count }

    /// Index of the missing-value bin of `feature` (right after its value bins).
    func missingBin(_ feature: Int) -> Int { upperBounds[feature].count }

    /// Bin of a raw value: binary search for the first bound `>= x`; NaN → the missing bin.
    func bin(of x: Double, feature: Int) -> Int {
        let bounds = upperBounds[feature]
        if x.isNaN { return bounds.count }
        var lo = 0, hi = bounds.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if x <= bounds[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Values within this distance of zero share the zero bin (LightGBM's `kZeroThreshold`).
    static let zeroThreshold = 1e-35

    /// Finds cuts for every feature of `dataset` from up to `sampleRows` rows (all rows if fewer).
    /// `maxBin` counts value bins (the missing bin is extra), so bins per feature ≤ `maxBin + 1` ≤ 256.
    static func fit(_ dataset: Dataset, maxBin: Int, minDataInBin: Int = 3, sampleRows: Int = 200_000,
                    seed: UInt64, parallel: GBDTParallel) -> GBDTBinCuts {
        let n = dataset.rowCount
        let rows: [Int]?
        if n > sampleRows {
            var rng = GBDTRandom(seed: seed ^ 0xB1_75)
            rows = rng.sample(sampleRows, from: n)
        } else {
            rows = nil
        }
        let featureCount = dataset.featureCount
        var bounds = [[Double]](repeating: [], count: featureCount)
        var missing = [Bool](repeating: false, count: featureCount)
        bounds.withUnsafeMutableBufferPointer { boundsOut in
            missing.withUnsafeMutableBufferPointer { missingOut in
                let (boundsOut, missingOut) = (boundsOut, missingOut)
                dataset.values.withUnsafeBufferPointer { values in
                    parallel.forEach(featureCount) { f in
                        let column = values.baseAddress! + f * n
                        var sample: [Double]
                        if let rows {
                            sample = rows.map { column[$0] }
                        } else {
                            sample = Array(UnsafeBufferPointer(start: column, count: n))
                        }
                        let total = sample.count
                        sample.removeAll { $0.isNaN }
                        let naCount = total - sample.count
                        radixSort(&sample)
                        let valueBins = naCount > 0 ? maxBin - 1 : maxBin
                        boundsOut[f] = cuts(sorted: sample, maxBin: max(1, valueBins), minDataInBin: minDataInBin)
                        missingOut[f] = naCount > 0
                    }
                }
            }
        }
        return GBDTBinCuts(upperBounds: bounds, hasMissing: missing)
    }

    /// Sorts non-NaN doubles ascending with an LSD radix sort on their order-preserving bit patterns
    /// (8 passes of one byte, skipping bytes that are equal in every key — most of them for float32 data).
    static func radixSort(_ values: inout [Double]) {
        let n = values.count
        guard n > 1 else { return }
        var keys = values.map { v -> UInt64 in
            let bits = (v == 0 ? 0.0 : v).bitPattern  // −0 and +0 sort together
            return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
        }
        var other = [UInt64](repeating: 0, count: n)
        let first = keys[0]
        var differing: UInt64 = 0
        for k in keys { differing |= k ^ first }
        for pass in 0..<8 {
            let shift = UInt64(pass * 8)
            if (differing >> shift) & 0xFF == 0 { continue }
            var counts = [Int](repeating: 0, count: 257)
            for k in keys { counts[Int((k >> shift) & 0xFF) + 1] += 1 }
            for i in 1...256 { counts[i] += counts[i - 1] }
            for k in keys {
                let b = Int((k >> shift) & 0xFF)
                other[counts[b]] = k
                counts[b] += 1
            }
            swap(&keys, &other)
        }
        for i in 0..<n {
            let k = keys[i]
            values[i] = Double(bitPattern: k >> 63 == 1 ? k & ~(1 << 63) : ~k)
        }
    }

    /// Bounds for one feature from its sorted finite sample values.
    static func cuts(sorted: [Double], maxBin: Int, minDataInBin: Int) -> [Double] {
        guard !sorted.isEmpty else { return [.infinity] }
        var values: [Double] = []
        var counts: [Int] = []
        for x in sorted {
            let v = abs(x) <= zeroThreshold ? 0 : x
            if let last = values.last, last == v {
                counts[counts.count - 1] += 1
            } else {
                values.append(v)
                counts.append(1)
            }
        }
        return zeroAsOneBin(values: values, counts: counts, maxBin: maxBin, minDataInBin: minDataInBin)
    }

    /// Negative values, zero and positive values are binned separately, so zero always has its own bin.
    private static func zeroAsOneBin(values: [Double], counts: [Int], maxBin: Int, minDataInBin: Int) -> [Double] {
        var leftData = 0, zeroData = 0, rightData = 0
        for (v, c) in zip(values, counts) {
            if v < 0 { leftData += c } else if v > 0 { rightData += c } else { zeroData += c }
        }
        let leftCount = values.firstIndex { $0 >= 0 } ?? values.count
        var bounds: [Double] = []
        if leftCount > 0 && maxBin > 1 {
            let share = Double(leftData) / Double(leftData + rightData) * Double(maxBin - 1)
            bounds = greedy(values: values[0..<leftCount], counts: counts[0..<leftCount], maxBin: max(1, Int(share)),
                            total: leftData, minDataInBin: minDataInBin)
            bounds[bounds.count - 1] = -zeroThreshold
        }
        let rightStart = values[leftCount...].firstIndex { $0 > 0 }
        let rightMaxBin = maxBin - 1 - bounds.count
        if let rightStart, rightMaxBin > 0 {
            let right = greedy(values: values[rightStart...], counts: counts[rightStart...], maxBin: rightMaxBin,
                               total: rightData, minDataInBin: minDataInBin)
            bounds.append(zeroThreshold)
            bounds.append(contentsOf: right)
        } else {
            bounds.append(.infinity)
        }
        return bounds
    }

    /// LightGBM's `GreedyFindBin` over one sign's distinct values; the last bound is `+∞`.
    private static func greedy(values: ArraySlice<Double>, counts: ArraySlice<Int>, maxBin: Int, total: Int,
                               minDataInBin: Int) -> [Double] {
        let v = Array(values), c = Array(counts)
        let m = v.count
        var bounds: [Double] = []
        if m <= maxBin {
            var inBin = 0
            for i in 0..<(m - 1) {
                inBin += c[i]
                if inBin >= minDataInBin {
                    let mid = (v[i] + v[i + 1]) / 2
                    if bounds.last != mid {
                        bounds.append(mid)
                        inBin = 0
                    }
                }
            }
            bounds.append(.infinity)
            return bounds
        }
        var maxBin = maxBin
        if minDataInBin > 0 { maxBin = max(1, min(maxBin, total / minDataInBin)) }
        var meanBinSize = Double(total) / Double(maxBin)
        var restBins = maxBin
        var restSamples = total
        let big = c.map { Double($0) >= meanBinSize }
        for i in 0..<m where big[i] {
            restBins -= 1
            restSamples -= c[i]
        }
        meanBinSize = Double(restSamples) / Double(restBins)
        var upper = [Double](repeating: .infinity, count: maxBin)
        var lower = [Double](repeating: .infinity, count: maxBin)
        var binCount = 0
        lower[0] = v[0]
        var inBin = 0
        for i in 0..<(m - 1) {
            if !big[i] { restSamples -= c[i] }
            inBin += c[i]
            if big[i] || Double(inBin) >= meanBinSize || (big[i + 1] && Double(inBin) >= max(1, meanBinSize * 0.5)) {
                upper[binCount] = v[i]
                binCount += 1
                lower[binCount] = v[i + 1]
                if binCount >= maxBin - 1 { break }
                inBin = 0
                if !big[i] {
                    restBins -= 1
                    meanBinSize = Double(restSamples) / Double(restBins)
                }
            }
        }
        binCount += 1
        for i in 0..<(binCount - 1) {
            let mid = (upper[i] + lower[i + 1]) / 2
            if bounds.last != mid { bounds.append(mid) }
        }
        bounds.append(.infinity)
        return bounds
    }
}
