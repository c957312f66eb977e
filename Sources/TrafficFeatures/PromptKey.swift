/// The part of a prompt kept in an account's bounded sample for template detection.
struct PromptKey: Sendable, Comparable, Hashable {
    var simhash: UInt64
    var prefixKey: UInt64

    static func < (a: PromptKey, b: PromptKey) -> Bool {
        a.simhash != b.simhash ? a.simhash < b.simhash : a.prefixKey < b.prefixKey
    }

    /// The four 16-bit bands of the SimHash, tagged with their position. Two SimHashes within Hamming distance 3
    /// agree on at least one band (pigeonhole), so equal bands find near-duplicates without pairwise comparison.
    var bands: [UInt64] {
        (0..<4).map { UInt64($0) << 16 | (simhash >> UInt64(16 * $0)) & 0xFFFF }
    }
}
