import HydraWatchCLI
import TrafficFeatures

/// Maps TrafficFeatures errors to the documented exit statuses.
struct CommandError: UserFacingError {
    let underlying: Error
    init(_ e: Error) { underlying = e }

    var exitStatus: ExitStatus {
        switch underlying as? TrafficError {
        case .cannotOpen?: return .noInput
        case .readFailed?: return .noInput
        case .cannotWrite?: return .cannotWrite
        case .tooManyRejects?, .malformed?: return .badInput
        case nil: return .internalError
        }
    }

    var message: String { "\(underlying)" }
}
