import CTrafficIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads newline-delimited records from a file, a gzip file (detected from its bytes, not its name) or stdin
/// (`-`), in large chunks. Every line handed out is followed by at least `HW_JSON_PADDING` readable bytes, as
/// simdjson requires, so lines are parsed in place with no copy.
///
/// A regular uncompressed file is read with `pread` a chunk at a time, straight into the chunk's buffer: each
/// chunk starts where the previous one's incomplete last line starts, so nothing is copied in user space. It can
/// also be read a piece at a time by several threads at once (`forEachLine(startingIn:...)`).
/// (Mapping a window at a time instead took as much CPU time: the kernel's copy replaces setting up and tearing down
/// page tables, and the first pass over bytes fresh from memory costs the same either way.)
///
/// A regular file is read up to the size it had when opened, as if it were read at that moment: bytes appended
/// meanwhile are ignored, and a file that shrinks is reported as a read failure.
final class LineReader {
    let path: String
    private let source: Source
    private let chunkBytes: Int
    private let padding = Int(HW_JSON_PADDING)
    /// Bytes taken from the input so far (for a regular file, up to the end of the last chunk read).
    private(set) var bytesRead: Int = 0

    private enum Source {
        /// A regular uncompressed file and its size when opened.
        case file(fd: Int32, size: Int)
        /// Anything else, through zlib: gzip files, pipes, stdin.
        case stream(OpaquePointer)
    }

    /// The input's size in bytes when it is a regular file (known up front), else nil.
    var knownSize: Int? {
        if case let .file(_, size) = source { return size }
        return nil
    }

