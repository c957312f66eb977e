/// A dense labelled table for training: column-major `Double` features (NaN = missing) and 0/1 labels.
/// Column-major because both learners read by feature: binning and histograms per column for trees, and
/// BLAS calls on a column-major matrix for logistic regression.
public struct Dataset: Sendable {
    public var featureNames: [String]
    public var rowCount: Int
    /// Feature `j` of row `i` is `values[j * rowCount + i]`.
    public var values: [Double]
    /// 0 or 1.
    public var labels: [Double]
    /// Optional per-row weights (class weighting is applied on top by the learners).
    public var weights: [Double]?
    /// Optional row identifiers (account ids) carried through for reporting.
    public var rowIDs: [String]?
    /// Optional group column (e.g. hydra cluster) for grouped splits.
    public var groups: [String]?
    /// Version of the feature schema the columns follow (from the extractor's table; 0 for a plain CSV).
    /// The model file records it so scoring refuses vectors built by another feature definition.
    public var schemaVersion: Int = 0

    public init(featureNames: [String], rowCount: Int, values: [Double], labels: [Double],
                weights: [Double]? = nil, rowIDs: [String]? = nil, groups: [String]? = nil) {
        precondition(values.count == featureNames.count * rowCount, "values must hold rowCount × featureCount cells")
        precondition(labels.count == rowCount, "one label per row")
        self.featureNames = featureNames
        self.rowCount = rowCount
        self.values = values
        self.labels = labels
        self.weights = weights
        self.rowIDs = rowIDs
        self.groups = groups
    }

    public var featureCount: Int { featureNames.count }

    public func value(row i: Int, feature j: Int) -> Double { values[j * rowCount + i] }
}
