/// One line of models.jsonl: when a model became available. Drives the release-dynamics features.
public struct ModelRelease: Sendable, Equatable {
    public var model: String
    /// Seconds since the Unix epoch.
    public var releasedAt: Double

    public init(model: String, releasedAt: Double) {
        self.model = model
        self.releasedAt = releasedAt
    }

    public static func read(path: String) throws -> [ModelRelease] {
        var out: [ModelRelease] = []
        var seen = Set<String>()
        try SideFileReader(path: path).forEachObject { row in
            let m = try row.string("model")
            guard seen.insert(m).inserted else { throw row.fail("model", "duplicate model \"\(m)\"") }
            out.append(ModelRelease(model: m, releasedAt: try row.time("released_at")))
        }
        return out
    }
}
