/// Everything that can go wrong reading or writing a model file, with the place it went wrong.
public enum ModelFileError: Error, Equatable, Sendable {
    /// The bytes are not JSON, or a field has the wrong type. `path` is the JSON path (e.g. `model.trees[3]`).
    case malformed(path: String, reason: String)
    /// The header's `format` is not `hydrawatch-model`.
    case notAModelFile(format: String)
    /// A version this build cannot read.
    case unsupportedVersion(Int)
    /// A value that decodes but breaks an invariant (non-finite number, index out of range, cycle, count mismatch).
    case invalid(path: String, reason: String)
    /// The feature schema the caller provides differs from the one the model was trained on.
    case schemaMismatch(expected: String, found: String)

    public var description: String {
        switch self {
        case let .malformed(path, reason): return "malformed model file at \(path.isEmpty ? "top level" : path): \(reason)"
        case let .notAModelFile(format): return "not a HydraWatch model file (format is \"\(format)\", expected \"hydrawatch-model\")"
        case let .unsupportedVersion(v): return "model file version \(v) is not supported (this build reads version 1)"
        case let .invalid(path, reason): return "invalid model file at \(path): \(reason)"
        case let .schemaMismatch(expected, found):
            return "feature schema fingerprint mismatch: model expects \(expected), features have \(found)"
        }
    }
}
