import Dispatch
import Foundation

/// Runs independent work items on a fixed number of threads.
///
/// Determinism: each work item writes only its own output (one feature's histogram, one row chunk), and any
/// reduction over items is done afterwards in item order, so results never depend on the thread count or on
/// which thread ran which item. Items are handed out dynamically (a locked counter) so that a core stolen by
/// another process slows the run down but does not leave the other thread idle.
struct GBDTParallel: Sendable {
    let threads: Int

    init(threads: Int) {
        self.threads = threads > 0 ? threads : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Calls `body(i)` for every `i` in `0..<count`, possibly concurrently.
    func forEach(_ count: Int, _ body: (Int) -> Void) {
        if threads <= 1 || count <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        let counter = WorkCounter()
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
                while true {
                    let i = counter.next()
                    if i >= count { break }
                    body(i)
                }
            }
        }
    }

    /// Row chunk size used for element-wise passes and ordered reductions over rows.
    /// Fixed (not derived from the thread count) so partial sums are the same for any number of threads.
    static let rowChunk = 1 << 16

    /// Sums `partial(range)` over fixed row chunks of `0..<rows`, reduced in chunk order.
    func sumOverRows(_ rows: Int, _ partial: (Range<Int>) -> Double) -> Double {
        let chunks = (rows + Self.rowChunk - 1) / Self.rowChunk
        var sums = [Double](repeating: 0, count: chunks)
        sums.withUnsafeMutableBufferPointer { out in
            let out = out
            forEach(chunks) { c in
                let lo = c * Self.rowChunk
                out[c] = partial(lo..<min(rows, lo + Self.rowChunk))
            }
        }
        return sums.reduce(0, +)
    }

    /// Calls `body(range)` over fixed row chunks of `0..<rows`.
    func forEachRowChunk(_ rows: Int, _ body: (Range<Int>) -> Void) {
        let chunks = (rows + Self.rowChunk - 1) / Self.rowChunk
        forEach(chunks) { c in
            let lo = c * Self.rowChunk
            body(lo..<min(rows, lo + Self.rowChunk))
        }
    }
}

/// A shared work-item counter (a lock is plenty at one acquisition per feature or row chunk).
private final class WorkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        let v = value
        value += 1
        return v
    }
}
