/// Builds per-leaf gradient histograms: for every used feature and bin, (Σ gradient, Σ hessian) over the
/// rows of one leaf. Row counts are not stored: like LightGBM, split finding estimates them from hessians.
///
/// Layout: a histogram is `matrix.totalBins` pairs `SIMD2<Double>(sumGrad, sumHess)`; feature `f`, bin `b`
/// lives at `binOffsets[f] + b`. Only the smaller child of a split is built from rows; its sibling is
/// `parent − smaller` (`subtract`), which roughly halves the histogram work per level.
///
/// Hot loop: gradients are first gathered into leaf order (`ordered`, LightGBM's ordered gradients), then
/// each work item walks the leaf's rows once for a block of up to four features, so each row's index and
/// (gradient, hessian) pair are loaded once per block rather than once per feature.
///
/// Parallelism: one work item per feature block, each writing only its own features' bins, with sums
/// accumulated in row order — bit-identical results for any thread count.
struct GBDTHistogramBuilder {
    let matrix: GBDTBinnedMatrix
    let parallel: GBDTParallel

    static let featureBlock = 4

    /// Fills `histogram` for the rows `rows[0..<count]` (row indices, ascending) over `features`.
    /// `identity` means the rows are exactly `0..<count`, which skips the gather.
    /// All pointers must be valid for the sizes implied by `matrix`; they stay inside this call.
    func build(histogram: UnsafeMutablePointer<SIMD2<Double>>, rows: UnsafePointer<Int32>, count: Int, identity: Bool,
               gradients: UnsafePointer<SIMD2<Float>>, ordered: UnsafeMutablePointer<SIMD2<Float>>, features: [Int]) {
        let gh: UnsafePointer<SIMD2<Float>>
        if identity {
            gh = gradients
        } else {
            parallel.forEachRowChunk(count) { range in
                for i in range { ordered[i] = gradients[Int(rows[i])] }
            }
            gh = UnsafePointer(ordered)
        }
        let n = matrix.rowCount
        let blocks = (features.count + Self.featureBlock - 1) / Self.featureBlock
        matrix.bins.withUnsafeBufferPointer { binsBuffer in
            let bins = binsBuffer.baseAddress!
            parallel.forEach(blocks) { k in
                let lo = k * Self.featureBlock
                let block = features[lo..<min(features.count, lo + Self.featureBlock)]
                for f in block {
                    (histogram + matrix.binOffsets[f]).initialize(repeating: .zero, count: matrix.binCounts[f])
                }
                if block.count == 4 {
                    let f = Array(block)
                    Self.accumulate4(
                        (bins + f[0] * n, histogram + matrix.binOffsets[f[0]]),
                        (bins + f[1] * n, histogram + matrix.binOffsets[f[1]]),
                        (bins + f[2] * n, histogram + matrix.binOffsets[f[2]]),
                        (bins + f[3] * n, histogram + matrix.binOffsets[f[3]]),
                        rows: rows, count: count, identity: identity, gh: gh)
                } else {
                    for f in block {
                        Self.accumulate1(bins + f * n, histogram + matrix.binOffsets[f], rows: rows, count: count,
                                         identity: identity, gh: gh)
                    }
                }
            }
        }
    }

    private static func accumulate1(_ column: UnsafePointer<UInt8>, _ hist: UnsafeMutablePointer<SIMD2<Double>>,
                                    rows: UnsafePointer<Int32>, count: Int, identity: Bool,
                                    gh: UnsafePointer<SIMD2<Float>>) {
        if identity {
            for i in 0..<count { hist[Int(column[i])] += SIMD2<Double>(gh[i]) }
        } else {
            for i in 0..<count { hist[Int(column[Int(rows[i])])] += SIMD2<Double>(gh[i]) }
        }
    }

    private typealias Lane = (UnsafePointer<UInt8>, UnsafeMutablePointer<SIMD2<Double>>)

    private static func accumulate4(_ a: Lane, _ b: Lane, _ c: Lane, _ d: Lane, rows: UnsafePointer<Int32>, count: Int,
                                    identity: Bool, gh: UnsafePointer<SIMD2<Float>>) {
        if identity {
            for i in 0..<count {
                let v = SIMD2<Double>(gh[i])
                a.1[Int(a.0[i])] += v
                b.1[Int(b.0[i])] += v
                c.1[Int(c.0[i])] += v
                d.1[Int(d.0[i])] += v
            }
        } else {
            for i in 0..<count {
                let r = Int(rows[i])
                let v = SIMD2<Double>(gh[i])
                a.1[Int(a.0[r])] += v
                b.1[Int(b.0[r])] += v
                c.1[Int(c.0[r])] += v
                d.1[Int(d.0[r])] += v
            }
        }
    }

    /// `larger = parent − smaller` over `features`, in place (`parent` becomes the larger child's histogram).
    func subtract(parent: UnsafeMutablePointer<SIMD2<Double>>, smaller: UnsafePointer<SIMD2<Double>>, features: [Int]) {
        for f in features {
            let lo = matrix.binOffsets[f]
            for i in lo..<(lo + matrix.binCounts[f]) { parent[i] -= smaller[i] }
        }
    }
}
