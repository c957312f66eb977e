import Foundation

/// The few metrics training reports in its summary (the Evaluation module owns the full set).
public enum ClassificationMetrics {
    /// Mean log-loss −(1/n)Σ[y·log p + (1−y)·log(1−p)], with p clipped to [1e-15, 1 − 1e-15].
    public static func logLoss(labels: [Double], probabilities: [Double]) -> Double {
        precondition(labels.count == probabilities.count)
        guard !labels.isEmpty else { return .nan }
        var s = 0.0
        for (y, p0) in zip(labels, probabilities) {
            let p = min(max(p0, 1e-15), 1 - 1e-15)
            s -= y == 1 ? log(p) : log(1 - p)
        }
        return s / Double(labels.count)
    }

    /// ROC AUC by the rank-sum (Mann–Whitney) formula with average ranks for ties; nil with one class.
    public static func rocAUC(labels: [Double], scores: [Double]) -> Double? {
        let n = labels.count
        let order = (0..<n).sorted { scores[$0] < scores[$1] }
        var rankSumPositive = 0.0
        var positives = 0.0
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let averageRank = Double(i + j) / 2 + 1
            for k in i...j where labels[order[k]] == 1 { rankSumPositive += averageRank; positives += 1 }
            i = j + 1
        }
        let negatives = Double(n) - positives
        guard positives > 0 && negatives > 0 else { return nil }
        return (rankSumPositive - positives * (positives + 1) / 2) / (positives * negatives)
    }
}

extension ClassificationMetrics {
    /// The smallest threshold t such that at most ⌊target · N⁻⌋ of the N⁻ negatives score `≥ t`
    /// (rows are flagged when score ≥ t): t = nextUp(s₍ₖ₎), s₍ₖ₎ the (k+1)-th largest negative score,
    /// k = ⌊target · N⁻⌋; 0 when every negative may be flagged. nil without negatives.
    public static func threshold(forTargetFPR target: Double, labels: [Double], scores: [Double]) -> Double? {
        var negatives = zip(labels, scores).filter { $0.0 == 0 }.map { $0.1 }
        guard !negatives.isEmpty else { return nil }
        negatives.sort(by: >)
        let k = Int((target * Double(negatives.count)).rounded(.down))
        return k >= negatives.count ? 0 : negatives[k].nextUp
    }
}
