import Evaluation
import ScoringRuntime

extension LogisticRegression {
    /// Validation log-loss of the coefficients `theta` (standardised weights, intercept last), scored as the
    /// runtime will score the fitted model.
    static func validationLogLoss(_ theta: [Double], design: StandardizedDesign, _ validation: Dataset) -> Double {
        let d = theta.count - 1
        let model = LogisticModel(mean: design.mean, scale: design.scale, coefficients: Array(theta[0..<d]), intercept: theta[d])
        return ProbabilisticMetrics.logLoss(labels: validation.labels,
                                            probabilities: LogisticScorer(model).probabilities(columnMajor: validation))
    }
}
