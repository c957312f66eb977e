/// Settings of one extraction run. Reading options live with the `TrafficReader` the caller passes in, and the
/// time window with the `FeatureContext` (which also needs it to pick the newest model without look-ahead).
public struct ExtractionOptions: Sendable {
    /// Keys shared by more accounts than this are not used to link accounts (see `AccountLinker`).
    public var fanOutCap: Int

    /// The default cap, shared by extraction and streaming scoring. 30: a client fingerprint derived from a
    /// common SDK is held by dozens of unrelated accounts even in the demo scenario, and at 50 such keys (with a
    /// VPN exit as the second weak link) still put developer agents into attacker clusters.
    public static let defaultFanOutCap = 30

    public init(fanOutCap: Int = ExtractionOptions.defaultFanOutCap) {
        self.fanOutCap = fanOutCap
    }
}
