import XCTest
@testable import TrafficFeatures

final class HashingTests: XCTestCase {
    func testFNVMatchesTheDefinitionAtEveryLengthAndOffset() {
        // Every length around the optimiser's 8-byte unrolling, at offsets inside a larger buffer, with bytes
        // of every value.
        let bytes = (0..<120).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        bytes.withUnsafeBytes { all in
            for offset in [0, 1, 7, 13] {
                for length in 0...40 {
                    let slice = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + length)])
                    var expected: UInt64 = 0xcbf2_9ce4_8422_2325
                    for b in slice { expected = (expected ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
                    XCTAssertEqual(Hashing.fnv1a(slice), expected, "offset \(offset), length \(length)")
                }
            }
        }
        XCTAssertEqual(Hashing.fnv1a(UnsafeRawBufferPointer(start: nil, count: 0)), Hashing.fnvOffset)
        // The definition itself: FNV-1a 64 of "a" and of nothing.
        XCTAssertEqual(Hashing.fnv1a("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(Hashing.fnv1a(""), 0xcbf2_9ce4_8422_2325)
    }

    /// Values of the id hash's definition, computed by an independent implementation on big integers
    /// (`scripts/golden/id_hash_values.py` prints them). Features depend on these values (distinct-count
    /// sketches, the IPs and fingerprints an account offers for linking), so a change must be deliberate.
    func testIDHashKeepsItsDefinition() {
        let expected: [(String, UInt64)] = [
            ("", 0x9f48_c0e3_6949_47d3),
            ("a", 0xaa68_46ee_9ae8_52d8),
            ("abc", 0x0bfb_d36f_e5d4_3993),
            ("acct_0058098", 0x1a80_d7bf_e04e_08ec),
            ("66.33.220.132", 0x260f_19a7_f6f0_a545),
            ("req_952f14f1e8ddc491", 0x8be2_6804_680a_fcba),
            ("t13d1516h2_aa1421ff1b99", 0xe88d_1ecd_aa85_f153),
            ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
             0x2670_a017_4980_00fa),
        ]
        for (id, hash) in expected {
            XCTAssertEqual(Hashing.id(id), hash, "\(id)")
            XCTAssertEqual(Array(id.utf8).withUnsafeBytes { Hashing.id($0) }, hash, "\(id) as bytes")
        }
    }

    func testIDHashReadsOnlyItsBytes() {
        // The same bytes at several offsets, surrounded by different bytes, hash alike at every length around
        // the 4-, 8- and 16-byte cases; and bytes that differ anywhere in the id change the hash.
        let id = (0..<70).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 3) }
        for length in 0...id.count {
            var hashes: Set<UInt64> = []
            for (offset, fill) in [(0, UInt8(0)), (5, 0xFF), (16, 0x5A), (31, 0x00)] {
                var buffer = [UInt8](repeating: fill, count: offset + length + 32)
                buffer.replaceSubrange(offset..<(offset + length), with: id[0..<length])
                hashes.insert(buffer.withUnsafeBytes {
                    Hashing.id(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + length)]))
                })
            }
            XCTAssertEqual(hashes.count, 1, "length \(length)")
            for k in 0..<length {
                var changed = Array(id[0..<length])
                changed[k] ^= 0x01
                XCTAssertNotEqual(changed.withUnsafeBytes { Hashing.id($0) }, hashes.first!, "length \(length), byte \(k)")
            }
        }
        // Ids that are prefixes of one another, and runs of zero bytes, all differ.
        let zeros = (0...64).map { n in [UInt8](repeating: 0, count: n).withUnsafeBytes { Hashing.id($0) } }
        XCTAssertEqual(Set(zeros).count, zeros.count)
    }

    func testIDHashSpreadsSequentialIDs() {
        // 2^17 ids that differ only in a few digits: no collision, and the top 8 bits of the mixed hash (where
        // HyperLogLog registers, shards and duplicate-filter slots come from) are uniform (chi-square over 256
        // cells, 255 degrees of freedom: the 0.9999 quantile is ≈ 346).
        let n = 1 << 17
        var seen = Set<UInt64>(minimumCapacity: n)
        var cells = [Int](repeating: 0, count: 256)
        for i in 0..<n {
            let h = Hashing.id("acct_\(String(i + 1_000_000).dropFirst())")
            seen.insert(h)
            cells[Int(Hashing.mix(h) >> 56)] += 1
        }
        XCTAssertEqual(seen.count, n)
        let mean = Double(n) / 256
        let chi2 = cells.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) / mean }
        XCTAssertLessThan(chi2, 346)
    }
}
