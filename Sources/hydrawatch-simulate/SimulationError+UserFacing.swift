import HydraWatchCLI
import Simulation

/// Maps simulator failures to the shared exit codes.
extension SimulationError: UserFacingError {
    public var exitStatus: ExitStatus {
        switch self {
        case .invalidParameter: return .usage
        case .cannotWrite: return .cannotWrite
        }
    }
}
