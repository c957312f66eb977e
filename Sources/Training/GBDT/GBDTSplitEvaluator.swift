/// The best split found for one leaf.
struct GBDTSplit: Sendable, Equatable {
    var feature: Int
    /// Value bins `0...thresholdBin` go left.
    var thresholdBin: Int
    /// Whether missing values (the missing bin) go left.
    var defaultLeft: Bool
    /// Loss reduction (see `GBDTSplitEvaluator`); > 0 for a usable split.
    var gain: Double
    var leftGrad: Double, leftHess: Double, leftCount: Int
    var rightGrad: Double, rightHess: Double, rightCount: Int
}

/// Finds the best threshold per feature from a leaf histogram, with second-order gains:
///
///     gain = G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)
///
/// where G, H are sums of gradients and hessians and λ = `lambdaL2`. For each feature both directions for
/// missing values are tried (missing bin added to the left side, then to the right) when the leaf has
/// missing values for it. Both children must keep ≥ `minDataInLeaf` rows and ≥ `minSumHessianInLeaf` hessian.
/// Ties keep the first candidate in (feature, missing-right before missing-left, threshold) order, so the
/// choice is deterministic.
struct GBDTSplitEvaluator: Sendable {
    let lambdaL2: Double
    let minDataInLeaf: Int
    let minSumHessianInLeaf: Double

    /// Half the loss reduction of using a leaf of sums (G, H) instead of nothing: G²/(H+λ).
    @inline(__always)
    func score(_ g: Double, _ h: Double) -> Double { g * g / (h + lambdaL2) }

    /// Leaf output before shrinkage: −G/(H+λ).
    func leafOutput(_ g: Double, _ h: Double) -> Double { -g / (h + lambdaL2) }

    /// Best split of `feature` given its histogram slice (`binCount` bins, the last is the missing bin)
    /// and the leaf totals; nil when no threshold satisfies the constraints with positive gain.
    func bestSplit(feature: Int, histogram hist: UnsafePointer<Double>, binCount: Int,
                   sumGrad: Double, sumHess: Double, count: Int) -> GBDTSplit? {
        let valueBins = binCount - 1
        let miss = 3 * valueBins
        let missGrad = hist[miss], missHess = hist[miss + 1], missCount = Int(hist[miss + 2])
        let parent = score(sumGrad, sumHess)
        var best: GBDTSplit?
        var bestGain = 0.0
        for missingLeft in [false, true] {
            if missingLeft && missCount == 0 { break }
            var gl = missingLeft ? missGrad : 0
            var hl = missingLeft ? missHess : 0
            var cl = missingLeft ? missCount : 0
            for t in 0..<valueBins {
                gl += hist[3 * t]
                hl += hist[3 * t + 1]
                cl += Int(hist[3 * t + 2])
                let cr = count - cl
                if cr < minDataInLeaf { break }
                if cl < minDataInLeaf || hl < minSumHessianInLeaf { continue }
                let hr = sumHess - hl
                if hr < minSumHessianInLeaf { break }
                let gr = sumGrad - gl
                let gain = score(gl, hl) + score(gr, hr) - parent
                if gain > bestGain {
                    bestGain = gain
                    best = GBDTSplit(feature: feature, thresholdBin: t, defaultLeft: missingLeft, gain: gain,
                                     leftGrad: gl, leftHess: hl, leftCount: cl,
                                     rightGrad: gr, rightHess: hr, rightCount: cr)
                }
            }
        }
        return best
    }
}
