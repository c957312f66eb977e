/// What to evaluate: one row per account, with the model's probability and whatever ground truth is known.
public struct EvaluationInput: Sendable {
    /// 1 = distillation, 0 = benign. Rows without ground truth are left out before building the input.
    public var labels: [Double]
    public var scores: [Double]
    /// Campaign of each attacker row (nil for benign rows or unknown).
    public var campaigns: [String?]
    /// Benign population / segment of each row (nil when unknown).
    public var segments: [String?]
    /// Operator / hydra cluster of each row (nil when unknown).
    public var clusters: [String?]

    public init(labels: [Double], scores: [Double], campaigns: [String?]? = nil, segments: [String?]? = nil,
                clusters: [String?]? = nil) {
        precondition(labels.count == scores.count, "one score per label")
        self.labels = labels
        self.scores = scores
        self.campaigns = campaigns ?? Array(repeating: nil, count: labels.count)
        self.segments = segments ?? Array(repeating: nil, count: labels.count)
        self.clusters = clusters ?? Array(repeating: nil, count: labels.count)
    }
}

public struct EvaluationOptions: Sendable {
    public var title = "HydraWatch evaluation"
    public var modelName = "model"
    public var groundTruth = "labels"
    /// FPR targets for the recall@FPR table; the first one sets the operating threshold unless `threshold` is set.
    public var fprTargets: [Double] = [0.001, 0.01]
    /// An operating threshold fixed elsewhere (e.g. in the model file); flag when score ≥ threshold.
    public var threshold: Double?
    /// Where `threshold` came from, shown next to it in the report.
    public var thresholdSource = "given"
    /// Appended to the operating point's description, e.g. how an overridden threshold would have done.
    public var thresholdNote: String?
    /// When set (and no `threshold` is given), the operating threshold must also keep every benign segment's FPR
    /// at or below this — a per-segment budget next to the overall one (`fprTargets.first`).
    public var maxSegmentFPR: Double?
    public var bootstrap = Bootstrap(replicates: 500, level: 0.95, seed: 1)
    public var featureImportance: [EvaluationReport.Importance] = []

    public init() {}
}

