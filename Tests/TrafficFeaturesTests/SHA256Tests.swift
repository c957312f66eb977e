import XCTest
@testable import TrafficFeatures

/// FIPS 180-4 example vectors.
final class SHA256Tests: XCTestCase {
    func testKnownVectors() {
        XCTAssertEqual(SHA256.hexDigest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hexDigest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hexDigest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testStreamingInUnevenPiecesEqualsOneShot() {
        let text = String(repeating: "a", count: 1_000_000)
        var h = SHA256()
        let bytes = Array(text.utf8)
        var i = 0, step = 1
        while i < bytes.count {
            let j = min(bytes.count, i + step)
            bytes[i..<j].withUnsafeBytes { h.update($0) }
            i = j
            step = step * 3 % 197 + 1
        }
        XCTAssertEqual(SHA256.hex(h.finalize()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
