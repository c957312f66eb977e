import Foundation

/// Reference fits written by scripts/golden/make_lr_fixtures.py (scikit-learn lbfgs, tol 1e-10).
struct GoldenCase: Decodable {
    var l2: Double
    var l1: Double?
    var scale_pos_weight: Double
    var mean: [Double]
    var scale: [Double]
    var coefficients: [Double]
    var intercept: Double
    var probabilities: [Double]
}

struct GoldenFixtures: Decodable {
    struct Synthetic: Decodable {
        var rows: Int
        var cols: Int
        var seed: UInt64
        var x_sum: Double
        var positives: Int
        var cases: [GoldenCase]
    }

    var breast_cancer: [GoldenCase]
    var breast_cancer_elastic_net: [GoldenCase]
    var synthetic: Synthetic

    static func load() throws -> GoldenFixtures {
        try JSONDecoder().decode(GoldenFixtures.self, from: Data(contentsOf: url("lr_golden.json")))
    }

    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)!
    }
}
