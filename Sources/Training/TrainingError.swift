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
}
