extension TrainingError: CustomStringConvertible {
    /// One line for the user: `file:line: column "name": reason` for input errors.
    public var description: String {
        switch self {
        case let .invalidParameter(name, value, expected):
            return "invalid value \(value) for \(name): expected \(expected)"
        case let .singleClass(label):
            return "training data has only one class (all labels are \(Int(label))); need both 0 and 1"
        case .emptyDataset:
            return "training data has no rows"
        case let .numerical(message):
            return "numerical failure: \(message)"
        case let .unreadable(file, reason):
            return "cannot read \(file): \(reason)"
        case let .badInput(file, line, column, reason):
            var s = file
            if let line { s += ":\(line)" }
            s += ":"
            if let column { s += " column \"\(column)\":" }
            return s + " " + reason
        }
    }
}
