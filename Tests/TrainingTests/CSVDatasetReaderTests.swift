import Foundation
import XCTest
@testable import Training

/// Bad input must name the file, the 1-based line (header = line 1) and the column.
final class CSVDatasetReaderTests: XCTestCase {
    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "hw-csv-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func badInput(_ text: String) throws -> (file: String, line: Int?, column: String?, reason: String, path: String) {
        let path = try write(text)
        do {
            _ = try DatasetSource(path: path).load()
        } catch let TrainingError.badInput(file, line, column, reason) {
            return (file, line, column, reason, path)
        }
        XCTFail("expected a bad-input error")
        return ("", nil, nil, "", path)
    }

    func testReadsLabelsFeaturesAndMissingCells() throws {
        let path = try write("label,a,b\r\n1,1.5,\n0,NaN,-2e3\n1, 7 ,0.125\n")
        let d = try DatasetSource(path: path).load()
        XCTAssertEqual(d.featureNames, ["a", "b"])
        XCTAssertEqual(d.labels, [1, 0, 1])
        XCTAssertEqual(d.value(row: 0, feature: 0), 1.5)
        XCTAssertTrue(d.value(row: 0, feature: 1).isNaN)
        XCTAssertTrue(d.value(row: 1, feature: 0).isNaN)
        XCTAssertEqual(d.value(row: 1, feature: 1), -2000)
        XCTAssertEqual(d.value(row: 2, feature: 0), 7)
    }

    func testNonNumericCell() throws {
        let e = try badInput("label,a,b\n1,1,2\n0,3,abc\n")
        XCTAssertEqual(e.file, e.path)
        XCTAssertEqual(e.line, 3)
        XCTAssertEqual(e.column, "b")
        XCTAssertTrue(e.reason.contains("abc"), e.reason)
    }

    func testWrongColumnCount() throws {
        let e = try badInput("label,a,b\n1,1,2\n0,3\n")
        XCTAssertEqual(e.line, 3)
        XCTAssertTrue(e.reason.contains("found 2 cells, expected 3"), e.reason)
        let tooMany = try badInput("label,a\n1,1\n0,3,4\n")
        XCTAssertEqual(tooMany.line, 3)
    }

    func testLabelNotZeroOrOne() throws {
        let e = try badInput("y,a\n1,1\n2,3\n")
        XCTAssertEqual(e.line, 3)
        XCTAssertEqual(e.column, "y")
        XCTAssertTrue(e.reason.contains("expected 0 or 1"), e.reason)
    }

    func testAllOneClass() throws {
        let e = try badInput("y,a\n1,1\n1,3\n")
        XCTAssertEqual(e.column, "y")
        XCTAssertTrue(e.reason.contains("only") || e.reason.contains("both"), e.reason)
        XCTAssertEqual(TrainingError.badInput(file: e.file, line: e.line, column: e.column, reason: e.reason).description,
                       "\(e.path): column \"y\": \(e.reason)")
    }

    func testErrorMessageNamesFileLineAndColumn() throws {
        let e = try badInput("label,a,b\n1,1,x\n")
        let message = TrainingError.badInput(file: e.file, line: e.line, column: e.column, reason: e.reason).description
        XCTAssertTrue(message.hasPrefix("\(e.path):2: column \"b\": not a number"), message)
    }

    func testInfinityIsRejectedAndKeyColumnIsSetAside() throws {
        let e = try badInput("label,a\n1,inf\n0,1\n")
        XCTAssertTrue(e.reason.contains("finite"), e.reason)
        let path = try write("label,cluster,a\n1,c1,1\n0,c2,2\n")
        let d = try DatasetSource(path: path).load(keyColumn: "cluster")
        XCTAssertEqual(d.featureNames, ["a"])
        XCTAssertEqual(d.groups, ["c1", "c2"])
    }

    func testFastDecimalPathAgreesWithStrtod() {
        var rng = SplitMix64(seed: 9)
        for _ in 0..<20000 {
            let v = Double(bitPattern: rng.next() >> 2) // wide range of finite magnitudes
            for text in [String(v), String(format: "%.9g", v), String(format: "%.4f", v.truncatingRemainder(dividingBy: 1e6))] {
                let bytes = Array(text.utf8)
                let fast = bytes.withUnsafeBufferPointer { CSVDatasetReader.fastDecimal($0, 0, $0.count) }
                if let fast { XCTAssertEqual(fast, strtod(text, nil), text) }
            }
        }
    }
}

final class DatasetSourceTests: XCTestCase {
    func testPicksTheSourceByPath() throws {
        let folder = NSTemporaryDirectory() + "hw-table-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        XCTAssertEqual(DatasetSource(path: folder), .featureTable(folder: folder))
        XCTAssertEqual(DatasetSource(path: folder + "/x.csv"), .csv(path: folder + "/x.csv"))
        XCTAssertThrowsError(try DatasetSource(path: folder).load()) { error in
            guard case .unreadable(let file, _)? = error as? TrainingError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, folder)
        }
    }
}
