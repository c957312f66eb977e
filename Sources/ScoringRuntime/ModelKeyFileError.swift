/// Why a signing or public key file could not be used. Kept apart from `SignedModelError`: a bad key file is
/// an operator's configuration problem, not a property of the model file.
public enum ModelKeyFileError: Error, Equatable, Sendable {
    case badKey(reason: String)
    /// A key file that does not exist or cannot be read.
    case missing(path: String)

    public var description: String {
        switch self {
        case let .badKey(reason): return "bad key file: \(reason)"
        case let .missing(path): return "cannot read key file \(path)"
        }
    }
}
