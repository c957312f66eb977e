import HydraWatchCLI
import Foundation

/// Buffers JSON Lines and writes them to a file or standard output in large chunks.
struct ScoreLineWriter {
    let handle: FileHandle
    let path: String
    var buffer = Data()

    init(path: String) throws {
        self.path = path
        if path == "-" {
            handle = .standardOutput
        } else {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CommandFailure.cannotWrite(path, "cannot create the file")
            }
            guard let h = FileHandle(forWritingAtPath: path) else { throw CommandFailure.cannotWrite(path, "cannot open the file") }
            handle = h
        }
        buffer.reserveCapacity(1 << 16)
    }

    mutating func append(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { try flush() }
    }

    mutating func flush() throws {
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw CommandFailure.cannotWrite(path, error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
