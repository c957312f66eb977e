import Foundation
import XCTest
import TrafficFeatures
@testable import Training

final class DatasetFeatureTableTests: XCTestCase {
    func testFeatureTableFolderLoadsLabelledRowsWithGroupsAndSchemaVersion() throws {
        // 4 accounts, 2 features, column-major; one unlabelled account must be skipped.
        let table = FeatureTable(schema: FeatureSchema(version: 3, names: ["f1", "f2"]), rowCount: 4,
                                 columns: [1, 2, 3, 4, 10, .nan, 30, 40], accountIDs: ["a", "b", "c", "d"],
                                 labels: [1, .nan, 0, 0], campaigns: ["x", nil, nil, nil], clusters: ["k1", nil, "k2", nil])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hw-dataset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try table.binary().write(to: dir.appendingPathComponent("features.bin"))

        let d = try DatasetSource(path: dir.path).load(keyColumn: "cluster")
        XCTAssertEqual(d.rowCount, 3)
        XCTAssertEqual(d.featureNames, ["f1", "f2"])
        XCTAssertEqual(d.labels, [1, 0, 0])
        XCTAssertEqual(d.rowIDs, ["a", "c", "d"])
        XCTAssertEqual(d.groups, ["k1", "k2", "row-3"], "accounts without a cluster form their own group")
        XCTAssertEqual(d.values, [1, 3, 4, 10, 30, 40])
        XCTAssertEqual(d.schemaVersion, 3)
        XCTAssertEqual(d.rows([2, 0]).schemaVersion, 3, "subsets keep the schema version")

        XCTAssertThrowsError(try DatasetSource(path: dir.path).load(keyColumn: "org")) { error in
            XCTAssertTrue("\(error)".contains("cluster or campaign"), "\(error)")
        }
    }
}
