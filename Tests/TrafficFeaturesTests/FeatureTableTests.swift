import Foundation
import XCTest
@testable import TrafficFeatures

final class FeatureTableTests: XCTestCase {
    func testFolderBinaryAndCSVRoundTrip() throws {
        let dir = try TestSupport.tempDir("table")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (t, c, s) = try TestSupport.extractFixture()
        try ExtractionOutput.write(table: t, clusters: c, summary: s, to: dir.path)
        let fromFolder = try FeatureTable.read(path: dir.path)
        XCTAssertEqual(fromFolder.accountIDs, t.accountIDs)
        XCTAssertEqual(fromFolder.schema, FeatureSchema.current)
        XCTAssertEqual(fromFolder.clusters, t.clusters)
        XCTAssertEqual(fromFolder.campaigns, t.campaigns)
        XCTAssertEqual(fromFolder.columns.map(\.bitPattern), t.columns.map(\.bitPattern), "bit-exact, NaN included")
        XCTAssertEqual(fromFolder.labels.map(\.bitPattern), t.labels.map(\.bitPattern))
        let fromCSV = try FeatureTable.read(path: dir.appendingPathComponent("features.csv").path)
        XCTAssertEqual(fromCSV.accountIDs, t.accountIDs)
        XCTAssertEqual(fromCSV.schema.fingerprint, t.schema.fingerprint)
        for (x, y) in zip(fromCSV.columns, t.columns) { XCTAssertTrue(x == y || (x.isNaN && y.isNaN)) }
        let schemaJSON = try String(contentsOf: dir.appendingPathComponent("schema.json"), encoding: .utf8)
        XCTAssertTrue(schemaJSON.contains("\"fingerprint\": \"\(FeatureSchema.current.fingerprint)\""))
    }

    func testPlainNumericCSVHasTheLabelFirst() throws {
        let dir = try TestSupport.tempDir("plain")
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = dir.appendingPathComponent("plain.csv")
        try "y,f1,f2\n1,0.5,\n0,2,3e2\n,1,1\n".write(to: p, atomically: true, encoding: .utf8)
        let t = try FeatureTable.read(path: p.path)
        XCTAssertNil(t.accountIDs)
        XCTAssertEqual(t.featureNames, ["f1", "f2"])
        XCTAssertEqual(t.rowCount, 3)
        XCTAssertEqual(Array(t.column(0)), [0.5, 2, 1])
        XCTAssertTrue(t.value(row: 0, column: 1).isNaN)
        XCTAssertEqual(t.value(row: 1, column: 1), 300)
        XCTAssertEqual(t.labels[0], 1)
        XCTAssertTrue(t.labels[2].isNaN)
        try "y,f1\n1,abc\n".write(to: p, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try FeatureTable.read(path: p.path)) { XCTAssertTrue("\($0)".contains(":2: column 'f1'"), "\($0)") }
    }

    func testQuotedAccountIDsSurviveCSV() throws {
        let schema = FeatureSchema(version: 1, names: ["x"])
        let t = FeatureTable(schema: schema, rowCount: 2, columns: [1.5, .nan], accountIDs: ["a,\"b\"", "c"],
                             labels: [1, .nan], campaigns: [nil, "k"], clusters: ["h1", nil])
        let dir = try TestSupport.tempDir("quote")
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = dir.appendingPathComponent("t.csv")
        try t.csv().write(to: p, atomically: true, encoding: .utf8)
        let back = try FeatureTable.read(path: p.path)
        XCTAssertEqual(back.accountIDs, ["a,\"b\"", "c"])
        XCTAssertEqual(back.campaigns, [nil, "k"])
        XCTAssertEqual(back.clusters, ["h1", nil])
    }

    func testCorruptBinaryIsRefusedClearly() throws {
        let dir = try TestSupport.tempDir("corrupt")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (t, _, _) = try TestSupport.extractFixture()
        let p = dir.appendingPathComponent("features.bin")
        try t.binary().prefix(100).write(to: p)
        XCTAssertThrowsError(try FeatureTable.read(path: p.path)) { XCTAssertTrue("\($0)".contains("truncated"), "\($0)") }
    }

    func testSchemaFingerprintIsStableAndSensitive() {
        let s = FeatureSchema(version: 1, names: ["a", "b"])
        XCTAssertEqual(s.fingerprint, FeatureSchema(version: 1, names: ["a", "b"]).fingerprint)
        XCTAssertNotEqual(s.fingerprint, FeatureSchema(version: 1, names: ["b", "a"]).fingerprint)
        XCTAssertNotEqual(s.fingerprint, FeatureSchema(version: 2, names: ["a", "b"]).fingerprint)
        XCTAssertTrue(s.fingerprint.hasPrefix("sha256:") && s.fingerprint.count == 71, s.fingerprint)
        XCTAssertEqual(Set(FeatureSchema.current.names).count, FeatureSchema.current.names.count, "unique names")
    }
}
