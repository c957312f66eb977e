import Foundation
import XCTest
@testable import TrafficFeatures

/// Plain files are read by offset a chunk at a time, other input is streamed through zlib; both must hand out the
/// same lines as a plain split of the bytes, each with its padding readable, wherever chunks, pages and the end
/// of the file fall.
final class LineReaderTests: XCTestCase {
    private static let page = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// A line as handed out: its number and bytes, or nil when it was reported as too long.
    private struct Got: Equatable, CustomStringConvertible {
        var number: Int
        var bytes: [UInt8]?
        var description: String { "\(number):" + (bytes.map { String(decoding: $0, as: UTF8.self) } ?? "<too long>") }
    }

    /// The lines of `bytes` by definition: split at `\n` (no line after a final `\n`), one `\r` dropped from the end.
    private func expected(_ bytes: [UInt8], maxLineBytes: Int) -> [Got] {
        var pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if bytes.isEmpty || bytes.last == 0x0A { pieces.removeLast() }
        return pieces.enumerated().map { k, piece in
            var line = Array(piece)
            if line.last == 0x0D { line.removeLast() }
            return Got(number: k + 1, bytes: line.count > maxLineBytes ? nil : line)
        }
    }

    /// Reads `path` with `forEachLine`, checking each line's padding by reading its last readable byte.
    private func readLines(_ path: String, chunkBytes: Int, maxLineBytes: Int) throws -> (lines: [Got], bytes: Int) {
        let reader = try LineReader(path: path, chunkBytes: chunkBytes)
        var out: [Got] = []
        try reader.forEachLine(maxLineBytes: maxLineBytes, { line, readable, number in
            XCTAssertGreaterThanOrEqual(readable, line.count + 64)
            _ = line.baseAddress!.load(fromByteOffset: readable - 1, as: UInt8.self)
            out.append(Got(number: number, bytes: Array(line)))
        }, tooLong: { out.append(Got(number: $0, bytes: nil)) })
        return (out, reader.bytesRead)
    }

    /// Reads `path` with `fill` into two chunks used in turn, as the two-thread pipeline does.
    private func fillLines(_ path: String, chunkBytes: Int, maxLineBytes: Int) throws -> (lines: [Got], bytes: Int) {
        let reader = try LineReader(path: path)
        let chunks = [LineChunk(capacity: chunkBytes), LineChunk(capacity: chunkBytes)]
        var out: [Got] = []
        var n = 0
        while !reader.exhausted {
            let chunk = chunks[n & 1]
            try reader.fill(chunk, after: n > 0 ? chunks[(n - 1) & 1] : nil, maxLineBytes: maxLineBytes)
            for line in chunk.lines {
                guard line.count >= 0 else { out.append(Got(number: line.number, bytes: nil)); continue }
                let bytes = chunk.bytes(line), readable = chunk.readable(line)
                XCTAssertGreaterThanOrEqual(readable, line.count + 64)
                _ = bytes.baseAddress!.load(fromByteOffset: readable - 1, as: UInt8.self)
                out.append(Got(number: line.number, bytes: Array(bytes)))
            }
            n += 1
        }
        return (out, reader.bytesRead)
    }

    /// Reads `path` (a regular file) a piece at a time with `forEachLine(startingIn:)`, pieces of `pieceBytes` in
    /// order, as the two-thread pipeline's workers do: every line must come from exactly one piece.
    private func pieceLines(_ path: String, pieceBytes: Int, maxLineBytes: Int) throws -> [Got] {
        let reader = try LineReader(path: path)
        guard let size = reader.knownSize else { return [] }
        let capacity = LineReader.pieceBufferBytes(pieceBytes: pieceBytes, maxLineBytes: maxLineBytes)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        defer { buffer.deallocate() }
        var out: [Got] = []
        for from in stride(from: 0, to: size, by: pieceBytes) {
            try reader.forEachLine(startingIn: from..<min(size, from + pieceBytes), buffer: buffer,
                                   pieceBytes: pieceBytes, maxLineBytes: maxLineBytes) { line, readable in
                guard let line else { out.append(Got(number: out.count + 1, bytes: nil)); return }
                XCTAssertGreaterThanOrEqual(readable, line.count + 64)
                XCTAssertLessThanOrEqual(line.baseAddress! + readable, buffer + capacity)
                _ = line.baseAddress!.load(fromByteOffset: readable - 1, as: UInt8.self)
                out.append(Got(number: out.count + 1, bytes: Array(line)))
            }
        }
        return out
    }

