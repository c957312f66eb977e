import Foundation

/// Reads the small JSON-Lines side files (labels, accounts, models) with Foundation and checks each field,
/// reporting `file:line: field 'x': problem` through `TrafficError.malformed`. Blank lines are skipped.
struct SideFileReader {
    let path: String

    /// Calls `body` with each object and its 1-based line number.
    func forEachObject(_ body: (Row) throws -> Void) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw TrafficError.cannotOpen(path: path, reason: "No such file or directory")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw TrafficError.cannotOpen(path: path, reason: error.localizedDescription)
        }
        var lineNumber = 0
        for raw in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = raw
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let obj: Any
            do { obj = try JSONSerialization.jsonObject(with: Data(line)) } catch {
                throw TrafficError.malformed(file: path, line: lineNumber, detail: "invalid JSON")
            }
            guard let dict = obj as? [String: Any] else {
                throw TrafficError.malformed(file: path, line: lineNumber, detail: "expected one JSON object per line")
            }
            try body(Row(file: path, line: lineNumber, fields: dict))
        }
    }

    /// One object of a side file, with typed, error-reporting accessors.
    struct Row {
        let file: String
        let line: Int
        let fields: [String: Any]

        func fail(_ field: String, _ detail: String) -> TrafficError {
            .malformed(file: file, line: line, detail: "field '\(field)': \(detail)")
        }

        func optionalString(_ k: String) throws -> String? {
            guard let v = fields[k], !(v is NSNull) else { return nil }
            guard let s = v as? String else { throw fail(k, "expected a string") }
            return s
        }

        func string(_ k: String) throws -> String {
            guard let s = try optionalString(k) else { throw fail(k, "required field is missing") }
            guard !s.isEmpty else { throw fail(k, "must not be empty") }
            return s
        }

        func optionalTime(_ k: String) throws -> Double? {
            guard let s = try optionalString(k) else { return nil }
            guard let t = RFC3339.parse(s) else { throw fail(k, "expected an RFC 3339 timestamp, got \"\(s)\"") }
            return t
        }

        func time(_ k: String) throws -> Double {
            guard let t = try optionalTime(k) else { throw fail(k, "required field is missing") }
            return t
        }

        func oneOf(_ k: String, _ allowed: [String], required: Bool) throws -> String? {
            let v = required ? try string(k) : try optionalString(k)
            if let v, !allowed.contains(v) {
                throw fail(k, "expected one of \(allowed.joined(separator: "|")), got \"\(v)\"")
            }
            return v
        }
    }
}
