import ScoringRuntime
import Training

/// Scores a `Dataset` through the runtime scorer the model file names (not the trainer's objects).
struct RuntimeScorer {
    let margin: ([Double]) -> Double
    let transform: OutputTransform

    init(_ file: ModelFile) {
        transform = file.outputTransform
        switch file.model {
        case let .logistic(m):
            let s = LogisticScorer(m, transform: file.outputTransform)
            margin = { s.margin($0) }
        case let .treeEnsemble(e):
            let s = TreeEnsembleScorer(e, featureCount: file.schema.featureCount, transform: file.outputTransform)
            margin = { s.margin($0) }
        }
    }

    func probabilities(_ data: Dataset) -> [Double] {
        var row = [Double](repeating: 0, count: data.featureCount)
        return (0..<data.rowCount).map { i in
            data.copyRow(i, into: &row)
            return transform.apply(margin(row))
        }
    }
}
