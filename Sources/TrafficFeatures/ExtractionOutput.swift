import Foundation

/// Writes an extraction folder: features.csv, features.bin, schema.json, clusters.csv, summary.json.
public enum ExtractionOutput {
    /// With `threads ≥ 2`, features.csv (most of the work: every value formatted as text) is formatted on two
    /// threads; then one thread writes it while the other builds and writes the other files (writing is mostly the
    /// kernel's copy into the page cache, about as long for features.bin as for features.csv). A failure is
    /// reported for the first file in the order above, as a one-thread run would.
    public static func write(table: FeatureTable, clusters: ClusterTable, summary: ExtractionSummary,
                             to dir: String, threads: Int = 1) throws {
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw TrafficError.cannotWrite(path: dir, reason: error.localizedDescription)
        }
        /// Writes `bytes` where they are (no copy into a `Data` of their own).
        func put(_ name: String, _ bytes: [UInt8]) -> Error? {
            let p = (dir as NSString).appendingPathComponent(name)
            do {
                try bytes.withUnsafeBytes { b in
                    let data = b.baseAddress.map {
                        Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: b.count, deallocator: .none)
                    } ?? Data()
                    try data.write(to: URL(fileURLWithPath: p), options: .atomic)
                }
            } catch {
                return TrafficError.cannotWrite(path: p, reason: error.localizedDescription)
            }
            return nil
        }
        let csv = table.csvBytes(threads: threads)
        var others: [Error?] = []
        var csvError: Error?
        ChunkedLoop.run(count: 1, chunk: 1, threads: threads, first: {
            others = [put("features.bin", table.binaryBytes()),
                      put("schema.json", Array(table.schema.json().utf8)),
                      put("clusters.csv", Array(clusters.csv().utf8)),
                      put("summary.json", Array(summary.json().utf8))]
        }) { _ in csvError = put("features.csv", csv) }
        if let csvError { throw csvError }
        if let e = others.lazy.compactMap({ $0 }).first { throw e }
    }
}
