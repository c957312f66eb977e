/// Settings of one extraction run. Reading options live with the `TrafficReader` the caller passes in, and the
/// time window with the `FeatureContext` (which also needs it to pick the newest model without look-ahead).
public struct ExtractionOptions: Sendable {
    /// Keys shared by more accounts than this are not used to link accounts (see `AccountLinker`).
    public var fanOutCap: Int

    public init(fanOutCap: Int = 50) {
        self.fanOutCap = fanOutCap
    }
}
