import CTrafficIO
import Foundation

/// Two-thread extraction of one file: both threads take part in every step, a chunk of input at a time.
///
/// For each chunk:
/// 1. **parse** — both threads claim pieces of the chunk and parse their lines into `RequestDigest`s (prompt
///    analysis and the window test included), each with its own simdjson parser, appending to arrays of their
///    own. A regular file is read piece by piece (`pieceBytes`) by the thread that parses the piece, into a buffer
///    of its own, so the lines are parsed while the bytes the kernel just copied are still in that core's cache
///    (reading the whole chunk first left every line to come back from memory, three passes over it in all);
///    other input (gzip, pipes) is read a chunk at a time by thread 0 and its pieces are blocks of lines;
/// 2. **admit** — thread 0 reports rejected lines in file order; then each thread runs the duplicate filter of
///    its shard (request ids by hash) over the chunk's lines in file order, so the first occurrence still wins;
/// 3. **accumulate** — each thread feeds the accounts of its shard (account ids by hash), in file order.
///
/// A barrier separates parse from admit and admit from accumulate. Accumulation of one chunk flows straight into
/// parsing the next, and pieces are claimed dynamically, so whichever thread finishes accumulating first parses
/// more. The pieces of a chunk are in file order, and each piece's lines in order, so every account and every
/// request id is handled by one shard in file order, exactly as the one-thread path does it: the output is
/// identical.
final class ChunkPipeline: @unchecked Sendable {
    /// Bytes of input per chunk. Large, so that what is paid per chunk (two barriers) stays small and an account's
    /// requests in one chunk are many: accumulating loads an account's state (about 25 cache lines and its heap
    /// storage) once per chunk it appears in. On seed-scale traffic a 128 MB chunk holds ~29 requests per account
    /// in it, against ~23 for 64 MB and ~17 for 16 MB. A regular file's chunk costs no buffer of its size (its
    /// pieces are read into small buffers), only its lines' digests, ~50 MB at seed scale (docs/benchmarks.md,
    /// round 8); streamed input is read into two buffers of `maxStreamChunkBytes` at most.
    static let defaultChunkBytes = 128 << 20
    /// The largest chunk of streamed input (gzip, pipes), which thread 0 reads into a buffer of its size.
    static let maxStreamChunkBytes = 64 << 20
    /// Bytes of a regular file a thread reads and parses at a time: small enough to stay in a core's cache
    /// between the read and the parse. Smaller chunks (tests) get pieces of a sixteenth of a chunk.
    static let maxPieceBytes = 512 << 10
    /// The shortest average line the duplicate filter's reservation assumes (seed-scale lines average ~660 bytes).
    static let minReservedLineBytes = 300
    /// Lines of a chunk read by thread 0 (streamed input) claimed at a time in the parse step.
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

    /// A piece's lines: `count` entries of worker `worker`'s output from `first`, in file order.
    struct Piece {
        var worker: Int32 = 0
        var first: Int32 = 0
        var count: Int32 = 0
    }

    /// One of the two chunks in flight and everything derived from its lines.
    final class Slot: @unchecked Sendable {
        /// Streamed input only: the chunk's lines, read by thread 0.
        let chunk: LineChunk?
        /// A regular file: the chunk's byte range, cut into pieces of `pieceBytes`.
        var range = 0..<0
        var pieceCount = 0
        /// Filled in by whichever worker parses each piece.
        private(set) var pieces: UnsafeMutablePointer<Piece>
        private var pieceCapacity = 0
        /// What each worker appends while parsing, apart so the two never write to one array.
        let perWorker: [Output]
        /// Next piece to claim in the parse step (`hw_fetch_add`).
        let next: UnsafeMutablePointer<Int>

        init(chunkBytes: Int?) {
            chunk = chunkBytes.map { LineChunk(capacity: $0) }
            pieces = .allocate(capacity: 1)
            perWorker = (0..<ChunkPipeline.workers).map { _ in Output() }
            next = .allocate(capacity: 1)
        }

        deinit {
            pieces.deallocate()
            next.deallocate()
        }

