/// Turns (account, time) into one traffic.jsonl line: what was asked, how the model answered, and the
/// metadata a real gateway log carries — including the gaps real logs have (some optional fields missing).
struct RequestFactory {
    let roster: Roster
    let seed: UInt64
    private var prompt: [UInt8] = []
    private var mixes: [[Double]] = []
    private var switchedMixes: [[Double]] = []
    private var switchTimes: [Int64] = []
    /// Per-population counters of requests written (for the summary and the proportion tests).
    private(set) var requestsByPopulation: [Int]

    static let userAgents: [StaticString] = [
        "anthropic-sdk-python/0.49.0", "anthropic-sdk-typescript/0.39.0", "python-httpx/0.27.2", "Go-http-client/2.0",
        "curl/8.5.0", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15",
        "litellm/1.55.2", "langchain-anthropic/0.3.1", "coding-agent-cli/1.4.2", "okhttp/4.12.0", "aiohttp/3.10.5",
        "Java-http-client/17.0.9",
    ]
    static let thinkingBudgets = [1_024, 2_048, 4_096, 8_192, 16_000]

    init(roster: Roster, seed: UInt64) {
        self.roster = roster
        self.seed = seed
        prompt.reserveCapacity(PromptBank.maxLength + 64)
        let window = Double(roster.windowEnd - roster.windowStart)
        for e in roster.entries {
            mixes.append(Roster.cumulative(e.profile.promptMix.map { $0.1 }))
            let switched = e.profile.switchedMix.isEmpty ? e.profile.promptMix : e.profile.switchedMix
            switchedMixes.append(Roster.cumulative(switched.map { $0.1 }))
            switchTimes.append(e.profile.switchAt.map { roster.windowStart + Int64($0 * window) } ?? Int64.max)
        }
        requestsByPopulation = Array(repeating: 0, count: roster.entries.count)
    }

