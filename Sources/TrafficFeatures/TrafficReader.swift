import CTrafficIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How strictly to treat bad lines.
public struct ReadOptions: Sendable {
    /// Lines longer than this are rejected (`line_too_long`) without being parsed.
    public var maxLineBytes: Int = 1 << 20
    /// Stop with `TrafficError.tooManyRejects` once more than this many lines were rejected (nil: no limit).
    public var maxErrors: Int? = nil
    /// Stop at the first rejected line.
    public var strict: Bool = false
    /// Write every rejected line, verbatim, to this file, and the reasons to `<file>.reasons.tsv`.
    public var rejectsPath: String? = nil

    public init(maxLineBytes: Int = 1 << 20, maxErrors: Int? = nil, strict: Bool = false, rejectsPath: String? = nil) {
        self.maxLineBytes = maxLineBytes
        self.maxErrors = maxErrors
        self.strict = strict
        self.rejectsPath = rejectsPath
    }
}

/// Counts of what a read saw.
public struct ReadStats: Sendable, Equatable {
    public var lines = 0
    public var accepted = 0
    public var bytes = 0
    public var rejectedByReason: [RejectReason: Int] = [:]
    public var rejected: Int { rejectedByReason.values.reduce(0, +) }

    public init() {}

    public mutating func merge(_ o: ReadStats) {
        lines += o.lines
        accepted += o.accepted
        bytes += o.bytes
        for (k, v) in o.rejectedByReason { rejectedByReason[k, default: 0] += v }
    }
}

/// The one reader of the traffic contract (docs/data-format.md), shared by extraction and online scoring.
///
/// Each line is parsed in place by simdjson and checked: required fields present (`ts`, `account_id`, `model`,
/// `input_tokens`, `output_tokens`), types right, `ts` valid RFC 3339, integer fields ≥ 0, `endpoint` and
/// `stop_reason` from their enumerations. Unknown fields are ignored; `null` counts as absent. Rejected lines are
/// counted by reason, handed to `onIssue`, and optionally written aside verbatim.
public final class TrafficReader {
    public let options: ReadOptions
    /// Called for every rejected line (e.g. to print the first few on stderr).
    public var onIssue: ((InputIssue) -> Void)?
    public private(set) var stats = ReadStats()
    private let parser: LineParser
    private var rejects: UnsafeMutablePointer<FILE>?
    private var reasons: UnsafeMutablePointer<FILE>?

    public init(options: ReadOptions = ReadOptions()) throws {
        self.options = options
        parser = try LineParser(maxLineBytes: options.maxLineBytes)
        if let path = options.rejectsPath {
            guard let f = fopen(path, "wb"), let g = fopen(path + ".reasons.tsv", "wb") else {
                throw TrafficError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            rejects = f
            reasons = g
            fputs("file\tline\treason\tfield\tdetail\n", g)
        }
    }

    deinit {
        if let rejects { fclose(rejects) }
        if let reasons { fclose(reasons) }
    }

    /// Reads `path` (`-` for stdin; gzip is detected) and calls `body` for each valid line, in file order.
    /// Stats accumulate over calls, so several files can be read with one reader.
    @discardableResult
    public func read(path: String, _ body: (TrafficRecord) throws -> Void) throws -> ReadStats {
        let reader = try LineReader(path: path)
        let displayName = path == "-" ? "<stdin>" : path
        try reader.forEachLine(maxLineBytes: options.maxLineBytes, { line, readable, lineNumber in
            stats.lines += 1
            if let issue = parser.parse(line: line, readable: readable, lineNumber: lineNumber, file: displayName) {
                try reject(issue, raw: line)
                return
            }
            stats.accepted += 1
            try parser.withRecord(line: lineNumber, body)
        }, tooLong: { lineNumber in
            stats.lines += 1
            try reject(tooLongIssue(file: displayName, line: lineNumber), raw: nil)
        })
        stats.bytes += reader.bytesRead
        return stats
    }

    /// The rejection of a line over `maxLineBytes`.
    func tooLongIssue(file: String, line: Int) -> InputIssue {
        InputIssue(file: file, line: line, reason: .lineTooLong, field: nil,
                   detail: "line longer than \(options.maxLineBytes) bytes")
    }

    /// Writes out what is buffered for the rejects files, so they are complete once a read returns or throws
    /// (not only when the reader is released).
    func flushRejects() {
        if let rejects { fflush(rejects) }
        if let reasons { fflush(reasons) }
    }

    /// Counts lines seen by a caller that parses with its own `LineParser`s (the chunked, multi-threaded path).
    func count(lines: Int, accepted: Int, bytes: Int = 0) {
        stats.lines += lines
        stats.accepted += accepted
        stats.bytes += bytes
    }

    func reject(_ issue: InputIssue, raw: UnsafeRawBufferPointer?) throws {
        stats.rejectedByReason[issue.reason, default: 0] += 1
        onIssue?(issue)
        if let rejects {
            if let raw, raw.count > 0 { fwrite(raw.baseAddress, 1, raw.count, rejects) }
            fputc(0x0A, rejects)
            let detail = String(issue.detail.map { $0 == "\t" || $0 == "\n" ? " " : $0 })
            fputs("\(issue.file)\t\(issue.line)\t\(issue.reason.rawValue)\t\(issue.field ?? "")\t\(detail)\n", reasons)
        }
        if options.strict { throw TrafficError.tooManyRejects(limit: 0, last: issue) }
        if let limit = options.maxErrors, stats.rejected > limit {
            throw TrafficError.tooManyRejects(limit: limit, last: issue)
        }
    }
}

/// One simdjson parser with the contract's checks: parses and validates a line into its own `hw_event`.
/// Not thread-safe; the multi-threaded extraction gives each thread its own.
final class LineParser {
    private let parser: OpaquePointer
    private var event = hw_event()
    private var lastTimestamp = 0.0

