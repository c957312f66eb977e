import Foundation
import XCTest

/// Runs the package's built executables (scripts/test.sh runs `swift build` first), as a user would.
struct BuiltExecutable {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder holding the debug products, honouring a custom scratch path via HYDRAWATCH_BIN.
    static var binDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["HYDRAWATCH_BIN"] { return URL(fileURLWithPath: dir) }
        return packageRoot.appendingPathComponent(".build/debug")
    }

    let url: URL

    /// Finds `hydrawatch-<name>`, or skips the test with the command that builds it.
    init(_ name: String) throws {
        url = Self.binDirectory.appendingPathComponent("hydrawatch-\(name)")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw XCTSkip("\(url.path) is not built; run `swift build` (scripts/test.sh does) first")
        }
    }

    @discardableResult
    func run(_ arguments: [String], stdin: Data? = nil) throws -> Result {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty process cannot block on a full pipe.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self))
    }
}

/// A fresh temporary folder, removed at the end of the test.
func makeTemporaryDirectory(_ test: XCTestCase, _ name: String = #function) throws -> URL {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hydrawatch-\(safe)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
}
