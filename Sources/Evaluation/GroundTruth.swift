import Foundation

/// The simulator's per-account truth (`truth.jsonl`), used only to evaluate: which accounts are attackers, their
/// campaign and cluster, and the benign population each other account belongs to.
public struct GroundTruth: Sendable {
    public struct Entry: Sendable, Equatable {
        public var attacker: Bool
        public var population: String
        public var campaign: String?
        public var cluster: String?
    }

    public var entries: [String: Entry]

    public init(entries: [String: Entry]) { self.entries = entries }

    /// Reads truth.jsonl; a malformed line is an error naming the file and line.
    public static func read(path: String) throws -> GroundTruth {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EvaluationError.cannotRead(path: path, reason: "no such file or not readable")
        }
        var entries: [String: Entry] = [:]
        for (i, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw EvaluationError.malformed(file: path, line: i + 1, reason: "not a JSON object")
            }
            guard let id = o["account_id"] as? String else {
                throw EvaluationError.malformed(file: path, line: i + 1, reason: "account_id (string) is missing")
            }
            guard let attacker = o["attacker"] as? Bool else {
                throw EvaluationError.malformed(file: path, line: i + 1, reason: "attacker (true/false) is missing")
            }
            entries[id] = Entry(attacker: attacker, population: o["population"] as? String ?? "(unknown)",
                                campaign: o["campaign"] as? String, cluster: o["cluster"] as? String)
        }
        return GroundTruth(entries: entries)
    }
}

/// Errors of the Evaluation module.
public enum EvaluationError: Error, Sendable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case malformed(file: String, line: Int, reason: String)
    case nothingToEvaluate(String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason): return "cannot read \(path): \(reason)"
        case let .malformed(file, line, reason): return "\(file):\(line): \(reason)"
        case let .nothingToEvaluate(why): return "nothing to evaluate: \(why)"
        }
    }
}
