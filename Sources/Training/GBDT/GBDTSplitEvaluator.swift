/// The best split found for one leaf.
struct GBDTSplit: Sendable, Equatable {
    var feature: Int
    /// Value bins `0...thresholdBin` go left.
    var thresholdBin: Int
    /// Whether missing values (the missing bin) go left.
    var defaultLeft: Bool
    /// Loss reduction (see `GBDTSplitEvaluator`); > 0 for a usable split.
    var gain: Double
    /// Row counts are the hessian-based estimates used for `minDataInLeaf`; true counts come from the partition.
    var leftGrad: Double, leftHess: Double, leftCount: Int
    var rightGrad: Double, rightHess: Double, rightCount: Int
}

/// Finds the best threshold per feature from a leaf histogram, with second-order gains:
///
///     gain = G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)
///
/// where G, H are sums of gradients and hessians and λ = `lambdaL2`. Two scans per feature, in LightGBM's
/// order: a reverse scan with missing values on the left, then (when the feature has missing values in the
/// training data, even if this leaf has none) a forward scan with missing values on the right. A candidate replaces the best only with a
/// strictly larger gain, so among thresholds giving the same partition (empty bins in between) the reverse
/// scan keeps the highest and the forward scan the lowest — the same choice LightGBM makes.
///
/// Constraints: both children need ≥ `minDataInLeaf` rows and ≥ `minSumHessianInLeaf` hessian. Like LightGBM,
/// row counts during the scan are estimated from the hessian, Σ_bins round(H_bin · count/H), so the chosen
/// splits stay comparable with LightGBM's (exact counts would sometimes forbid a split LightGBM makes);
/// the children's true counts come from the data partition. The forward scan may send only the missing
/// values right (threshold = last value bin), as LightGBM's does.
struct GBDTSplitEvaluator: Sendable {
    let lambdaL2: Double
    let minDataInLeaf: Int
    let minSumHessianInLeaf: Double

    /// G²/(H+λ): twice the loss reduction of a leaf with sums (G, H) compared with a zero output.
    @inline(__always)
    func score(_ g: Double, _ h: Double) -> Double { g * g / (h + lambdaL2) }

    /// Leaf output before shrinkage: −G/(H+λ).
    func leafOutput(_ g: Double, _ h: Double) -> Double { -g / (h + lambdaL2) }

    /// Best split of `feature` given its histogram slice (`binCount` bins, the last is the missing bin),
    /// whether the feature has missing values at all, and the leaf totals; nil when no threshold satisfies the constraints with positive gain.
    func bestSplit(feature: Int, histogram hist: UnsafePointer<SIMD2<Double>>, binCount: Int, featureHasMissing: Bool,
                   sumGrad: Double, sumHess: Double, count: Int) -> GBDTSplit? {
        let valueBins = binCount - 1
        guard valueBins >= 2 else { return nil }
        let parent = score(sumGrad, sumHess)
        let countPerHess = Double(count) / sumHess
        var best: GBDTSplit?
        var bestGain = 0.0

        func consider(_ t: Int, _ gl: Double, _ hl: Double, _ cl: Int, missingLeft: Bool) {
            let gr = sumGrad - gl, hr = sumHess - hl
            let gain = score(gl, hl) + score(gr, hr) - parent
            if gain > bestGain {
                bestGain = gain
                best = GBDTSplit(feature: feature, thresholdBin: t, defaultLeft: missingLeft, gain: gain,
                                 leftGrad: gl, leftHess: hl, leftCount: cl,
                                 rightGrad: gr, rightHess: hr, rightCount: count - cl)
            }
        }

        // Reverse: right = value bins > t, left = the rest (missing included).
        var gr = 0.0, hr = 0.0, estimatedRight = 0
        var t = valueBins - 2
        while t >= 0 {
            let bin = hist[t + 1]
            gr += bin.x
            hr += bin.y
            estimatedRight += Int((bin.y * countPerHess).rounded())
            t -= 1
            if estimatedRight < minDataInLeaf || hr < minSumHessianInLeaf { continue }
            if count - estimatedRight < minDataInLeaf || sumHess - hr < minSumHessianInLeaf { break }
            consider(t + 1, sumGrad - gr, sumHess - hr, count - estimatedRight, missingLeft: true)
        }
        guard featureHasMissing else { return best }

        // Forward: left = value bins ≤ t, right = the rest (missing included).
        var gl = 0.0, hl = 0.0, estimatedLeft = 0
        for t in 0..<valueBins {
            let bin = hist[t]
            gl += bin.x
            hl += bin.y
            estimatedLeft += Int((bin.y * countPerHess).rounded())
            if estimatedLeft < minDataInLeaf || hl < minSumHessianInLeaf { continue }
            if count - estimatedLeft < minDataInLeaf || sumHess - hl < minSumHessianInLeaf { break }
            consider(t, gl, hl, estimatedLeft, missingLeft: false)
        }
        return best
    }
}
