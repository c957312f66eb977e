/// Scores feature vectors with whatever model a validated `ModelFile` holds, applying the transform the file
/// names. This is what evaluation and production run, so offline numbers describe the deployed model.
public struct ModelScorer: Sendable {
    enum Kind: Sendable {
        case logistic(LogisticScorer)
        case trees(TreeEnsembleScorer)
    }

    let kind: Kind
    public let transform: OutputTransform
    public let schema: ModelSchema

    public init(_ file: ModelFile) {
        transform = file.outputTransform
        schema = file.schema
        switch file.model {
        case let .logistic(m): kind = .logistic(LogisticScorer(m, transform: file.outputTransform))
        case let .treeEnsemble(e):
            kind = .trees(TreeEnsembleScorer(e, featureCount: file.schema.featureCount, transform: file.outputTransform))
        }
    }

    /// Refuses vectors built by a different feature definition (names, order or version).
    public func checkSchema(featureNames: [String], version: Int) throws {
        let found = ModelSchema(version: version, featureNames: featureNames)
        guard found.fingerprint == schema.fingerprint else {
            throw ModelFileError.schemaMismatch(expected: schema.fingerprint, found: found.fingerprint)
        }
    }

    @inline(__always)
    public func margin(_ x: UnsafeBufferPointer<Double>) -> Double {
        switch kind {
        case let .logistic(s): return s.margin(x)
        case let .trees(s): return s.margin(x)
        }
    }

    /// Margins for row-major rows (`x[r * featureCount + c]`), one per element of `out`; equal bitwise to `margin`
    /// row by row. Tree ensembles score blocks of rows tree by tree, which is faster than one row at a time.
    public func margins(rowMajor x: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        let d = schema.featureCount
        precondition(x.count == out.count * d, "table shape does not match the model's feature count")
        switch kind {
        case let .trees(s): s.margins(rowMajor: x, into: out)
        case let .logistic(s):
            for r in 0..<out.count { out[r] = s.margin(UnsafeBufferPointer(rebasing: x[(r * d)..<(r * d + d)])) }
        }
    }

    public func probability(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { transform.apply(margin($0)) } }

    /// Probabilities for a column-major table (`columns[c * rows + r]`), features in the model's order.
    public func probabilities(columnMajor columns: [Double], rows: Int) -> [Double] {
        let d = schema.featureCount
        precondition(columns.count == rows * d, "table shape does not match the model's feature count")
        var row = [Double](repeating: 0, count: d)
        var out = [Double](repeating: 0, count: rows)
        row.withUnsafeMutableBufferPointer { buf in
            for r in 0..<rows {
                for c in 0..<d { buf[c] = columns[c * rows + r] }
                out[r] = transform.apply(margin(UnsafeBufferPointer(buf)))
            }
        }
        return out
    }
}
