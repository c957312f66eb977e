import ScoringRuntime

extension LogisticScorer {
    /// Probabilities for every row of a column-major `Dataset` (features in the model's order).
    func probabilities(columnMajor data: Dataset) -> [Double] {
        let n = data.rowCount, d = data.featureCount
        var row = [Double](repeating: 0, count: d)
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<d { row[j] = data.values[j * n + i] }
            out[i] = probability(row)
        }
        return out
    }
}
