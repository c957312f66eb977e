import Foundation

extension FeatureTable {
    static let leadingColumns = ["account_id", "label", "campaign", "cluster"]

    /// features.csv: `account_id,label,campaign,cluster,<features…>`; label 1/0/empty, NaN as empty.
    public func csv() -> String { String(decoding: csvBytes(), as: UTF8.self) }

    /// Rows formatted at a time by one thread in `csvBytes`.
    static let csvBlockRows = 256

    /// `csv()` as UTF-8, formatted straight into byte buffers a block of rows at a time. With `threads ≥ 2`
    /// two threads format blocks, the calling one after running `first` (other output work); blocks are joined
    /// in row order, so the bytes do not depend on the number of threads.
    func csvBytes(threads: Int = 1, first: () -> Void = {}) -> [UInt8] {
        var out: [UInt8] = []
        for (k, name) in (Self.leadingColumns + schema.names).enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            CSV.appendQuoted(name, to: &out)
        }
        out.append(UInt8(ascii: "\n"))
        let blocks = (rowCount + Self.csvBlockRows - 1) / Self.csvBlockRows
        let parts = [[UInt8]](unsafeUninitializedCapacity: blocks) { parts, initialized in
            ChunkedLoop.run(count: blocks, chunk: 1, threads: threads, first: first) { range in
                for b in range {
                    let rows = (b * Self.csvBlockRows)..<min(rowCount, (b + 1) * Self.csvBlockRows)
                    (parts.baseAddress! + b).initialize(to: csvRows(rows))
                }
            }
            initialized = blocks
        }
        out.reserveCapacity(parts.reduce(out.count) { $0 + $1.count })
        for p in parts { out.append(contentsOf: p) }
        return out
    }

    private func csvRows(_ rows: Range<Int>) -> [UInt8] {
        var s: [UInt8] = []
        s.reserveCapacity(rows.count * (columnCount + 4) * 12)
        for r in rows {
            CSV.appendQuoted(accountIDs?[r] ?? "", to: &s)
            s.append(UInt8(ascii: ","))
            CSV.appendNumber(labels[r], to: &s)
            s.append(UInt8(ascii: ","))
            CSV.appendQuoted(campaigns[r] ?? "", to: &s)
            s.append(UInt8(ascii: ","))
            CSV.appendQuoted(clusters[r] ?? "", to: &s)
            for c in 0..<columnCount {
                s.append(UInt8(ascii: ","))
                CSV.appendNumber(columns[c * rowCount + r], to: &s)
            }
            s.append(UInt8(ascii: "\n"))
        }
        return s
    }

    static func readCSV(path: String) throws -> FeatureTable {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw TrafficError.malformed(file: path, line: 1, detail: "not a UTF-8 CSV file")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let headerLine = lines.first, let header = CSV.split(headerLine), !header.isEmpty else {
            throw TrafficError.malformed(file: path, line: 1, detail: "missing header")
        }
        let extractorLayout = Array(header.prefix(4)) == leadingColumns
        let lead = extractorLayout ? 4 : 1
        let names = Array(header.dropFirst(lead))
        let rows = lines.count - 1, cols = names.count
        var columns = [Double](repeating: .nan, count: rows * cols)
        var labels = [Double](repeating: .nan, count: rows)
        var ids: [String] = [], campaigns: [String?] = [], clusters: [String?] = []
        func number(_ s: String, line: Int, column: String) throws -> Double {
            if s.isEmpty || s == "nan" || s == "NaN" { return .nan }
            guard let x = Double(s) else {
                throw TrafficError.malformed(file: path, line: line, detail: "column '\(column)': not a number: \"\(s)\"")
            }
            return x
        }
        for r in 0..<rows {
            let line = r + 2
            guard let f = CSV.split(lines[r + 1]) else {
                throw TrafficError.malformed(file: path, line: line, detail: "unterminated quoted field")
            }
            guard f.count == header.count else {
                throw TrafficError.malformed(file: path, line: line, detail: "expected \(header.count) fields, got \(f.count)")
            }
            if extractorLayout {
                ids.append(f[0])
                campaigns.append(f[2].isEmpty ? nil : f[2])
                clusters.append(f[3].isEmpty ? nil : f[3])
                labels[r] = try number(f[1], line: line, column: "label")
            } else {
                campaigns.append(nil)
                clusters.append(nil)
                labels[r] = try number(f[0], line: line, column: header[0])
            }
            if !labels[r].isNaN && labels[r] != 0 && labels[r] != 1 {
                throw TrafficError.malformed(file: path, line: line, detail: "label must be 1, 0 or empty, got \(labels[r])")
            }
            for c in 0..<cols { columns[c * rows + r] = try number(f[lead + c], line: line, column: names[c]) }
        }
        let schema = names == FeatureSchema.current.names ? FeatureSchema.current : FeatureSchema(version: 0, names: names)
        return FeatureTable(schema: schema, rowCount: rows, columns: columns, accountIDs: extractorLayout ? ids : nil,
                            labels: labels, campaigns: campaigns, clusters: clusters)
    }
}
