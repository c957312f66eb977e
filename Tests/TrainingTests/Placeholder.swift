import XCTest
final class PlaceholderTR: XCTestCase { func testNothingYet() {} }
