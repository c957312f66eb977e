import CTrafficIO
import Foundation

/// Two-thread extraction of one file: both threads take part in every step, a chunk of lines at a time.
///
/// For each chunk (a buffer of complete lines, `LineChunk`):
/// 1. **parse** — both threads claim blocks of lines and parse them into `RequestDigest`s (prompt analysis and
///    the window test included), each with its own simdjson parser;
/// 2. **admit** — thread 0 reports rejected lines in file order; then each thread runs the duplicate filter of
///    its shard (request ids by hash) over the chunk in file order, so the first occurrence still wins;
/// 3. **accumulate** — each thread feeds the accounts of its shard (account ids by hash), in file order, while
///    thread 0 first reads the next chunk into the other slot.
///
/// A barrier separates parse from admit and admit from accumulate. Accumulation of one chunk flows straight into
/// parsing the next, and lines are claimed dynamically, so whichever thread finishes accumulating first parses
/// more. Every account and every request id is handled by one shard in file order, exactly as the one-thread
/// path does it, so the output is identical.
final class ChunkPipeline: @unchecked Sendable {
    /// Large enough that what is paid per chunk (two barriers, a read call) stays small, and that an account's
    /// requests in one chunk are many: accumulating loads an account's state (about 25 cache lines and its heap
    /// storage) once per chunk it appears in. On seed-scale traffic a 64 MB chunk holds ~23 requests per account
    /// in it against ~17 for 16 MB, a quarter fewer loads of account state (docs/benchmarks.md, round 7).
    static let defaultChunkBytes = 64 << 20
    /// The shortest average line the duplicate filter's reservation assumes (seed-scale lines average ~660 bytes).
    static let minReservedLineBytes = 300
    /// Lines claimed at a time in the parse step.
    static let block = 128
    static let workers = AccountShard.count

    /// Per-line state bits, set while parsing (`accepted`, `inWindow`, the two shards) and admitting (`used`).
    private enum Bit {
        static let accepted: UInt8 = 1
        static let inWindow: UInt8 = 2
        static let ownerShift: UInt8 = 2   // shard that admits the line (request id, else account)
        static let accountShift: UInt8 = 3 // shard that owns the account
        static let used: UInt8 = 16
        static let requestID: UInt8 = 32  // the request has an id (its hash is in `requestHashes`)
    }

    /// One of the two chunk buffers and everything derived from its lines.
    final class Slot: @unchecked Sendable {
        let chunk: LineChunk
        var capacity = 0
        var digests: UnsafeMutablePointer<RequestDigest>
        var state: UnsafeMutablePointer<UInt8>
        /// Each line's request-id hash, apart from its digest: the duplicate filter reads only these (8 bytes a
        /// line, in order) instead of a cache line of every digest.
        var requestHashes: UnsafeMutablePointer<UInt64>
        /// Each line's account: its hash and where its id was copied, so interning reads no digest.
        var idRefs: UnsafeMutablePointer<IDRef>
        /// What each worker appends while parsing, apart so the two never write to one array.
        let perWorker: [Output]
        /// Next line to claim in the parse step (`hw_fetch_add`).
        let next: UnsafeMutablePointer<Int>

        struct IDRef {
            var accountHash: UInt64
            /// Worker, offset and length in that worker's `ids`.
            var owner: Int32, offset: Int32, length: Int32
        }

        final class Output: @unchecked Sendable {
            /// Account-id bytes (simdjson unescapes strings into its own buffer, reused for every line).
            var ids: [UInt8] = []
            /// Rejected lines: (line index in the chunk, issue).
            var issues: [(Int, InputIssue)] = []
        }

        init(chunkBytes: Int) {
            chunk = LineChunk(capacity: chunkBytes)
            digests = .allocate(capacity: 1)
            state = .allocate(capacity: 1)
            requestHashes = .allocate(capacity: 1)
            idRefs = .allocate(capacity: 1)
            perWorker = (0..<ChunkPipeline.workers).map { _ in Output() }
            next = .allocate(capacity: 1)
        }

