/// Everything an evaluation found, in a form that serialises to report.json and renders to Markdown/HTML.
public struct EvaluationReport: Sendable, Codable {
    public struct Summary: Sendable, Codable {
        public var rows: Int
        public var positives: Int
        public var negatives: Int
        public var rocAUC: Bootstrap.Interval
        public var averagePrecision: Bootstrap.Interval
        public var logLoss: Double
        public var brier: Double
        public var expectedCalibrationError: Double
        /// Recall at FPR ≤ 0.1% and ≤ 1%, with the thresholds that give them.
        public var recallAtFPR: [RecallAtFPR]
        public var precisionAtK: [PrecisionAtK]
    }

    public struct RecallAtFPR: Sendable, Codable {
        public var maxFPR: Double
        public var recall: Bootstrap.Interval
        public var threshold: Double
        public var achievedFPR: Double
    }

    public struct PrecisionAtK: Sendable, Codable {
        public var k: Int
        public var precision: Double
    }

    public struct Confusion: Sendable, Codable {
        public var threshold: Double
        public var thresholdSource: String
        public var truePositives: Int
        public var falsePositives: Int
        public var trueNegatives: Int
        public var falseNegatives: Int
        public var recall: Double
        public var fpr: Double
        public var precision: Double
    }

    /// Recall of one campaign, or false-positive rate of one benign segment, at the operating threshold.
    public struct Slice: Sendable, Codable {
        public var name: String
        public var accounts: Int
        public var flagged: Int
        public var rate: Double
    }

    public struct ClusterRecall: Sendable, Codable {
        public var attackerClusters: Int
        /// Share of attacker clusters with at least one flagged account.
        public var clustersTouched: Double
        /// Share of the accounts in attacker clusters that were flagged.
        public var accountsFlagged: Double
    }

    public struct Histogram: Sendable, Codable {
        public var edges: [Double]
        public var positives: [Int]
        public var negatives: [Int]
    }

    public struct CurvePoint: Sendable, Codable {
        public var x: Double
        public var y: Double
    }

    public struct Importance: Sendable, Codable {
        public var feature: String
        public var value: Double

        public init(feature: String, value: Double) {
            self.feature = feature
            self.value = value
        }
    }

    public struct Comparison: Sendable, Codable {
        public var baselineName: String
        public var baselineAUC: Double
        public var aucDifference: Bootstrap.Interval
        public var recallDifference: Bootstrap.Interval
        public var recallFPR: Double
        public var verdict: String
    }

    public var title: String
    public var modelName: String
    public var groundTruth: String
    public var summary: Summary
    public var confusion: Confusion
    public var thresholdTable: [Confusion]
    public var calibration: [CalibrationMetrics.Bin]
    public var campaigns: [Slice]
    public var segments: [Slice]
    public var clusters: ClusterRecall?
    public var roc: [CurvePoint]
    public var precisionRecall: [CurvePoint]
    public var scoreHistogram: Histogram
    public var featureImportance: [Importance]
    public var comparison: Comparison?
}
