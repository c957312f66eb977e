import XCTest
@testable import Simulation

final class TimestampTests: XCTestCase {
    func testFormatsKnownInstants() {
        XCTAssertEqual(Timestamp.format(millis: 0), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(Timestamp.format(millis: SimulationConfig.defaultStartMillis), "2026-01-05T00:00:00.000Z")
        XCTAssertEqual(Timestamp.format(millis: 1_772_118_309_123), "2026-02-26T15:05:09.123Z")
        XCTAssertEqual(Timestamp.format(millis: 951_782_400_000), "2000-02-29T00:00:00.000Z")
    }

    func testParseRoundTripsAcrossYears() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<2_000 {
            let ms = Int64(rng.below(2_000_000_000)) * 1_000 + Int64(rng.below(1_000))
            XCTAssertEqual(Timestamp.parse(Timestamp.format(millis: ms)), ms)
        }
        XCTAssertEqual(Timestamp.parse("2026-01-05"), SimulationConfig.defaultStartMillis)
        XCTAssertEqual(Timestamp.parse("2026-01-05T00:00:00Z"), SimulationConfig.defaultStartMillis)
        XCTAssertNil(Timestamp.parse("2026-13-05"))
        XCTAssertNil(Timestamp.parse("2026-01-05T00:00:00+02:00"))
        XCTAssertNil(Timestamp.parse("yesterday"))
    }
}