        /// Readies the slot for `count` pieces (only between steps: no thread is using it).
        func reset(pieces count: Int) {
            if count > pieceCapacity {
                pieces.deallocate()
                pieceCapacity = max(count, 2 * pieceCapacity)
                pieces = .allocate(capacity: pieceCapacity)
            }
            pieces.initialize(repeating: Piece(), count: count)
            pieceCount = count
            for o in perWorker { o.reset() }
            next.pointee = 0
        }
    }

    /// One worker's lines of one chunk, in the order it parsed them (piece by piece).
    final class Output: @unchecked Sendable {
        private(set) var count = 0
        private var capacity = 0
        var digests: UnsafeMutablePointer<RequestDigest> = .allocate(capacity: 1)
        var state: UnsafeMutablePointer<UInt8> = .allocate(capacity: 1)
        /// Each line's request-id hash, apart from its digest: the duplicate filter reads only these (8 bytes a
        /// line, in order) instead of a cache line of every digest.
        var requestHashes: UnsafeMutablePointer<UInt64> = .allocate(capacity: 1)
        /// Each line's account: its hash and where its id was copied in `ids`, so interning reads no digest.
        var idRefs: UnsafeMutablePointer<IDRef> = .allocate(capacity: 1)
        /// Account-id bytes (simdjson unescapes strings into its own buffer, reused for every line).
        var ids: [UInt8] = []
        /// Rejected lines: piece, index in the piece, issue (its line number is set when reported) and the line's
        /// bytes in `rejected` (nil for a line too long to keep): a piece's buffer is reused for the next piece.
        var issues: [(piece: Int32, index: Int32, issue: InputIssue, raw: Range<Int>?)] = []
        var rejected: [UInt8] = []

        struct IDRef {
            var accountHash: UInt64
            var offset: Int32, length: Int32
        }

        deinit {
            digests.deallocate(); state.deallocate(); requestHashes.deallocate(); idRefs.deallocate()
        }

        func reset() {
            count = 0
            ids.removeAll(keepingCapacity: true)
            if !issues.isEmpty { issues.removeAll() }
            if !rejected.isEmpty { rejected.removeAll() }
        }

        /// Adds a line (its state 0: rejected until parsed) and returns its index.
        @inline(__always) func appendLine() -> Int {
            if count == capacity { grow() }
            state[count] = 0
            count += 1
            return count - 1
        }

