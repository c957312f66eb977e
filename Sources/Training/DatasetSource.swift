import Foundation

/// Where training rows come from. The loader picks by path: a `.csv` file (plain CSV), or a folder
/// (the extractor's feature-table format, read through TrafficFeatures once that format lands).
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
            return try CSVDatasetReader(path: path, keyColumn: keyColumn).read()
        case let .featureTable(folder):
            throw TrainingError.unreadable(file: folder,
                reason: "feature-table folders are not supported by this build yet; pass a CSV file (label first)")
        }
    }
}
