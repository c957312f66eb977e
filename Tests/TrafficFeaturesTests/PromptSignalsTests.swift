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
