#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Diagnostics and progress go to stderr; machine-readable output goes to stdout or files.
public enum Diagnostics {
    /// True when stderr is a terminal: only then do long commands draw progress lines.
    public static let stderrIsTerminal: Bool = isatty(2) != 0

    public static func error(_ line: String) {
        write(line + "\n")
    }

    public static func note(_ line: String) {
        write(line + "\n")
    }

    static func write(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            _ = fwrite(buf.baseAddress, 1, buf.count, stderr)
        }
        fflush(stderr)
    }
}

/// A throttled progress line on stderr (carriage-return redrawn), shown only on a terminal.
public final class Progress: @unchecked Sendable {
    private let label: String
    private let total: Double?
    private var lastDraw: Double = 0
    private let enabled: Bool
    private var drew = false

    public init(_ label: String, total: Double? = nil, enabled: Bool = Diagnostics.stderrIsTerminal) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    /// Reports `done` units (e.g. bytes or rows); redraws at most 5 times a second.
    public func update(_ done: Double, unit: String = "") {
        guard enabled else { return }
        let now = Progress.monotonicSeconds()
        guard now - lastDraw >= 0.2 else { return }
        lastDraw = now
        drew = true
        if let total, total > 0 {
            let pct = min(100, 100 * done / total)
            Diagnostics.write("\r\(label): \(Int(pct))%   ")
        } else {
            Diagnostics.write("\r\(label): \(Int(done)) \(unit)   ")
        }
    }

    public func finish() {
        if enabled && drew { Diagnostics.write("\r\u{1B}[K") }
    }

    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