        deinit {
            digests.deallocate()
            state.deallocate()
            requestHashes.deallocate()
            idRefs.deallocate()
            next.deallocate()
        }

        /// Readies the slot for the lines now in `chunk` (only between steps: no thread is using it).
        func reset() {
            let n = chunk.lines.count
            if n > capacity {
                digests.deallocate(); state.deallocate(); requestHashes.deallocate(); idRefs.deallocate()
                capacity = max(n, 2 * capacity)
                digests = .allocate(capacity: capacity)
                state = .allocate(capacity: capacity)
                requestHashes = .allocate(capacity: capacity)
                idRefs = .allocate(capacity: capacity)
            }
            for o in perWorker { o.ids.removeAll(keepingCapacity: true); o.issues.removeAll() }
            next.pointee = 0
        }
    }

    struct Counts { var duplicates = 0, outsideWindow = 0, used = 0 }

    /// One thread's own parser and tallies.
    final class Worker: @unchecked Sendable {
        let parser: LineParser
        var counts = Counts()
        var accepted = 0
        /// Scratch for `accumulate`: the chunk's lines this worker accumulates and their account indices.
        var lines: [Int32] = []
        var accounts: [Int32] = []
        /// Scratch for `groupByAccount`: the other half of each radix pass, and the digit counts.
        private var spareLines: [Int32] = []
        private var spareAccounts: [Int32] = []
        private var digitCounts = [Int](repeating: 0, count: 1 << Worker.digitBits)
        private static let digitBits = 11

        init(maxLineBytes: Int) throws { parser = try LineParser(maxLineBytes: maxLineBytes) }

        /// Reorders `lines` and `accounts` so that each account's requests are adjacent, in file order within the
        /// account: a stable LSD radix sort on the account index, 11 bits a pass (one or two passes for up to 4M
        /// accounts a shard).
        func groupByAccount() {
            let n = lines.count
            guard n > 1 else { return }
            let top = accounts.max()!
            // The spare halves get exactly n entries (their storage is kept), so all four arrays have n entries
            // whichever way the passes leave them swapped.
            func reset(_ spare: inout [Int32]) {
                spare.removeAll(keepingCapacity: true)
                spare.append(contentsOf: repeatElement(0, count: n))
            }
            reset(&spareLines)
            reset(&spareAccounts)
            let mask = Int32(1 << Self.digitBits - 1)
            var shift: Int32 = 0
            repeat {
                digitCounts.withUnsafeMutableBufferPointer { counts in
                    counts.update(repeating: 0)
                    accounts.withUnsafeBufferPointer { acc in
                        for j in 0..<n { counts[Int((acc[j] >> shift) & mask)] += 1 }
                    }
                    var start = 0
                    for d in counts.indices { (counts[d], start) = (start, start + counts[d]) }
                    lines.withUnsafeBufferPointer { fromLines in
                        accounts.withUnsafeBufferPointer { fromAccounts in
                            spareLines.withUnsafeMutableBufferPointer { toLines in
                                spareAccounts.withUnsafeMutableBufferPointer { toAccounts in
                                    for j in 0..<n {
                                        let a = fromAccounts[j]
                                        let d = Int((a >> shift) & mask)
                                        let at = counts[d]
                                        counts[d] = at + 1
                                        toLines[at] = fromLines[j]
                                        toAccounts[at] = a
                                    }
                                }
                            }
                        }
                    }
                }
                swap(&lines, &spareLines)
                swap(&accounts, &spareAccounts)
                shift += Int32(Self.digitBits)
            } while top >> shift != 0
        }
    }

    private let shards: [AccountShard]
    private let context: FeatureContext
    private let reader: TrafficReader
    private let slots: [Slot]
    private let workers: [Worker]

    // Shared between the threads, under `condition`.
    private let condition = NSCondition()
    private var arrived = 0, generation = 0
    /// Chunks read so far; `readEnded` once no more will come (end of input or a failure).
    private var chunksRead = 0
    private var readEnded = false
    private var failure: Error?

