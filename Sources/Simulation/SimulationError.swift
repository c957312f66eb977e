/// Everything that can stop a simulation run, with what the user needs to fix it.
public enum SimulationError: Error, Equatable, Sendable {
    /// A parameter is out of range (scale, days, start date).
    case invalidParameter(name: String, reason: String)
    /// The output folder or a file in it cannot be created or written.
    case cannotWrite(path: String, reason: String)

    public var message: String {
        switch self {
        case let .invalidParameter(name, reason): return "invalid \(name): \(reason)"
        case let .cannotWrite(path, reason): return "cannot write '\(path)': \(reason)"
        }
    }
}