    /// Random lines of 0–28 bytes (the limit is 20, so some are too long), some ending in `\r`, trimmed or padded
    /// to exactly `size` bytes.
    private func content(size: Int, finalNewline: Bool, seed: UInt64) -> [UInt8] {
        var rng = seed
        func next(_ n: Int) -> Int {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return Int((rng >> 33) % UInt64(n))
        }
        var bytes: [UInt8] = []
        while bytes.count < size {
            let length = next(29)
            bytes += (0..<length).map { UInt8(0x61 + ($0 + length) % 26) }
            if next(5) == 0 { bytes.append(0x0D) }
            bytes.append(0x0A)
        }
        bytes.removeLast(bytes.count - size)
        if size > 0 { bytes[size - 1] = finalNewline ? 0x0A : 0x7A }
        return bytes
    }

    func testEndsOfFileAtAndNearPageBoundaries() throws {
        let dir = try TestSupport.tempDir("line-ends")
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = Self.page
        // Exactly at page ends, and last lines ending within the padding of a page's end, on either side.
        let sizes = [1, 63, 64, 65, page - 65, page - 64, page - 63, page - 1, page, page + 1, page + 63,
                     2 * page - 30, 2 * page, 3 * page + 17]
        for size in sizes {
            for finalNewline in [true, false] {
                let bytes = content(size: size, finalNewline: finalNewline, seed: UInt64(size))
                let path = dir.appendingPathComponent("t\(size)-\(finalNewline).jsonl").path
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let want = expected(bytes, maxLineBytes: 20)
                let streamed = try readLines(try TestSupport.gzip(path), chunkBytes: 16, maxLineBytes: 20)
                XCTAssertEqual(streamed.lines, want, "gzip, \(size) bytes")
                XCTAssertEqual(streamed.bytes, size)
                // Windows smaller than a page, a page and just around it, and larger than the file.
                for chunkBytes in [104, 200, page - 1, page, page + 1, 4 << 20] {
                    let read = try readLines(path, chunkBytes: chunkBytes, maxLineBytes: 20)
                    XCTAssertEqual(read.lines, want, "\(size) bytes, windows of \(chunkBytes)")
                    XCTAssertEqual(read.bytes, size)
                    let filled = try fillLines(path, chunkBytes: max(chunkBytes, 104), maxLineBytes: 20)
                    XCTAssertEqual(filled.lines, want, "fill: \(size) bytes, windows of \(chunkBytes)")
                    XCTAssertEqual(filled.bytes, size)
                }
                // Pieces shorter than a line, around the limit, around a page, and the whole file.
                for pieceBytes in [1, 2, 7, 20, 21, 22, 23, 64, 104, page - 1, page, page + 1, max(size, 1)] {
                    let got = try pieceLines(path, pieceBytes: pieceBytes, maxLineBytes: 20)
                    XCTAssertEqual(got, want, "pieces: \(size) bytes, pieces of \(pieceBytes)")
                }
            }
        }
    }

    func testALineAtTheLimitEndingInCRLFIsNeverTooLong() throws {
        // Wherever a window ends inside "…\r\n", the `\r` may be the one dropped: the line is not over the limit.
        let dir = try TestSupport.tempDir("line-crlf")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.jsonl").path
        var bytes: [UInt8] = []
        for k in 0..<400 { bytes += Array(repeating: UInt8(0x61 + k % 26), count: 20) + [0x0D, 0x0A] }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let want = expected(bytes, maxLineBytes: 20)
        XCTAssertFalse(want.contains { $0.bytes == nil })
        for chunkBytes in 104...126 {
            XCTAssertEqual(try readLines(path, chunkBytes: chunkBytes, maxLineBytes: 20).lines, want)
            XCTAssertEqual(try fillLines(path, chunkBytes: chunkBytes, maxLineBytes: 20).lines, want)
            XCTAssertEqual(try readLines(try TestSupport.gzip(path), chunkBytes: chunkBytes, maxLineBytes: 20).lines, want)
        }
        for pieceBytes in 1...45 {
            let got = try pieceLines(path, pieceBytes: pieceBytes, maxLineBytes: 20)
            XCTAssertEqual(got, want, "pieces of \(pieceBytes)")
        }
    }

    func testEmptyFilesAndEmptyLines() throws {
        let dir = try TestSupport.tempDir("line-empty")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (text, want) in [("", [Got]()), ("\n", [Got(number: 1, bytes: [])]), ("\r", [Got(number: 1, bytes: [])]),
                             ("\n\n", [Got(number: 1, bytes: []), Got(number: 2, bytes: [])]),
                             ("a\n\r\n\nb", [Got(number: 1, bytes: [0x61]), Got(number: 2, bytes: []),
                                             Got(number: 3, bytes: []), Got(number: 4, bytes: [0x62])])] {
            let path = dir.appendingPathComponent("t.jsonl").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            XCTAssertEqual(try readLines(path, chunkBytes: 104, maxLineBytes: 20).lines, want, text.debugDescription)
            XCTAssertEqual(try fillLines(path, chunkBytes: 104, maxLineBytes: 20).lines, want, text.debugDescription)
            for pieceBytes in [1, 2, 3, 104] {
                let got = try pieceLines(path, pieceBytes: pieceBytes, maxLineBytes: 20)
                XCTAssertEqual(got, want, text.debugDescription)
            }
        }
    }

