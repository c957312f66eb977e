#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes JSON Lines straight into a reusable byte buffer and flushes it to a file in large chunks.
///
/// The simulator emits tens of millions of small objects; `JSONEncoder` or string interpolation would spend
/// most of the run allocating. Keys are appended as pre-encoded bytes and numbers are formatted by hand.
/// Callers open an object, add fields, close it; the writer adds commas and the newline.
final class JSONLineWriter {
    private var buffer: [UInt8] = []
    private let file: UnsafeMutablePointer<FILE>
    private let path: String
    private var needsComma = false
    private(set) var bytesWritten: Int64 = 0
    private(set) var lines: Int64 = 0
    private static let flushThreshold = 1 << 20

    init(path: String) throws {
        guard let f = fopen(path, "wb") else {
            throw SimulationError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        file = f
        self.path = path
        buffer.reserveCapacity(JSONLineWriter.flushThreshold + 64 * 1024)
    }

    deinit { fclose(file) }

    @inline(__always)
    func beginObject() {
        buffer.append(UInt8(ascii: "{"))
        needsComma = false
    }

    @inline(__always)
    func endObject() throws {
        buffer.append(UInt8(ascii: "}"))
        buffer.append(UInt8(ascii: "\n"))
        lines += 1
        if buffer.count >= JSONLineWriter.flushThreshold { try flush() }
    }

    @inline(__always)
    private func key(_ k: StaticString) {
        if needsComma { buffer.append(UInt8(ascii: ",")) }
        needsComma = true
        buffer.append(UInt8(ascii: "\""))
        buffer.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        buffer.append(UInt8(ascii: "\""))
        buffer.append(UInt8(ascii: ":"))
    }

    @inline(__always)
    func int(_ k: StaticString, _ v: Int) {
        key(k)
        appendInt(v)
    }

    @inline(__always)
    func bool(_ k: StaticString, _ v: Bool) {
        key(k)
        if v { appendASCII("true") } else { appendASCII("false") }
    }

    func null(_ k: StaticString) {
        key(k)
        appendASCII("null")
    }

    /// A string known to need no escaping (ids, enums, hex, timestamps we format ourselves).
    @inline(__always)
    func rawString(_ k: StaticString, _ bytes: [UInt8]) {
        key(k)
        buffer.append(UInt8(ascii: "\""))
        buffer.append(contentsOf: bytes)
        buffer.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    func rawString(_ k: StaticString, _ s: StaticString) {
        key(k)
        buffer.append(UInt8(ascii: "\""))
        buffer.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        buffer.append(UInt8(ascii: "\""))
    }

    func string(_ k: StaticString, _ s: String) {
        var s = s
        s.withUTF8 { escaped(k, $0) }
    }

    /// Free text (prompts): escapes quotes, backslashes and control bytes.
    func escaped(_ k: StaticString, _ bytes: UnsafeBufferPointer<UInt8>) {
        key(k)
        buffer.append(UInt8(ascii: "\""))
        for b in bytes {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                buffer.append(UInt8(ascii: "\\")); buffer.append(b)
            case UInt8(ascii: "\n"):
                buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
            case 0..<0x20:
                appendASCII("\\u00")
                buffer.append(JSONLineWriter.hexDigits[Int(b >> 4)])
                buffer.append(JSONLineWriter.hexDigits[Int(b & 15)])
            default:
                buffer.append(b)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// `prefix` followed by `digits` lowercase hex digits of `value`, as a string field.
    @inline(__always)
    func hexString(_ k: StaticString, prefix: StaticString, _ value: UInt64, digits: Int) {
        key(k)
        buffer.append(UInt8(ascii: "\""))
        buffer.append(contentsOf: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        appendHex(value, digits: digits)
        buffer.append(UInt8(ascii: "\""))
    }

    /// `prefix` followed by `value` zero-padded to `width` decimal digits, as a string field.
    @inline(__always)
    func paddedString(_ k: StaticString, prefix: StaticString, _ value: Int, width: Int) {
        key(k)
        buffer.append(UInt8(ascii: "\""))
        buffer.append(contentsOf: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        appendPadded(value, width: width)
        buffer.append(UInt8(ascii: "\""))
    }

    /// An RFC 3339 UTC timestamp with milliseconds.
    @inline(__always)
    func timestamp(_ k: StaticString, millis: Int64) {
        key(k)
        buffer.append(UInt8(ascii: "\""))
        Timestamp.append(millis: millis, to: &buffer)
        buffer.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    func ipv4(_ k: StaticString, _ v: UInt32) {
        key(k)
        buffer.append(UInt8(ascii: "\""))
        appendInt(Int(v >> 24)); buffer.append(UInt8(ascii: "."))
        appendInt(Int((v >> 16) & 255)); buffer.append(UInt8(ascii: "."))
        appendInt(Int((v >> 8) & 255)); buffer.append(UInt8(ascii: "."))
        appendInt(Int(v & 255))
        buffer.append(UInt8(ascii: "\""))
    }

    /// A documentation-range-free IPv6 address: a /48 prefix per network plus a host part.
    @inline(__always)
    func ipv6(_ k: StaticString, prefix: UInt64, host: UInt64) {
        key(k)
        buffer.append(UInt8(ascii: "\""))
        appendASCII("2a0")
        appendHex(prefix & 0xF, digits: 1); buffer.append(UInt8(ascii: ":"))
        appendHex((prefix >> 4) & 0xFFFF, digits: 4); buffer.append(UInt8(ascii: ":"))
        appendHex((prefix >> 20) & 0xFFFF, digits: 4); buffer.append(UInt8(ascii: ":"))
        appendHex(host & 0xFFFF, digits: 4); appendASCII("::")
        appendHex((host >> 16) & 0xFFFF, digits: 4)
        buffer.append(UInt8(ascii: "\""))
    }

    func flush() throws {
        if buffer.isEmpty { return }
        let n = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        guard n == buffer.count else {
            throw SimulationError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        bytesWritten += Int64(n)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        guard fflush(file) == 0 else {
            throw SimulationError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    // MARK: number formatting

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    @inline(__always)
    private func appendASCII(_ s: StaticString) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always)
    private func appendInt(_ v: Int) {
        if v < 0 {
            buffer.append(UInt8(ascii: "-"))
            appendInt(-v)
            return
        }
        if v < 10 { buffer.append(UInt8(48 + v)); return }
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = v
        var i = 0
        withUnsafeMutableBytes(of: &tmp) { raw in
            while n > 0 {
                raw[i] = UInt8(48 + n % 10)
                n /= 10
                i += 1
            }
            while i > 0 {
                i -= 1
                buffer.append(raw[i])
            }
        }
    }

    @inline(__always)
    private func appendPadded(_ v: Int, width: Int) {
        var div = 1
        for _ in 1..<width { div *= 10 }
        var n = v
        if n >= div * 10 { appendInt(n); return }
        while div > 0 {
            buffer.append(UInt8(48 + (n / div) % 10))
            n %= div
            div /= 10
        }
    }

    @inline(__always)
    private func appendHex(_ v: UInt64, digits: Int) {
        var shift = (digits - 1) * 4
        while shift >= 0 {
            buffer.append(JSONLineWriter.hexDigits[Int((v >> UInt64(shift)) & 15)])
            shift -= 4
        }
    }
}
