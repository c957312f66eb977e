import Foundation

/// A bounded FIFO between the reading thread and the accumulating thread. FIFO order is what keeps the
/// two-thread extraction byte-identical to the one-thread one: records reach the accumulators in file order.
final class DigestChannel: @unchecked Sendable {
    /// A run of consecutive requests with their account-id bytes (`ids[idOffsets[k]..<idOffsets[k+1]]`) and the
    /// prompt prefixes still to analyse (`prompts[promptOffsets[k]..<promptOffsets[k+1]]`, empty when none).
    /// `admitted` lists the requests kept after deduplication and windowing, `accounts` their account indices.
    final class Batch: @unchecked Sendable {
        var digests: [RequestDigest] = []
        var ids: [UInt8] = []
        var idOffsets: [Int] = [0]
        var admitted: [Int32] = []
        var accounts: [Int32] = []
        var prompts: [UInt8] = []
        var promptOffsets: [Int] = [0]
        /// Whether the prompt signals are already in `digests` (see `FeatureExtractor.consume`).
        var promptsAnalyzed = false

        /// Fills the prompt signals of every admitted digest that carries a prompt. A pure function of the
        /// bytes, so it gives the same digests whichever thread runs it.
        func analyzePrompts() {
            prompts.withUnsafeBytes { all in
                for a in admitted {
                    let k = Int(a)
                    guard digests[k].flags.contains(.prompt) else { continue }
                    digests[k].analyzePrompt(UnsafeRawBufferPointer(rebasing: all[promptOffsets[k]..<promptOffsets[k + 1]]))
                }
            }
            promptsAnalyzed = true
        }

        init(capacity: Int) {
            digests.reserveCapacity(capacity)
            ids.reserveCapacity(capacity * 16)
            idOffsets.reserveCapacity(capacity + 1)
            admitted.reserveCapacity(capacity)
            accounts.reserveCapacity(capacity)
            prompts.reserveCapacity(capacity * 128)
            promptOffsets.reserveCapacity(capacity + 1)
        }
    }

    private let condition = NSCondition()
    private var items: [Batch] = []
    private var closed = false
    private let capacity: Int
    /// Set by the producer before `close()` when reading failed.
    private(set) var failure: Error?

    init(capacity: Int) { self.capacity = capacity }

    /// Batches waiting for the consumer: a full channel means the consumer is the slower side.
    var backlog: Int {
        condition.lock()
        defer { condition.unlock() }
        return items.count
    }

    func put(_ b: Batch) {
        condition.lock()
        while items.count >= capacity { condition.wait() }
        items.append(b)
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, or nil once the channel is closed and drained.
    func take() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        if items.isEmpty { return nil }
        let b = items.removeFirst()
        condition.broadcast()
        return b
    }

    func close(failure: Error?) {
        condition.lock()
        self.failure = failure
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
