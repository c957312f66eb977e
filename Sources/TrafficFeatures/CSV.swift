/// Minimal RFC 4180 CSV: quote a field only when it holds `,`, `"`, CR or LF; numbers in Swift's shortest
/// round-trip form (`"\(x)"`), NaN as an empty field. Deterministic by construction.
enum CSV {
    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        var out = "\""
        for c in s {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out + "\""
    }

    static func format(_ x: Double) -> String {
        if x.isNaN { return "" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// Splits one record (a line without its newline) into fields, undoing quoting. Returns nil on an
    /// unterminated quote.
    static func split(_ line: Substring) -> [String]? {
        var fields: [String] = []
        var cur = ""
        var inQuotes = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if inQuotes {
                if c == "\"" {
                    let j = line.index(after: i)
                    if j < line.endIndex && line[j] == "\"" { cur.append("\""); i = j } else { inQuotes = false }
                } else { cur.append(c) }
            } else if c == "\"" { inQuotes = true }
            else if c == "," { fields.append(cur); cur = "" }
            else { cur.append(c) }
            i = line.index(after: i)
        }
        if inQuotes { return nil }
        fields.append(cur)
        return fields
    }
}
