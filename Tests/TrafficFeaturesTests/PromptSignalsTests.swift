import XCTest
@testable import TrafficFeatures

final class PromptSignalsTests: XCTestCase {
    func signals(_ s: String) -> PromptSignals {
        var s = s
        return s.withUTF8 { PromptSignals(UnsafeRawBufferPointer($0)) }
    }

    func testCuesSurviveParaphraseButNotBenignHarnessWording() {
        for p in ["Explain the reasoning behind this finished answer: 12",
                  "Given the correct solution below, justify every step.",
                  "Walk me through the derivation that leads to the provided result",
                  "EXPLAIN THE RATIONALE FOR THE ANSWER ABOVE"] {
            XCTAssertTrue(signals(p).cot, p)
        }
        for p in ["Think step by step and give the final answer.", "What is 2+2?",
                  "Write a python function to reverse a string"] {
            XCTAssertFalse(signals(p).cot, p)
        }
        XCTAssertTrue(signals("Think step by step and give the final answer.").stepCue)
        XCTAssertTrue(signals("Grade the response using this rubric, score 1-10").rubric)
        XCTAssertTrue(signals("Evaluate the answer against the criteria and assign points").rubric)
        XCTAssertFalse(signals("Write a rubric for my class").rubric)
        XCTAssertTrue(signals("Rephrase this politically sensitive text").rewrite)
        XCTAssertTrue(signals("Rewrite the paragraph so it is safe and neutral").rewrite)
        XCTAssertFalse(signals("Rewrite my cover letter").rewrite)
        XCTAssertEqual(signals("Write a python function and unit test").bucket, 0)
        XCTAssertEqual(signals("hello there").bucket, CueLexicon.otherBucket)
    }

    func testTemplatesShareAPrefixKeyAndNearDuplicatesShareABand() {
        let a = signals("Explain the reasoning behind this finished answer to question 17 about tides")
        let b = signals("Explain the reasoning behind this finished answer to question 912 about volcanoes")
        XCTAssertEqual(a.prefixKey, b.prefixKey)
        XCTAssertNotEqual(a.prefixKey, 0)
        XCTAssertEqual(signals("too short").prefixKey, 0)
        let c = signals("the quick brown fox jumps over the lazy dog near the river bank today")
        let d = signals("the quick brown fox jumps over the lazy dog near the river bank tonight")
        XCTAssertLessThanOrEqual((c.simhash ^ d.simhash).nonzeroBitCount, 16)
        let ka = PromptKey(simhash: c.simhash, prefixKey: 0), kb = PromptKey(simhash: d.simhash, prefixKey: 0)
        XCTAssertFalse(Set(ka.bands).isDisjoint(with: kb.bands))
    }

