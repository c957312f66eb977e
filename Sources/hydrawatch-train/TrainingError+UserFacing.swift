import HydraWatchCLI
import ScoringRuntime
import Training

extension TrainingError: UserFacingError {
    public var exitStatus: ExitStatus {
        switch self {
        case .invalidParameter: return .usage
        case .unreadable: return .noInput
        case .singleClass, .emptyDataset, .badInput, .numerical: return .badInput
        }
    }

    public var message: String { description }
}

extension ModelFileError: UserFacingError {
    /// A model this command built failed its own validation: a bug.
    public var exitStatus: ExitStatus { .internalError }

    public var message: String { description }
}
