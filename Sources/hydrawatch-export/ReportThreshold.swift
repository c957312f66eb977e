import HydraWatchCLI
import Foundation
import ScoringRuntime

/// Reads the operating threshold for one FPR target from hydrawatch-evaluate's report.json
/// (`summary.recallAtFPR[]` entries with `maxFPR`, `threshold`, `achievedFPR`). Read as loose JSON rather than
/// by decoding `EvaluationReport`, so exporting never links the evaluation code; snake_case spellings are also
/// accepted should the report's keys change.
enum ReportThreshold {
    static func read(path: String, targetFPR: Double) throws -> OperatingThreshold {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure.noInput(path) }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let summary = root["summary"] as? [String: Any],
              let entries = (summary["recallAtFPR"] ?? summary["recall_at_fpr"]) as? [[String: Any]] else {
            throw CommandFailure.badInput("\(path): not an evaluation report (expected summary.recallAtFPR)")
        }
        func number(_ e: [String: Any], _ keys: String...) -> Double? {
            for k in keys { if let v = e[k] as? NSNumber { return v.doubleValue } }
            return nil
        }
        let targets = entries.compactMap { number($0, "maxFPR", "max_fpr") }
        guard let entry = entries.first(where: { abs((number($0, "maxFPR", "max_fpr") ?? -1) - targetFPR) <= 1e-12 }) else {
            throw CommandFailure.usage("\(path) has no threshold for --target-fpr \(targetFPR) (it has: "
                                      + targets.map { "\($0)" }.joined(separator: ", ") + "); re-run hydrawatch-evaluate with --target-fpr \(targetFPR)")
        }
        if let s = entry["threshold"] as? String, s == "inf" {
            // The evaluator writes +inf when no threshold reaches the target with any recall.
            throw CommandFailure.badInput("\(path): no threshold reaches FPR ≤ \(targetFPR) with non-zero recall (the report's threshold is inf); choose another --target-fpr or a better model")
        }
        guard let threshold = number(entry, "threshold"), threshold.isFinite, (0...1).contains(threshold) else {
            throw CommandFailure.badInput("\(path): the threshold for FPR ≤ \(targetFPR) is missing or not a probability")
        }
        if let achieved = number(entry, "achievedFPR", "achieved_fpr"), achieved > targetFPR {
            throw CommandFailure.badInput("\(path): achieved FPR \(achieved) exceeds the target \(targetFPR)")
        }
        return OperatingThreshold(threshold: threshold, targetFPR: targetFPR)
    }
}
