import Foundation
import TrafficFeatures

/// Where training rows come from. The loader picks by path: a folder is the extractor's feature table; a CSV
/// whose header starts with `account_id` is the extractor's CSV layout; any other CSV is a plain numeric table
/// with the label in the first column.
public enum DatasetSource: Sendable, Equatable {
    case csv(path: String)
    case featureTable(folder: String)

    /// A folder is a feature table; anything else is read as CSV.
    public init(path: String) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            self = .featureTable(folder: path)
        } else {
            self = .csv(path: path)
        }
    }

    /// Loads the rows. `keyColumn` (if any) is set aside as `Dataset.groups` instead of becoming a feature.
    public func load(keyColumn: String? = nil) throws -> Dataset {
        switch self {
        case let .csv(path):
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw TrainingError.unreadable(file: path, reason: "no such file or not readable")
            }
            if Self.startsWithAccountID(path) { return try Self.loadFeatureTable(path, keyColumn: keyColumn) }
            return try CSVDatasetReader(path: path, keyColumn: keyColumn).read()
        case let .featureTable(folder):
            return try Self.loadFeatureTable(folder, keyColumn: keyColumn)
        }
    }

    static func loadFeatureTable(_ path: String, keyColumn: String?) throws -> Dataset {
        let table: FeatureTable
        do {
            table = try FeatureTable.read(path: path)
        } catch let e as TrafficError {
            throw TrainingError.unreadable(file: path, reason: e.description)
        }
        return try Dataset(featureTable: table, path: path, keyColumn: keyColumn)
    }

    static func startsWithAccountID(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let head = h.readData(ofLength: 11)
        return head == Data("account_id,".utf8)
    }
}
