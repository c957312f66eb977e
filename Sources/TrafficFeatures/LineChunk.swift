import CTrafficIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A chunk of complete lines read by `LineReader.fill`, so several threads can parse the lines of one chunk in
/// place while the next chunk is read. The lines are either in the chunk's own buffer (read through zlib, or the
/// last lines of a mapped file) or in a window of a memory-mapped file, which the chunk owns until it is refilled.
/// Every line is followed by at least `HW_JSON_PADDING` readable bytes, as simdjson requires.
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
    /// Where the lines are: `buffer`, or a place in `mapping`.
    private(set) var base: UnsafeRawPointer
    /// Bytes that may be read from `base`.
    private(set) var room: Int
    /// Valid bytes from `base`.
    var filled = 0
    /// Start of the incomplete last line, carried into the next chunk.
    var tail = 0
    var lines: [Line] = []
    /// The mapped window `base` points into, unmapped when the chunk is refilled: mapped pages count as the
    /// process's memory, so only the windows of the chunks in use stay mapped.
    private var mapping: UnsafeMutableRawBufferPointer?

    init(capacity: Int) {
        self.capacity = capacity
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity + Int(HW_JSON_PADDING), alignment: 64)
        base = UnsafeRawPointer(buffer)
        room = capacity + Int(HW_JSON_PADDING)
    }

    deinit {
        unmap()
        buffer.deallocate()
    }

    /// Lines go into `buffer` (the previous mapping, if any, is released).
    func useBuffer() {
        unmap()
        base = UnsafeRawPointer(buffer)
        room = capacity + Int(HW_JSON_PADDING)
    }

    /// Lines are in `mapping` (now owned by the chunk) from `offset` on; `room` bytes from there are readable.
    func use(mapping: UnsafeMutableRawBufferPointer, offset: Int, room: Int) {
        unmap()
        self.mapping = mapping
        base = UnsafeRawPointer(mapping.baseAddress! + offset)
        self.room = room
    }

    private func unmap() {
        if let m = mapping { munmap(m.baseAddress, m.count) }
        mapping = nil
    }

    @inline(__always) func bytes(_ l: Line) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + l.start, count: max(0, l.count))
    }

    /// Bytes that may be read from the line's start (≥ its length + padding).
    @inline(__always) func readable(_ l: Line) -> Int { room - l.start }
}
