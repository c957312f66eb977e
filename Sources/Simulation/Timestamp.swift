import TrafficFeatures

/// RFC 3339 timestamps from integer Unix milliseconds, without Foundation.
///
/// Formatting is on the hot path (one timestamp per request), so it uses Hinnant's days-to-civil
/// algorithm directly instead of `DateFormatter`, and parsing supports only the shapes we write and accept
/// on the command line (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS[.fff]Z`).
public enum Timestamp {
    static let millisPerDay: Int64 = 86_400_000

    /// (year, month, day) for days since 1970-01-01: the reader's civil-date routine, so writing and reading
    /// timestamps share one calendar implementation.
    @inline(__always)
    static func civil(fromDays z: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let c = RFC3339.civilFromDays(Int(z))
        return (Int64(c.year), Int64(c.month), Int64(c.day))
    }

    /// Days since 1970-01-01 for a civil date (inverse of `civil(fromDays:)`).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        Int64(RFC3339.daysFromCivil(Int(year), Int(month), Int(day)))
    }

    @inline(__always)
    static func append(millis: Int64, to out: inout [UInt8]) {
        var days = millis / millisPerDay
        var rem = millis % millisPerDay
        if rem < 0 { rem += millisPerDay; days -= 1 }
        let (y, m, d) = civil(fromDays: days)
        let secs = rem / 1000
        let ms = rem % 1000
        append4(y, &out); out.append(UInt8(ascii: "-"))
        append2(m, &out); out.append(UInt8(ascii: "-"))
        append2(d, &out); out.append(UInt8(ascii: "T"))
        append2(secs / 3600, &out); out.append(UInt8(ascii: ":"))
        append2(secs / 60 % 60, &out); out.append(UInt8(ascii: ":"))
        append2(secs % 60, &out); out.append(UInt8(ascii: "."))
        out.append(UInt8(48 + ms / 100)); out.append(UInt8(48 + ms / 10 % 10)); out.append(UInt8(48 + ms % 10))
        out.append(UInt8(ascii: "Z"))
    }

    /// The RFC 3339 text for `millis`, e.g. "2026-01-05T00:00:00.000Z".
    public static func format(millis: Int64) -> String {
        var bytes: [UInt8] = []
        append(millis: millis, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.fffZ` (UTC only) to Unix milliseconds.
    public static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        func num(_ from: Int, _ len: Int) -> Int64? {
            guard from + len <= b.count else { return nil }
            var v: Int64 = 0
            for i in from..<(from + len) {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                v = v * 10 + Int64(b[i] - 48)
            }
            return v
        }
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var ms = days(year: y, month: mo, day: d) * millisPerDay
        if b.count == 10 { return ms }
        guard b.count >= 20, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let h = num(11, 2), let mi = num(14, 2), let s = num(17, 2),
              h < 24, mi < 60, s < 61 else { return nil }
        ms += ((h * 60 + mi) * 60 + s) * 1000
        var i = 19
        if b[i] == UInt8(ascii: ".") {
            i += 1
            var frac: Int64 = 0, digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 3 { frac = frac * 10 + Int64(b[i] - 48); digits += 1 }
                i += 1
            }
            guard digits > 0 else { return nil }
            while digits < 3 { frac *= 10; digits += 1 }
            ms += frac
        }
        guard i == b.count - 1, b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") else { return nil }
        return ms
    }

    @inline(__always)
    private static func append2(_ v: Int64, _ out: inout [UInt8]) {
        out.append(UInt8(48 + v / 10)); out.append(UInt8(48 + v % 10))
    }

    @inline(__always)
    private static func append4(_ v: Int64, _ out: inout [UInt8]) {
        out.append(UInt8(48 + v / 1000 % 10)); out.append(UInt8(48 + v / 100 % 10))
        out.append(UInt8(48 + v / 10 % 10)); out.append(UInt8(48 + v % 10))
    }
}
