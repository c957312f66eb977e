import Foundation
import XCTest
@testable import Simulation

/// Same configuration → byte-identical files; a different seed → different traffic.
final class DeterminismTests: XCTestCase {
    private func runFiles(seed: UInt64) throws -> [String: Data] {
        let dir = TestDataset.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Simulator(config: SimulationConfig(scenario: .default, seed: seed, scale: 0.05)).run(directory: dir.path)
        var files: [String: Data] = [:]
        for name in Simulator.files { files[name] = try Data(contentsOf: dir.appendingPathComponent(name)) }
        return files
    }

    func testSameSeedGivesIdenticalBytes() throws {
        let a = try runFiles(seed: 7)
        let b = try runFiles(seed: 7)
        for name in Simulator.files {
            XCTAssertFalse(a[name]!.isEmpty, name)
            XCTAssertEqual(a[name], b[name], "\(name) differs between two runs with the same seed")
        }
    }

    func testDifferentSeedGivesDifferentTraffic() throws {
        let a = try runFiles(seed: 7)
        let b = try runFiles(seed: 8)
        XCTAssertNotEqual(a["traffic.jsonl"], b["traffic.jsonl"])
        XCTAssertNotEqual(a["truth.jsonl"], b["truth.jsonl"])
    }

    func testInvalidScaleIsRejected() {
        XCTAssertThrowsError(try Simulator(config: SimulationConfig(scale: 0)).run(directory: "unused")) { error in
            guard case .invalidParameter = error as? SimulationError else { return XCTFail("\(error)") }
        }
    }

    func testUnwritableOutputIsReported() {
        XCTAssertThrowsError(try Simulator(config: SimulationConfig(scale: 0.01)).run(directory: "/proc/hydrawatch-no")) { error in
            guard case .cannotWrite = error as? SimulationError else { return XCTFail("\(error)") }
        }
    }
}