/// Turns scored rows into an `EvaluationReport`: metrics with bootstrap intervals, an operating point, slices
/// per campaign and per benign segment, cluster-level recall, curves and histograms for plots.
public enum Evaluator {
    public static func evaluate(_ input: EvaluationInput, options: EvaluationOptions = EvaluationOptions(),
                                baseline: (name: String, scores: [Double])? = nil) -> EvaluationReport {
        let y = input.labels, s = input.scores
        let pos = y.filter { $0 > 0.5 }.count
        let b = options.bootstrap
        let auc = b.interval(labels: y, scores: s) { RankingMetrics.rocAUC(labels: $0, scores: $1) }
        let ap = b.interval(labels: y, scores: s) { RankingMetrics.averagePrecision(labels: $0, scores: $1) }
        let recalls = options.fprTargets.map { target -> EvaluationReport.RecallAtFPR in
            let r = RankingMetrics.recallAtFPR(labels: y, scores: s, maxFPR: target)
            let ci = b.interval(labels: y, scores: s) { RankingMetrics.recallAtFPR(labels: $0, scores: $1, maxFPR: target).recall }
            return .init(maxFPR: target, recall: ci, threshold: r.threshold, achievedFPR: r.fpr)
        }
        let ks = [10, 100, 1000].filter { $0 <= y.count }
        let summary = EvaluationReport.Summary(
            rows: y.count, positives: pos, negatives: y.count - pos, rocAUC: auc, averagePrecision: ap,
            logLoss: ProbabilisticMetrics.logLoss(labels: y, probabilities: s),
            brier: ProbabilisticMetrics.brier(labels: y, probabilities: s),
            expectedCalibrationError: CalibrationMetrics.expectedCalibrationError(labels: y, probabilities: s),
            recallAtFPR: recalls,
            precisionAtK: ks.map { .init(k: $0, precision: RankingMetrics.precisionAtK(labels: y, scores: s, k: $0)) })

        let threshold: Double
        var source: String
        if let t = options.threshold {
            threshold = t
            source = options.thresholdSource
        } else if let segmentCap = options.maxSegmentFPR, let first = recalls.first {
            let r = RankingMetrics.recallAtFPR(labels: y, scores: s, maxFPR: first.maxFPR, segments: input.segments,
                                               maxSegmentFPR: segmentCap)
            threshold = r.threshold
            source = "highest recall at FPR ≤ \(percent(first.maxFPR)) with every benign segment ≤ \(percent(segmentCap))"
        } else if let first = recalls.first {
            threshold = first.threshold
            source = "highest recall at FPR ≤ \(percent(first.maxFPR))"
        } else {
            threshold = 0.5
            source = "default 0.5"
        }
        if let note = options.thresholdNote { source += "; " + note }
        let confusion = confusionAt(threshold, source: source, y, s)
        let table = [0.99, 0.95, 0.9, 0.8, 0.5, 0.2, 0.1].map { confusionAt($0, source: "fixed", y, s) }

        var campaigns: [String: (n: Int, f: Int)] = [:], segments: [String: (n: Int, f: Int)] = [:]
        var clusterAccounts: [String: (n: Int, f: Int)] = [:]
        for i in y.indices {
            let flagged = s[i] >= threshold
            if y[i] > 0.5 {
                let c = input.campaigns[i] ?? "(no campaign)"
                campaigns[c, default: (0, 0)].n += 1
                if flagged { campaigns[c, default: (0, 0)].f += 1 }
                if let k = input.clusters[i] {
                    clusterAccounts[k, default: (0, 0)].n += 1
                    if flagged { clusterAccounts[k, default: (0, 0)].f += 1 }
                }
            } else {
                let g = input.segments[i] ?? "(unknown segment)"
                segments[g, default: (0, 0)].n += 1
                if flagged { segments[g, default: (0, 0)].f += 1 }
            }
        }
        func slices(_ d: [String: (n: Int, f: Int)]) -> [EvaluationReport.Slice] {
            d.keys.sorted().map { k in .init(name: k, accounts: d[k]!.n, flagged: d[k]!.f, rate: Double(d[k]!.f) / Double(d[k]!.n)) }
        }
        var clusterRecall: EvaluationReport.ClusterRecall?
        if !clusterAccounts.isEmpty {
            let touched = clusterAccounts.values.filter { $0.f > 0 }.count
            let n = clusterAccounts.values.reduce(0) { $0 + $1.n }, f = clusterAccounts.values.reduce(0) { $0 + $1.f }
            clusterRecall = .init(attackerClusters: clusterAccounts.count,
                                  clustersTouched: Double(touched) / Double(clusterAccounts.count),
                                  accountsFlagged: Double(f) / Double(n))
        }

        let curve = RankingMetrics.rocCurve(labels: y, scores: s)
        let roc = [EvaluationReport.CurvePoint(x: 0, y: 0)] + thin(curve.map { .init(x: $0.fpr, y: $0.tpr) })
        let pr = thin(curve.map { .init(x: $0.tpr, y: $0.precision) })

        var comparison: EvaluationReport.Comparison?
        if let baseline {
            let target = options.fprTargets.first ?? 0.001
            let dAUC = b.pairedDifference(labels: y, baseline: baseline.scores, challenger: s) {
                RankingMetrics.rocAUC(labels: $0, scores: $1)
            }
            let dRec = b.pairedDifference(labels: y, baseline: baseline.scores, challenger: s) {
                RankingMetrics.recallAtFPR(labels: $0, scores: $1, maxFPR: target).recall
            }
            // Worse on either gate metric blocks promotion; better needs one significant gain and no loss.
            let verdict: String
            if dAUC.upper < 0 || dRec.upper < 0 {
                verdict = "challenger is worse: keep the baseline"
            } else if dAUC.lower > 0 || dRec.lower > 0 {
                verdict = "challenger is better: a \(Int(b.level * 100))% interval of a difference lies above zero"
            } else {
                verdict = "no significant difference: intervals include zero"
            }
            comparison = .init(baselineName: baseline.name,
                               baselineAUC: RankingMetrics.rocAUC(labels: y, scores: baseline.scores),
                               aucDifference: dAUC, recallDifference: dRec, recallFPR: target, verdict: verdict)
        }

        return EvaluationReport(
            title: options.title, modelName: options.modelName, groundTruth: options.groundTruth,
            summary: summary, confusion: confusion, thresholdTable: table,
            calibration: CalibrationMetrics.reliability(labels: y, probabilities: s),
            campaigns: slices(campaigns), segments: slices(segments), clusters: clusterRecall,
            roc: roc, precisionRecall: pr, scoreHistogram: histogram(y, s),
            featureImportance: options.featureImportance, comparison: comparison)
    }

    static func confusionAt(_ t: Double, source: String, _ y: [Double], _ s: [Double]) -> EvaluationReport.Confusion {
        var tp = 0, fp = 0, tn = 0, fn = 0
        for i in y.indices {
            switch (y[i] > 0.5, s[i] >= t) {
            case (true, true): tp += 1
            case (true, false): fn += 1
            case (false, true): fp += 1
            case (false, false): tn += 1
            }
        }
        return .init(threshold: t, thresholdSource: source, truePositives: tp, falsePositives: fp, trueNegatives: tn,
                     falseNegatives: fn, recall: tp + fn > 0 ? Double(tp) / Double(tp + fn) : .nan,
                     fpr: fp + tn > 0 ? Double(fp) / Double(fp + tn) : .nan,
                     precision: tp + fp > 0 ? Double(tp) / Double(tp + fp) : .nan)
    }

    /// Keeps at most ~400 points of a curve for plotting, always keeping its ends.
    static func thin(_ pts: [EvaluationReport.CurvePoint]) -> [EvaluationReport.CurvePoint] {
        guard pts.count > 400 else { return pts }
        let step = Double(pts.count - 1) / 399
        return (0..<400).map { pts[Int((Double($0) * step).rounded())] }
    }

    static func histogram(_ y: [Double], _ s: [Double], bins: Int = 20) -> EvaluationReport.Histogram {
        var p = [Int](repeating: 0, count: bins), n = [Int](repeating: 0, count: bins)
        for i in y.indices {
            let b = min(bins - 1, max(0, Int(s[i] * Double(bins))))
            if y[i] > 0.5 { p[b] += 1 } else { n[b] += 1 }
        }
        return .init(edges: (0...bins).map { Double($0) / Double(bins) }, positives: p, negatives: n)
    }

    static func percent(_ x: Double) -> String {
        let v = x * 100
        return v == v.rounded() ? "\(Int(v))%" : "\(v)%"
    }
}
