import Foundation
import ScoringRuntime

extension Tree {
    /// Leaf value reached by a row whose feature `f` is `feature(f)`: left iff x <= threshold, NaN → default side.
    @inline(__always)
    func leafValue(_ feature: (Int) -> Double) -> Double {
        var n = 0
        while leftChild[n] >= 0 {
            let x = feature(Int(splitFeature[n]))
            let goLeft = x.isNaN ? defaultLeft[n] : x <= threshold[n]
            n = Int(goLeft ? leftChild[n] : rightChild[n])
        }
        return value[n]
    }
}

extension TreeEnsemble {
    /// Raw margins (log-odds) for every row of a column-major dataset: baseScore + Σ tree values.
    public func rawScores(_ dataset: Dataset) -> [Double] {
        var scores = [Double](repeating: baseScore, count: dataset.rowCount)
        for tree in trees { tree.addLeafValues(dataset, to: &scores) }
        return scores
    }

    /// Probabilities 1/(1+e^−margin) for every row of `dataset`.
    public func probabilities(_ dataset: Dataset) -> [Double] {
        rawScores(dataset).map { 1 / (1 + exp(-$0)) }
    }
}

extension Tree {
    /// Adds this tree's leaf value to `scores[i]` for each row `i` of `dataset`.
    func addLeafValues(_ dataset: Dataset, to scores: inout [Double]) {
        let n = dataset.rowCount
        dataset.values.withUnsafeBufferPointer { v in
            for i in 0..<n {
                scores[i] += leafValue { v[$0 * n + i] }
            }
        }
    }
}
