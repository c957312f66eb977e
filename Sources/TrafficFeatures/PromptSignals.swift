/// What one prompt says about its sender, computed from its bytes in one pass without building a `String`.
///
/// Words are maximal runs of ASCII letters/digits (other bytes, including non-ASCII, separate words), lowercased;
/// only the first `maxBytes` bytes are read so a 100 kB pasted document costs the same as a short prompt.
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
    /// FNV-1a over the first `prefixWords` word stems (0 when the prompt has fewer words): a template's fixed lead.
    var prefixKey: UInt64 = 0

    init() {}

    init(_ bytes: UnsafeRawBufferPointer) {
        var groups: UInt32 = 0
        var bucketHits: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0, 0, 0, 0)
        // SimHash votes: lane j (byte j) of a_k counts words whose hash has bit 8k + j set. Byte lanes hold up
        // to 255, so only the first 255 words vote.
        var a0: UInt64 = 0, a1: UInt64 = 0, a2: UInt64 = 0, a3: UInt64 = 0
        var a4: UInt64 = 0, a5: UInt64 = 0, a6: UInt64 = 0, a7: UInt64 = 0
        var words = 0
        var prefix = Hashing.fnvOffset
        let n = min(bytes.count, Self.maxBytes)
        var i = 0
        let table = CueLexicon.flat
        let spread = Self.spread
        while i < n {
            // Skip separators.
            while i < n, !Self.isWordByte(bytes[i]) { i += 1 }
            if i >= n { break }
            var wordHash = Hashing.fnvOffset
            var stemHash = Hashing.fnvOffset
            var len = 0
            while i < n, Self.isWordByte(bytes[i]) {
                var c = bytes[i]
                if c >= 65 && c <= 90 { c += 32 }
                wordHash = (wordHash ^ UInt64(c)) &* Hashing.fnvPrime
                if len < CueLexicon.stemLength { stemHash = (stemHash ^ UInt64(c)) &* Hashing.fnvPrime }
                len += 1
                i += 1
            }
            words += 1
            if words <= Self.prefixWords { prefix = Hashing.fnv1a(withUnsafeBytes(of: stemHash) { $0 }, seed: prefix) }
            if let slot = table.find(stemHash) {
                groups |= table.groups[slot]
                let b = table.buckets[slot]
                if b != 0 {
                    withUnsafeMutableBytes(of: &bucketHits) { hits in
                        for k in 0..<8 where b & (1 << UInt32(k)) != 0 {
                            hits.storeBytes(of: hits.load(fromByteOffset: 4 * k, as: Int32.self) + 1,
                                            toByteOffset: 4 * k, as: Int32.self)
                        }
                    }
                }
            }
            if words <= Self.votingWords {
                let h = Hashing.mix(wordHash)
                a0 &+= spread[Int(h & 0xFF)]; a1 &+= spread[Int((h >> 8) & 0xFF)]
                a2 &+= spread[Int((h >> 16) & 0xFF)]; a3 &+= spread[Int((h >> 24) & 0xFF)]
                a4 &+= spread[Int((h >> 32) & 0xFF)]; a5 &+= spread[Int((h >> 40) & 0xFF)]
                a6 &+= spread[Int((h >> 48) & 0xFF)]; a7 &+= spread[Int(h >> 56)]
            }
        }
        let voters = min(words, Self.votingWords)
        let groupSet = CueLexicon.Groups(rawValue: groups)
        cot = groupSet.isSuperset(of: [.reasonVerb, .answerNoun, .givenMarker])
        rubric = groupSet.isSuperset(of: [.rubricNoun, .scaleNoun])
        rewrite = groupSet.isSuperset(of: [.rewriteVerb, .sensitiveNoun])
        stepCue = groupSet.contains(.stepCue)
        // Tuples, not arrays: this runs once per prompt, and an array literal here is a heap allocation.
        var best: Int32 = 0
        withUnsafeBytes(of: bucketHits) { raw in
            for b in 0..<CueLexicon.bucketNames.count {
                let h = raw.load(fromByteOffset: 4 * b, as: Int32.self)
                if h > best { best = h; bucket = b }
            }
        }
        // Bit 8k + j is set when more than half of the voting words' hashes have it: 2·ones > voters.
        @inline(__always) func majority(_ a: UInt64, _ k: Int) -> UInt64 {
            var s: UInt64 = 0
            for j in 0..<8 where 2 * Int((a >> UInt64(8 * j)) & 0xFF) > voters { s |= 1 << UInt64(8 * k + j) }
            return s
        }
        simhash = majority(a0, 0) | majority(a1, 1) | majority(a2, 2) | majority(a3, 3)
            | majority(a4, 4) | majority(a5, 5) | majority(a6, 6) | majority(a7, 7)
        prefixKey = words >= Self.prefixWords ? prefix : 0
    }

    /// Words that vote in the SimHash (byte-lane counters hold at most 255).
    static let votingWords = 255
    /// spread[b] has byte j = bit j of b, so adding it counts 8 bits of a hash at once.
    static let spread: [UInt64] = (0..<256).map { b in
        var v: UInt64 = 0
        for j in 0..<8 where b & (1 << j) != 0 { v |= 1 << UInt64(8 * j) }
        return v
    }

    @inline(__always) static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }
}
