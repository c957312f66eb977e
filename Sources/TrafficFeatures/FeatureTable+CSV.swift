import Foundation

extension FeatureTable {
    static let leadingColumns = ["account_id", "label", "campaign", "cluster"]

    /// features.csv: `account_id,label,campaign,cluster,<features…>`; label 1/0/empty, NaN as empty.
    public func csv() -> String {
        var s = (Self.leadingColumns + schema.names).map(CSV.quote).joined(separator: ",") + "\n"
        s.reserveCapacity(rowCount * columnCount * 8)
        for r in 0..<rowCount {
            var fields = [CSV.quote(accountIDs?[r] ?? ""), CSV.format(labels[r]), CSV.quote(campaigns[r] ?? ""),
                          CSV.quote(clusters[r] ?? "")]
            for c in 0..<columnCount { fields.append(CSV.format(columns[c * rowCount + r])) }
            s += fields.joined(separator: ",") + "\n"
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
