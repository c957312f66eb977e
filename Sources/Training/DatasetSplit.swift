/// How to carve a validation set out of the training rows when no separate validation file is given.
public enum DatasetSplit: Sendable, Equatable {
    /// Rows drawn at random with the seed.
    case random
    /// Whole groups (values of a column, e.g. `cluster`) go to one side: no group on both sides.
    case group(column: String)
    /// Rows ordered by a numeric time column; the latest `fraction` of rows validate.
    case time(column: String)

    /// Parses `random`, `group:COLUMN` or `time:COLUMN`.
    public init(argument: String) throws {
        if argument == "random" { self = .random; return }
        let parts = argument.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 2, !parts[1].isEmpty {
            if parts[0] == "group" { self = .group(column: parts[1]); return }
            if parts[0] == "time" { self = .time(column: parts[1]); return }
        }
        throw TrainingError.invalidParameter(name: "--split", value: argument, expected: "random, group:COLUMN or time:COLUMN")
    }

    /// The column the loader must set aside as the row key.
    public var keyColumn: String? {
        switch self {
        case .random: return nil
        case let .group(c), let .time(c): return c
        }
    }

    /// Splits `data` (whose `groups` hold the key column for grouped/time splits) into train and validation.
    /// Each side keeps the original row order. Deterministic given `seed`.
    public func apply(to data: Dataset, validationFraction: Double, seed: UInt64) throws -> (train: Dataset, validation: Dataset) {
        guard validationFraction > 0 && validationFraction < 1 else {
            throw TrainingError.invalidParameter(name: "--validation-fraction", value: "\(validationFraction)", expected: "a number in (0, 1)")
        }
        let n = data.rowCount
        let target = Int((validationFraction * Double(n)).rounded())
        var isValidation = [Bool](repeating: false, count: n)
        var rng = SplitMix64(seed: seed)
        switch self {
        case .random:
            var order = Array(0..<n)
            rng.shuffle(&order)
            for i in order.prefix(target) { isValidation[i] = true }
        case let .group(column):
            guard let keys = data.groups else {
                throw TrainingError.invalidParameter(name: "--split", value: "group:\(column)", expected: "a column loaded as the group key")
            }
            var firstSeen: [String: Int] = [:]
            var groupOf = [Int](repeating: 0, count: n)
            var sizes: [Int] = []
            for (i, k) in keys.enumerated() {
                if let g = firstSeen[k] { groupOf[i] = g; sizes[g] += 1 } else {
                    firstSeen[k] = sizes.count; groupOf[i] = sizes.count; sizes.append(1)
                }
            }
            guard sizes.count >= 2 else {
                throw TrainingError.badInput(file: "training data", line: nil, column: column,
                                             reason: "has a single group; a grouped split needs at least two")
            }
            var groupOrder = Array(0..<sizes.count)
            rng.shuffle(&groupOrder)
            var chosen = [Bool](repeating: false, count: sizes.count)
            var taken = 0
            for g in groupOrder where taken < target && taken + sizes[g] < n {
                chosen[g] = true
                taken += sizes[g]
            }
            for i in 0..<n { isValidation[i] = chosen[groupOf[i]] }
        case let .time(column):
            guard let keys = data.groups else {
                throw TrainingError.invalidParameter(name: "--split", value: "time:\(column)", expected: "a column loaded as the time key")
            }
            var times = [Double](repeating: 0, count: n)
            for (i, k) in keys.enumerated() {
                guard let t = Double(k), t.isFinite else {
                    throw TrainingError.badInput(file: "training data", line: i + 2, column: column,
                                                 reason: "time value \"\(k)\" is not a finite number")
                }
                times[i] = t
            }
            let order = (0..<n).sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
            for i in order.suffix(target) { isValidation[i] = true }
        }
        let train = (0..<n).filter { !isValidation[$0] }
        let validation = (0..<n).filter { isValidation[$0] }
        guard !train.isEmpty, !validation.isEmpty else {
            throw TrainingError.invalidParameter(name: "--validation-fraction", value: "\(validationFraction)",
                                                 expected: "a fraction that leaves rows on both sides")
        }
        return (data.rows(train), data.rows(validation))
    }
}
