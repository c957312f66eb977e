/// The word-stem lexicon behind the content features. A stem is the first `stemLength` bytes of a lowercased
/// word, a crude stemmer that maps "reasoning", "reasoned" and "reasons" to "reaso", so cue sets survive
/// inflection and most paraphrase: a cue fires on a *combination* of stem groups, never on one literal phrase.
///
/// Groups (bits of `Entry.groups`):
/// - `reasonVerb`: asking for the reasoning itself (explain, justify, derive, rationale, reason, walk through).
/// - `answerNoun`: an answer, solution, result or conclusion.
/// - `givenMarker`: that the answer is already there (given, provided, finished, correct, behind, below, above).
///   CoT elicitation = reasonVerb ∧ answerNoun ∧ givenMarker: "explain the reasoning behind this finished answer".
///   A benign eval harness's "think step by step and give the final answer" has no reasonVerb or givenMarker.
/// - `stepCue`: think / step / carefully — generic reasoning requests, legitimate in eval harnesses.
/// - `rubricNoun` ∧ `scaleNoun`: grading against a rubric on a scale ("score this response 1-10 per criterion").
/// - `rewriteVerb` ∧ `sensitiveNoun`: censorship-safe rewrites ("rephrase to remove politically sensitive content").
/// Capability buckets (bits 8…15) are the topic sweep: coding, tool use/agentic, math, writing, data analysis,
/// translation, politics/safety, general knowledge. A prompt is assigned its most-hit bucket (ties → lowest).
enum CueLexicon {
    static let stemLength = 5

    struct Groups: OptionSet, Sendable {
        let rawValue: UInt32
        static let reasonVerb = Groups(rawValue: 1 << 0)
        static let answerNoun = Groups(rawValue: 1 << 1)
        static let givenMarker = Groups(rawValue: 1 << 2)
        static let stepCue = Groups(rawValue: 1 << 3)
        static let rubricNoun = Groups(rawValue: 1 << 4)
        static let scaleNoun = Groups(rawValue: 1 << 5)
        static let rewriteVerb = Groups(rawValue: 1 << 6)
        static let sensitiveNoun = Groups(rawValue: 1 << 7)
    }

    static let bucketNames = ["coding", "tool_use", "math", "writing", "data", "translation", "politics", "knowledge"]
    /// Prompts that hit no bucket.
    static let otherBucket = bucketNames.count

    static let groupWords: [(Groups, [String])] = [
        (.reasonVerb, ["explain", "explanation", "justify", "justification", "derive", "derivation", "rationale",
                       "reasoning", "reason", "walk", "elaborate", "clarify"]),
        (.answerNoun, ["answer", "solution", "result", "conclusion", "output", "verdict", "response"]),
        (.givenMarker, ["given", "provided", "finished", "final", "correct", "behind", "below", "above", "already",
                        "following", "this"]),
        (.stepCue, ["think", "step", "steps", "carefully", "thoroughly"]),
        (.rubricNoun, ["rubric", "criteria", "criterion", "grade", "grading", "grader", "evaluate", "evaluation",
                       "assess", "assessment", "judge", "rate", "rating"]),
        (.scaleNoun, ["scale", "score", "scores", "points", "point", "10", "5", "100", "pass", "fail", "likert"]),
        (.rewriteVerb, ["rewrite", "rephrase", "paraphrase", "revise", "reword", "sanitize", "soften", "remove",
                        "neutralize", "tone"]),
        (.sensitiveNoun, ["sensitive", "political", "politically", "controversial", "safe", "offensive", "censored",
                          "censorship", "neutral", "taboo", "government"]),
    ]

    static let bucketWords: [[String]] = [
        ["code", "function", "python", "javascript", "typescript", "bug", "compile", "compiler", "refactor", "class",
         "method", "debug", "rust", "swift", "golang", "java", "unit", "test", "algorithm", "program"],
        ["tool", "tools", "api", "call", "json", "schema", "execute", "terminal", "shell", "command", "file",
         "repository", "agent", "browse", "search"],
        ["prove", "proof", "equation", "integral", "theorem", "algebra", "probability", "matrix", "calculate",
         "solve", "geometry", "number"],
        ["essay", "story", "poem", "blog", "email", "letter", "article", "novel", "character", "write"],
        ["data", "table", "csv", "chart", "analyze", "analysis", "statistics", "report", "dataset", "sql"],
        ["translate", "translation", "language", "french", "spanish", "english", "chinese", "german", "japanese"],
        ["politics", "election", "protest", "party", "policy", "president"],
        ["history", "science", "biology", "chemistry", "physics", "geography", "economics", "medicine"],
    ]

    /// Stem hash → (groups, bucket bits).
    static let table: [UInt64: (groups: Groups, buckets: UInt32)] = {
        var t: [UInt64: (groups: Groups, buckets: UInt32)] = [:]
        for (g, words) in groupWords {
            for w in words { t[stemHash(w), default: ([], 0)].groups.insert(g) }
        }
        for (b, words) in bucketWords.enumerated() {
            for w in words { t[stemHash(w), default: ([], 0)].buckets |= 1 << UInt32(b) }
        }
        return t
    }()

    /// `table` as an open-addressing array (linear probing, 1024 slots, key 0 = empty), so the per-word lookup
    /// on the hot path is one multiply and usually one compare instead of a SipHash dictionary probe.
    struct FlatTable: Sendable {
        static let bits = 10
        var keys = [UInt64](repeating: 0, count: 1 << bits)
        var groups = [UInt32](repeating: 0, count: 1 << bits)
        var buckets = [UInt32](repeating: 0, count: 1 << bits)

        @inline(__always) static func slot(_ h: UInt64) -> Int { Int((h &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits)) }

        /// The slot holding `h`, or nil.
        @inline(__always) func find(_ h: UInt64) -> Int? {
            var i = Self.slot(h)
            while true {
                let k = keys[i]
                if k == h { return i }
                if k == 0 { return nil }
                i = (i + 1) & ((1 << Self.bits) - 1)
            }
        }
    }

    static let flat: FlatTable = {
        var f = FlatTable()
        for (h, e) in table {
            var i = FlatTable.slot(h)
            while f.keys[i] != 0 { i = (i + 1) & ((1 << FlatTable.bits) - 1) }
            f.keys[i] = h
            f.groups[i] = e.groups.rawValue
            f.buckets[i] = e.buckets
        }
        return f
    }()

    static func stemHash(_ word: String) -> UInt64 {
        Hashing.fnv1a(String(word.lowercased().utf8.prefix(stemLength).map { Character(UnicodeScalar($0)) }))
    }
}
