import Foundation

/// Writes an extraction folder: features.csv, features.bin, schema.json, clusters.csv, summary.json.
public enum ExtractionOutput {
    public static func write(table: FeatureTable, clusters: ClusterTable, summary: ExtractionSummary,
                             to dir: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw TrafficError.cannotWrite(path: dir, reason: error.localizedDescription)
        }
        func put(_ name: String, _ data: Data) throws {
            let p = (dir as NSString).appendingPathComponent(name)
            do { try data.write(to: URL(fileURLWithPath: p), options: .atomic) } catch {
                throw TrafficError.cannotWrite(path: p, reason: error.localizedDescription)
            }
        }
        try put("features.csv", Data(table.csv().utf8))
        try put("features.bin", table.binary())
        try put("schema.json", Data(table.schema.json().utf8))
        try put("clusters.csv", Data(clusters.csv().utf8))
        try put("summary.json", Data(summary.json().utf8))
    }
}