    /// `chunkBytes` is the size of a read (at least twice the longest line, plus padding).
    init(path: String, chunkBytes: Int = 4 << 20) throws {
        self.path = path
        self.chunkBytes = chunkBytes
        let fd = path == "-" ? dup(0) : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TrafficError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw TrafficError.cannotOpen(path: path, reason: reason)
        }
        guard (st.st_mode & S_IFMT) != S_IFDIR else {
            close(fd)
            throw TrafficError.cannotOpen(path: path, reason: "is a directory")
        }
        // An empty size may not mean an empty file (files of /proc): only what has a size is read by offset.
        if path != "-" && (st.st_mode & S_IFMT) == S_IFREG && st.st_size > 0 && !Self.startsLikeGzip(fd) {
            #if os(Linux)
            posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)  // a larger read-ahead when the file is not cached
            #endif
            source = .file(fd: fd, size: Int(st.st_size))
        } else {
            guard let f = hw_gz_dopen(fd) else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw TrafficError.cannotOpen(path: path, reason: reason)
            }
            source = .stream(f)
        }
    }

    deinit {
        switch source {
        case let .file(fd, _): close(fd)
        case let .stream(file): hw_gz_close(file)
        }
    }

    /// zlib's test for gzip: the first two bytes are the gzip magic (otherwise it passes bytes through as they are).
    private static func startsLikeGzip(_ fd: Int32) -> Bool {
        var magic: (UInt8, UInt8) = (0, 0)
        return withUnsafeMutableBytes(of: &magic) { pread(fd, $0.baseAddress, 2, 0) } == 2 && magic == (0x1F, 0x8B)
    }

    /// Calls `body(line, readable, lineNumber)` for each line (without `\n` or a trailing `\r`); `readable` is
    /// how many bytes may be read from the line's start (≥ line.count + padding). Lines longer than
    /// `maxLineBytes` are not passed to `body`; `tooLong(lineNumber)` is called instead.
    func forEachLine(maxLineBytes: Int,
                     _ body: (UnsafeRawBufferPointer, Int, Int) throws -> Void,
                     tooLong: (Int) throws -> Void) throws {
        guard case .file = source else { return try forEachStreamedLine(maxLineBytes: maxLineBytes, body, tooLong) }
        let chunk = LineChunk(capacity: max(chunkBytes, 2 * maxLineBytes + padding))
        while !exhausted {
            try fill(chunk, after: nil, maxLineBytes: maxLineBytes)
            for line in chunk.lines {
                if line.count < 0 { try tooLong(line.number) } else {
                    try body(chunk.bytes(line), chunk.readable(line), line.number)
                }
            }
        }
    }

    /// `forEachLine` through zlib, into one buffer: the incomplete last line is moved to the front before each read.
    private func forEachStreamedLine(maxLineBytes: Int,
                                     _ body: (UnsafeRawBufferPointer, Int, Int) throws -> Void,
                                     _ tooLong: (Int) throws -> Void) throws {
        guard case let .stream(file) = source else { return }
        let capacity = max(chunkBytes, 2 * maxLineBytes)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity + padding, alignment: 64)
        defer { buffer.deallocate() }
        func emit(from: Int, to: Int, lineNumber: Int) throws {
            let end = Self.end(of: UnsafeRawPointer(buffer), from: from, to: to)
            if end - from > maxLineBytes { try tooLong(lineNumber); return }
            try body(UnsafeRawBufferPointer(start: buffer + from, count: end - from), capacity + padding - from,
                     lineNumber)
        }
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
                    try emit(from: start, to: end, lineNumber: lineNumber)
                }
                start = end + 1
                pos = start
            }
            if eof {
                if start < filled && !skipping {
                    lineNumber += 1
                    try emit(from: start, to: filled, lineNumber: lineNumber)
                }
                break
            }
            // No newline in the rest: an over-long line is reported once and skipped.
            if !skipping && Self.end(of: UnsafeRawPointer(buffer), from: start, to: filled) - start > maxLineBytes {
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
    /// File offset where the next chunk of a regular file starts (its first line, or where skipping goes on).
    private var offset = 0
    /// True once `fill` has handed out the last lines.
    private(set) var exhausted = false

    /// Fills `next` with the lines that complete in one read, carrying the incomplete last line over (from
    /// `previous`, which is only read, when the input is streamed; a regular file's next read just starts there).
    /// The same lines, numbers and over-long reports as `forEachLine`, a chunk at a time, so one thread can read
    /// the next chunk while others parse this one. A chunk may hold no line. `next`'s previous lines are no longer
    /// readable afterwards.
    func fill(_ next: LineChunk, after previous: LineChunk?, maxLineBytes: Int) throws {
        precondition(next.capacity >= 2 * maxLineBytes + padding && !exhausted)
        next.lines.removeAll(keepingCapacity: true)
        switch source {
        case let .stream(file):
            var carried = 0
            if let p = previous, !chunkSkipping, p.tail < p.filled {
                carried = p.filled - p.tail
                memcpy(next.buffer, p.buffer + p.tail, carried)
            }
            let n = hw_gz_read(file, next.buffer + carried, UInt32(min(next.capacity - carried, Int(Int32.max))))
            if n < 0 { throw TrafficError.readFailed(path: path, reason: String(cString: hw_gz_error(file))) }
            bytesRead += n
            memset(next.buffer + carried + n, 0x20, padding)
            split(next, filled: carried + n, scanFrom: carried, eof: n == 0, maxLineBytes: maxLineBytes)
        case let .file(fd, size):
            let from = offset
            let count = min(size - from, next.capacity)
            try read(fd, into: next.buffer, count: count, at: from)
            memset(next.buffer + count, 0x20, padding)
            bytesRead = from + count
            split(next, filled: count, scanFrom: 0, eof: from + count == size, maxLineBytes: maxLineBytes)
            offset = from + next.tail
        }
    }

    /// Splits `chunk`'s `filled` bytes into lines, continuing the line numbers and an over-long line being
    /// skipped; bytes before `scanFrom` hold no newline. The incomplete last line, if any, is left to the next
    /// chunk (`tail`).
    private func split(_ chunk: LineChunk, filled: Int, scanFrom: Int, eof: Bool, maxLineBytes: Int) {
        let base = chunk.base
        var start = 0
        var pos = scanFrom
        func emit(_ from: Int, _ to: Int) {
            chunkLineNumber += 1
            chunk.lines.append(LineChunk.Line(start: from, count: to - from > maxLineBytes ? -1 : to - from,
                                              number: chunkLineNumber))
        }
        while pos < filled {
            guard let nl = memchr(base + pos, 0x0A, filled - pos) else { break }
            let end = base.distance(to: UnsafeRawPointer(nl))
            if chunkSkipping { chunkSkipping = false } else {
                emit(start, Self.end(of: base, from: start, to: end))
            }
            start = end + 1
            pos = start
        }
        if eof {
            if start < filled && !chunkSkipping { emit(start, Self.end(of: base, from: start, to: filled)) }
            start = filled
            exhausted = true
        } else if !chunkSkipping && Self.end(of: base, from: start, to: filled) - start > maxLineBytes {
            // No newline in the rest: an over-long line is reported once and skipped.
            chunkLineNumber += 1
            chunk.lines.append(LineChunk.Line(start: start, count: -1, number: chunkLineNumber))
            chunkSkipping = true
        }
        if chunkSkipping { start = filled }
        chunk.filled = filled
        chunk.tail = start
    }

    /// The end of the line in `[from, to)` without a final `\r`. Also applied to the start of a line whose
    /// newline is not read yet, to tell whether it is already over the limit: a `\r` just before the end of a
    /// chunk may be the one dropped before `\n`, so where chunks end never changes which lines are too long.
    @inline(__always)
    private static func end(of base: UnsafeRawPointer, from: Int, to: Int) -> Int {
        to > from && base.load(fromByteOffset: to - 1, as: UInt8.self) == 0x0D ? to - 1 : to
    }

    /// Bytes a buffer for `forEachLine(startingIn:...)` needs: a piece of up to `pieceBytes`, the byte before it,
    /// a look past its end, the rest of a line that crosses it, and the padding after all of that.
    static func pieceBufferBytes(pieceBytes: Int, maxLineBytes: Int) -> Int {
        pieceBytes + 1 + pieceLookahead + maxLineBytes + 2 + Int(HW_JSON_PADDING)
    }

    /// Bytes read past a piece's end at once, so the line that crosses it usually needs no second read.
    private static let pieceLookahead = 4096

    /// A regular file only: calls `body(line, readable)` for each line that *starts* in the file's byte range
    /// `range`, in order, with the same lines, `\r` handling and over-long verdicts as `fill`: `line` is nil for a
    /// line over `maxLineBytes`, and `readable` is how many bytes may be read from the line's start. The lines are
    /// read into `buffer` (`pieceBufferBytes` long, for pieces up to `pieceBytes`), so two threads can each read
    /// pieces of one file at once and parse a piece's lines while its bytes are still in the core's cache.
    ///
    /// A line starts at the file's start and after every `\n`; the byte before the range tells whether one starts
    /// at its first byte. A line that crosses the range's end is read to its end (up to `maxLineBytes` + 2 bytes,
    /// enough to tell that it is too long). Every line belongs to exactly one range of a partition of the file.
    func forEachLine(startingIn range: Range<Int>, buffer: UnsafeMutableRawPointer, pieceBytes: Int,
                     maxLineBytes: Int, _ body: (UnsafeRawBufferPointer?, Int) throws -> Void) throws {
        guard case let .file(fd, size) = source else { preconditionFailure("pieces need a regular file") }
        precondition(range.count <= pieceBytes && range.upperBound <= size)
        let capacity = Self.pieceBufferBytes(pieceBytes: pieceBytes, maxLineBytes: maxLineBytes)
        let base = max(range.lowerBound - 1, 0)  // file offset of buffer[0]
        let bytes = UnsafeMutablePointer<UInt8>(OpaquePointer(buffer))
        var loaded = min(size, range.upperBound + Self.pieceLookahead) - base
        try read(fd, into: buffer, count: loaded, at: base)
        memset(buffer + loaded, 0x20, padding)
        let end = range.upperBound - base  // buffer index of the range's end
        var start = 0
        if range.lowerBound > 0 {
            if bytes[0] == 0x0A { start = 1 } else {
                guard let nl = memchr(buffer + 1, 0x0A, end - 1) else { return }
                start = buffer.distance(to: nl) + 1
            }
        }
        while start < end {
            var nl = memchr(buffer + start, 0x0A, loaded - start)
            if nl == nil && base + loaded < size && loaded - start < maxLineBytes + 2 {
                // The line crosses what is loaded: read on, as far as its verdict needs.
                let more = min(size - base, start + maxLineBytes + 2) - loaded
                try read(fd, into: buffer + loaded, count: more, at: base + loaded)
                let from = loaded
                loaded += more
                memset(buffer + loaded, 0x20, padding)
                nl = memchr(buffer + from, 0x0A, loaded - from)
            }
            let stop: Int
            if let nl { stop = buffer.distance(to: nl) } else if base + loaded == size { stop = loaded } else {
                // No newline within maxLineBytes + 2 bytes: too long, and it ends past `loaded`, so past the range.
                try body(nil, 0)
                return
            }
            let lineEnd = Self.end(of: UnsafeRawPointer(buffer), from: start, to: stop)
            if lineEnd - start > maxLineBytes { try body(nil, 0) } else {
                try body(UnsafeRawBufferPointer(start: buffer + start, count: lineEnd - start), capacity - start)
            }
            if nl == nil { return }  // the file's last line
            start = stop + 1
        }
    }

    /// Lines per byte over the first `sample` bytes of a regular file (nil for other input or an empty sample).
    func lineDensity(sample: Int = 1 << 20) -> Double? {
        guard case let .file(fd, size) = source else { return nil }
        let n = min(size, sample)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: n, alignment: 64)
        defer { buffer.deallocate() }
        guard n > 0, (try? read(fd, into: buffer, count: n, at: 0)) != nil else { return nil }
        var lines = 0, pos = 0
        while let nl = memchr(buffer + pos, 0x0A, n - pos) {
            lines += 1
            pos = buffer.distance(to: nl) + 1
        }
        return Double(max(lines, 1)) / Double(n)
    }

    /// Reads exactly `count` bytes from `at`.
    private func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at: Int) throws {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(at + done))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw TrafficError.readFailed(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 { throw shrank() }
            done += n
        }
    }

    private func shrank() -> TrafficError { .readFailed(path: path, reason: "the file shrank while it was read") }
}