    init(shards: [AccountShard], context: FeatureContext, reader: TrafficReader, chunkBytes: Int) throws {
        let bytes = max(chunkBytes, 2 * reader.options.maxLineBytes + Int(HW_JSON_PADDING))
        self.shards = shards
        self.context = context
        self.reader = reader
        slots = [Slot(chunkBytes: bytes), Slot(chunkBytes: bytes)]
        workers = try (0..<Self.workers).map { _ in try Worker(maxLineBytes: reader.options.maxLineBytes) }
    }

    /// Reads `path` to the end; returns the admission counts. Rejections go through `reader` (stats, `onIssue`,
    /// the rejects file, `strict` / `maxErrors`), in file order.
    func run(path: String, progress: ((Int) -> Void)?) throws -> Counts {
        let lines = try LineReader(path: path)
        let file = path == "-" ? "<stdin>" : path
        var totalLines = 0
        try lines.fill(slots[0].chunk, after: nil, maxLineBytes: reader.options.maxLineBytes)
        slots[0].reset()
        totalLines += slots[0].chunk.lines.count
        chunksRead = 1
        if lines.exhausted { readEnded = true }
        reserveDuplicateFilter(lines)

        let done = DispatchSemaphore(value: 0)
        let second = Thread { [self] in
            work(1, file: file, readNext: nil)
            done.signal()
        }
        second.stackSize = 8 << 20
        second.start()
        var nextProgress = 0x10000
        work(0, file: file, readNext: { [self] n in
            // Chunk n goes into the slot chunk n - 2 used; chunk n - 1's last line is carried over.
            let slot = slots[n & 1]
            try lines.fill(slot.chunk, after: slots[(n - 1) & 1].chunk, maxLineBytes: reader.options.maxLineBytes)
            slot.reset()
            totalLines += slot.chunk.lines.count
            while totalLines >= nextProgress { progress?(nextProgress); nextProgress += 0x10000 }
            return lines.exhausted
        })
        done.wait()
        reader.flushRejects()

        reader.count(lines: totalLines, accepted: workers.reduce(0) { $0 + $1.accepted }, bytes: lines.bytesRead)
        if let failure { throw failure }
        return workers.reduce(into: Counts()) {
            $0.duplicates += $1.counts.duplicates; $0.outsideWindow += $1.counts.outsideWindow; $0.used += $1.counts.used
        }
    }

    /// Sizes each shard's duplicate filter once for the whole file, from the size of a regular file and the lines
    /// per byte of its first chunk, instead of letting the tables double their way up (at seed scale the copies
    /// and the fresh pages each doubling touches cost about a tenth of the run). Ids split evenly between shards
    /// by hash. The estimate counts at most one line per `minReservedLineBytes`, so a first chunk of unusually
    /// short lines cannot reserve a table many times larger than the file needs (the slots are spread over all
    /// of it, so an oversized table ends up resident); files of shorter lines, and streams of unknown length,
    /// grow the tables as they go.
    private func reserveDuplicateFilter(_ lines: LineReader) {
        guard let size = lines.knownSize, lines.bytesRead > 0 else { return }
        let expected = min(Double(size) * Double(slots[0].chunk.lines.count) / Double(lines.bytesRead),
                           Double(size / Self.minReservedLineBytes))
        for shard in shards {
            shard.seenRequests.reserve(shard.seenRequests.count + Int(expected) / AccountShard.count)
        }
    }

    /// One thread's loop over the chunks. Thread 0 also reports rejections and reads ahead (`readNext(n)` reads
    /// chunk n and returns whether the input is exhausted).
    private func work(_ w: Int, file: String, readNext: ((Int) throws -> Bool)?) {
        var n = 0
        while true {
            guard waitForChunk(n) else { return }
            let slot = slots[n & 1]
            parse(slot, worker: w, file: file)
            barrier()
            if w == 0 { report(slot) }
            admit(slot, worker: w)
            barrier()
            condition.lock()
            let stop = failure != nil
            condition.unlock()
            if stop { return }
            if let readNext { read(n + 1, readNext) }
            accumulate(slot, worker: w)
            n += 1
        }
    }

    /// Waits until chunk n is read; false when there is none (end of input or a failure).
    private func waitForChunk(_ n: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunksRead <= n && !readEnded { condition.wait() }
        return chunksRead > n && failure == nil
    }

