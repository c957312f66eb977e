/// Everything that determines a run's output. Two runs with equal configurations write identical bytes.
public struct SimulationConfig: Sendable, Equatable {
    public var scenario: Scenario
    public var seed: UInt64
    /// Multiplies every population's account and request counts.
    public var scale: Double
    /// Window length in days (nil: the scenario's default).
    public var days: Int?
    /// Window start, Unix milliseconds. Fixed by default so outputs never depend on the clock.
    public var startMillis: Int64

    /// 2026-01-05T00:00:00Z, a Monday.
    public static let defaultStartMillis: Int64 = 1_767_571_200_000

    public init(scenario: Scenario = .default, seed: UInt64 = 1, scale: Double = 1, days: Int? = nil,
                startMillis: Int64 = SimulationConfig.defaultStartMillis) {
        self.scenario = scenario
        self.seed = seed
        self.scale = scale
        self.days = days
        self.startMillis = startMillis
    }

    var resolvedDays: Int { days ?? scenario.defaultDays }

    func validate() throws {
        guard scale.isFinite, scale > 0, scale <= 100 else {
            throw SimulationError.invalidParameter(name: "--scale", reason: "must be in (0, 100], got \(scale)")
        }
        guard (1...366).contains(resolvedDays) else {
            throw SimulationError.invalidParameter(name: "--days", reason: "must be 1...366, got \(resolvedDays)")
        }
    }
}
