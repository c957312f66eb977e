/// How a model was made. Not part of the scoring contract: prediction never reads it.
public struct Provenance: Sendable, Equatable, Codable {
    /// `sha256:` digest of the training data (feature names, values bit patterns, labels).
    public var dataDigest: String
    /// Training rows and validation rows.
    public var trainRows: Int
    public var validationRows: Int
    /// Hyperparameters as strings, keyed by their command-line name (sorted on output).
    public var parameters: [String: String]
    /// One entry per optimiser iteration or boosting round.
    public var iterations: [ProvenanceIteration]
    /// RFC 3339 UTC creation time, or nil (the default) so that the same data and seed give identical files.
    public var createdAt: String?

    public init(dataDigest: String, trainRows: Int, validationRows: Int, parameters: [String: String],
                iterations: [ProvenanceIteration], createdAt: String?) {
        self.dataDigest = dataDigest
        self.trainRows = trainRows
        self.validationRows = validationRows
        self.parameters = parameters
        self.iterations = iterations
        self.createdAt = createdAt
    }
}
