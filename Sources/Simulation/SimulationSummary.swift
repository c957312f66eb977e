/// What a run produced, for the one-line summary and for tests.
public struct SimulationSummary: Sendable, Equatable {
    public var requests: Int64
    public var accounts: Int
    public var attackers: Int
    public var labelled: Int
    public var trafficBytes: Int64
    public var files: [String]
    /// Requests written per population name (benign population or campaign population).
    public var requestsByPopulation: [String: Int]
    /// Requests each population was expected to send (scenario figure × scale × days).
    public var expectedRequestsByPopulation: [String: Double]
}
