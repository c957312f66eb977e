import TrafficFeatures

/// The feature schema a model was trained on: ordered names, a schema version, and a fingerprint.
///
/// Fingerprint: `sha256:` + lowercase hex SHA-256 of the UTF-8 text
/// `"hydrawatch-schema\n" + version + "\n" + names.joined("\n")`. Scoring refuses feature vectors whose
/// schema fingerprint differs.
public struct ModelSchema: Sendable, Equatable, Codable {
    public var version: Int
    public var featureNames: [String]
    public var fingerprint: String

    public init(version: Int, featureNames: [String]) {
        self.version = version
        self.featureNames = featureNames
        self.fingerprint = ModelSchema.fingerprint(version: version, featureNames: featureNames)
    }

    public static func fingerprint(version: Int, featureNames: [String]) -> String {
        // One definition, shared with extraction's schema.json.
        FeatureSchema(version: version, names: featureNames).fingerprint
    }

    public var featureCount: Int { featureNames.count }
}
