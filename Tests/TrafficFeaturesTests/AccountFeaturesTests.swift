import XCTest
@testable import TrafficFeatures

/// Hand-computed feature values on Fixtures/extract (see the comments for each number's derivation).
final class AccountFeaturesTests: XCTestCase {
    func value(_ t: FeatureTable, _ account: String, _ name: String) -> Double {
        let r = t.accountIDs!.firstIndex(of: account)!
        return t.value(row: r, column: t.schema.index(of: name)!)
    }

    func testAccountAVolumeTimingAndContent() throws {
        let (t, _, _) = try TestSupport.extractFixture()
        func v(_ n: String) -> Double { value(t, "acct-a", n) }
        // acct-a: 4 requests at 10:00:20, 10:00:00, 10:00:10 (out of order), 11:00:00.
        XCTAssertEqual(v("requests"), 4)
        XCTAssertEqual(v("active_hours"), 2)
        XCTAssertEqual(v("active_days"), 1)
        XCTAssertEqual(v("span_days"), 3600.0 / 86400, accuracy: 1e-12)
        XCTAssertEqual(v("input_tokens_mean"), 500.0 / 4)
        XCTAssertEqual(v("output_tokens_mean"), 2000.0 / 4)
        XCTAssertEqual(v("output_input_ratio"), 4)
        // p90 of {1000, 500, 300, 200}: rank ceil(0.9·4) = 4 → 1000, in bin floor(4·log2 1000)+1 = 40 → 2^(39.5/4).
        XCTAssertEqual(TokenHistogram.bin(1000), 40)
        XCTAssertEqual(v("output_tokens_p90"), pow(2, 39.5 / 4), accuracy: 1e-9)
        XCTAssertEqual(v("max_tokens_stop_share"), 2.0 / 3, accuracy: 1e-12)   // 2 of 3 with stop_reason
        XCTAssertEqual(v("thinking_share"), 0.25)
        XCTAssertEqual(v("thinking_budget_mean"), 1000)
        XCTAssertEqual(v("rate_limited_share"), 1.0 / 3, accuracy: 1e-12)     // one 429 of 3 with status
        XCTAssertEqual(v("batch_share"), 0.25)
        // Sorted times 0, 10, 20, 3600 s: mean gap 3600/3; gaps 10, 10, 3580 → σ = √((2·1190² + 2380²)/3).
        XCTAssertEqual(v("interarrival_mean_s"), 1200)
        XCTAssertEqual(v("interarrival_cv"), ((2 * 1190.0 * 1190 + 2380.0 * 2380) / 3).squareRoot() / 1200, accuracy: 1e-12)
        XCTAssertEqual(v("interarrival_regular_share"), 2.0 / 3, accuracy: 1e-12)  // median 10, two gaps within ±1
        XCTAssertEqual(v("burst_share"), 0)
        // Hours of day: 10 (3 requests), 11 (1): H(¾, ¼) / log2 24.
        XCTAssertEqual(v("hour_entropy"), -(0.75 * log2(0.75) + 0.25 * log2(0.25)) / log2(24), accuracy: 1e-12)
        XCTAssertEqual(v("single_turn_share"), 2.0 / 3, accuracy: 1e-12)      // turns 1, 1, 3
        XCTAssertEqual(v("tool_use_share"), 0.25)
        XCTAssertEqual(v("tool_calls_per_tool_request"), 4)
        XCTAssertEqual(v("cache_read_ratio"), 50.0 / 500)
        XCTAssertTrue(v("system_prompt_diversity").isNaN, "no system_hash seen")
        XCTAssertEqual(v("prompt_share"), 0.75)
        // "Explain the reasoning behind this finished answer" and "justify the given solution" are CoT elicitation;
        // "Write a python function…" is coding.
        XCTAssertEqual(v("cot_elicitation_share"), 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(v("rubric_share"), 0)
        XCTAssertEqual(v("step_cue_share"), 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(v("template_reuse_rate"), 0)
        // Buckets: other ×2, coding ×1, over 9 buckets.
        XCTAssertEqual(v("capability_entropy"), -(2.0 / 3 * log2(2.0 / 3) + 1.0 / 3 * log2(1.0 / 3)) / log2(9), accuracy: 1e-12)
        XCTAssertEqual(v("capability_top_share"), 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(v("prompt_bytes_mean"), Double(53 + 53 + 38) / 3)
    }

    func testReleaseIdentityAndNetwork() throws {
        let (t, _, _) = try TestSupport.extractFixture()
        func v(_ n: String) -> Double { value(t, "acct-a", n) }
        // m-new released 2026-02-03T00:00Z; 3 of acct-a's 4 requests use it, the first at 10:00 → 10 h.
        XCTAssertEqual(v("distinct_models"), 2)
        XCTAssertEqual(v("release_24h_share"), 0.75)
        XCTAssertEqual(v("release_72h_share"), 0.75)
        XCTAssertEqual(v("newest_model_share"), 0.75)
        XCTAssertEqual(v("newest_model_first_use_h"), 10)
        XCTAssertEqual(v("account_age_days"), 2)   // created 2026-02-01T10:00Z, first request 2026-02-03T10:00Z
        XCTAssertEqual(v("signup_education"), 1)
        XCTAssertEqual(v("signup_unknown"), 0)
        XCTAssertEqual(v("distinct_ips"), 2)
        XCTAssertEqual(v("distinct_client_fps"), 1)
        XCTAssertEqual(value(t, "acct-d", "signup_unknown"), 1)
        XCTAssertTrue(value(t, "acct-d", "account_age_days").isNaN)
    }

    func testDuplicatesAndAsOfWindow() throws {
        let (t, _, s) = try TestSupport.extractFixture()
        // r5 appears twice for acct-b: the second copy (9999 output tokens) is dropped.
        XCTAssertEqual(s.duplicates, 1)
        XCTAssertEqual(value(t, "acct-b", "requests"), 2)
        XCTAssertEqual(value(t, "acct-b", "output_tokens_mean"), 20)
        // acct-c's 2026-02-04T10:00Z request is after --as-of 2026-02-04T00:00Z.
        XCTAssertEqual(s.outsideWindow, 1)
        XCTAssertEqual(value(t, "acct-c", "requests"), 1)
        XCTAssertEqual(value(t, "acct-c", "newest_model_share"), 0)
        let (all, _, s2) = try TestSupport.extractFixture(asOf: nil)
        XCTAssertEqual(s2.outsideWindow, 0)
        XCTAssertEqual(value(all, "acct-c", "requests"), 2)
        XCTAssertEqual(value(all, "acct-c", "newest_model_share"), 0.5)
    }

    func testFromDropsEarlierEventsAndAsOfHidesLaterModels() throws {
        // --from 10:00:15 keeps acct-a's 10:00:20 and 11:00:00 requests only.
        let (t, _, s) = try TestSupport.extractFixture(from: "2026-02-03T10:00:15Z")
        XCTAssertEqual(value(t, "acct-a", "requests"), 2)
        XCTAssertEqual(value(t, "acct-a", "interarrival_mean_s"), 3580)
        XCTAssertEqual(s.outsideWindow, 6)  // before: acct-a ×2, acct-c, acct-d, acct-e; after --as-of: acct-c
        XCTAssertNil(t.accountIDs!.firstIndex(of: "acct-d"), "accounts with no event in the window have no row")
        // As of 2026-02-02, m-new is not released yet: the newest model is m-old.
        let context = FeatureContext(models: try ModelRelease.read(path: TestSupport.fixture("models.jsonl")),
                                     window: TimeWindow(end: RFC3339.parse("2026-02-02T00:00:00Z")!))
        XCTAssertEqual(context.newestModel, Hashing.id("m-old"))
    }

    func testHydraLinkingRespectsFanOutCap() throws {
        let (t, c, s) = try TestSupport.extractFixture()
        // 1.1.1.1 and pay-1 link acct-a and acct-b; 3.3.3.3 is shared by b, c, d, e (4 > cap 3): not a link.
        XCTAssertEqual(c.rows.count, 1)
        XCTAssertEqual(c.rows[0].sample, ["acct-a", "acct-b"])
        XCTAssertEqual(c.rows[0].linkTypes, ["ip", "payment"])
        XCTAssertEqual(s.highFanOutKeys, ["ip": 1])
        XCTAssertEqual(t.clusters, ["h1", "L-7", nil, nil, nil], "the labels file's cluster wins over the extracted one")
        XCTAssertEqual(value(t, "acct-a", "cluster_size"), 2)
        XCTAssertEqual(value(t, "acct-c", "cluster_size"), 1)
        // accounts per IP: a uses 1.1.1.1 (2 accounts) and 2.2.2.2 (1); b uses 1.1.1.1 (2) and 3.3.3.3 (4).
        XCTAssertEqual(value(t, "acct-a", "accounts_per_ip_mean"), 1.5)
        XCTAssertEqual(value(t, "acct-b", "accounts_per_ip_mean"), 3)
        XCTAssertEqual(value(t, "acct-b", "accounts_per_ip_max"), 4)
        XCTAssertEqual(value(t, "acct-a", "payment_fp_accounts"), 2)
        XCTAssertEqual(value(t, "acct-a", "cluster_payment_link"), 1)
        XCTAssertEqual(value(t, "acct-a", "cluster_cue_share"), 1)   // acct-b grades with a rubric
        // Hourly counts over hours 10, 11, 12: a = [3, 1, 0], b = [1, 0, 1] → r = (1/3)/√(42/9 · 6/9) = 3/√252.
        XCTAssertEqual(value(t, "acct-a", "cluster_sync"), 3 / 252.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(value(t, "acct-b", "cluster_sync"), 3 / 252.0.squareRoot(), accuracy: 1e-12)
        // acct-a was labelled on 2026-02-10, after the 2026-02-04 cut-off: not known yet, so left out.
        XCTAssertEqual(t.labels.map { $0.isNaN ? -1 : $0 }, [-1, 1, 0, -1, -1])
        XCTAssertEqual(t.campaigns, [nil, "camp-1", nil, nil, nil])
    }

    func testLabelsDecidedAfterTheCutOffAreNotJoined() throws {
        let (asOf, _, s1) = try TestSupport.extractFixture()
        XCTAssertTrue(asOf.labels[0].isNaN)
        XCTAssertEqual(s1.labelsAfterWindow, 1)
        XCTAssertEqual(s1.labelledAccounts, 2)
        let (all, _, s2) = try TestSupport.extractFixture(asOf: nil)
        XCTAssertEqual(all.labels[0], 1)
        XCTAssertEqual(s2.labelsAfterWindow, 0)
        XCTAssertEqual(s2.labelledAccounts, 3)
    }

    func testAnIPAloneNeverLinksEvenUnderTheCap() throws {
        // With cap 50, 3.3.3.3 (b, c, d, e) is under the cap, but c, d and e share nothing else with anyone.
        let context = FeatureContext()
        let ex = FeatureExtractor(options: ExtractionOptions(fanOutCap: 50), context: context)
        try ex.consume(path: TestSupport.fixture("traffic.jsonl"), reader: try TrafficReader())
        let (t, c) = ex.finish()
        XCTAssertEqual(c.rows.map(\.size), [2])
        XCTAssertEqual(c.rows[0].linkTypes, ["ip", "payment"])
        XCTAssertEqual(t.clusters, ["h1", "h1", nil, nil, nil])
    }

    func testWeakLinksNeedTwoTypesPerPair() throws {
        // v1, v2, v3 share VPN exits only: no link. p1 and p2 share an exit and a system prompt: linked. v3 and p2
        // share the system prompt but not an IP: p2's link to p1 does not pull v3 in.
        func line(_ n: Int, _ account: String, _ ip: String, _ sys: String) -> String {
            #"{"ts":"2026-02-03T10:00:\#(10 + n)Z","request_id":"r\#(n)","account_id":"\#(account)","model":"m","input_tokens":1,"output_tokens":1,"ip":"\#(ip)","system_hash":"\#(sys)"}"#
        }
        let lines = [
            line(0, "v1", "9.9.9.1", "s-a"), line(1, "v1", "9.9.9.2", "s-a"),
            line(2, "v2", "9.9.9.1", "s-b"), line(3, "v2", "9.9.9.2", "s-b"),
            line(4, "v3", "9.9.9.2", "s-p"),
            line(5, "p1", "9.9.9.3", "s-p"), line(6, "p2", "9.9.9.3", "s-p"),
        ]
        let dir = try TestSupport.tempDir("weak")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("traffic.jsonl")
        try TestSupport.write(lines, to: path)
        let ex = FeatureExtractor(options: ExtractionOptions(fanOutCap: 50), context: FeatureContext())
        try ex.consume(path: path.path, reader: try TrafficReader())
        let (t, c) = ex.finish()
        XCTAssertEqual(t.accountIDs, ["p1", "p2", "v1", "v2", "v3"])
        XCTAssertEqual(t.clusters, ["h1", "h1", nil, nil, nil])
        XCTAssertEqual(c.rows.map(\.linkTypes), [["ip", "system_prompt"]])
        // v1 and v2 still count each other as IP neighbours.
        XCTAssertEqual(value(t, "v1", "accounts_per_ip_max"), 3)
    }
}