    init(maxLineBytes: Int) throws {
        guard let p = hw_parser_create(maxLineBytes) else {
            throw TrafficError.readFailed(path: "-", reason: "cannot allocate the JSON parser")
        }
        parser = p
    }

    deinit { hw_parser_destroy(parser) }

    /// The last line `parse` accepted, as a record valid during `body` only.
    @inline(__always)
    func withRecord<R>(line: Int, _ body: (TrafficRecord) throws -> R) rethrows -> R {
        let ts = lastTimestamp
        return try withUnsafePointer(to: &event) { ptr in try body(TrafficRecord(raw: ptr, timestamp: ts, line: line)) }
    }

    /// Parses and validates one line into `event`; returns the problem, if any.
    func parse(line: UnsafeRawBufferPointer, readable: Int, lineNumber: Int, file: String) -> InputIssue? {
        hw_parse_traffic_line(parser, line.baseAddress?.assumingMemoryBound(to: CChar.self), line.count, readable, &event)
        func issue(_ r: RejectReason, _ field: String?, _ detail: String) -> InputIssue {
            InputIssue(file: file, line: lineNumber, reason: r, field: field, detail: detail)
        }
        switch Int(event.status) {
        case Int(HW_OK.rawValue): break
        case Int(HW_INVALID_UTF8.rawValue): return issue(.invalidUTF8, nil, "not valid UTF-8")
        case Int(HW_NOT_AN_OBJECT.rawValue): return issue(.notAnObject, nil, "expected one JSON object per line")
        case Int(HW_WRONG_TYPE.rawValue):
            let f = Int(event.error_field)
            if f >= 100 {
                return issue(.wrongType, TrafficRecord.intKeys[f - 100], "expected an integer")
            }
            return issue(.wrongType, TrafficRecord.stringKeys[f], "expected a string")
        default:
            let msg = event.error_message.map { String(cString: $0) } ?? "invalid JSON"
            if line.count == 0 { return issue(.invalidJSON, nil, "empty line") }
            return issue(.invalidJSON, nil, msg)
        }
        let sp = event.str_present, ip = event.int_present
        for f in [TrafficRecord.StringField.ts, .accountID, .model] where sp & (1 << UInt32(f.rawValue)) == 0 {
            return issue(.missingField, f.key, "required string field is missing")
        }
        for f in [TrafficRecord.IntField.inputTokens, .outputTokens] where ip & (1 << UInt32(f.rawValue)) == 0 {
            return issue(.missingField, f.key, "required integer field is missing")
        }
        for k in 0..<Int(HW_INT_FIELD_COUNT.rawValue) where ip & (1 << UInt32(k)) != 0 {
            let v = withUnsafeBytes(of: &event.ints) { $0.load(fromByteOffset: k * 8, as: Int64.self) }
            if v < 0 {
                return issue(.negativeValue, TrafficRecord.intKeys[k], "expected an integer ≥ 0, got \(v)")
            }
        }
        func view(_ f: TrafficRecord.StringField) -> UnsafeRawBufferPointer {
            let s = withUnsafeBytes(of: &event.str) {
                $0.load(fromByteOffset: f.rawValue * MemoryLayout<hw_str>.stride, as: hw_str.self)
            }
            return UnsafeRawBufferPointer(start: s.ptr, count: s.len)
        }
        guard let ts = RFC3339.parse(view(.ts)) else {
            return issue(.badTimestamp, "ts", "expected an RFC 3339 timestamp like 2026-02-03T14:05:09.123Z, got \"\(String(decoding: view(.ts).prefix(40), as: UTF8.self))\"")
        }
        lastTimestamp = ts
        if view(.accountID).isEmpty { return issue(.invalidValue, "account_id", "must not be empty") }
        if sp & (1 << UInt32(TrafficRecord.StringField.endpoint.rawValue)) != 0 {
            let v = view(.endpoint)
            if !(Self.equals(v, "messages") || Self.equals(v, "batch")) {
                return issue(.invalidValue, "endpoint", "expected messages or batch")
            }
        }
        if sp & (1 << UInt32(TrafficRecord.StringField.stopReason.rawValue)) != 0 {
            let v = view(.stopReason)
            if !(Self.equals(v, "end_turn") || Self.equals(v, "max_tokens") || Self.equals(v, "tool_use")) {
                return issue(.invalidValue, "stop_reason", "expected end_turn, max_tokens or tool_use")
            }
        }
        return nil
    }

    /// Whether `v` holds exactly `word`'s bytes: a length check, then an inline byte compare (no arrays).
    @inline(__always)
    private static func equals(_ v: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard v.count == n else { return false }
        let w = word.utf8Start
        for i in 0..<n where v[i] != w[i] { return false }
        return true
    }

}
