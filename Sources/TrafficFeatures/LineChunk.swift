import CTrafficIO

/// A buffer of complete lines read by `LineReader.fill`, so several threads can parse the lines of one chunk in
/// place while the next chunk is read into another buffer. Every line is followed by at least `HW_JSON_PADDING`
/// readable bytes, as simdjson requires.
final class LineChunk: @unchecked Sendable {
    /// A line without its `\n` (and trailing `\r`); `count < 0` marks a line over the size limit (not stored).
    struct Line {
        var start: Int
        var count: Int
        /// 1-based line number in the input.
        var number: Int
    }

    let buffer: UnsafeMutableRawPointer
    /// Usable bytes (the padding comes after).
    let capacity: Int
    /// Valid bytes in `buffer`.
    var filled = 0
    /// Start of the incomplete last line, carried into the next chunk.
    var tail = 0
    var lines: [Line] = []

    init(capacity: Int) {
        self.capacity = capacity
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity + Int(HW_JSON_PADDING), alignment: 64)
    }

    deinit { buffer.deallocate() }

    @inline(__always) func bytes(_ l: Line) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: buffer + l.start, count: max(0, l.count))
    }

    /// Bytes that may be read from the line's start (≥ its length + padding).
    @inline(__always) func readable(_ l: Line) -> Int { capacity + Int(HW_JSON_PADDING) - l.start }
}