    func testAFileGrowingWhileReadIsReadToItsSizeAtOpen() throws {
        let dir = try TestSupport.tempDir("line-grow")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.jsonl").path
        let bytes = content(size: 3 * Self.page + 5, finalNewline: false, seed: 7)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try LineReader(path: path, chunkBytes: 200)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try file.seekToEnd()
        try file.write(contentsOf: Data(String(repeating: "appended\n", count: 2000).utf8))
        try file.close()
        var lines: [Got] = []
        try reader.forEachLine(maxLineBytes: 20, { line, _, number in
            lines.append(Got(number: number, bytes: Array(line)))
        }, tooLong: { lines.append(Got(number: $0, bytes: nil)) })
        XCTAssertEqual(lines, expected(bytes, maxLineBytes: 20))
        XCTAssertEqual(reader.bytesRead, bytes.count)
    }

    func testAFileShrinkingWhileReadIsAReadError() throws {
        let dir = try TestSupport.tempDir("line-shrink")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.jsonl").path
        for keep in [0, 1000] {
            try Data(content(size: 4 * Self.page, finalNewline: true, seed: 3)).write(to: URL(fileURLWithPath: path))
            let reader = try LineReader(path: path, chunkBytes: 200)
            XCTAssertEqual(truncate(path, off_t(keep)), 0)
            XCTAssertThrowsError(try reader.forEachLine(maxLineBytes: 20, { _, _, _ in }, tooLong: { _ in })) { error in
                XCTAssertTrue("\(error)".contains("shrank"), "\(error)")
            }
        }
    }

    func testAFileShrinkingUnderPiecesIsAReadError() throws {
        let dir = try TestSupport.tempDir("line-shrink-piece")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.jsonl").path
        let bytes = content(size: 4 * Self.page, finalNewline: true, seed: 9)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try LineReader(path: path)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: LineReader.pieceBufferBytes(pieceBytes: 1000,
                                                                                             maxLineBytes: 20),
                                                      alignment: 64)
        defer { buffer.deallocate() }
        var lines = 0
        try reader.forEachLine(startingIn: 0..<1000, buffer: buffer, pieceBytes: 1000, maxLineBytes: 20) { _, _ in
            lines += 1
        }
        XCTAssertGreaterThan(lines, 0)
        XCTAssertEqual(truncate(path, 2000), 0)
        XCTAssertThrowsError(try reader.forEachLine(startingIn: 3000..<4000, buffer: buffer, pieceBytes: 1000,
                                                    maxLineBytes: 20) { _, _ in }) { error in
            XCTAssertTrue("\(error)".contains("shrank"), "\(error)")
        }
    }

    func testLinesAlreadyReadSurviveTheFileShrinking() throws {
        // A chunk's lines are the chunk's own bytes: truncating the file leaves them readable (a memory-mapped
        // window would end the process with SIGBUS here), and the next read reports the shrink.
        let dir = try TestSupport.tempDir("line-shrink-mid")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.jsonl").path
        let bytes = content(size: 4 * Self.page, finalNewline: true, seed: 5)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try LineReader(path: path)
        let chunks = [LineChunk(capacity: 200), LineChunk(capacity: 200)]
        try reader.fill(chunks[0], after: nil, maxLineBytes: 20)
        XCTAssertEqual(truncate(path, 0), 0)
        var got: [Got] = []
        for line in chunks[0].lines {
            got.append(Got(number: line.number, bytes: line.count < 0 ? nil : Array(chunks[0].bytes(line))))
        }
        XCTAssertFalse(got.isEmpty)
        XCTAssertEqual(got, Array(expected(bytes, maxLineBytes: 20).prefix(got.count)))
        XCTAssertThrowsError(try reader.fill(chunks[1], after: chunks[0], maxLineBytes: 20)) { error in
            XCTAssertTrue("\(error)".contains("shrank"), "\(error)")
        }
    }

    func testADirectoryIsAClearError() throws {
        let dir = try TestSupport.tempDir("line-dir")
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertThrowsError(try LineReader(path: dir.path)) { error in
            XCTAssertTrue("\(error)".contains("is a directory"), "\(error)")
        }
    }
}
