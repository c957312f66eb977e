#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `PromptSignals` needs of one word, remembered per thread for words of up to 16 bytes.
///
/// Prompts repeat their words (templates, and natural language's common words), and hashing a word, looking its
/// stem up in the lexicon and mixing its hash for the SimHash cost about as much as everything else per word. A
/// word of up to 8 bytes is its lowercased bytes in one `UInt64` (up to 16 in two), so a direct-mapped table keyed
/// by those bytes returns the same values without that work; a word that misses is computed as before and
/// replaces the slot's entry. The tables are per thread (prompts are analysed on several threads) and hold only
/// pure functions of the word, so the signals are the same whatever they hold.
struct WordMemo {
    struct Entry {
        /// The word's (first 8) lowercased bytes, zero-padded (never 0 for a word: its bytes are letters or
        /// digits); 0 in an empty slot and for words not remembered.
        var word: UInt64
        /// `Hashing.mix` of the word's FNV-1a hash, the SimHash input.
        var mixed: UInt64
        /// FNV-1a of the stem (`CueLexicon.stemLength` bytes).
        var stem: UInt64
        /// The stem's index into `CueLexicon.StemTable.hitCounts`.
        var hits: Int

        @inline(__always) init(word: UInt64, _ hashes: (word: UInt64, stem: UInt64), lexicon: CueLexicon.StemTable) {
            self.word = word
            mixed = Hashing.mix(hashes.word)
            stem = hashes.stem
            hits = lexicon.index(hashes.stem)
        }
    }

    /// A word of 9...16 bytes: `entry.word` holds its first 8 bytes, `rest` the others, zero-padded.
    struct LongEntry {
        var entry: Entry
        var rest: UInt64
    }

    /// 1024 slots of 32 bytes (32 kB) for words of up to 8 bytes: a workload's common words fit, and the table
    /// stays in the fastest caches. Longer words are fewer: 256 slots of 40 bytes.
    static let bits = 10, longBits = 8
    let entries: UnsafeMutablePointer<Entry>
    let longEntries: UnsafeMutablePointer<LongEntry>

    init(_ p: UnsafeMutableRawPointer) {
        entries = p.bindMemory(to: Entry.self, capacity: 1 << Self.bits)
        longEntries = (p + Self.longOffset).bindMemory(to: LongEntry.self, capacity: 1 << Self.longBits)
    }

    /// The slot for `word`'s bytes (a multiplicative hash's top bits).
    @inline(__always) func slot(_ word: UInt64) -> UnsafeMutablePointer<Entry> {
        entries + Int((word &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(64 - Self.bits))
    }

    /// The slot for a word of 9...16 bytes, `word` its first 8 and `rest` the others.
    @inline(__always) func slot(_ word: UInt64, _ rest: UInt64) -> UnsafeMutablePointer<LongEntry> {
        let key = word ^ rest &* 0xC2B2_AE3D_27D4_EB4F
        return longEntries + Int((key &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(64 - Self.longBits))
    }

    private static let longOffset = (1 << bits) * MemoryLayout<Entry>.stride
    private static let size = longOffset + (1 << longBits) * MemoryLayout<LongEntry>.stride

    /// The calling thread's tables, allocated zeroed (all slots empty) on the thread's first use and freed when
    /// the thread exits.
    static var current: WordMemo {
        if let p = pthread_getspecific(key) { return WordMemo(p) }
        let p = calloc(1, size)!
        pthread_setspecific(key, p)
        return WordMemo(p)
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { free($0) }
        return key
    }()
}
