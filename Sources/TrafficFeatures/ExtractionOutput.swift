import Foundation

/// Writes an extraction folder: features.csv, features.bin, schema.json, clusters.csv, summary.json.
public enum ExtractionOutput {
    /// With `threads ≥ 2`, features.csv (most of the work: every value formatted as text) is formatted on two
    /// threads, one of which first builds and writes the other files. A failure is reported for the first file
    /// in the order above, as a one-thread run would.
    public static func write(table: FeatureTable, clusters: ClusterTable, summary: ExtractionSummary,
                             to dir: String, threads: Int = 1) throws {
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw TrafficError.cannotWrite(path: dir, reason: error.localizedDescription)
        }
        func put(_ name: String, _ data: Data) -> Error? {
            let p = (dir as NSString).appendingPathComponent(name)
            do { try data.write(to: URL(fileURLWithPath: p), options: .atomic) } catch {
                return TrafficError.cannotWrite(path: p, reason: error.localizedDescription)
            }
            return nil
        }
        var others: [Error?] = []
        let csv = table.csvBytes(threads: threads) {
            others = [put("features.bin", Data(table.binaryBytes())),
                      put("schema.json", Data(table.schema.json().utf8)),
                      put("clusters.csv", Data(clusters.csv().utf8)),
                      put("summary.json", Data(summary.json().utf8))]
        }
        if let e = put("features.csv", Data(csv)) { throw e }
        if let e = others.lazy.compactMap({ $0 }).first { throw e }
    }
}
