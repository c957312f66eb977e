import HydraWatchCLI

/// How hydrawatch-score fails, mapped to the shared exit codes (77 for anything that makes the model untrusted).
enum ScoreFailure: Error, UserFacingError {
    case usage(String), badInput(String), noInput(String), cannotWrite(String, String), verification(String)

    var exitStatus: ExitStatus {
        switch self {
        case .usage: return .usage
        case .badInput: return .badInput
        case .noInput: return .noInput
        case .cannotWrite: return .cannotWrite
        case .verification: return .verificationFailed
        }
    }

    var message: String {
        switch self {
        case let .usage(m), let .badInput(m), let .verification(m): return m
        case let .noInput(p): return "cannot read \(p): no such file"
        case let .cannotWrite(p, r): return "cannot write \(p): \(r)"
        }
    }
}
