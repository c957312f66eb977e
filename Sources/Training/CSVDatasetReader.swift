#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads a plain CSV training table: a header line, the 0/1 label in the first column, numeric features in
/// the others. An empty cell or `NaN` (any case) is missing. Parses bytes directly (no per-line `String`s);
/// numbers use an exact fast path (Clinger: ≤ 15 significant digits, |exponent| ≤ 22) and fall back to
/// `strtod` otherwise, so every value is correctly rounded. Any bad cell is reported with file, line and column.
struct CSVDatasetReader {
    let path: String
    /// A column to set aside as the row key (grouped or time split) instead of using it as a feature.
    var keyColumn: String?

    func read() throws -> Dataset {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw TrainingError.unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        return try data.withUnsafeBytes { raw in try parse(raw.bindMemory(to: UInt8.self)) }
    }

    func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Dataset {
        var cursor = 0
        let end = bytes.count
        func nextLine() -> Range<Int>? {
            guard cursor < end else { return nil }
            let start = cursor
            while cursor < end && bytes[cursor] != 0x0A { cursor += 1 }
            var stop = cursor
            if cursor < end { cursor += 1 }
            if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
            return start..<stop
        }
        guard let headerRange = nextLine(), !headerRange.isEmpty else {
            throw TrainingError.badInput(file: path, line: 1, column: nil, reason: "empty file: expected a header line")
        }
        let header = String(decoding: UnsafeBufferPointer(rebasing: bytes[headerRange]), as: UTF8.self)
            .split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        guard header.count >= 2 else {
            throw TrainingError.badInput(file: path, line: 1, column: nil,
                                         reason: "header has \(header.count) column; need the label and at least one feature")
        }
        var keyIndex: Int? = nil
        if let keyColumn {
            guard let k = header.firstIndex(of: keyColumn), k > 0 else {
                throw TrainingError.badInput(file: path, line: 1, column: keyColumn, reason: "no such column in the header")
            }
            keyIndex = k
        }
        let featureColumns = (1..<header.count).filter { $0 != keyIndex }
        let d = featureColumns.count
        var rowMajor: [Double] = []  // transposed once at the end: one growing buffer, no per-column bookkeeping
        rowMajor.reserveCapacity(max(1, bytes.count / max(1, 4 * header.count)) * d)
        var labels: [Double] = []
        var keys: [String] = []
        var lineNumber = 1
        var scratch = [CChar](repeating: 0, count: 128)
        while let line = nextLine() {
            lineNumber += 1
            if line.isEmpty && cursor >= end { break }  // trailing newline
            var fieldStart = line.lowerBound
            var column = 0
            var pos = line.lowerBound
            while true {
                let atEnd = pos == line.upperBound
                if atEnd || bytes[pos] == 0x2C {
                    guard column < header.count else {
                        throw TrainingError.badInput(file: path, line: lineNumber, column: nil,
                                                     reason: "too many cells: expected \(header.count) columns")
                    }
                    let field = UnsafeBufferPointer(rebasing: bytes[fieldStart..<pos])
                    if column == 0 {
                        let v = try number(field, line: lineNumber, column: header[0], scratch: &scratch)
                        guard v == 0 || v == 1 else {
                            throw TrainingError.badInput(file: path, line: lineNumber, column: header[0],
                                reason: v.isNaN ? "label is missing; expected 0 or 1"
                                    : "label is \(String(decoding: field, as: UTF8.self)); expected 0 or 1")
                        }
                        labels.append(v)
                    } else if column == keyIndex {
                        keys.append(String(decoding: field, as: UTF8.self))
                    } else {
                        rowMajor.append(try number(field, line: lineNumber, column: header[column], scratch: &scratch))
                    }
                    column += 1
                    if atEnd { break }
                    fieldStart = pos + 1
                }
                pos += 1
            }
            guard column == header.count else {
                throw TrainingError.badInput(file: path, line: lineNumber, column: nil,
                                             reason: "found \(column) cells, expected \(header.count) (as in the header)")
            }
        }
        let n = labels.count
        guard n > 0 else { throw TrainingError.badInput(file: path, line: nil, column: nil, reason: "no data rows after the header") }
        let positives = labels.reduce(0, +)
        if positives == 0 || positives == Double(n) {
            throw TrainingError.badInput(file: path, line: nil, column: header[0],
                reason: "all \(n) rows have label \(Int(labels[0])); training needs both 0 and 1")
        }
        var values = [Double](repeating: 0, count: n * d)
        rowMajor.withUnsafeBufferPointer { src in
            values.withUnsafeMutableBufferPointer { dst in
                let rowBlock = 256  // transpose in row blocks so both sides stay in cache
                var r0 = 0
                while r0 < n {
                    let r1 = min(n, r0 + rowBlock)
                    for j in 0..<d {
                        for i in r0..<r1 { dst[j * n + i] = src[i * d + j] }
                    }
                    r0 = r1
                }
            }
        }
        return Dataset(featureNames: featureColumns.map { header[$0] }, rowCount: n, values: values, labels: labels,
                       groups: keyIndex == nil ? nil : keys)
    }

