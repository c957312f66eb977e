/// How labels for a population reach the training set: partial and delayed, like real trust & safety work.
struct LabelPolicy: Sendable {
    /// Chance an account of this population is ever labelled (if the label date falls inside the window).
    var probability: Double
    /// Median days from the account's first activity (or ban) to the label; log-normal with sigma 0.5.
    var delayMedianDays: Double
    /// Where the label came from, e.g. "abuse_investigation", "customer_verification".
    var source: StaticString
    /// Attackers that churn are labelled when banned (end of life) rather than after a delay from their start.
    var atBan: Bool = false
}
