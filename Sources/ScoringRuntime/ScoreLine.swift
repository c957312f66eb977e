import Foundation
import TrafficFeatures

/// One scored account as `hydrawatch-score` writes it. Batch and streaming modes both format through this type,
/// so a line for the same vector is the same text whichever path produced it.
public struct ScoreLine: Sendable, Equatable {
    /// Account id, or nil for tables without ids (then `row` names the row).
    public var accountID: String?
    public var row: Int?
    public var score: Double
    /// Whether the score reached the operating threshold; nil when the model has none.
    public var flagged: Bool?
    public var reasons: [(feature: String, contribution: Double)]
    /// Event time the line describes (periodic streaming output only).
    public var asOf: Double?

    /// Scores `x` with `scorer` and keeps the `reasons` features that moved the log-odds most.
    public init(accountID: String?, row: Int? = nil, x: [Double], scorer: ModelScorer, featureNames: [String],
                threshold: Double?, reasons: Int, asOf: Double? = nil, explanation method: ExplanationMethod = .saabas) {
        let explanation = scorer.explain(x, method: method)
        self.accountID = accountID
        self.row = row
        let p = scorer.transform.apply(x.withUnsafeBufferPointer { scorer.margin($0) })
        self.score = p
        self.flagged = threshold.map { p >= $0 }
        self.reasons = explanation.top(reasons).map { (featureNames[$0], explanation.contributions[$0]) }
        self.asOf = asOf
    }

    public static func == (a: ScoreLine, b: ScoreLine) -> Bool { a.json == b.json }

    /// `{"account_id":…,"score":p,"decision":"flag"|"pass"|null,"reasons":[…]}`, with `"as_of"` (RFC 3339)
    /// after the id on periodic lines.
    public var json: String {
        var line = "{"
        if let accountID { line += "\"account_id\":\(Self.quote(accountID))" } else { line += "\"row\":\(row ?? 0)" }
        if let asOf { line += ",\"as_of\":\(Self.quote(Self.rfc3339(asOf)))" }
        line += ",\"score\":\(Self.number(score)),\"decision\":"
        switch flagged {
        case true?: line += "\"flag\""
        case false?: line += "\"pass\""
        case nil: line += "null"
        }
        line += ",\"reasons\":["
        line += reasons.map { "{\"feature\":\(Self.quote($0.feature)),\"contribution\":\(Self.number($0.contribution))}" }
            .joined(separator: ",")
        return line + "]}"
    }

    /// JSON string literal; escapes quotes, backslashes and control characters.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// Shortest round-trip form; JSON has no NaN or infinity, so those become null.
    public static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }

    /// UTC, whole seconds when the time has no fraction, milliseconds otherwise. Whole seconds from 1970 to 9999
    /// (every periodic line's `as_of`) are formatted by arithmetic: a DateFormatter per line was an eighth of the
    /// time of a streaming run with hourly lines. Equal to the formatter's output (tested).
    static func rfc3339(_ t: Double) -> String {
        if t == t.rounded(.down), t >= 0, t < 253_402_300_800 { return RFC3339.formatSeconds(Int(t)) }
        return formatted(t)
    }

    static func formatted(_ t: Double) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = t == t.rounded(.down) ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"
        return f.string(from: Date(timeIntervalSince1970: t))
    }
}
