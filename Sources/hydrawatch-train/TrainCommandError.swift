import HydraWatchCLI

/// Failures of the command itself (not of training).
enum TrainCommandError: Error, UserFacingError {
    case cannotWrite(path: String, reason: String)

    var exitStatus: ExitStatus { .cannotWrite }

    var message: String {
        switch self {
        case let .cannotWrite(path, reason): return "cannot write the model file \(path): \(reason)"
        }
    }
}
