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

    /// Appends `quote(s)` as UTF-8. A field without any of the four special bytes cannot need quoting, so only
    /// the rare others go through `quote` (which compares whole characters).
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var plain = s
        let special = plain.withUTF8 { $0.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D } }
        if special { plain = quote(s) }
        plain.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Appends `format(x)` as UTF-8 without building a `String` for integers (most feature values are counts).
    static func appendNumber(_ x: Double, to out: inout [UInt8]) {
        if x.isNaN { return }
        guard x == x.rounded(), abs(x) < 1e15 else {
            var text = x.description
            text.withUTF8 { out.append(contentsOf: $0) }
            return
        }
        let v = Int64(x)
        var m = v.magnitude
        if m < 10 {
            if v < 0 { out.append(UInt8(ascii: "-")) }
            out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: m))
            return
        }
        // Digits are produced last first, into a scratch buffer on the stack (|v| < 10¹⁵: at most 16 bytes).
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { b in
            var i = b.count
            repeat {
                i -= 1
                b[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: m % 10)
                m /= 10
            } while m > 0
            if v < 0 { i -= 1; b[i] = UInt8(ascii: "-") }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[i...]))
        }
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
