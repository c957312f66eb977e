/// The ways a command itself fails (as opposed to a library error with its own type), each mapped to the
/// shared exit code. Commands throw these after turning library errors into one clear sentence.
public enum CommandFailure: Error, UserFacingError {
    case usage(String)
    case badInput(String)
    /// An input path that does not exist or cannot be read.
    case noInput(String)
    /// An output path and why it cannot be written.
    case cannotWrite(String, String)
    /// Anything that makes a model untrusted: signature, key, schema fingerprint, invalid model file.
    case verification(String)

    public var exitStatus: ExitStatus {
        switch self {
        case .usage: return .usage
        case .badInput: return .badInput
        case .noInput: return .noInput
        case .cannotWrite: return .cannotWrite
        case .verification: return .verificationFailed
        }
    }

    public var message: String {
        switch self {
        case let .usage(m), let .badInput(m), let .verification(m): return m
        case let .noInput(p): return "cannot read \(p): no such file"
        case let .cannotWrite(p, r): return "cannot write \(p): \(r)"
        }
    }
}
