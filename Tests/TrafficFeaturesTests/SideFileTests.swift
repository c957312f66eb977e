import Foundation
import XCTest
@testable import TrafficFeatures

final class SideFileTests: XCTestCase {
    func testFixturesParse() throws {
        let labels = try LabelRecord.read(path: TestSupport.fixture("labels.jsonl"))
        XCTAssertEqual(labels.map(\.accountID), ["acct-a", "acct-b", "acct-c"])
        XCTAssertEqual(labels[0].labeledAt, RFC3339.parse("2026-02-10T00:00:00Z"))
        XCTAssertEqual(labels[1].cluster, "L-7")
        let accounts = try AccountRecord.read(path: TestSupport.fixture("accounts.jsonl"))
        XCTAssertEqual(accounts[2].orgID, "org-9")
        let models = try ModelRelease.read(path: TestSupport.fixture("models.jsonl"))
        XCTAssertEqual(models.map(\.model), ["m-old", "m-new"])
    }

    func testErrorsNameFileLineAndField() throws {
        let dir = try TestSupport.tempDir("side")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String, (String) throws -> Void)] = [
            ("{\"account_id\":\"a\",\"label\":\"benign\"}\n\n{\"account_id\":\"b\",\"label\":\"evil\"}\n",
             ":3: field 'label'", { _ = try LabelRecord.read(path: $0) }),
            ("{\"account_id\":\"a\",\"created_at\":\"yesterday\"}\n", ":1: field 'created_at'",
             { _ = try AccountRecord.read(path: $0) }),
            ("{\"model\":\"m\"}\n", ":1: field 'released_at'", { _ = try ModelRelease.read(path: $0) }),
            ("{\"model\":\"m\",\"released_at\":\"2026-01-01T00:00:00Z\"}\nnot json\n", ":2: invalid JSON",
             { _ = try ModelRelease.read(path: $0) }),
            ("{\"account_id\":\"a\",\"label\":\"benign\"}\n{\"account_id\":\"a\",\"label\":\"benign\"}\n",
             ":2: field 'account_id': duplicate", { _ = try LabelRecord.read(path: $0) }),
        ]
        for (i, (text, expected, read)) in cases.enumerated() {
            let p = dir.appendingPathComponent("side\(i).jsonl").path
            try text.write(toFile: p, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try read(p)) { error in
                guard case TrafficError.malformed = error else { return XCTFail("\(error)") }
                XCTAssertTrue("\(error)".contains(p + expected), "\(error)")
            }
        }
    }
}
