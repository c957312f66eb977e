import CTrafficIO

/// What one prompt says about its sender, computed from its bytes in one pass without building a `String`.
///
/// Words are maximal runs of ASCII letters/digits (other bytes, including non-ASCII, separate words), lowercased;
/// only the first `maxBytes` bytes are read so a 100 kB pasted document costs the same as a short prompt.
///
/// This runs for every request, so it avoids work per byte and branches on the text: word bytes are found 16 at a
/// time into a bitmap, a word of up to 16 bytes is looked up in the thread's `WordMemo` (common words are hashed
/// once per thread, not once per prompt), other words are hashed in whole 8-byte steps (see `hashWord`), and the
/// lexicon lookup and the SimHash votes are branch-free additions.
struct PromptSignals: Sendable, Equatable {
    static let maxBytes = 2048
    /// Words of the prefix that identifies a template.
    static let prefixWords = 8

    var cot = false
    var rubric = false
    var rewrite = false
    var stepCue = false
    /// Index into `CueLexicon.bucketNames`, or `CueLexicon.otherBucket`.
    var bucket = CueLexicon.otherBucket
    /// 64-bit SimHash over word hashes (Charikar): bit i is set when most of the first 255 words' hashes have it.
    var simhash: UInt64 = 0
    /// A chain over the first `prefixWords` word stems (0 when the prompt has fewer words): a template's fixed lead.
    /// Each stem's hash continues it with one folded multiply (`Hashing.fold`).
    var prefixKey: UInt64 = 0

    init() {}

    init(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 16 else {
            // Zero bytes separate words, so a zero-padded copy has the same words; the loads below can then
            // always read 16 bytes within the buffer.
            var padded = SIMD16<UInt8>()
            for (i, c) in bytes.enumerated() { padded[i] = c }
            self = withUnsafeBytes(of: &padded) { PromptSignals($0) }
            return
        }
        let n = min(bytes.count, Self.maxBytes)
        // Bit i of wordBits[i / 64] is set when byte i is a word byte. Nothing past byte n is set (n is a whole
        // number of blocks when the prompt is cut), and the spare last block is always zero, so every run of set
        // bits ends inside the bitmap.
        var wordBits = InlineArray<33, UInt64>(repeating: 0)
        for block in 0..<(n + 63) / 64 {
            let at = 64 * block
            wordBits[block] = Self.wordByteMask(bytes, at) | Self.wordByteMask(bytes, at + 16) &<< 16
                | Self.wordByteMask(bytes, at + 32) &<< 32 | Self.wordByteMask(bytes, at + 48) &<< 48
        }

        var tally = Tally()
        // Read once per prompt: every access to a global goes through its lazy-initialisation check, a call.
        let lexicon = CueLexicon.stems
        let memo = WordMemo.current
        // 1 when the previous block ended inside a word, which then does not start again at bit 0.
        var carry: UInt64 = 0
        for block in 0..<(n + 63) / 64 {
            let mask = wordBits[block]
            var starts = mask & ~(mask &<< 1 | carry)
            // Each word's last byte in this block (byte 63 for a word that may run on). When the block starts
            // inside a word begun in an earlier block (and counted there), its first end is that word's and is
            // dropped, so that starts and ends pair up.
            var ends = mask & ~(mask &>> 1)
            ends &= ends &- (carry & mask)
            carry = mask &>> 63
            while starts != 0 {
                let s = starts.trailingZeroBitCount
                let e = ends.trailingZeroBitCount
                starts &= starts &- 1
                ends &= ends &- 1
                var length = e - s + 1
                if e == 63 {
                    // The word may run on into the next blocks.
                    var next = block + 1
                    while wordBits[next] == ~0 { length += 64; next += 1 }
                    length += (~wordBits[next]).trailingZeroBitCount
                }
                let start = 64 * block + s
                if length <= 8 {
                    // Most words are short and repeat, so their hashes are looked up by their bytes first.
                    let word = (Self.load8(bytes, start) | 0x2020_2020_2020_2020) & (~0 &>> UInt64(64 - 8 * length))
                    let slot = memo.slot(word)
                    if slot.pointee.word != word {
                        slot.pointee = WordMemo.Entry(word: word, Self.hashShortWord(word, length: length),
                                                      lexicon: lexicon)
                    }
                    tally.add(slot, lexicon: lexicon)
                } else if length <= 16 {
                    // Longer words repeat too ("following", "translation"), in a table of their own.
                    let word = Self.load8(bytes, start) | 0x2020_2020_2020_2020
                    let rest = (Self.load8(bytes, start + 8) | 0x2020_2020_2020_2020)
                        & (~0 &>> UInt64(128 - 8 * length))
                    let slot = memo.slot(word, rest)
                    if slot.pointee.entry.word != word || slot.pointee.rest != rest {
                        slot.pointee = WordMemo.LongEntry(
                            entry: WordMemo.Entry(word: word, Self.hashWord(bytes, at: start, length: length),
                                                  lexicon: lexicon),
                            rest: rest)
                    }
                    withUnsafePointer(to: &slot.pointee.entry) { tally.add($0, lexicon: lexicon) }
                } else {
                    var entry = WordMemo.Entry(word: 0, Self.hashWord(bytes, at: start, length: length),
                                               lexicon: lexicon)
                    tally.add(&entry, lexicon: lexicon)
                }
            }
        }
        // Both reductions without a branch on the counts (they differ from prompt to prompt, so branches on them
        // were mispredicted).
        var groups: UInt32 = 0
        for g in 0..<8 { groups |= (tally.hits[g] != 0 ? 1 : 0) << UInt32(g) }
        let groupSet = CueLexicon.Groups(rawValue: groups)
        cot = groupSet.isSuperset(of: [.reasonVerb, .answerNoun, .givenMarker])
        rubric = groupSet.isSuperset(of: [.rubricNoun, .scaleNoun])
        rewrite = groupSet.isSuperset(of: [.rewriteVerb, .sensitiveNoun])
        stepCue = groupSet.contains(.stepCue)
        // The most-hit bucket, ties to the lowest; none when no word hit a bucket. Each bucket's key is its count
        // above last - b (4 bits; there are 8 buckets), so the largest key is the largest count and, among equal
        // counts, the lowest bucket.
        let last = CueLexicon.otherBucket - 1
        assert(last < 16, "a bucket's index must fit the key's 4 low bits")
        var best: UInt32 = 0
        for b in 0...last { best = max(best, UInt32(tally.hits[8 + b]) << 4 | UInt32(last - b)) }
        if best >> 4 != 0 { bucket = last - Int(best & 15) }
        simhash = tally.simhash()
        prefixKey = tally.words >= Self.prefixWords ? tally.prefix : 0
    }

