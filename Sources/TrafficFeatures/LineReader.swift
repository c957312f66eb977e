import CTrafficIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads newline-delimited records from a file, a gzip file (detected from its bytes, not its name) or stdin
/// (`-`), in large chunks. Every line handed out is followed by at least `HW_JSON_PADDING` readable bytes, as
/// simdjson requires, so lines are parsed in place with no copy.
final class LineReader {
    let path: String
    private let file: OpaquePointer
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private let padding = Int(HW_JSON_PADDING)
    private(set) var bytesRead: Int = 0

    init(path: String, chunkBytes: Int = 4 << 20) throws {
        self.path = path
        let f: OpaquePointer?
        if path == "-" {
            f = hw_gz_dopen(dup(0))
        } else {
            var st = stat()
            guard stat(path, &st) == 0 else {
                throw TrafficError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
            guard (st.st_mode & S_IFMT) != S_IFDIR else {
                throw TrafficError.cannotOpen(path: path, reason: "is a directory")
            }
            f = hw_gz_open(path)
        }
        guard let f else { throw TrafficError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        file = f
        capacity = chunkBytes
        buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkBytes + padding, alignment: 64)
    }

    deinit {
        hw_gz_close(file)
        buffer.deallocate()
    }

    /// Calls `body(line, readable, lineNumber)` for each line (without `\n` or a trailing `\r`); `readable` is
    /// how many bytes may be read from the line's start (≥ line.count + padding). Lines longer than
    /// `maxLineBytes` are not passed to `body`; `tooLong(lineNumber)` is called instead.
    func forEachLine(maxLineBytes: Int,
                     _ body: (UnsafeRawBufferPointer, Int, Int) throws -> Void,
                     tooLong: (Int) throws -> Void) throws {
        if capacity < maxLineBytes * 2 { grow(to: maxLineBytes * 2) }
        var filled = 0       // valid bytes in buffer
        var start = 0        // start of the current (incomplete) line
        var lineNumber = 0
        var skipping = false // inside an over-long line, dropping bytes until its newline
        var eof = false
        while !eof {
            // Make room: move the incomplete line to the front.
            if start > 0 {
                if filled > start { memmove(buffer, buffer + start, filled - start) }
                filled -= start
                start = 0
            }
            let n = hw_gz_read(file, buffer + filled, UInt32(min(capacity - filled, Int(Int32.max))))
            if n < 0 {
                throw TrafficError.readFailed(path: path, reason: String(cString: hw_gz_error(file)))
            }
            if n == 0 { eof = true }
            bytesRead += n
            let scanFrom = filled
            filled += n
            memset(buffer + filled, 0x20, padding)
            var pos = scanFrom
            while pos < filled {
                guard let nl = memchr(buffer + pos, 0x0A, filled - pos) else { break }
                let end = buffer.distance(to: nl)
                if skipping {
                    skipping = false  // the over-long line was counted when it was reported
                } else {
                    lineNumber += 1
                    try emit(from: start, to: end, lineNumber: lineNumber, maxLineBytes: maxLineBytes, body, tooLong)
                }
                start = end + 1
                pos = start
            }
            if eof {
                if start < filled && !skipping {
                    lineNumber += 1
                    try emit(from: start, to: filled, lineNumber: lineNumber, maxLineBytes: maxLineBytes, body, tooLong)
                }
                break
            }
            // No newline in the rest: an over-long line is reported once and skipped.
            if !skipping && filled - start > maxLineBytes {
                lineNumber += 1
                try tooLong(lineNumber)
                skipping = true
            }
            if skipping { start = filled }
        }
    }

    /// Chunked reading state (see `fill`).
    private var chunkLineNumber = 0
    private var chunkSkipping = false
    /// True once `fill` has handed out the last lines.
    private(set) var exhausted = false

    /// Fills `next` with the lines that complete in one read, carrying `previous`'s incomplete last line over
    /// (`previous` is only read). The same lines, numbers and over-long reports as `forEachLine`, a chunk at a
    /// time, so one thread can read the next chunk while others parse this one. A chunk may hold no line.
    func fill(_ next: LineChunk, after previous: LineChunk?, maxLineBytes: Int) throws {
        precondition(next.capacity >= 2 * maxLineBytes && !exhausted)
        next.lines.removeAll(keepingCapacity: true)
        var filled = 0
        if let p = previous, !chunkSkipping, p.tail < p.filled {
            filled = p.filled - p.tail
            memcpy(next.buffer, p.buffer + p.tail, filled)
        }
        let n = hw_gz_read(file, next.buffer + filled, UInt32(min(next.capacity - filled, Int(Int32.max))))
        if n < 0 { throw TrafficError.readFailed(path: path, reason: String(cString: hw_gz_error(file))) }
        let eof = n == 0
        bytesRead += n
        let scanFrom = filled
        filled += n
        memset(next.buffer + filled, 0x20, padding)
        var start = 0
        var pos = scanFrom
        func emit(_ from: Int, _ to: Int) {
            chunkLineNumber += 1
            var end = to
            if end > from && next.buffer.load(fromByteOffset: end - 1, as: UInt8.self) == 0x0D { end -= 1 }
            next.lines.append(LineChunk.Line(start: from, count: end - from > maxLineBytes ? -1 : end - from,
                                             number: chunkLineNumber))
        }
        while pos < filled {
            guard let nl = memchr(next.buffer + pos, 0x0A, filled - pos) else { break }
            let end = next.buffer.distance(to: nl)
            if chunkSkipping { chunkSkipping = false } else { emit(start, end) }
            start = end + 1
            pos = start
        }
        if eof {
            if start < filled && !chunkSkipping { emit(start, filled) }
            start = filled
            exhausted = true
        } else if !chunkSkipping && filled - start > maxLineBytes {
            chunkLineNumber += 1
            next.lines.append(LineChunk.Line(start: start, count: -1, number: chunkLineNumber))
            chunkSkipping = true
        }
        if chunkSkipping { start = filled }
        next.filled = filled
        next.tail = start
    }

    @inline(__always)
    private func emit(from: Int, to: Int, lineNumber: Int, maxLineBytes: Int,
                      _ body: (UnsafeRawBufferPointer, Int, Int) throws -> Void,
                      _ tooLong: (Int) throws -> Void) throws {
        var end = to
        if end > from && buffer.load(fromByteOffset: end - 1, as: UInt8.self) == 0x0D { end -= 1 }
        if end - from > maxLineBytes { try tooLong(lineNumber); return }
        try body(UnsafeRawBufferPointer(start: buffer + from, count: end - from), capacity + padding - from, lineNumber)
    }

    private func grow(to newCapacity: Int) {
        let b = UnsafeMutableRawPointer.allocate(byteCount: newCapacity + padding, alignment: 64)
        buffer.deallocate()
        buffer = b
        capacity = newCapacity
    }
}
