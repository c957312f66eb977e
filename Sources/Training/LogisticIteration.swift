/// State after one Newton iteration of `LogisticRegression`.
public struct LogisticIteration: Sendable, Equatable {
    public var iteration: Int
    /// Weighted mean log-loss on the training rows (data term only, no penalty).
    public var trainLogLoss: Double
    /// Mean log-loss on the validation rows, if any.
    public var validationLogLoss: Double?
    /// max_j |∂F/∂θ_j| / Σ weights — the convergence measure.
    public var maxGradient: Double
    /// Step length taken by the line search (1 = full Newton step).
    public var step: Double
}
