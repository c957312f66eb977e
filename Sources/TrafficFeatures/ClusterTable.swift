/// The extracted hydra clusters, written as clusters.csv for analysts:
/// `cluster_id,size,link_types,cue_heavy_share,requests,accounts_sample` (link types and sample `;`-separated).
public struct ClusterTable: Sendable, Equatable {
    static let sampleSize = 5

    public struct Row: Sendable, Equatable {
        public var id: String
        public var size: Int
        public var linkTypes: [String]
        /// First accounts by id.
        public var sample: [String]
        public var cueHeavyShare: Double
        public var requests: Int
    }

    public var rows: [Row]

    public func csv() -> String {
        var s = "cluster_id,size,link_types,cue_heavy_share,requests,accounts_sample\n"
        for r in rows {
            s += [r.id, String(r.size), r.linkTypes.joined(separator: ";"), CSV.format(r.cueHeavyShare),
                  String(r.requests), r.sample.joined(separator: ";")].map(CSV.quote).joined(separator: ",") + "\n"
        }
        return s
    }
}