    /// The running sums over a prompt's words.
    struct Tally {
        var words = 0
        var prefix = Hashing.fnvOffset
        /// Words that hit each lexicon group and bucket (`CueLexicon.StemTable.hitCounts`); at most 1024 words
        /// fit in `maxBytes`.
        var hits = SIMD16<UInt16>()
        /// SimHash votes: lane j (byte j) of votes[k] counts words whose hash has bit 8j + k set. Byte lanes hold
        /// up to 255, so only the first 255 words vote.
        var votes = InlineArray<8, UInt64>(repeating: 0)
        /// Votes not yet in `votes`: nibble i of recent[k] counts words whose hash has bit 4i + k set, 16 bits per
        /// add instead of 8. A nibble holds 15, so every 15 words they move to `votes`.
        var recent = InlineArray<4, UInt64>(repeating: 0)
        var recentWords = 0

        @inline(__always) mutating func add(_ entry: UnsafePointer<WordMemo.Entry>, lexicon: CueLexicon.StemTable) {
            words += 1
            if words <= PromptSignals.prefixWords {
                prefix = Hashing.fold(prefix ^ entry.pointee.stem, Hashing.idPrime0)
            }
            hits &+= lexicon.hitCounts[entry.pointee.hits]
            if words <= PromptSignals.votingWords {
                let h = entry.pointee.mixed
                for k in 0..<4 { recent[k] &+= (h &>> UInt64(k)) & PromptSignals.nibbles }
                recentWords += 1
                if recentWords == 15 { flush() }
            }
        }

        /// Moves `recent` into `votes`: the low nibble of byte j of recent[k] counts bit 8j + k, the high one
        /// bit 8j + 4 + k.
        @inline(__always) mutating func flush() {
            for k in 0..<4 {
                votes[k] &+= recent[k] & 0x0F0F_0F0F_0F0F_0F0F
                votes[k + 4] &+= (recent[k] &>> 4) & 0x0F0F_0F0F_0F0F_0F0F
                recent[k] = 0
            }
            recentWords = 0
        }

        /// Bit 8j + k is set when more than half of the voting words' hashes have it: votes ≥ voters / 2 + 1. The
        /// lane comparison leaves the answer in each lane's top bit, 8j + 7, which the shift moves to 8j + k.
        mutating func simhash() -> UInt64 {
            flush()
            let threshold = UInt64(min(words, PromptSignals.votingWords) / 2 + 1) &* PromptSignals.lanes
            var sim: UInt64 = 0
            for k in 0..<8 { sim |= PromptSignals.lanesAtLeast(votes[k], threshold) &>> UInt64(7 - k) }
            return sim
        }
    }

