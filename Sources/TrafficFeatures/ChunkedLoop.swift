import CTrafficIO
import Foundation

/// Fork-join for the end of a batch run: `run` hands out `0..<count` in chunks from a shared counter to the
/// calling thread and, with `threads ≥ 2`, one more, so a thread that starts late (the caller runs `first`
/// before joining in) simply takes fewer chunks. Each index is handled exactly once and `body` writes only to
/// the indices it is given, so the result does not depend on the number of threads.
enum ChunkedLoop {
    /// Lets a closure that only runs while `run` waits for it cross to the second thread. `run` clears it before
    /// returning: the thread object may outlive the work by a moment, and the closure must not (see
    /// `withoutActuallyEscaping`).
    private final class Handoff: @unchecked Sendable {
        var work: (() -> Void)?
        init(_ work: @escaping () -> Void) { self.work = work }
        /// A call of its own, so the reference it takes to `work` is dropped before it returns.
        func run() { work?() }
    }

    static func run(count: Int, chunk: Int, threads: Int, first: () -> Void = {}, _ body: (Range<Int>) -> Void) {
        let next = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        next.initialize(to: 0)
        defer { next.deallocate() }
        func drain() {
            while true {
                let from = hw_fetch_add(next, chunk)
                guard from < count else { return }
                body(from..<min(count, from + chunk))
            }
        }
        guard threads >= 2 else { first(); drain(); return }
        withoutActuallyEscaping(drain) { drain in
            let handoff = Handoff(drain)
            let done = DispatchSemaphore(value: 0)
            Thread {
                handoff.run()
                done.signal()
            }.start()
            first()
            drain()
            done.wait()
            handoff.work = nil
        }
    }
}