        private func grow() {
            let c = max(1024, 2 * capacity)
            func moved<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
                let q = UnsafeMutablePointer<T>.allocate(capacity: c)
                q.moveInitialize(from: p, count: count)
                p.deallocate()
                return q
            }
            digests = moved(digests)
            state = moved(state)
            requestHashes = moved(requestHashes)
            idRefs = moved(idRefs)
            capacity = c
        }
    }

    struct Counts { var duplicates = 0, outsideWindow = 0, used = 0 }

    /// One thread's own parser, piece buffer and tallies.
    final class Worker: @unchecked Sendable {
        let parser: LineParser
        /// A regular file's pieces are read here (`LineReader.forEachLine(startingIn:...)`).
        let pieceBuffer: UnsafeMutableRawPointer?
        var counts = Counts()
        var accepted = 0
        /// Scratch for `accumulate`: the chunk's lines this worker accumulates (`ref`) and their account indices.
        var lines: [Int32] = []
        var accounts: [Int32] = []
        /// Scratch for `groupByAccount`: the other half of each radix pass, and the digit counts.
        private var spareLines: [Int32] = []
        private var spareAccounts: [Int32] = []
        private var digitCounts = [Int](repeating: 0, count: 1 << Worker.digitBits)
        private static let digitBits = 11

        init(maxLineBytes: Int, pieceBufferBytes: Int? = nil) throws {
            parser = try LineParser(maxLineBytes: maxLineBytes)
            pieceBuffer = pieceBufferBytes.map { UnsafeMutableRawPointer.allocate(byteCount: $0, alignment: 64) }
        }

        deinit { pieceBuffer?.deallocate() }

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
    private let chunkBytes: Int
    private let pieceBytes: Int
    private var slots: [Slot] = []
    private var workers: [Worker] = []
    private var input: LineReader!

    // Shared between the threads, under `condition`.
    private let condition = NSCondition()
    private var arrived = 0, generation = 0
    /// Chunks ready so far; `readEnded` once no more will come (end of input or a failure).
    private var chunksRead = 0
    private var readEnded = false
    private var failure: Error?
    /// Set only while parsing (a read failure): checked by both threads right after the parse step's barrier.
    private var parseFailed = false

    // Thread 0's: lines before the chunk being reported, and the next progress report.
    private var linesSoFar = 0
    private var nextProgress = 0x10000
    private var progress: ((Int) -> Void)?

    init(shards: [AccountShard], context: FeatureContext, reader: TrafficReader, chunkBytes: Int) throws {
        self.shards = shards
        self.context = context
        self.reader = reader
        self.chunkBytes = chunkBytes
        pieceBytes = min(Self.maxPieceBytes, max(1024, chunkBytes / 16))
    }

    /// Reads `path` to the end; returns the admission counts. Rejections go through `reader` (stats, `onIssue`,
    /// the rejects file, `strict` / `maxErrors`), in file order.
    func run(path: String, progress: ((Int) -> Void)?) throws -> Counts {
        let lines = try LineReader(path: path)
        input = lines
        self.progress = progress
        let file = path == "-" ? "<stdin>" : path
        let maxLine = reader.options.maxLineBytes
        let isFile = lines.knownSize != nil
        let streamChunk = isFile ? nil
            : max(min(chunkBytes, Self.maxStreamChunkBytes), 2 * maxLine + Int(HW_JSON_PADDING))
        slots = [Slot(chunkBytes: streamChunk), Slot(chunkBytes: streamChunk)]
        let buffer = isFile ? LineReader.pieceBufferBytes(pieceBytes: pieceBytes, maxLineBytes: maxLine) : nil
        workers = try (0..<Self.workers).map { _ in try Worker(maxLineBytes: maxLine, pieceBufferBytes: buffer) }
        reserveDuplicateFilter(lines)
        let exhausted = try prepare(0)
        chunksRead = 1
        if exhausted { readEnded = true }

        let done = DispatchSemaphore(value: 0)
        let second = Thread { [self] in
            work(1, file: file, readNext: nil)
            done.signal()
        }
        second.stackSize = 8 << 20
        second.start()
        work(0, file: file, readNext: { [self] n in try prepare(n) })
        done.wait()
        reader.flushRejects()

        let bytes = lines.knownSize ?? lines.bytesRead
        reader.count(lines: linesSoFar, accepted: workers.reduce(0) { $0 + $1.accepted }, bytes: bytes)
        if let failure { throw failure }
        return workers.reduce(into: Counts()) {
            $0.duplicates += $1.counts.duplicates; $0.outsideWindow += $1.counts.outsideWindow; $0.used += $1.counts.used
        }
    }

    /// Readies chunk n in its slot (the one chunk n - 2 used): a regular file's next byte range, cut into pieces,
    /// or the next chunk of streamed lines, read here, chunk n - 1's last line carried over. Returns whether the
    /// input is exhausted after it.
    private func prepare(_ n: Int) throws -> Bool {
        let slot = slots[n & 1]
        if let size = input.knownSize {
            let from = n * chunkBytes
            slot.range = from..<min(size, from + chunkBytes)
            slot.reset(pieces: (slot.range.count + pieceBytes - 1) / pieceBytes)
            return slot.range.upperBound == size
        }
        let chunk = slot.chunk!
        try input.fill(chunk, after: n > 0 ? slots[(n - 1) & 1].chunk : nil, maxLineBytes: reader.options.maxLineBytes)
        slot.reset(pieces: (chunk.lines.count + Self.block - 1) / Self.block)
        return input.exhausted
    }

    /// Sizes each shard's duplicate filter once for the whole file, from the size of a regular file and the lines
    /// per byte of its first megabyte, instead of letting the tables double their way up (at seed scale the copies
    /// and the fresh pages each doubling touches cost about a tenth of the run). Ids split evenly between shards
    /// by hash. The estimate counts at most one line per `minReservedLineBytes`, so a start of unusually short
    /// lines cannot reserve a table many times larger than the file needs (the slots are spread over all of it,
    /// so an oversized table ends up resident); files of shorter lines, and streams of unknown length, grow the
    /// tables as they go.
    private func reserveDuplicateFilter(_ lines: LineReader) {
        guard let size = lines.knownSize, let density = lines.lineDensity() else { return }
        let expected = min(Double(size) * density, Double(size / Self.minReservedLineBytes))
        for shard in shards {
            shard.seenRequests.reserve(shard.seenRequests.count + Int(expected) / AccountShard.count)
        }
    }

    /// One thread's loop over the chunks. Thread 0 also reports rejections and readies the next chunk
    /// (`readNext(n)` readies chunk n and returns whether the input is exhausted).
    private func work(_ w: Int, file: String, readNext: ((Int) throws -> Bool)?) {
        var n = 0
        while true {
            guard waitForChunk(n) else { return }
            let slot = slots[n & 1]
            parse(slot, worker: w, file: file)
            barrier()
            condition.lock()
            let readFailed = parseFailed
            condition.unlock()
            if readFailed { return }
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

    /// Waits until chunk n is ready; false when there is none (end of input or a failure).
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

    /// Step 1: claim pieces and parse their lines into this worker's output.
    private func parse(_ slot: Slot, worker w: Int, file: String) {
        let out = slot.perWorker[w]
        let work = workers[w]
        let parser = work.parser
        let window = context.window
        let maxLine = reader.options.maxLineBytes
        var accepted = 0
        var piece = 0, first = 0
        /// One line of piece `piece`: nil when over the size limit.
        func line(_ bytes: UnsafeRawBufferPointer?, readable: Int) {
            let k = out.appendLine()
            let index = Int32(k - first)
            guard let bytes else {
                out.issues.append((Int32(piece), index, reader.tooLongIssue(file: file, line: 0), nil))
                return
            }
            if let issue = parser.parse(line: bytes, readable: readable, lineNumber: 0, file: file) {
                let at = out.rejected.count
                out.rejected.append(contentsOf: bytes)
                out.issues.append((Int32(piece), index, issue, at..<out.rejected.count))
                return
            }
            accepted += 1
            parser.withRecord(line: 0) { r in
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
                    out.requestHashes[k] = d.requestIDHash
                }
                state |= owner << Bit.ownerShift | accountShard << Bit.accountShift
                out.state[k] = state
                let id = r.bytes(.accountID)
                out.idRefs[k] = Output.IDRef(accountHash: d.accountHash, offset: Int32(out.ids.count),
                                             length: Int32(id.count))
                out.ids.append(contentsOf: id)
                (out.digests + k).initialize(to: d)
            }
        }
        while true {
            piece = hw_fetch_add(slot.next, 1)
            if piece >= slot.pieceCount { break }
            first = out.count
            if let chunk = slot.chunk {
                let lines = chunk.lines
                for k in (piece * Self.block)..<min(lines.count, (piece + 1) * Self.block) {
                    let l = lines[k]
                    line(l.count < 0 ? nil : chunk.bytes(l), readable: chunk.readable(l))
                }
            } else {
                let from = slot.range.lowerBound + piece * pieceBytes
                do {
                    try input.forEachLine(startingIn: from..<min(slot.range.upperBound, from + pieceBytes),
                                          buffer: work.pieceBuffer!, pieceBytes: pieceBytes, maxLineBytes: maxLine,
                                          line)
                } catch {
                    condition.lock()
                    if failure == nil { failure = error }
                    parseFailed = true
                    readEnded = true
                    condition.unlock()
                    break
                }
            }
            slot.pieces[piece] = Piece(worker: Int32(w), first: Int32(first), count: Int32(out.count - first))
        }
        work.accepted += accepted
    }

    /// Thread 0, step 2: numbers the chunk's lines and reports its rejections in file order (may stop the run under
    /// `strict` / `maxErrors`).
    private func report(_ slot: Slot) {
        var pieceStart: [Int] = []
        let anyIssues = slot.perWorker.contains { !$0.issues.isEmpty }
        if anyIssues { pieceStart.reserveCapacity(slot.pieceCount) }
        for p in 0..<slot.pieceCount {
            if anyIssues { pieceStart.append(linesSoFar) }
            linesSoFar += Int(slot.pieces[p].count)
        }
        while linesSoFar >= nextProgress { progress?(nextProgress); nextProgress += 0x10000 }
        guard anyIssues else { return }
        var issues: [(piece: Int32, index: Int32, issue: InputIssue, raw: Range<Int>?, worker: Int)] = []
        for (w, o) in slot.perWorker.enumerated() {
            for i in o.issues { issues.append((i.piece, i.index, i.issue, i.raw, w)) }
        }
        issues.sort { ($0.piece, $0.index) < ($1.piece, $1.index) }
        do {
            for i in issues {
                var issue = i.issue
                issue.line = pieceStart[Int(i.piece)] + Int(i.index) + 1
                if let raw = i.raw {
                    try slot.perWorker[i.worker].rejected.withUnsafeBytes { b in
                        try reader.reject(issue, raw: UnsafeRawBufferPointer(rebasing: b[raw]))
                    }
                } else {
                    try reader.reject(issue, raw: nil)
                }
            }
        } catch {
            condition.lock(); failure = error; readEnded = true; condition.unlock()
        }
    }

    /// Step 2: the duplicate filter and the window for the lines this worker's shard admits, in file order.
    private func admit(_ slot: Slot, worker w: Int) {
        let seen = shards[w]
        let mine = UInt8(w) << Bit.ownerShift
        let ownerMask = UInt8(1) << Bit.ownerShift
        var c = workers[w].counts
        let ahead = 16
        for p in 0..<slot.pieceCount {
            let piece = slot.pieces[p]
            let o = slot.perWorker[Int(piece.worker)]
            let state = o.state, hashes = o.requestHashes
            let from = Int(piece.first), to = from + Int(piece.count)
            for k in from..<to {
                let s = state[k]
                if k + ahead < to {
                    let t = state[k + ahead]
                    if t & Bit.accepted != 0, t & ownerMask == mine, t & Bit.requestID != 0 {
                        seen.seenRequests.prefetch(hashes[k + ahead])
                    }
                }
                guard s & Bit.accepted != 0, s & ownerMask == mine else { continue }
                if s & Bit.requestID != 0, !seen.seenRequests.insert(hashes[k]) { c.duplicates += 1; continue }
                guard s & Bit.inWindow != 0 else { c.outsideWindow += 1; continue }
                c.used += 1
                state[k] = s | Bit.used
            }
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
        let shard = shards[w]
        let work = workers[w]
        let want = Bit.used | UInt8(w) << Bit.accountShift
        let mask = Bit.used | UInt8(1) << Bit.accountShift
        work.lines.removeAll(keepingCapacity: true)
        work.accounts.removeAll(keepingCapacity: true)
        // A line is named by its index in its worker's output and that worker: index << 1 | worker.
        let outputs = slot.perWorker
        for p in 0..<slot.pieceCount {
            let piece = slot.pieces[p]
            let o = outputs[Int(piece.worker)]
            let state = o.state, idRefs = o.idRefs
            o.ids.withUnsafeBytes { ids in
                for k in Int(piece.first)..<Int(piece.first + piece.count) where state[k] & mask == want {
                    let ref = idRefs[k]
                    let id = UnsafeRawBufferPointer(rebasing: ids[Int(ref.offset)..<Int(ref.offset + ref.length)])
                    work.lines.append(Int32(k) << 1 | piece.worker)
                    work.accounts.append(shard.intern(ref.accountHash, accountID: id))
                }
            }
        }
        work.groupByAccount()
        let n = work.lines.count
        let digests = (outputs[0].digests, outputs[1].digests)
        @inline(__always) func digest(_ line: Int32) -> UnsafeMutablePointer<RequestDigest> {
            (line & 1 == 0 ? digests.0 : digests.1) + Int(line >> 1)
        }
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
                            hw_prefetch_range(digest(lines[j + ahead]), digestStride)
                        }
                        if j + headerAhead < n {
                            let a = Int(accounts[j + headerAhead]), d = digest(lines[j + headerAhead])
                            let bin = AccountAccumulator.binOffset(outputTokens: d.pointee.outputTokens)
                            hw_prefetch(UnsafeRawPointer(accs.baseAddress! + a) + bin)
                            if accounts[j + headerAhead] != accounts[j + headerAhead - 1] {
                                accs[a].prefetchStorage(for: d.pointee, .header)
                            }
                        }
                        if j + contentsAhead < n, accounts[j + contentsAhead] != accounts[j + contentsAhead - 1] {
                            let a = Int(accounts[j + contentsAhead])
                            accs[a].prefetchStorage(for: digest(lines[j + contentsAhead]).pointee, .contents)
                        }
                        accs[Int(accounts[j])].add(digest(lines[j]).pointee, context: context)
                    }
                }
            }
        }
    }
}
