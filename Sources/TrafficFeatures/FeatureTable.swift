/// The feature table every later stage loads: one row per account, features column-major as `Double`
/// (NaN = missing), plus the id, label and grouping columns. Produced by `FeatureExtractor`; read back with
/// `FeatureTable.read(path:)` from an extraction folder (features.bin) or a CSV file.
public struct FeatureTable: Sendable, Equatable {
    public var schema: FeatureSchema
    public var featureNames: [String] { schema.names }
    public var rowCount: Int
    /// Column-major: feature `c` of row `r` is `columns[c * rowCount + r]`.
    public var columns: [Double]
    /// Account ids, when the table has them (plain numeric CSVs do not).
    public var accountIDs: [String]?
    /// 1 = distillation, 0 = benign, NaN = unlabelled.
    public var labels: [Double]
    public var campaigns: [String?]
    /// The labels file's cluster when given, else the extracted hydra cluster id; nil for singletons.
    public var clusters: [String?]

    public init(schema: FeatureSchema, rowCount: Int, columns: [Double], accountIDs: [String]?, labels: [Double],
                campaigns: [String?], clusters: [String?]) {
        precondition(columns.count == rowCount * schema.names.count && labels.count == rowCount
                     && campaigns.count == rowCount && clusters.count == rowCount)
        precondition(accountIDs == nil || accountIDs!.count == rowCount)
        self.schema = schema
        self.rowCount = rowCount
        self.columns = columns
        self.accountIDs = accountIDs
        self.labels = labels
        self.campaigns = campaigns
        self.clusters = clusters
    }

    public var columnCount: Int { schema.names.count }

    public func column(_ c: Int) -> ArraySlice<Double> { columns[(c * rowCount)..<((c + 1) * rowCount)] }

    public func value(row: Int, column c: Int) -> Double { columns[c * rowCount + row] }

    /// One account's vector, in schema order.
    public func row(_ r: Int) -> [Double] { (0..<columnCount).map { columns[$0 * rowCount + r] } }

    /// Reads a folder written by `write(to:)` (its features.bin) or a CSV file: either the extractor's layout
    /// (`account_id,label,campaign,cluster,` then features) or a plain numeric table whose first column is the
    /// label. Every problem is reported as `TrafficError.malformed` with the file and line.
    public static func read(path: String) throws -> FeatureTable {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw TrafficError.cannotOpen(path: path, reason: "No such file or directory")
        }
        if isDir.boolValue { return try readBinary(path: (path as NSString).appendingPathComponent("features.bin")) }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        if data.starts(with: binaryMagic) { return try readBinary(path: path) }
        return try readCSV(path: path)
    }
}

import Foundation
