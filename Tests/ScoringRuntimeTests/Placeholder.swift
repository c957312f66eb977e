import XCTest
final class PlaceholderScoringRuntimeTests: XCTestCase { func testNothingYet() {} }