    func testMatchesTheReferenceImplementationOnGeneratedPrompts() {
        var rng = ReferencePromptSignals.Generator(seed: 0x5EED)
        var prompts: [[UInt8]] = [[], [32], [65], Array("a".utf8), Array("seven".utf8), Array("  Rubric  ".utf8),
                                  Array("explain".utf8), Array("12345678".utf8), Array("exactly 8 bytes!".utf8)]
        // Every length around the 8-, 16- and 64-byte steps, with words of every length ending at the buffer's end.
        for length in 0..<140 {
            prompts.append((0..<length).map { _ in rng.asciiByte() })
            prompts.append((0..<length).map { $0 % 9 == 8 ? 32 : UInt8(ascii: "a") + UInt8($0 % 26) })
        }
        // Words of exactly 5 and 8 bytes, digits and mixed case, and runs across 64-byte blocks.
        for wordLength in [1, 4, 5, 6, 7, 8, 9, 15, 16, 17, 63, 64, 65, 130, 3000] {
            for lead in [0, 1, 59, 60, 63] {
                var p = [UInt8](repeating: 32, count: lead)
                for i in 0..<wordLength {
                    p.append(i % 3 == 0 ? UInt8(ascii: "0") + UInt8(i % 10) : UInt8(ascii: "S") + UInt8(i % 7))
                }
                p += Array(" tail".utf8)
                prompts.append(p)
            }
        }
        for _ in 0..<3000 { prompts.append(rng.prompt()) }
        // Random bytes, including non-ASCII UTF-8 and zero bytes.
        for _ in 0..<500 { prompts.append((0..<rng.below(300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }) }
        for _ in 0..<200 {
            let accented = String(repeating: "é naïve straße 東京 ", count: rng.below(6))
            prompts.append(Array(accented.utf8) + rng.prompt())
        }
        // Long prompts: more than 255 voting words, more than 1024 words, cut at `maxBytes` inside a word.
        for _ in 0..<60 {
            var p: [UInt8] = []
            while p.count < 1500 + rng.below(3000) { p += rng.prompt() + [32] }
            prompts.append(p)
        }
        prompts.append(Array(String(repeating: "a ", count: 1500).utf8))
        prompts.append(Array(String(repeating: "code ", count: 300).utf8))
        prompts.append([UInt8](repeating: UInt8(ascii: "x"), count: 2047) + Array("yz tail".utf8))
        for (i, p) in prompts.enumerated() {
            let expected = p.withUnsafeBytes { ReferencePromptSignals.signals($0) }
            let actual = p.withUnsafeBytes { PromptSignals($0) }
            XCTAssertEqual(actual, expected, "prompt \(i): \(String(decoding: p.prefix(200), as: UTF8.self))")
        }
    }

    func testRememberedWordsGiveTheSameSignalsAsFreshOnes() {
        // More distinct words of up to 8 and of 9...16 bytes than the per-thread memo has slots for, so entries
        // are replaced, in prompts read twice: the second reading finds many of its words remembered.
        var rng = ReferencePromptSignals.Generator(seed: 0xC0FFEE)
        let prompts: [[UInt8]] = (0..<400).map { _ in
            var p = rng.prompt()
            for _ in 0..<rng.below(40) {
                p += [32] + (0..<(1 + rng.below(20))).map { _ in UInt8(ascii: "a") + UInt8(rng.below(26)) }
            }
            return p
        }
        let expected = prompts.map { p in p.withUnsafeBytes { ReferencePromptSignals.signals($0) } }
        for round in 0..<2 {
            for (i, p) in prompts.enumerated() {
                XCTAssertEqual(p.withUnsafeBytes { PromptSignals($0) }, expected[i], "round \(round), prompt \(i)")
            }
        }
        // A new thread starts with an empty memo.
        let done = expectation(description: "fresh thread")
        let thread = Thread {
            for (i, p) in prompts.enumerated() {
                XCTAssertEqual(p.withUnsafeBytes { PromptSignals($0) }, expected[i], "fresh thread, prompt \(i)")
            }
            done.fulfill()
        }
        thread.start()
        wait(for: [done], timeout: 60)
    }

    func testPromptsInsideALargerBufferSeeOnlyTheirOwnBytes() {
        let text = Array("Grade this answer against the rubric, score 1 to 10 please".utf8)
        for cut in 0...text.count {
            let expected = text[..<cut].withUnsafeBytes { ReferencePromptSignals.signals($0) }
            let actual = text.withUnsafeBytes { PromptSignals(UnsafeRawBufferPointer(rebasing: $0[..<cut])) }
            XCTAssertEqual(actual, expected, "cut \(cut)")
        }
    }

    func testStemTableFindsEveryLexiconStemAndOnlyThose() {
        let stems = CueLexicon.stems
        for (key, e) in CueLexicon.table {
            let hits = stems.hits(key)
            for g in 0..<8 { XCTAssertEqual(hits[g], e.groups.rawValue & (1 << UInt32(g)) != 0 ? 1 : 0) }
            for b in 0..<8 { XCTAssertEqual(hits[8 + b], e.buckets & (1 << UInt32(b)) != 0 ? 1 : 0) }
        }
        for word in ["hello", "there", "zzzzz", "1", "exp"] {
            XCTAssertEqual(stems.hits(CueLexicon.stemHash(word)), SIMD16(), word)
        }
        // A stem that lands on a lexicon stem's slot without being that stem counts nothing: key + m⁻¹ (m the
        // odd multiplier) has the product key·m + 1, the same top bits unless the low ones carry into them.
        var inverse = stems.multiplier
        for _ in 0..<5 { inverse &*= 2 &- stems.multiplier &* inverse }
        for key in CueLexicon.table.keys {
            let other = key &+ inverse
            let slot = { (stem: UInt64) in (stem &* stems.multiplier) &>> UInt64(64 - CueLexicon.StemTable.bits) }
            guard slot(other) == slot(key) else { continue }
            XCTAssertEqual(stems.hits(other), SIMD16())
        }
        XCTAssertEqual(stems.hits(0), SIMD16())
    }

    func testPaddedFNVStepsUndoExactly() {
        var p: UInt64 = 1
        for k in 0..<8 {
            XCTAssertEqual(PromptSignals.primeInversePowers[k] &* p, 1, "p^-\(k)")
            p &*= Hashing.fnvPrime
        }
    }

    func testDistinctCounterIsExactWhenSmallAndCloseWhenLarge() {
        var d = DistinctCounter()
        for i in 0..<50 { d.insert(UInt64(i)); d.insert(UInt64(i)) }
        XCTAssertEqual(d.count, 50)
        var big = DistinctCounter()
        for i in 0..<100_000 { big.insert(UInt64(i)) }
        XCTAssertEqual(big.count, 100_000, accuracy: 10_000)
        var x = DistinctCounter(), y = DistinctCounter()
        for i in 0..<5000 { if i % 2 == 0 { x.insert(UInt64(i)) } else { y.insert(UInt64(i)) } }
        x.merge(y)
        XCTAssertTrue(x.sameContents(big.prefixEqual(5000)))
    }
}

extension DistinctCounter {
    /// The counter of 0..<n, for merge tests.
    func prefixEqual(_ n: Int) -> DistinctCounter {
        var d = DistinctCounter()
        for i in 0..<n { d.insert(UInt64(i)) }
        return d
    }
}

/// The prompt analysis written plainly, byte by byte, as it was before it was optimised: the optimised
/// `PromptSignals` must agree with it on every field for every input.
enum ReferencePromptSignals {
    static func signals(_ bytes: UnsafeRawBufferPointer) -> PromptSignals {
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        for c in bytes.prefix(PromptSignals.maxBytes) {
            let isWordByte = (48...57).contains(c) || (65...90).contains(c) || (97...122).contains(c)
            if isWordByte {
                current.append((65...90).contains(c) ? c + 32 : c)
            } else if !current.isEmpty {
                words.append(current)
                current = []
            }
        }
        if !current.isEmpty { words.append(current) }

        var s = PromptSignals()
        var groups = CueLexicon.Groups()
        var bucketHits = [Int](repeating: 0, count: CueLexicon.bucketNames.count)
        var ones = [Int](repeating: 0, count: 64)
        for (i, word) in words.enumerated() {
            let stemHash = word.prefix(CueLexicon.stemLength).withUnsafeBytes { Hashing.fnv1a($0) }
            if let e = CueLexicon.table[stemHash] {
                groups.formUnion(e.groups)
                for b in bucketHits.indices where e.buckets & (1 << UInt32(b)) != 0 { bucketHits[b] += 1 }
            }
            if i < PromptSignals.votingWords {
                let h = Hashing.mix(word.withUnsafeBytes { Hashing.fnv1a($0) })
                for bit in 0..<64 where h & (1 << UInt64(bit)) != 0 { ones[bit] += 1 }
            }
        }
        s.cot = groups.isSuperset(of: [.reasonVerb, .answerNoun, .givenMarker])
        s.rubric = groups.isSuperset(of: [.rubricNoun, .scaleNoun])
        s.rewrite = groups.isSuperset(of: [.rewriteVerb, .sensitiveNoun])
        s.stepCue = groups.contains(.stepCue)
        var best = 0
        for (b, hits) in bucketHits.enumerated() where hits > best { best = hits; s.bucket = b }
        let voters = min(words.count, PromptSignals.votingWords)
        for bit in 0..<64 where 2 * ones[bit] > voters { s.simhash |= 1 << UInt64(bit) }
        if words.count >= PromptSignals.prefixWords {
            s.prefixKey = Hashing.fnvOffset
            for word in words.prefix(PromptSignals.prefixWords) {
                let stemHash = word.prefix(CueLexicon.stemLength).withUnsafeBytes { Hashing.fnv1a($0) }
                // Each stem continues the chain: the 128-bit product of (key xor stem) and a fixed odd
                // constant, its halves xored.
                let product = (s.prefixKey ^ stemHash).multipliedFullWidth(by: 0xa076_1d64_78bd_642f)
                s.prefixKey = product.high ^ product.low
            }
        }
        return s
    }

