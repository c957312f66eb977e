/// A binary-classification tree ensemble in the form prediction needs: parallel arrays per tree,
/// raw-value thresholds (no binner), and a learned direction for missing values.
///
/// Decision rule at internal node `n` (LightGBM's convention): a value `x` goes to `leftChild[n]` when
/// `x <= threshold[n]`, to `rightChild[n]` when `x > threshold[n]`, and to the default side when `x` is NaN.
/// Node 0 is the root; a node is a leaf when `leftChild[n] == -1`. The raw margin is
/// `baseScore + Σ_trees value[leaf]`; the output transform (sigmoid) is named by the model file.
public struct Tree: Sendable, Equatable, Codable {
    public var leftChild: [Int32]
    public var rightChild: [Int32]
    public var splitFeature: [Int32]
    public var threshold: [Double]
    public var defaultLeft: [Bool]
    /// Leaf outputs for leaves; for internal nodes, the value the node would have as a leaf (used by explanations).
    public var value: [Double]
    /// Sum of hessians (or row count) reaching each node, from training; used by path/TreeSHAP explanations.
    public var cover: [Double]

    public init(leftChild: [Int32], rightChild: [Int32], splitFeature: [Int32], threshold: [Double],
                defaultLeft: [Bool], value: [Double], cover: [Double]) {
        self.leftChild = leftChild
        self.rightChild = rightChild
        self.splitFeature = splitFeature
        self.threshold = threshold
        self.defaultLeft = defaultLeft
        self.value = value
        self.cover = cover
    }

    public var nodeCount: Int { leftChild.count }
}

public struct TreeEnsemble: Sendable, Equatable, Codable {
    public var trees: [Tree]
    /// Initial raw score (log-odds of the base rate for log-loss boosting).
    public var baseScore: Double

    public init(trees: [Tree], baseScore: Double) {
        self.trees = trees
        self.baseScore = baseScore
    }
}
