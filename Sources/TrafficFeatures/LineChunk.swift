import CTrafficIO

/// A chunk of complete lines read by `LineReader.fill` into the chunk's own buffer, so several threads can parse
/// the lines of one chunk in place while the next chunk is read into another. Every line is followed by at least
/// `HW_JSON_PADDING` readable bytes, as simdjson requires.
final class LineChunk: @unchecked Sendable {
    /// A line without its `\n` (and trailing `\r`); `count < 0` marks a line over the size limit (not stored).
    struct Line {
        /// Offset from `base`.
        var start: Int
        var count: Int
        /// 1-based line number in the input.
        var number: Int
    }

    let buffer: UnsafeMutableRawPointer
    /// Usable bytes of `buffer` (the padding comes after).
    let capacity: Int
    /// Where the lines are (`buffer`).
    var base: UnsafeRawPointer { UnsafeRawPointer(buffer) }
    /// Bytes that may be read from `base`.
    let room: Int
    /// Valid bytes from `base`.
    var filled = 0
    /// Start of the incomplete last line, carried into the next chunk.
    var tail = 0
    var lines: [Line] = []

    init(capacity: Int) {
        self.capacity = capacity
        room = capacity + Int(HW_JSON_PADDING)
        buffer = UnsafeMutableRawPointer.allocate(byteCount: room, alignment: 64)
    }

    deinit { buffer.deallocate() }

    @inline(__always) func bytes(_ l: Line) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + l.start, count: max(0, l.count))
    }

    /// Bytes that may be read from the line's start (≥ its length + padding).
    @inline(__always) func readable(_ l: Line) -> Int { room - l.start }
}
