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

    /// `table` laid out for the per-word lookup on the hot path. The slot multiplier is chosen so that every
    /// stem gets a slot of its own (a perfect hash), so a lookup is a multiply, three loads and a compare, with no
    /// probing loop and no branch on whether the word is a cue: a slot holds the index of its stem, empty slots
    /// point at index 0 (key 0, no hits), and a stem whose key differs is sent to index 0 too.
    struct StemTable: Sendable {
        static let bits = 12
        var multiplier: UInt64 = 0
        var slots = [UInt8](repeating: 0, count: 1 << bits)
        /// The stems, by index; kept apart from `hitCounts` so that the key test is a scalar compare and select.
        var keys: [UInt64] = [0]
        /// 1 in lane g for each group bit g and in lane 8 + b for each bucket b, so that adding the hits of a
        /// prompt's words counts its group and bucket hits in one vector addition per word.
        var hitCounts = [SIMD16<UInt16>()]

        /// The group and bucket hits of `stem`: zero unless it is a lexicon stem.
        @inline(__always) func hits(_ stem: UInt64) -> SIMD16<UInt16> { hitCounts[index(stem)] }

        /// Where `hitCounts` holds the hits of `stem`: 0 (no hits) unless it is a lexicon stem.
        @inline(__always) func index(_ stem: UInt64) -> Int {
            let index = Int(slots[Int((stem &* multiplier) &>> UInt64(64 - Self.bits))])
            return keys[index] == stem ? index : 0
        }
    }

    static let stems: StemTable = {
        precondition(bucketNames.count <= 8, "buckets fill lanes 8...15 of `StemTable.hitCounts`")
        var t = StemTable()
        for (key, e) in table.sorted(by: { $0.key < $1.key }) {
            var hits = SIMD16<UInt16>()
            for g in 0..<8 where e.groups.rawValue & (1 << UInt32(g)) != 0 { hits[g] = 1 }
            for b in 0..<bucketNames.count where e.buckets & (1 << UInt32(b)) != 0 { hits[8 + b] = 1 }
            t.keys.append(key)
            t.hitCounts.append(hits)
        }
        precondition(t.keys.count <= 256, "slot indices are bytes")
        // About 170 stems in 4096 slots: roughly one multiplier in 30 is collision-free. The candidates are a
        // fixed sequence, so the table is the same in every run.
        var candidate: UInt64 = 0
        while true {
            candidate += 1
            t.multiplier = Hashing.mix(candidate) | 1
            t.slots = [UInt8](repeating: 0, count: 1 << StemTable.bits)
            var collided = false
            for i in 1..<t.keys.count {
                let slot = Int((t.keys[i] &* t.multiplier) &>> UInt64(64 - StemTable.bits))
                if t.slots[slot] != 0 { collided = true; break }
                t.slots[slot] = UInt8(i)
            }
            if !collided { return t }
        }
    }()

    static func stemHash(_ word: String) -> UInt64 {
        Hashing.fnv1a(String(word.lowercased().utf8.prefix(stemLength).map { Character(UnicodeScalar($0)) }))
    }
}