    private func read(_ n: Int, _ readNext: (Int) throws -> Bool) {
        condition.lock()
        let ended = readEnded
        condition.unlock()
        if ended { return }
        var exhausted = false
        var error: Error?
        do { exhausted = try readNext(n) } catch let e { error = e }
        condition.lock()
        if let error { failure = error; readEnded = true } else {
            chunksRead = n + 1
            if exhausted { readEnded = true }
        }
        condition.broadcast()
        condition.unlock()
    }

    private func barrier() {
        condition.lock()
        let g = generation
        arrived += 1
        if arrived == Self.workers {
            arrived = 0
            generation += 1
            condition.broadcast()
        } else {
            while generation == g { condition.wait() }
        }
        condition.unlock()
    }

    /// Step 1: parse claimed blocks of lines into digests.
    private func parse(_ slot: Slot, worker w: Int, file: String) {
        let chunk = slot.chunk
        let count = chunk.lines.count
        let parser = workers[w].parser
        let out = slot.perWorker[w]
        let window = context.window
        var accepted = 0
        while true {
            let from = hw_fetch_add(slot.next, Self.block)
            if from >= count { break }
            for k in from..<min(count, from + Self.block) {
                let line = chunk.lines[k]
                slot.state[k] = 0
                if line.count < 0 {
                    out.issues.append((k, reader.tooLongIssue(file: file, line: line.number)))
                    continue
                }
                if let issue = parser.parse(line: chunk.bytes(line), readable: chunk.readable(line),
                                            lineNumber: line.number, file: file) {
                    out.issues.append((k, issue))
                    continue
                }
                accepted += 1
                parser.withRecord(line: line.number) { r in
                    var d = RequestDigest(r, analyzePrompt: false)
                    var state = Bit.accepted
                    if window.contains(d.timestamp) {
                        state |= Bit.inWindow
                        if r.has(.prompt) { d.analyzePrompt(r.bytes(.prompt)) }
                    }
                    let accountShard = UInt8(AccountShard.of(d.accountHash))
                    var owner = accountShard
                    if d.flags.contains(.requestID) {
                        owner = UInt8(AccountShard.of(d.requestIDHash))
                        state |= Bit.requestID
                        slot.requestHashes[k] = d.requestIDHash
                    }
                    state |= owner << Bit.ownerShift | accountShard << Bit.accountShift
                    slot.state[k] = state
                    let id = r.bytes(.accountID)
                    slot.idRefs[k] = Slot.IDRef(accountHash: d.accountHash, owner: Int32(w),
                                                offset: Int32(out.ids.count), length: Int32(id.count))
                    out.ids.append(contentsOf: id)
                    (slot.digests + k).initialize(to: d)
                }
            }
        }
        workers[w].accepted += accepted
    }

    /// Thread 0, step 2: rejections in file order (may stop the run under `strict` / `maxErrors`).
    private func report(_ slot: Slot) {
        guard slot.perWorker.contains(where: { !$0.issues.isEmpty }) else { return }
        let issues = slot.perWorker.flatMap(\.issues).sorted { $0.0 < $1.0 }
        let chunk = slot.chunk
        do {
            for (k, issue) in issues {
                let line = chunk.lines[k]
                try reader.reject(issue, raw: line.count < 0 ? nil : chunk.bytes(line))
            }
        } catch {
            condition.lock(); failure = error; readEnded = true; condition.unlock()
        }
    }

    /// Step 2: the duplicate filter and the window for the lines this worker's shard admits, in file order.
    private func admit(_ slot: Slot, worker w: Int) {
        let count = slot.chunk.lines.count
        let seen = shards[w]
        let mine = UInt8(w) << Bit.ownerShift
        let ownerMask = UInt8(1) << Bit.ownerShift
        var c = workers[w].counts
        let ahead = 16
        for k in 0..<count {
            let s = slot.state[k]
            if k + ahead < count {
                let t = slot.state[k + ahead]
                if t & Bit.accepted != 0, t & ownerMask == mine, t & Bit.requestID != 0 {
                    seen.seenRequests.prefetch(slot.requestHashes[k + ahead])
                }
            }
            guard s & Bit.accepted != 0, s & ownerMask == mine else { continue }
            if s & Bit.requestID != 0, !seen.seenRequests.insert(slot.requestHashes[k]) { c.duplicates += 1; continue }
            guard s & Bit.inWindow != 0 else { c.outsideWindow += 1; continue }
            c.used += 1
            slot.state[k] = s | Bit.used
        }
        workers[w].counts = c
    }

