import XCTest
final class PlaceholderTF: XCTestCase { func testNothingYet() {} }
