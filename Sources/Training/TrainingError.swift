/// Errors from dataset loading and model fitting, with enough payload to point the user at the cause.
public enum TrainingError: Error, Equatable, Sendable {
    /// A hyperparameter outside its valid range.
    case invalidParameter(name: String, value: String, expected: String)
    /// Training needs both classes.
    case singleClass(label: Double)
    /// No rows to train on.
    case emptyDataset
    /// A numerical routine failed (e.g. LAPACK info code) — message says which.
    case numerical(String)
    /// A data file that cannot be opened or read.
    case unreadable(file: String, reason: String)
    /// Bad content in a data file. `line` is 1-based (the header is line 1); `column` is the header name.
    case badInput(file: String, line: Int?, column: String?, reason: String)
}
