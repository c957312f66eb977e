import XCTest
@testable import Training

final class DatasetSplitTests: XCTestCase {
    func table(_ n: Int) -> Dataset {
        Dataset(featureNames: ["a"], rowCount: n, values: (0..<n).map(Double.init), labels: (0..<n).map { Double($0 % 2) },
                groups: (0..<n).map { "g\($0 % 17)" })
    }

    func testRandomSplitIsSeededAndSized() throws {
        let d = table(1000)
        let a = try DatasetSplit.random.apply(to: d, validationFraction: 0.2, seed: 4)
        let b = try DatasetSplit.random.apply(to: d, validationFraction: 0.2, seed: 4)
        let c = try DatasetSplit.random.apply(to: d, validationFraction: 0.2, seed: 5)
        XCTAssertEqual(a.validation.rowCount, 200)
        XCTAssertEqual(a.train.values, b.train.values)
        XCTAssertNotEqual(a.validation.values, c.validation.values)
        XCTAssertEqual(Set(a.train.values).union(a.validation.values).count, 1000)
    }

    func testGroupSplitKeepsEachGroupOnOneSide() throws {
        let parts = try DatasetSplit(argument: "group:cluster").apply(to: table(1000), validationFraction: 0.25, seed: 1)
        let trainGroups = Set(parts.train.groups!), validationGroups = Set(parts.validation.groups!)
        XCTAssertTrue(trainGroups.isDisjoint(with: validationGroups))
        XCTAssertFalse(validationGroups.isEmpty)
    }

    func testTimeSplitValidatesOnTheLatestRows() throws {
        var d = table(100)
        d.groups = (0..<100).map { "\(1000 - $0)" }  // time decreases with the row index
        let parts = try DatasetSplit(argument: "time:t").apply(to: d, validationFraction: 0.1, seed: 1)
        XCTAssertEqual(parts.validation.values, (0..<10).map(Double.init))
    }

    func testBadSplitArgument() {
        XCTAssertThrowsError(try DatasetSplit(argument: "group:"))
        XCTAssertThrowsError(try DatasetSplit(argument: "stratified"))
    }
}
