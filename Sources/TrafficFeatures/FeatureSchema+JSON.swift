extension FeatureSchema {
    /// schema.json: `{"fingerprint": …, "names": [...], "version": …}` with a fixed layout.
    public func json() -> String {
        let n = names.map { "    \"\($0)\"" }.joined(separator: ",\n")
        return "{\n  \"fingerprint\": \"\(fingerprint)\",\n  \"names\": [\n\(n)\n  ],\n  \"version\": \(version)\n}\n"
    }
}