    /// Parses one cell: empty or NaN → `.nan`; otherwise a finite decimal number or a precise error.
    @inline(__always)
    func number(_ field: UnsafeBufferPointer<UInt8>, line: Int, column: String, scratch: inout [CChar]) throws -> Double {
        var lo = 0, hi = field.count
        while lo < hi && (field[lo] == 0x20 || field[lo] == 0x09) { lo += 1 }
        while hi > lo && (field[hi - 1] == 0x20 || field[hi - 1] == 0x09) { hi -= 1 }
        if lo == hi { return .nan }
        if let v = CSVDatasetReader.fastDecimal(field, lo, hi) { return v }  // exact fast path
        let len = hi - lo
        if len == 3, (field[lo] | 0x20) == 0x6E, (field[lo + 1] | 0x20) == 0x61, (field[lo + 2] | 0x20) == 0x6E { return .nan }
        func bad(_ why: String) -> TrainingError {
            let text = String(decoding: UnsafeBufferPointer(rebasing: field[lo..<hi]), as: UTF8.self)
            return .badInput(file: path, line: line, column: column, reason: "\(why): \"\(text.prefix(40))\"")
        }
        guard len < scratch.count else { throw bad("cell too long for a number") }
        for i in 0..<len { scratch[i] = CChar(bitPattern: field[lo + i]) }
        scratch[len] = 0
        let (value, consumed): (Double, Int) = scratch.withUnsafeMutableBufferPointer { s in
            var endPtr: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(s.baseAddress!, &endPtr)
            return (v, endPtr.map { $0 - s.baseAddress! } ?? 0)
        }
        guard consumed == len else { throw bad("not a number") }
        guard value.isFinite else { throw bad("not a finite number") }
        return value
    }

    /// 10^0 … 10^22, all exactly representable.
    @inline(__always)
    static func powerOfTen(_ e: Int) -> Double {
        switch e {
        case 0: return 1; case 1: return 1e1; case 2: return 1e2; case 3: return 1e3; case 4: return 1e4
        case 5: return 1e5; case 6: return 1e6; case 7: return 1e7; case 8: return 1e8; case 9: return 1e9
        case 10: return 1e10; case 11: return 1e11; case 12: return 1e12; case 13: return 1e13; case 14: return 1e14
        case 15: return 1e15; case 16: return 1e16; case 17: return 1e17; case 18: return 1e18; case 19: return 1e19
        case 20: return 1e20; case 21: return 1e21; default: return 1e22
        }
    }

    /// Exact parse of `[+-]digits[.digits][(e|E)[+-]digits]` when the decimal significand fits in 2^53 and
    /// |exponent| ≤ 22 (then one IEEE multiply or divide is correctly rounded); nil otherwise.
    @inline(__always)
    static func fastDecimal(_ f: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Double? {
        var i = lo
        var negative = false
        if f[i] == 0x2D { negative = true; i += 1 } else if f[i] == 0x2B { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while i < hi, f[i] &- 0x30 < 10 {
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(f[i] &- 0x30); if mantissa > 0 { digits += 1 } } else { exponent += 1 }
            sawDigit = true; i += 1
        }
        if i < hi && f[i] == 0x2E {
            i += 1
            while i < hi, f[i] &- 0x30 < 10 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(f[i] &- 0x30); if mantissa > 0 { digits += 1 }; exponent -= 1 }
                sawDigit = true; i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < hi && (f[i] | 0x20) == 0x65 {
            i += 1
            var eNeg = false
            if i < hi && f[i] == 0x2D { eNeg = true; i += 1 } else if i < hi && f[i] == 0x2B { i += 1 }
            var e = 0
            var sawE = false
            while i < hi, f[i] &- 0x30 < 10 { if e < 10_000 { e = e * 10 + Int(f[i] &- 0x30) }; sawE = true; i += 1 }
            guard sawE else { return nil }
            exponent += eNeg ? -e : e
        }
        guard i == hi, digits <= 15 || mantissa <= (1 << 53) else { return nil }
        var v = Double(mantissa)
        if mantissa != 0 {
            guard exponent >= -22 && exponent <= 22 else { return nil }
            v = exponent < 0 ? v / powerOfTen(-exponent) : v * powerOfTen(exponent)
        }
        return negative ? -v : v
    }
}
