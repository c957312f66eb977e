/// Ranking metrics as plain functions of (labels, scores), matching scikit-learn's definitions.
/// Labels are 0/1; scores are any real numbers where higher means "more likely positive".
public enum RankingMetrics {
    /// Area under the ROC curve, with tied scores counted as half (the Mann–Whitney U statistic):
    /// AUC = (Σ_{positives} rank − n₊(n₊+1)/2) / (n₊ n₋), ranks averaged over ties.
    /// Equals `sklearn.metrics.roc_auc_score` to rounding (tests: 1e-9). NaN when one class is absent.
    public static func rocAUC(labels: [Double], scores: [Double], weights: [Double]? = nil) -> Double {
        let order = sortedDescending(scores)
        var tp = 0.0, fp = 0.0, area = 0.0
        var i = 0
        let n = order.count
        while i < n {
            var j = i
            var dtp = 0.0, dfp = 0.0
            while j < n && scores[order[j]] == scores[order[i]] {
                let w = weights?[order[j]] ?? 1
                if labels[order[j]] > 0.5 { dtp += w } else { dfp += w }
                j += 1
            }
            area += dfp * (tp + dtp / 2)  // trapezoid over a tie block
            tp += dtp
            fp += dfp
            i = j
        }
        guard tp > 0, fp > 0 else { return .nan }
        return area / (tp * fp)
    }

    /// Average precision as scikit-learn defines it: AP = Σ_k (R_k − R_{k−1}) P_k over distinct score thresholds
    /// (no interpolation). NaN when there are no positives.
    public static func averagePrecision(labels: [Double], scores: [Double], weights: [Double]? = nil) -> Double {
        let order = sortedDescending(scores)
        let totalPos = zip(labels, weights ?? Array(repeating: 1, count: labels.count))
            .reduce(0.0) { $0 + ($1.0 > 0.5 ? $1.1 : 0) }
        guard totalPos > 0 else { return .nan }
        var tp = 0.0, fp = 0.0, ap = 0.0, prevRecall = 0.0
        var i = 0
        let n = order.count
        while i < n {
            var j = i
            while j < n && scores[order[j]] == scores[order[i]] {
                let w = weights?[order[j]] ?? 1
                if labels[order[j]] > 0.5 { tp += w } else { fp += w }
                j += 1
            }
            let recall = tp / totalPos
            ap += (recall - prevRecall) * (tp / (tp + fp))
            prevRecall = recall
            i = j
        }
        return ap
    }

    /// One point of the ROC curve per distinct score threshold: predict positive when score ≥ threshold.
    public struct ROCPoint: Sendable, Equatable, Codable {
        public var threshold: Double
        public var fpr: Double
        public var tpr: Double
        public var precision: Double
        public var flagged: Int
    }

    /// The ROC curve with precision, from the highest threshold down (like `sklearn.metrics.roc_curve` with
    /// `drop_intermediate=False`, without its artificial +inf first point).
    public static func rocCurve(labels: [Double], scores: [Double]) -> [ROCPoint] {
        let order = sortedDescending(scores)
        let pos = labels.reduce(0) { $0 + ($1 > 0.5 ? 1 : 0) }
        let neg = labels.count - pos
        var tp = 0, fp = 0
        var out: [ROCPoint] = []
        var i = 0
        while i < order.count {
            var j = i
            while j < order.count && scores[order[j]] == scores[order[i]] {
                if labels[order[j]] > 0.5 { tp += 1 } else { fp += 1 }
                j += 1
            }
            out.append(ROCPoint(threshold: scores[order[i]], fpr: neg > 0 ? Double(fp) / Double(neg) : .nan,
                                tpr: pos > 0 ? Double(tp) / Double(pos) : .nan,
                                precision: Double(tp) / Double(tp + fp), flagged: tp + fp))
            i = j
        }
        return out
    }

