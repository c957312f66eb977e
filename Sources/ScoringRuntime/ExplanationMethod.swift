/// How a tree ensemble's margin is split among features (`ModelScorer.explain`). Logistic models have one exact
/// decomposition (coefficient × centred value, which is also their Shapley value with independent features) and
/// ignore the choice.
public enum ExplanationMethod: String, Sendable, CaseIterable {
    /// Saabas path contributions: one path per tree, exact in sum, not consistent in the Shapley sense. Cheap
    /// (as fast as scoring), the default for the `reasons` of every score line.
    case saabas
    /// Exact path-dependent TreeSHAP (`TreeSHAP`), the values LightGBM's `predict(pred_contrib=True)` gives:
    /// consistent and additive, O(leaves × depth²) per tree. Needs positive training cover on every internal node.
    case treeSHAP = "treeshap"
}
