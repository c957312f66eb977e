import ScoringRuntime

/// The result of `LogisticRegression.fit`: an immutable model plus what the optimiser did.
public struct FittedLogisticRegression: Sendable {
    public let parameters: LogisticRegression
    public let featureNames: [String]
    /// Standardisation and coefficients in the form the runtime scores.
    public let model: LogisticModel
    /// One entry per evaluated iterate, the last being the returned model.
    public let history: [LogisticIteration]
    /// True when max |gradient| / Σ weights ≤ `parameters.tolerance` at the returned model.
    public let converged: Bool
    /// Newton steps taken.
    public var iterations: Int { max(0, history.count - 1) }
    /// Wall seconds spent standardising/packing the data and in the Newton loop (not part of the model).
    public let preparationSeconds: Double
    public let solverSeconds: Double
    /// Process CPU seconds during the Newton loop (all threads).
    public let solverCPUSeconds: Double
}
