import Foundation
import XCTest
import TrafficFeatures

/// The simulator's files must pass the same readers that extraction and scoring use, with zero rejects.
final class SharedReaderContractTests: XCTestCase {
    func testEveryTrafficLinePassesTheSharedReader() throws {
        let d = TestDataset.shared
        let reader = try TrafficReader(options: ReadOptions(strict: true))
        var n = 0, last = -Double.infinity, outOfOrder = 0
        let stats = try reader.read(path: d.directory.appendingPathComponent("traffic.jsonl").path) { r in
            n += 1
            if r.timestamp < last { outOfOrder += 1 }
            last = max(last, r.timestamp)
        }
        XCTAssertEqual(stats.rejected, 0)
        XCTAssertEqual(n, d.traffic.count)
        XCTAssertEqual(outOfOrder, 0, "traffic.jsonl is written in time order")
    }

    func testSideFilesPassTheSharedReaders() throws {
        let d = TestDataset.shared
        let dir = d.directory.path
        XCTAssertEqual(try LabelRecord.read(path: dir + "/labels.jsonl").count, d.labels.count)
        XCTAssertEqual(try AccountRecord.read(path: dir + "/accounts.jsonl").count, d.accounts.count)
        XCTAssertEqual(try ModelRelease.read(path: dir + "/models.jsonl").count, d.models.count)
    }
}
