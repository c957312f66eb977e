import Foundation
import XCTest
@testable import TrafficFeatures

/// The two-thread path reads small chunks here (a few dozen lines each), so duplicates, rejected and over-long
/// lines fall on every side of chunk boundaries; everything it reports must equal the one-thread path.
final class ChunkPipelineTests: XCTestCase {
    /// Traffic with duplicates, events outside the window, malformed lines, CRLF ends, lines over the size
    /// limit (one longer than a whole chunk) and no final newline.
    private func messyTraffic(in dir: URL) throws -> URL {
        var lines = TestSupport.generate(lines: 6000, accounts: 150, seed: 5)
        lines += lines.prefix(700)  // duplicates across many chunks
        let long = "{\"ts\":\"2026-02-02T00:00:00Z\",\"account_id\":\"acct-1\",\"model\":\"m\",\"input_tokens\":1,"
            + "\"output_tokens\":1,\"prompt\":\"" + String(repeating: "x", count: 5000) + "\"}"
        let huge = String(repeating: "y", count: 40_000)
        for (k, bad) in ["{\"ts\":\"nope\"}", "[1,2]", "", long, "{\"ts\":\"2026-02-02T00:00:00Z\",\"account_id\":\"a\"}",
                         huge, "{\"input_tokens\":\"5\"}", long].enumerated() {
            lines.insert(bad, at: 37 + 811 * k)
        }
        for k in stride(from: 5, to: lines.count, by: 97) { lines[k] += "\r" }
        let url = dir.appendingPathComponent("messy.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: url)  // no final newline
        return url
    }

    private func run(_ path: String, threads: Int, rejects: String, window: TimeWindow,
                     maxErrors: Int? = nil) throws -> (String, ExtractionSummary) {
        let reader = try TrafficReader(options: ReadOptions(maxLineBytes: 4096, maxErrors: maxErrors, rejectsPath: rejects))
        let ex = FeatureExtractor(options: ExtractionOptions(fanOutCap: 10), context: FeatureContext(window: window))
        try ex.consume(path: path, reader: reader, threads: threads, chunkBytes: 16 << 10)
        let (t, c) = ex.finish()
        return (t.csv() + c.csv(), ex.summary)
    }

    func testSmallChunksGiveTheSameOutputAsOneThread() throws {
        let dir = try TestSupport.tempDir("chunks")
        defer { try? FileManager.default.removeItem(at: dir) }
        let traffic = try messyTraffic(in: dir)
        let window = TimeWindow(start: 1_770_020_000, end: 1_770_180_000)
        let r1 = dir.appendingPathComponent("r1.jsonl").path, r2 = dir.appendingPathComponent("r2.jsonl").path
        let (one, s1) = try run(traffic.path, threads: 1, rejects: r1, window: window)
        let (two, s2) = try run(traffic.path, threads: 2, rejects: r2, window: window)
        XCTAssertEqual(one, two)
        XCTAssertEqual(s1, s2)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: r1)), try Data(contentsOf: URL(fileURLWithPath: r2)))
        XCTAssertEqual(try String(contentsOfFile: r1 + ".reasons.tsv", encoding: .utf8),
                       try String(contentsOfFile: r2 + ".reasons.tsv", encoding: .utf8))
        XCTAssertEqual(s1.read.lines, 6708)
        XCTAssertEqual(s1.read.rejectedByReason[.lineTooLong], 3)
        XCTAssertEqual(s1.read.rejected, 8)
        XCTAssertGreaterThan(s1.duplicates, 600)
        XCTAssertGreaterThan(s1.outsideWindow, 500)
        XCTAssertGreaterThan(s1.used, 4000)
    }

    func testGzipInputGivesTheSameOutputAsAPlainFile() throws {
        // A plain file is read by offset a chunk at a time, gzip through zlib: the chunks' lines must not differ.
        let dir = try TestSupport.tempDir("chunks-gz")
        defer { try? FileManager.default.removeItem(at: dir) }
        let traffic = try messyTraffic(in: dir)
        try TestSupport.gzip(traffic.path)
        let window = TimeWindow(start: 1_770_020_000, end: 1_770_180_000)
        let r1 = dir.appendingPathComponent("r1.jsonl").path, r2 = dir.appendingPathComponent("r2.jsonl").path
        let (plain, s1) = try run(traffic.path, threads: 2, rejects: r1, window: window)
        let (zipped, s2) = try run(traffic.path + ".gz", threads: 2, rejects: r2, window: window)
        XCTAssertEqual(plain, zipped)
        XCTAssertEqual(s1, s2)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: r1)), try Data(contentsOf: URL(fileURLWithPath: r2)))
    }

    func testMaxErrorsStopsAtTheSameLine() throws {
        let dir = try TestSupport.tempDir("chunks-stop")
        defer { try? FileManager.default.removeItem(at: dir) }
        let traffic = try messyTraffic(in: dir)
        var stops: [InputIssue] = []
        var written: [Data] = []
        for threads in [1, 2] {
            let rejects = dir.appendingPathComponent("r\(threads).jsonl").path
            XCTAssertThrowsError(try run(traffic.path, threads: threads, rejects: rejects, window: TimeWindow(),
                                         maxErrors: 4)) { error in
                guard case let TrafficError.tooManyRejects(limit, last) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(limit, 4)
                stops.append(last)
            }
            written.append(try Data(contentsOf: URL(fileURLWithPath: rejects)))
        }
        XCTAssertEqual(stops.count, 2)
        XCTAssertEqual(stops.first, stops.last)
        XCTAssertEqual(stops.first?.line, 37 + 811 * 4 + 1)
        XCTAssertEqual(written[0], written[1])
    }

    /// Accumulation groups a chunk's requests by account with a radix sort; chunks of changing size and account
    /// indices needing one to three 11-bit passes must each give the stable order (account, then file order).
    func testGroupByAccountIsAStableSortByAccount() throws {
        let worker = try ChunkPipeline.Worker(maxLineBytes: 1 << 16)
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<60 {
            let n = Int.random(in: 0..<3000, using: &rng)
            let top = [5, 3000, 100_000, 5_000_000][trial % 4]
            worker.lines = (0..<n).map { _ in Int32.random(in: 0..<1_000_000, using: &rng) }
            worker.accounts = (0..<n).map { _ in Int32.random(in: 0..<Int32(top), using: &rng) }
            let expected = (0..<n).sorted {
                worker.accounts[$0] != worker.accounts[$1] ? worker.accounts[$0] < worker.accounts[$1] : $0 < $1
            }
            let (lines, accounts) = (worker.lines, worker.accounts)
            worker.groupByAccount()
            XCTAssertEqual(worker.lines, expected.map { lines[$0] }, "trial \(trial), \(n) requests")
            XCTAssertEqual(worker.accounts, expected.map { accounts[$0] }, "trial \(trial), \(n) requests")
        }
    }
}
