import XCTest
@testable import TrafficFeatures

final class RFC3339Tests: XCTestCase {
    func testParsesOffsetsFractionsAndRejectsNonsense() {
        XCTAssertEqual(RFC3339.parse("1970-01-01T00:00:00Z"), 0)
        XCTAssertEqual(RFC3339.parse("2026-02-03T14:05:09Z"), 1_770_127_509)
        XCTAssertEqual(RFC3339.parse("2026-02-03T14:05:09.5Z"), 1_770_127_509.5)
        XCTAssertEqual(RFC3339.parse("2026-02-03T15:05:09+01:00"), 1_770_127_509)
        XCTAssertEqual(RFC3339.parse("2026-02-03t09:05:09-05:00"), 1_770_127_509)
        XCTAssertEqual(RFC3339.parse("2024-02-29T00:00:00Z"), 1_709_164_800)
        for bad in ["2026-02-03", "2026-02-03T14:05:09", "2026-13-03T14:05:09Z", "2025-02-29T00:00:00Z",
                    "2026-02-03T24:00:00Z", "2026-02-03T14:05:09.Z", "2026-02-03T14:05:09+0100", "2026-02-03T14:05:09Zjunk"] {
            XCTAssertNil(RFC3339.parse(bad), bad)
        }
    }

    func testFormatRoundTrips() {
        for t in [0.0, 1_770_127_509.123, 951_782_400.999, -86_400.5] {
            XCTAssertEqual(RFC3339.parse(RFC3339.format(t))!, (t * 1000).rounded(.down) / 1000, accuracy: 1e-6)
        }
        XCTAssertEqual(RFC3339.format(1_770_127_509.123), "2026-02-03T14:05:09.123Z")
    }
}
