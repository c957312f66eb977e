import Foundation

/// Counts of one extraction, written as summary.json.
public struct ExtractionSummary: Sendable, Equatable {
    public var read = ReadStats()
    /// Accepted lines whose `request_id` was already seen (dropped).
    public var duplicates = 0
    /// Accepted, non-duplicate lines outside the time window (dropped).
    public var outsideWindow = 0
    /// Lines that fed features.
    public var used = 0
    public var accounts = 0
    public var labelledAccounts = 0
    /// Labels decided at or after the window end (left out: not yet known at `--as-of`).
    public var labelsAfterWindow = 0
    public var clusters = 0
    public var highFanOutKeys: [String: Int] = [:]

    public init() {}

    /// Stable JSON (sorted keys, fixed layout) so identical runs give identical bytes.
    public func json() -> String {
        var reasons: [String] = []
        for r in RejectReason.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
            reasons.append("    \"\(r.rawValue)\": \(read.rejectedByReason[r] ?? 0)")
        }
        let fan = highFanOutKeys.keys.sorted().map { "    \"\($0)\": \(highFanOutKeys[$0]!)" }
        return """
        {
          "accepted": \(read.accepted),
          "accounts": \(accounts),
          "bytes": \(read.bytes),
          "clusters": \(clusters),
          "duplicates": \(duplicates),
          "high_fan_out_keys": {\(fan.isEmpty ? "" : "\n" + fan.joined(separator: ",\n") + "\n  ")},
          "labelled_accounts": \(labelledAccounts),
          "labels_after_window": \(labelsAfterWindow),
          "lines": \(read.lines),
          "outside_window": \(outsideWindow),
          "rejected": \(read.rejected),
          "rejected_by_reason": {
        \(reasons.joined(separator: ",\n"))
          },
          "used": \(used)
        }

        """
    }
}
