import Foundation
@testable import Simulation

/// A small simulated dataset, generated once per test process and parsed with Foundation (an independent reader).
final class TestDataset {
    let directory: URL
    let summary: SimulationSummary
    let traffic: [[String: Any]]
    let labels: [[String: Any]]
    let accounts: [[String: Any]]
    let models: [[String: Any]]
    let truth: [[String: Any]]

    static let shared: TestDataset = try! TestDataset(config: SimulationConfig(scenario: .default, seed: 42, scale: 0.15))

    init(config: SimulationConfig) throws {
        let directory = TestDataset.temporaryDirectory()
        self.directory = directory
        summary = try Simulator(config: config).run(directory: directory.path)
        func read(_ name: String) throws -> [[String: Any]] {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            return try data.split(separator: UInt8(ascii: "\n")).map {
                try JSONSerialization.jsonObject(with: Data($0)) as! [String: Any]
            }
        }
        traffic = try read("traffic.jsonl")
        labels = try read("labels.jsonl")
        accounts = try read("accounts.jsonl")
        models = try read("models.jsonl")
        truth = try read("truth.jsonl")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("hydrawatch-sim-tests-\(UUID().uuidString)", isDirectory: true)
    }

    /// population name per account id.
    lazy var populationOf: [String: String] = Dictionary(uniqueKeysWithValues: truth.map {
        ($0["account_id"] as! String, $0["population"] as! String)
    })
    lazy var attackerIds: Set<String> = Set(truth.filter { $0["attacker"] as! Bool }.map { $0["account_id"] as! String })
}