    /// Step 3: feed this worker's accounts, each in file order. Accounts are interned first, and the chunk's
    /// requests are grouped by account (a chunk of seed-scale traffic holds ~17 requests per active account), so
    /// an account's state is loaded once per chunk and stays in the cache for its other requests; per-account state
    /// is far larger than the caches, and its misses were the largest cost of accumulating. Each account still
    /// sees its requests in file order, so its state is exactly what the one-thread path builds. The
    /// accumulators are prefetched a few requests ahead.
    private func accumulate(_ slot: Slot, worker w: Int) {
        let count = slot.chunk.lines.count
        let shard = shards[w]
        let work = workers[w]
        let want = Bit.used | UInt8(w) << Bit.accountShift
        let mask = Bit.used | UInt8(1) << Bit.accountShift
        work.lines.removeAll(keepingCapacity: true)
        work.accounts.removeAll(keepingCapacity: true)
        for k in 0..<count where slot.state[k] & mask == want {
            let ref = slot.idRefs[k]
            let range = Int(ref.offset)..<Int(ref.offset + ref.length)
            let account = slot.perWorker[Int(ref.owner)].ids.withUnsafeBytes { ids in
                shard.intern(ref.accountHash, accountID: UnsafeRawBufferPointer(rebasing: ids[range]))
            }
            work.lines.append(Int32(k))
            work.accounts.append(account)
        }
        work.groupByAccount()
        let n = work.lines.count
        // Three stages: first the accumulator (but its histogram bins) and the digest; once those have arrived,
        // the bin and the heap storage the accumulator will update for that digest, header first, then contents.
        // The accumulator and its heap storage only where the account changes: the account's earlier requests in
        // the group have just loaded them.
        let ahead = 8, headerAhead = 4, contentsAhead = 2
        let (front, back) = AccountAccumulator.prefetchBytes
        let digestStride = MemoryLayout<RequestDigest>.stride
        shard.accumulators.withUnsafeMutableBufferPointer { accs in
            work.lines.withUnsafeBufferPointer { lines in
                work.accounts.withUnsafeBufferPointer { accounts in
                    for j in 0..<n {
                        if j + ahead < n {
                            if accounts[j + ahead] != accounts[j + ahead - 1] {
                                let acc = UnsafeRawPointer(accs.baseAddress! + Int(accounts[j + ahead]))
                                hw_prefetch_range(acc + front.lowerBound, front.count)
                                hw_prefetch_range(acc + back.lowerBound, back.count)
                            }
                            hw_prefetch_range(slot.digests + Int(lines[j + ahead]), digestStride)
                        }
                        if j + headerAhead < n {
                            let a = Int(accounts[j + headerAhead]), k = Int(lines[j + headerAhead])
                            let bin = AccountAccumulator.binOffset(outputTokens: slot.digests[k].outputTokens)
                            hw_prefetch(UnsafeRawPointer(accs.baseAddress! + a) + bin)
                            if accounts[j + headerAhead] != accounts[j + headerAhead - 1] {
                                accs[a].prefetchStorage(for: slot.digests[k], .header)
                            }
                        }
                        if j + contentsAhead < n, accounts[j + contentsAhead] != accounts[j + contentsAhead - 1] {
                            let a = Int(accounts[j + contentsAhead]), k = Int(lines[j + contentsAhead])
                            accs[a].prefetchStorage(for: slot.digests[k], .contents)
                        }
                        accs[Int(accounts[j])].add(slot.digests[Int(lines[j])], context: context)
                    }
                }
            }
        }
    }
}
