import Foundation

/// features.bin, a compact little-endian columnar file (documented in docs/features.md):
///
///     magic "HWFT" | u32 format version (1) | u64 rows | u32 feature columns | u32 schema version
///     | schema fingerprint: u32 byte length + ASCII (`sha256:` + 64 hex digits)
///     | per feature: u32 byte length + UTF-8 name
///     | string columns account_id, campaign, cluster: per row u32 length (0xFFFFFFFF = null) + UTF-8 bytes
///     | label: rows × f64 (NaN = unlabelled)
///     | features: columns × rows × f64, column-major (NaN = missing)
extension FeatureTable {
    static let binaryMagic = Data("HWFT".utf8)
    static let binaryVersion: UInt32 = 1

    public func binary() -> Data { Data(binaryBytes()) }

    /// `binary()` as bytes, built in one buffer sized up front.
    func binaryBytes() -> [UInt8] {
        var d: [UInt8] = []
        d.reserveCapacity(64 + (schema.names.count + 3 * rowCount) * 16 + (rowCount * (columnCount + 1)) * 8)
        func u32(_ x: UInt32) { withUnsafeBytes(of: x.littleEndian) { d.append(contentsOf: $0) } }
        func u64(_ x: UInt64) { withUnsafeBytes(of: x.littleEndian) { d.append(contentsOf: $0) } }
        func str(_ s: String?) {
            guard var s else { u32(.max); return }
            s.withUTF8 { b in
                u32(UInt32(b.count))
                d.append(contentsOf: b)
            }
        }
        func f64s(_ xs: [Double]) {
            let start = d.count
            d.append(contentsOf: repeatElement(0, count: xs.count * 8))
            d.withUnsafeMutableBytes { raw in
                for (k, x) in xs.enumerated() {
                    raw.storeBytes(of: x.bitPattern.littleEndian, toByteOffset: start + k * 8, as: UInt64.self)
                }
            }
        }
        d.append(contentsOf: Self.binaryMagic)
        u32(Self.binaryVersion)
        u64(UInt64(rowCount))
        u32(UInt32(columnCount))
        u32(UInt32(schema.version))
        str(schema.fingerprint)
        for n in schema.names { str(n) }
        for r in 0..<rowCount { str(accountIDs?[r]) }
        for r in 0..<rowCount { str(campaigns[r]) }
        for r in 0..<rowCount { str(clusters[r]) }
        f64s(labels)
        f64s(columns)
        return d
    }

    static func readBinary(path: String) throws -> FeatureTable {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw TrafficError.cannotOpen(path: path, reason: error.localizedDescription)
        }
        var p = 0
        func fail(_ what: String) -> TrafficError { .malformed(file: path, line: 0, detail: "features.bin: \(what)") }
        func need(_ n: Int) throws { if n < 0 || p + n > data.count { throw fail("truncated at byte \(p)") } }
        func u32() throws -> UInt32 {
            try need(4)
            var x: UInt32 = 0
            for k in 0..<4 { x |= UInt32(data[data.startIndex + p + k]) << (8 * k) }
            p += 4
            return x
        }
        func u64() throws -> UInt64 { let lo = try u32(); let hi = try u32(); return UInt64(hi) << 32 | UInt64(lo) }
        func bytes(_ n: Int) throws -> Data {
            try need(n)
            defer { p += n }
            return data.subdata(in: (data.startIndex + p)..<(data.startIndex + p + n))
        }
        func str() throws -> String? {
            let n = try u32()
            if n == .max { return nil }
            return String(decoding: try bytes(Int(n)), as: UTF8.self)
        }
        func f64s(_ n: Int) throws -> [Double] {
            let b = try bytes(n * 8)
            return b.withUnsafeBytes { raw in
                (0..<n).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
            }
        }
        guard try bytes(4) == binaryMagic else { throw fail("not a feature table (bad magic)") }
        let version = try u32()
        guard version == binaryVersion else { throw fail("format version \(version) is not supported (expected \(binaryVersion))") }
        let rows = Int(try u64()), cols = Int(try u32())
        guard rows < 1 << 32, cols < 1 << 20 else { throw fail("implausible size \(rows)×\(cols)") }
        let schemaVersion = Int(try u32())
        guard let fingerprint = try str() else { throw fail("null schema fingerprint") }
        var names: [String] = []
        for _ in 0..<cols {
            guard let n = try str() else { throw fail("null feature name") }
            names.append(n)
        }
        let schema = FeatureSchema(version: schemaVersion, names: names)
        guard schema.fingerprint == fingerprint else {
            throw fail("schema fingerprint \(fingerprint) does not match its feature names (\(schema.fingerprint))")
        }
        var ids: [String] = [], campaigns: [String?] = [], clusters: [String?] = []
        var hasIDs = true
        for _ in 0..<rows { if let s = try str() { ids.append(s) } else { hasIDs = false } }
        for _ in 0..<rows { campaigns.append(try str()) }
        for _ in 0..<rows { clusters.append(try str()) }
        let labels = try f64s(rows)
        let columns = try f64s(rows * cols)
        guard p == data.count else { throw fail("\(data.count - p) trailing bytes") }
        return FeatureTable(schema: schema, rowCount: rows, columns: columns, accountIDs: hasIDs ? ids : nil,
                            labels: labels, campaigns: campaigns, clusters: clusters)
    }
}
