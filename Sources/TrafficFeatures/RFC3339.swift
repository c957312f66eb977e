/// Parses RFC 3339 timestamps straight from bytes, without Foundation or String allocation.
///
/// Accepted: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t`/space for `T` and `z` for `Z` are also accepted
/// (RFC 3339 §5.6 allows them). Result: seconds since the Unix epoch as a `Double` (microsecond-exact for
/// dates this century: 2^-52 × 2e9 s ≈ 0.4 µs).
public enum RFC3339 {
    public static func parse(_ p: UnsafeRawBufferPointer) -> Double? {
        let n = p.count
        guard n >= 20 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let c = p[i]
            return (c >= 48 && c <= 57) ? Int(c - 48) : nil
        }
        @inline(__always) func num(_ i: Int, _ len: Int) -> Int? {
            var v = 0
            for k in i..<(i + len) {
                guard let d = digit(k) else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let year = num(0, 4), p[4] == 45, let month = num(5, 2), p[7] == 45, let day = num(8, 2),
              p[10] == 84 || p[10] == 116 || p[10] == 32,
              let hour = num(11, 2), p[13] == 58, let minute = num(14, 2), p[16] == 58, let second = num(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year, month), hour <= 23, minute <= 59,
              second <= 60 else { return nil }
        var i = 19
        var fraction = 0.0
        if p[i] == 46 {  // '.'
            i += 1
            var scale = 0.1
            let start = i
            while i < n, let d = digit(i) {
                fraction += Double(d) * scale
                scale *= 0.1
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < n else { return nil }
        var offset = 0
        switch p[i] {
        case 90, 122:  // Z z
            i += 1
        case 43, 45:  // + -
            guard i + 6 == n, let oh = num(i + 1, 2), p[i + 3] == 58, let om = num(i + 4, 2), oh <= 23, om <= 59
            else { return nil }
            offset = (oh * 3600 + om * 60) * (p[i] == 43 ? 1 : -1)
            i += 6
        default:
            return nil
        }
        guard i == n else { return nil }
        let days = daysFromCivil(year, month, day)
        let secs = days * 86400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return Double(secs) + fraction
    }

    public static func parse(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The inverse of `daysFromCivil`.
    public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Formats epoch seconds as `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC, millisecond precision).
    public static func format(_ t: Double) -> String {
        let ms = Int((t * 1000).rounded(.down))
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let rem = ms - days * 86_400_000
        return dateTime(days: days, second: rem / 1000) + "." + pad(rem % 1000, 3) + "Z"
    }

    /// Formats whole epoch seconds as `YYYY-MM-DDTHH:MM:SSZ` (UTC), by arithmetic: no formatter, locale or time zone.
    public static func formatSeconds(_ t: Int) -> String {
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        return dateTime(days: days, second: t - days * 86_400) + "Z"
    }

    /// `YYYY-MM-DDTHH:MM:SS` of a day count since 1970-01-01 and a second of that day.
    private static func dateTime(days: Int, second s: Int) -> String {
        let (y, mo, d) = civilFromDays(days)
        return "\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2))T\(pad(s / 3600, 2)):\(pad(s / 60 % 60, 2)):\(pad(s % 60, 2))"
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
