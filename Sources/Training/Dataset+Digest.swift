import ScoringRuntime
import TrafficFeatures

extension Dataset {
    /// `sha256:` + hex SHA-256 over the feature names (newline-joined), then the values' and labels' IEEE-754
    /// little-endian bytes, then the weights' if present. Same table → same digest, on any machine.
    public var digest: String {
        var h = SHA256()
        h.update(featureNames.joined(separator: "\n") + "\n")
        h.update(doubles: values)
        h.update(doubles: labels)
        if let weights { h.update(doubles: weights) }
        return "sha256:" + SHA256.hex(h.finalize())
    }
}