    mutating func write(account a: Account, at ts: Int64, rng: inout SplitMix64, counter: Int64, to w: JSONLineWriter) throws {
        let profile = roster.entries[a.population].profile
        requestsByPopulation[a.population] += 1

        // What is asked.
        let mix = ts >= switchTimes[a.population] ? switchedMixes[a.population] : mixes[a.population]
        let kindIndex = rng.pick(cumulative: mix)
        let kind = ts >= switchTimes[a.population] ? profile.switchedMix[kindIndex].0 : profile.promptMix[kindIndex].0
        let topic = a.topics[rng.below(a.topics.count)]
        PromptBank.compose(kind, topic: topic, rng: &rng, into: &prompt)

        // Which model: older models by traffic type, the new one after this account's adoption lag.
        let templated = kind == .batchTemplate || kind == .syntheticTemplate
        var model = rng.pick(cumulative: templated ? ModelCatalog.templatedMix : ModelCatalog.generalMix)
        let lagMs = Int64(profile.adoptionLagHours * (0.4 + 1.2 * Double(a.streamSeed >> 11) * 0x1.0p-53) * 3_600_000)
        if ts >= roster.release + lagMs && rng.chance(profile.adoptionShare) { model = ModelCatalog.newModel }

        let turns = kind == .batchTemplate ? 1 : rng.geometric(mean: profile.turnsMean)
        var images = kind == .vision ? 1 + rng.below(3) : (rng.chance(profile.imageShare * 0.2) ? 1 : 0)
        if model == 2 && kind != .vision { images = 0 }
        var input = Int(rng.logNormal(median: profile.inputMedian, sigma: profile.inputSigma) * (0.7 + 0.06 * Double(turns)))
        input += images * 1_500 + 8
        let toolish = kind == .agenticTool || kind == .coding || kind == .dataAnalysis
        let tools = toolish && rng.chance(profile.toolsShare) ? 2 + rng.below(22) : 0
        input += tools * 180
        let cached = (turns > 1 || tools > 0 || kind == .batchTemplate) && rng.chance(profile.cacheShare)
            ? Int(Double(input) * (0.5 + 0.45 * rng.unit())) : 0
        let maxTokens = rng.chance(0.1) ? [1_024, 4_096, 8_192, 16_384][rng.below(4)] : a.maxTokens
        var thinking = rng.chance(profile.thinkingShare) ? RequestFactory.thinkingBudgets[rng.below(5)] : 0
        if thinking >= maxTokens { thinking = maxTokens / 2 }
        let endpointBatch = rng.chance(profile.batchShare)

        // How it went.
        let statusDraw = rng.unit()
        let status = statusDraw < profile.rateLimitedShare ? 429 : (statusDraw < profile.rateLimitedShare + 0.003 ? 500 : 200)
        var output = 0
        var toolCalls = 0
        var stop: StaticString = "end_turn"
        var latency = 0
        if status == 200 {
            output = Int(rng.logNormal(median: profile.outputMedian, sigma: profile.outputSigma))
            if thinking > 0 { output += Int(Double(thinking) * (0.2 + 0.7 * rng.unit())) }
            if tools > 0 && rng.chance(profile.toolCallShare) {
                toolCalls = 1 + rng.below(3)
                output = output / 3 + 20
                stop = "tool_use"
            }
            if output >= maxTokens { output = maxTokens; stop = "max_tokens" }
            latency = 250 + Int(Double(input) * 0.02) + Int(Double(output) * rng.logNormal(median: 14, sigma: 0.3))
            if endpointBatch { latency *= 3 }
        } else {
            latency = status == 429 ? 3 + rng.below(40) : 200 + rng.below(30_000)
        }

        // Which optional fields this log line lost (each byte of one draw is a field's chance out of 256).
        let gaps = rng.next()
        let moreGaps = rng.next()
        @inline(__always) func has(_ byte: Int, _ keepOutOf256: UInt64) -> Bool { (gaps >> UInt64(byte * 8)) & 255 < keepOutOf256 }

        w.beginObject()
        w.timestamp("ts", millis: ts)
        if has(0, 255) { w.hexString("request_id", prefix: "req_", SplitMix64.mix(UInt64(counter) ^ seed &* 0x2545F4914F6CDD1D), digits: 16) }
        w.paddedString("account_id", prefix: "acct_", a.idNumber, width: 7)
        if has(1, 250) { w.hexString("org_id", prefix: "org_", a.org & 0xFFFF_FFFF_FFFF, digits: 12) }
        if has(2, 253) {
            let key = SplitMix64.mix(a.streamSeed ^ UInt64(rng.below(a.apiKeys)) ^ 0x4E7)
            w.hexString("api_key_id", prefix: "key_", key & 0xFFFF_FFFF_FFFF, digits: 12)
        }
        w.rawString("model", ModelCatalog.names[model])
        w.rawString("endpoint", endpointBatch ? "batch" : "messages")
        if has(3, 253) {
            let member = UInt64(rng.below(a.poolSize))
            if a.ipv6 {
                w.ipv6("ip", prefix: a.poolKey, host: SplitMix64.mix(a.poolKey ^ member))
            } else {
                w.ipv4("ip", RequestFactory.ipv4(pool: a.poolKey, member: member))
            }
            w.int("asn", a.asn)
            let country = a.network == .vpnPool || a.network == .proxyPool
                ? RequestFactory.egressCountries[Int(SplitMix64.mix(a.poolKey ^ member) % UInt64(RequestFactory.egressCountries.count))]
                : a.country
            w.rawString("country", Country.all[country].code)
        }
        if has(4, 248) { w.rawString("user_agent", RequestFactory.userAgents[a.userAgent]) }
        if has(5, 235) { w.hexString("client_fp", prefix: "t13d1516h2_", a.clientFp & 0xFFFF_FFFF_FFFF, digits: 12) }
        if has(6, 225) { w.hexString("payment_fp", prefix: "pay_", a.payment, digits: 16) }
        w.int("input_tokens", input)
        w.int("output_tokens", output)
        w.int("max_tokens", maxTokens)
        w.int("thinking_budget", thinking)
        w.int("tools", tools)
        w.int("tool_calls", toolCalls)
        if images > 0 || has(7, 128) { w.int("images", images) }
        w.int("turns", turns)
        w.int("cache_read_tokens", cached)
        if (moreGaps >> 60) != 0 {
            w.hexString("system_hash", prefix: "sys_", SplitMix64.mix(a.systemKey ^ UInt64(rng.below(a.systemPrompts))) & 0xFFFF_FFFF_FFFF, digits: 12)
        }
        w.int("status", status)
        w.int("latency_ms", latency)
        if status == 200 { w.rawString("stop_reason", stop) }
        if moreGaps & 255 < 246 {
            prompt.withUnsafeBufferPointer { w.escaped("prompt", $0) }
        }
        try w.endObject()
    }

    /// Countries VPN and proxy exits geolocate to.
    static let egressCountries: [Int] = ["US", "SG", "NL", "DE", "JP", "GB", "HK", "CA"].map { Country.index(of: $0) }

    /// First octets of public unicast space (no private, loopback, CGNAT, multicast or documentation ranges).
    static let firstOctets: [UInt32] = [3, 13, 18, 23, 31, 34, 35, 37, 45, 46, 51, 52, 54, 62, 66, 73, 77, 81, 85, 89,
                                        91, 95, 103, 104, 107, 109, 134, 138, 141, 146, 149, 154, 157, 159, 162, 165,
                                        167, 176, 178, 185, 188, 193, 195, 212, 213, 217]

    /// A pool's addresses share its /16; members differ in the low 16 bits.
    static func ipv4(pool: UInt64, member: UInt64) -> UInt32 {
        let p = SplitMix64.mix(pool)
        let first = firstOctets[Int(p % UInt64(firstOctets.count))]
        let second = UInt32((p >> 8) & 255)
        let host = UInt32(truncatingIfNeeded: SplitMix64.mix(p ^ member)) & 0xFFFF
        return first << 24 | second << 16 | max(1, host)
    }
}
