/// Metrics after one training iteration, recorded in the model file's provenance.
public struct ProvenanceIteration: Sendable, Equatable, Codable {
    public var iteration: Int
    public var trainLogLoss: Double?
    public var validationLogLoss: Double?
    /// Largest absolute gradient component of the (mean) objective, for optimisers that have one.
    public var maxGradient: Double?

    public init(iteration: Int, trainLogLoss: Double?, validationLogLoss: Double?, maxGradient: Double? = nil) {
        self.iteration = iteration
        self.trainLogLoss = trainLogLoss
        self.validationLogLoss = validationLogLoss
        self.maxGradient = maxGradient
    }
}