    /// Words that vote in the SimHash (byte-lane counters hold at most 255).
    static let votingWords = 255
    /// 1 in every nibble.
    static let nibbles: UInt64 = 0x1111_1111_1111_1111
    /// 1 in every byte lane.
    static let lanes: UInt64 = 0x0101_0101_0101_0101
    /// The top bit of every byte lane.
    static let laneTops: UInt64 = 0x8080_8080_8080_8080

    /// The 8 bytes at `offset` as one little-endian word (byte `offset` lowest), zeros past the end of `bytes`
    /// (at least 8 bytes long): near the end it loads the buffer's last 8 bytes and shifts.
    @inline(__always) static func load8(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        let at = min(offset, bytes.count - 8)
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) &>> UInt64(8 * (offset - at))
    }

    /// Bit j is set when byte `offset + j` of `bytes` (at least 16 bytes long) is an ASCII letter or digit, for
    /// j < 16 (bytes past the end are not): near the end it classifies the buffer's last 16 bytes and shifts.
    /// The 16 bytes are classified with vector compares (`hw_word_bytes16`).
    @inline(__always) static func wordByteMask(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        if offset >= bytes.count { return 0 }
        let at = min(offset, bytes.count - 16)
        return UInt64(hw_word_bytes16(bytes.baseAddress! + at)) &>> UInt64(offset - at)
    }

    /// Top bit of byte lane j set when lane j of `x` ≥ `t` (1...128; `threshold` holds it in every lane): lanes
    /// of 128 or more have the top bit already, and for the others 128 + x - t has it exactly when x ≥ t.
    @inline(__always) static func lanesAtLeast(_ x: UInt64, _ threshold: UInt64) -> UInt64 {
        (x | ((x | laneTops) &- threshold)) & laneTops
    }

    /// FNV-1a of the lowercased word at `start` (all `length` bytes letters or digits) and of its stem, the first
    /// `CueLexicon.stemLength` bytes.
    ///
    /// The bytes go in 8 at a time, zero-padded, through 8 unconditional FNV steps, so the work does not branch on
    /// the word's length. A zero byte's step is a multiplication by the prime, which is odd and so invertible
    /// modulo 2⁶⁴: multiplying by the inverse once per padding byte removes the padding exactly. Lowercasing is
    /// setting bit 0x20, which digits already have.
    @inline(__always) static func hashWord(_ bytes: UnsafeRawBufferPointer, at start: Int, length: Int)
        -> (word: UInt64, stem: UInt64) {
        let first = min(length, 8)
        let x = (load8(bytes, start) | 0x2020_2020_2020_2020) & (~0 &>> UInt64(64 - 8 * first))
        var (h, stem) = hashShortWord(x, length: first)
        var done = first
        while done < length {
            let part = min(length - done, 8)
            var y = (load8(bytes, start + done) | 0x2020_2020_2020_2020) & (~0 &>> UInt64(64 - 8 * part))
            for _ in 0..<8 { h = (h ^ (y & 0xFF)) &* Hashing.fnvPrime; y &>>= 8 }
            done += 8
        }
        return (h &* primeInversePowers[done - length], stem)
    }

    /// `hashWord` of a word of 1...8 bytes given as its lowercased bytes `x`, zero-padded (byte 0 lowest).
    @inline(__always) static func hashShortWord(_ x: UInt64, length: Int) -> (word: UInt64, stem: UInt64) {
        var x = x, h = Hashing.fnvOffset
        for _ in 0..<CueLexicon.stemLength { h = (h ^ (x & 0xFF)) &* Hashing.fnvPrime; x &>>= 8 }
        let stem = h &* stemPaddingInverse[length]
        for _ in CueLexicon.stemLength..<8 { h = (h ^ (x & 0xFF)) &* Hashing.fnvPrime; x &>>= 8 }
        return (h &* primeInversePowers[8 - length], stem)
    }

    /// primeInversePowers[k] = p⁻ᵏ mod 2⁶⁴ for the FNV prime p: undoes k zero-byte steps.
    static let primeInversePowers: InlineArray<8, UInt64> = [
        0x0000_0000_0000_0001, 0xCE96_5057_AFF6_957B, 0x501D_877B_C9AC_6919, 0x9AF1_53DF_5408_0C03,
        0xB10F_8D2C_A6BD_8471, 0xBA88_EB8D_EEBA_674B, 0xF30A_275C_B8C0_4809, 0x3750_2627_0DF5_D953,
    ]
    /// stemPaddingInverse[l] undoes the zero-byte steps after a word of l < 5 bytes within the stem's 5 steps.
    static let stemPaddingInverse: InlineArray<9, UInt64> = [
        1, 0xB10F_8D2C_A6BD_8471, 0x9AF1_53DF_5408_0C03, 0x501D_877B_C9AC_6919, 0xCE96_5057_AFF6_957B, 1, 1, 1, 1,
    ]
}