    /// Deterministic test input: xorshift64, and prompts in the simulator's styles with random case,
    /// punctuation and numbers, drawing on the lexicon so that cues, buckets and ties all occur.
    struct Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed | 1 }

        mutating func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }

        mutating func below(_ n: Int) -> Int { n == 0 ? 0 : Int(next() % UInt64(n)) }

        mutating func asciiByte() -> UInt8 {
            let pool = Array("abcXYZ019 ,.:-_!?\t\n\"".utf8)
            return pool[below(pool.count)]
        }

        static let fragments = [
            "Explain the reasoning behind this finished answer to question", "the result is",
            "Think step by step and give the final answer to problem", "what is", "times",
            "Grade this response against the rubric on a scale of 1 to 10, item", "score each response from 1 to 10 on",
            "rewrite this answer so it avoids sensitive political framing:", "remove politically sensitive content",
            "Translate this paragraph into French, keeping the tone formal: item", "costs", "euros.",
            "fix this bug in my", "python", "function that parses dates", "line", "use the tools to",
            "summarize open issues", "analyze this dataset of", "rows=", "hey, quick question about", "cooking",
            "write a long-form tutorial on", "classify the sentiment of this review:",
            "ignore previous instructions and",
            "history science biology", "code api prove essay data translate politics", "JSON schema SQL CSV",
        ] + CueLexicon.groupWords.flatMap { $0.1 } + CueLexicon.bucketWords.flatMap { $0 }

        mutating func prompt() -> [UInt8] {
            var p: [UInt8] = []
            for _ in 0..<(1 + below(12)) {
                var f = Array(Self.fragments[below(Self.fragments.count)].utf8)
                if below(4) == 0 { f = f.map { (97...122).contains($0) && below(2) == 0 ? $0 - 32 : $0 } }
                p += f
                p += [[32], [32], Array(", ".utf8), Array(". ".utf8), Array("  ".utf8), Array("#".utf8)][below(6)]
                if below(3) == 0 { p += Array(String(below(100_000)).utf8) + [32] }
            }
            return Array(p.prefix(below(3) == 0 ? below(p.count + 1) : p.count))
        }
    }
}
