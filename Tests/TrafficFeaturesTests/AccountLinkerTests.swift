import XCTest
@testable import TrafficFeatures

final class AccountLinkerTests: XCTestCase {
    func testSparseSynchronyEqualsDensePearson() {
        let series: [[Int32: Int32]] = [[10: 3, 11: 1], [10: 1, 12: 1], [11: 5, 12: 2, 13: 1]]
        let sparse = AccountLinker.synchrony(series.map { s in s.keys.sorted().map { (hour: $0, count: s[$0]!) } })
        let axis: [Int32] = [10, 11, 12, 13]
        let dense = series.map { s in axis.map { Double(s[$0] ?? 0) } }
        for m in 0..<3 {
            let others = axis.indices.map { k in (0..<3).filter { $0 != m }.reduce(0.0) { $0 + dense[$1][k] } }
            XCTAssertEqual(sparse[m], AccountLinker.pearson(dense[m], others), accuracy: 1e-12)
        }
        XCTAssertTrue(AccountLinker.synchrony([[(5, 1)], [(5, 2)]]).allSatisfy(\.isNaN), "one hour: undefined")
    }

    func testUnionFindRepresentativeIsTheSmallestMember() {
        var uf = UnionFind(count: 6)
        uf.union(4, 5)
        uf.union(5, 2)
        uf.union(0, 1)
        XCTAssertEqual(uf.find(4), 2)
        XCTAssertEqual(uf.find(5), 2)
        XCTAssertEqual(uf.find(1), 0)
        XCTAssertEqual(uf.find(3), 3)
        XCTAssertEqual(uf.size[2], 3)
    }

    /// The online path: feeding records straight into one accumulator (as a scoring session does) gives the
    /// same per-account vector as batch extraction.
    func testOnlineAccumulatorEqualsBatchRow() throws {
        let (table, _, _) = try TestSupport.extractFixture(asOf: nil)
        let context = FeatureContext(models: try ModelRelease.read(path: TestSupport.fixture("models.jsonl")),
                                     accounts: try AccountRecord.read(path: TestSupport.fixture("accounts.jsonl")))
        var online = AccountAccumulator()
        var seen = Set<String>()
        try TestSupport.records(TestSupport.fixture("traffic.jsonl")) { r in
            guard r.string(.accountID) == "acct-a", seen.insert(r.string(.requestID)!).inserted else { return }
            online.add(r, context: context)
        }
        let vector = online.finish(accountID: "acct-a", context: context)
        let row = table.row(table.accountIDs!.firstIndex(of: "acct-a")!)
        TestSupport.assertSameVector(vector, Array(row.prefix(vector.count)))
    }
}
