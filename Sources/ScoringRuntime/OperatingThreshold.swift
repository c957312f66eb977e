/// A decision threshold on the probability chosen for a target false-positive rate (on validation data).
public struct OperatingThreshold: Sendable, Equatable, Codable {
    public var threshold: Double
    public var targetFPR: Double

    public init(threshold: Double, targetFPR: Double) {
        self.threshold = threshold
        self.targetFPR = targetFPR
    }

    enum CodingKeys: String, CodingKey {
        case threshold
        case targetFPR = "targetFpr"  // written as target_fpr by the snake_case key strategy
    }
}
