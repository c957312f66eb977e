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
    /// 64-bit SimHash over word hashes (Charikar): bit i is set when most words' hashes have bit i set.
    var simhash: UInt64 = 0
    /// FNV-1a over the first `prefixWords` word stems (0 when the prompt has fewer words): a template's fixed lead.
    var prefixKey: UInt64 = 0

    init() {}

    init(_ bytes: UnsafeRawBufferPointer) {
        var groups = CueLexicon.Groups()
        var bucketHits = [Int](repeating: 0, count: CueLexicon.bucketNames.count)
        var bitVotes = [Int32](repeating: 0, count: 64)
        var words = 0
        var prefix = Hashing.fnvOffset
        let n = min(bytes.count, Self.maxBytes)
        var i = 0
        let table = CueLexicon.table
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
            if let e = table[stemHash] {
                groups.formUnion(e.groups)
                if e.buckets != 0 {
                    for b in 0..<bucketHits.count where e.buckets & (1 << UInt32(b)) != 0 { bucketHits[b] += 1 }
                }
            }
            let h = Hashing.mix(wordHash)
            for bit in 0..<64 { bitVotes[bit] += (h >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        cot = groups.isSuperset(of: [.reasonVerb, .answerNoun, .givenMarker])
        rubric = groups.isSuperset(of: [.rubricNoun, .scaleNoun])
        rewrite = groups.isSuperset(of: [.rewriteVerb, .sensitiveNoun])
        stepCue = groups.contains(.stepCue)
        var best = 0
        for b in 0..<bucketHits.count where bucketHits[b] > best {
            best = bucketHits[b]
            bucket = b
        }
        var s: UInt64 = 0
        for bit in 0..<64 where bitVotes[bit] > 0 { s |= 1 << UInt64(bit) }
        simhash = s
        prefixKey = words >= Self.prefixWords ? prefix : 0
    }

    @inline(__always) static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }
}
