/// Why a LightGBM text model cannot become a HydraWatch model file. Separate from `ModelFileError` because the
/// line numbers and the remedies (retrain without categorical features, another objective) are LightGBM's.
public enum LightGBMImportError: Error, Equatable, Sendable {
    /// The text does not parse: `line` is 1-based in model.txt.
    case malformed(line: Int, reason: String)
    /// A valid LightGBM model that this runtime cannot score exactly.
    case unsupported(String)

    public var description: String {
        switch self {
        case let .malformed(line, reason): return "LightGBM model.txt line \(line): \(reason)"
        case let .unsupported(what): return "cannot import this LightGBM model: \(what)"
        }
    }
}
