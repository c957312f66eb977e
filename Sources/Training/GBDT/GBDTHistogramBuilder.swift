/// Builds per-leaf gradient histograms: for every used feature and bin, (Σ gradient, Σ hessian, row count)
/// over the rows of one leaf.
///
/// Layout: a histogram is `3 × matrix.totalBins` doubles; feature `f`, bin `b` lives at
/// `3 × (binOffsets[f] + b)` as (sumGrad, sumHess, count). Only the smaller child of a split is built from
/// rows; its sibling is `parent − smaller` (`subtract`), which roughly halves the histogram work per level.
///
/// Parallelism: one work item per feature, each writing only its own slice, so sums are accumulated in row
/// order for any thread count and results are bit-identical. Gradients are first gathered into leaf order
/// (`orderedGrad/orderedHess`) so the per-feature loops read them sequentially, like LightGBM's ordered gradients.
struct GBDTHistogramBuilder {
    let matrix: GBDTBinnedMatrix
    let parallel: GBDTParallel

    /// Fills `histogram` for the rows `rows[0..<count]` (row indices, ascending) over `features`.
    /// `identity` means the rows are exactly `0..<count`, which skips the gather.
    /// All pointers must be valid for the sizes implied by `matrix`; they stay inside this call.
    func build(histogram: UnsafeMutablePointer<Double>, rows: UnsafePointer<Int32>, count: Int, identity: Bool,
               gradients: UnsafePointer<Float>, hessians: UnsafePointer<Float>,
               orderedGrad: UnsafeMutablePointer<Float>, orderedHess: UnsafeMutablePointer<Float>,
               features: [Int]) {
        let g: UnsafePointer<Float>
        let h: UnsafePointer<Float>
        if identity {
            g = gradients
            h = hessians
        } else {
            parallel.forEachRowChunk(count) { range in
                for i in range {
                    let r = Int(rows[i])
                    orderedGrad[i] = gradients[r]
                    orderedHess[i] = hessians[r]
                }
            }
            g = UnsafePointer(orderedGrad)
            h = UnsafePointer(orderedHess)
        }
        let n = matrix.rowCount
        matrix.bins.withUnsafeBufferPointer { binsBuffer in
            let bins = binsBuffer.baseAddress!
            parallel.forEach(features.count) { k in
                let f = features[k]
                let hist = histogram + 3 * matrix.binOffsets[f]
                hist.initialize(repeating: 0, count: 3 * matrix.binCounts[f])
                let column = bins + f * n
                if identity {
                    for i in 0..<count {
                        let b = 3 * Int(column[i])
                        hist[b] += Double(g[i])
                        hist[b + 1] += Double(h[i])
                        hist[b + 2] += 1
                    }
                } else {
                    for i in 0..<count {
                        let b = 3 * Int(column[Int(rows[i])])
                        hist[b] += Double(g[i])
                        hist[b + 1] += Double(h[i])
                        hist[b + 2] += 1
                    }
                }
            }
        }
    }

    /// `larger = parent − smaller` over `features`, in place (`parent` becomes the larger child's histogram).
    func subtract(parent: UnsafeMutablePointer<Double>, smaller: UnsafePointer<Double>, features: [Int]) {
        for f in features {
            let lo = 3 * matrix.binOffsets[f]
            for i in lo..<(lo + 3 * matrix.binCounts[f]) {
                parent[i] -= smaller[i]
            }
        }
    }
}