    /// The highest recall reachable while the false-positive rate stays ≤ `maxFPR`, and the threshold giving it
    /// (flag when score ≥ threshold). Ties are never split: a threshold flags every row at that score. Of the
    /// thresholds that reach that recall, the highest is taken — the one with the fewest false positives; a lower
    /// one would flag more benign rows and catch no more attackers.
    public static func recallAtFPR(labels: [Double], scores: [Double], maxFPR: Double) -> (recall: Double, threshold: Double, fpr: Double) {
        var best = (recall: 0.0, threshold: Double.infinity, fpr: 0.0)
        for p in rocCurve(labels: labels, scores: scores) where p.fpr <= maxFPR + 1e-15 {
            if p.tpr > best.recall { best = (p.tpr, p.threshold, p.fpr) }
        }
        return best
    }

    /// `recallAtFPR` with a second budget: every benign segment's own FPR must stay ≤ `maxSegmentFPR` too (rows
    /// whose segment is nil count only towards the overall rate). Lowering the threshold only adds false positives,
    /// so the sweep stops at the first threshold that breaks either budget; of the thresholds reaching the best
    /// recall before that, the highest is taken. Ties are never split.
    public static func recallAtFPR(labels: [Double], scores: [Double], maxFPR: Double, segments: [String?],
                                   maxSegmentFPR: Double) -> (recall: Double, threshold: Double, fpr: Double) {
        precondition(segments.count == labels.count, "one segment per row")
        let order = sortedDescending(scores)
        let positives = labels.filter { $0 > 0.5 }.count, negatives = labels.count - positives
        var segmentSize: [String: Int] = [:]
        for (k, s) in segments.enumerated() where labels[k] <= 0.5 { if let s { segmentSize[s, default: 0] += 1 } }
        var segmentFP: [String: Int] = [:]
        var tp = 0, fp = 0
        var best = (recall: 0.0, threshold: Double.infinity, fpr: 0.0)
        var i = 0
        while i < order.count {
            let t = scores[order[i]]
            var j = i
            var feasible = true
            while j < order.count && scores[order[j]] == t {
                let r = order[j]
                if labels[r] > 0.5 { tp += 1 } else {
                    fp += 1
                    if let s = segments[r] {
                        segmentFP[s, default: 0] += 1
                        if Double(segmentFP[s]!) > maxSegmentFPR * Double(segmentSize[s]!) + 1e-9 { feasible = false }
                    }
                }
                j += 1
            }
            if Double(fp) > maxFPR * Double(negatives) + 1e-9 { feasible = false }
            guard feasible else { break }
            let recall = positives > 0 ? Double(tp) / Double(positives) : 0
            if recall > best.recall { best = (recall, t, negatives > 0 ? Double(fp) / Double(negatives) : 0) }
            i = j
        }
        return best
    }

    /// Precision among the `k` highest-scored rows (ties broken by row order, deterministic).
    public static func precisionAtK(labels: [Double], scores: [Double], k: Int) -> Double {
        let order = sortedDescending(scores)
        let top = order.prefix(max(0, k))
        guard !top.isEmpty else { return .nan }
        return Double(top.filter { labels[$0] > 0.5 }.count) / Double(top.count)
    }

    /// The smallest threshold t such that at most ⌊target · N⁻⌋ of the N⁻ negatives score ≥ t (rows are flagged
    /// when score ≥ t): t = nextUp(s₍ₖ₎), s₍ₖ₎ the (k+1)-th largest negative score, k = ⌊target · N⁻⌋; 0 when every
    /// negative may be flagged; nil without negatives. Training uses it to store operating thresholds chosen on the
    /// validation set.
    public static func threshold(forTargetFPR target: Double, labels: [Double], scores: [Double]) -> Double? {
        var negatives = zip(labels, scores).filter { $0.0 < 0.5 }.map { $0.1 }
        guard !negatives.isEmpty else { return nil }
        negatives.sort(by: >)
        let k = Int((target * Double(negatives.count)).rounded(.down))
        return k >= negatives.count ? 0 : negatives[k].nextUp
    }

    /// Row indices by descending score; stable, so ties keep row order.
    static func sortedDescending(_ scores: [Double]) -> [Int] {
        Array(scores.indices).sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
    }
}
