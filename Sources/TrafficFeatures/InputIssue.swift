/// Why a line of input was rejected. Each reason is counted separately in `ReadStats`.
public enum RejectReason: String, Sendable, CaseIterable, Codable {
    case invalidJSON = "invalid_json"
    case invalidUTF8 = "invalid_utf8"
    case notAnObject = "not_an_object"
    case missingField = "missing_field"
    case wrongType = "wrong_type"
    case badTimestamp = "bad_timestamp"
    case negativeValue = "negative_value"
    case invalidValue = "invalid_value"
    case lineTooLong = "line_too_long"
}

/// One rejected line: where it is and what was expected there.
public struct InputIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line number.
    public var line: Int
    public var reason: RejectReason
    /// The offending field, when the problem is one field.
    public var field: String?
    public var detail: String

    public init(file: String, line: Int, reason: RejectReason, field: String?, detail: String) {
        self.file = file
        self.line = line
        self.reason = reason
        self.field = field
        self.detail = detail
    }

    public var description: String {
        if let field { return "\(file):\(line): \(reason.rawValue): field '\(field)': \(detail)" }
        return "\(file):\(line): \(reason.rawValue): \(detail)"
    }
}

/// Errors of the TrafficFeatures module that stop a run.
public enum TrafficError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    /// Bad input over the limit set by `--max-errors` / `--strict`; carries the issue that tipped it over.
    case tooManyRejects(limit: Int, last: InputIssue)
    /// A small side file (labels, accounts, models) or a feature table that does not follow the contract.
    case malformed(file: String, line: Int, detail: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "cannot open \(path): \(reason)"
        case let .readFailed(path, reason): return "cannot read \(path): \(reason)"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        case let .tooManyRejects(limit, last):
            return "too many rejected lines (limit \(limit)); last: \(last)"
        case let .malformed(file, line, detail): return "\(file):\(line): \(detail)"
        }
    }
}
