/// Everything the per-account features need from one request, as plain values: hashes instead of strings,
/// prompt signals instead of the prompt. It owns no memory, so it can cross threads (the reading thread builds
/// digests while the accumulating thread consumes them) and be built the same way online.
struct RequestDigest: Sendable {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt32
        static let requestID = Flags(rawValue: 1 << 0)
        static let stopKnown = Flags(rawValue: 1 << 1)
        static let maxTokensStop = Flags(rawValue: 1 << 2)
        static let statusKnown = Flags(rawValue: 1 << 3)
        static let batch = Flags(rawValue: 1 << 4)
        static let turnsKnown = Flags(rawValue: 1 << 5)
        static let systemHash = Flags(rawValue: 1 << 6)
        static let prompt = Flags(rawValue: 1 << 7)
        static let ip = Flags(rawValue: 1 << 8)
        static let asn = Flags(rawValue: 1 << 9)
        static let clientFP = Flags(rawValue: 1 << 10)
        static let userAgent = Flags(rawValue: 1 << 11)
        static let apiKey = Flags(rawValue: 1 << 12)
        static let country = Flags(rawValue: 1 << 13)
        static let payment = Flags(rawValue: 1 << 14)
        static let cot = Flags(rawValue: 1 << 15)
        static let rubric = Flags(rawValue: 1 << 16)
        static let rewrite = Flags(rawValue: 1 << 17)
        static let stepCue = Flags(rawValue: 1 << 18)

        /// One bit test, inlined: the generic `OptionSet.contains` was left as a call in the accumulating loop.
        @inline(__always) func contains(_ member: Flags) -> Bool { rawValue & member.rawValue == member.rawValue }
    }

    var timestamp: Double
    var flags: Flags = []
    var accountHash: UInt64
    var requestIDHash: UInt64 = 0
    var inputTokens = 0, outputTokens = 0
    var thinkingBudget = 0, status = 0, turns = 0, tools = 0, toolCalls = 0, images = 0, cacheRead = 0
    var promptBytes = 0
    var bucket = 0
    var simhash: UInt64 = 0, prefixKey: UInt64 = 0
    var model: UInt64 = 0, systemHash: UInt64 = 0, ip: UInt64 = 0, asn: UInt64 = 0, clientFP: UInt64 = 0
    var userAgent: UInt64 = 0, apiKey: UInt64 = 0, country: UInt64 = 0, payment: UInt64 = 0

    /// With `analyzePrompt: false` the prompt is left for `analyzePrompt(_:)`, so a pipeline can run the prompt
    /// analysis on another thread; the result is the same.
    init(_ r: TrafficRecord, analyzePrompt: Bool = true) {
        timestamp = r.timestamp
        // Each id is hashed on its own (`Hashing.id`, 16 bytes a step); the hashes are independent, so the
        // processor overlaps them.
        accountHash = Hashing.id(r.bytes(.accountID))
        if r.has(.requestID) { flags.insert(.requestID); requestIDHash = Hashing.id(r.bytes(.requestID)) }
        inputTokens = r.inputTokens
        outputTokens = r.outputTokens
        if r.has(.stopReason) {
            flags.insert(.stopKnown)
            if r.bytes(.stopReason).count == 10 { flags.insert(.maxTokensStop) }  // "max_tokens" (enum validated)
        }
        thinkingBudget = r.int(.thinkingBudget) ?? 0
        if let s = r.int(.status) { flags.insert(.statusKnown); status = s }
        if r.has(.endpoint), r.bytes(.endpoint).count == 5 { flags.insert(.batch) }  // "batch" vs "messages"
        if let t = r.int(.turns) { flags.insert(.turnsKnown); turns = t }
        tools = r.int(.tools) ?? 0
        toolCalls = r.int(.toolCalls) ?? 0
        images = r.int(.images) ?? 0
        cacheRead = r.int(.cacheReadTokens) ?? 0
        if r.has(.systemHash) { flags.insert(.systemHash); systemHash = Hashing.id(r.bytes(.systemHash)) }
        if r.has(.prompt) {
            let p = r.bytes(.prompt)
            flags.insert(.prompt)
            promptBytes = p.count
            if analyzePrompt { self.analyzePrompt(p) }
        }
        model = Hashing.id(r.bytes(.model))  // an absent model hashes as empty
        if r.has(.ip) { flags.insert(.ip); ip = Hashing.id(r.bytes(.ip)) }
        if let a = r.int(.asn) { flags.insert(.asn); asn = UInt64(a) }
        if r.has(.clientFP) { flags.insert(.clientFP); clientFP = Hashing.id(r.bytes(.clientFP)) }
        if r.has(.userAgent) { flags.insert(.userAgent); userAgent = Hashing.id(r.bytes(.userAgent)) }
        if r.has(.apiKeyID) { flags.insert(.apiKey); apiKey = Hashing.id(r.bytes(.apiKeyID)) }
        if r.has(.country) { flags.insert(.country); country = Hashing.id(r.bytes(.country)) }
        if r.has(.paymentFP) { flags.insert(.payment); payment = Hashing.id(r.bytes(.paymentFP)) }
    }

    /// Fills the prompt signals from the prompt's bytes (only the first `PromptSignals.maxBytes` are read).
    mutating func analyzePrompt(_ p: UnsafeRawBufferPointer) {
        let s = PromptSignals(p)
        if s.cot { flags.insert(.cot) }
        if s.rubric { flags.insert(.rubric) }
        if s.rewrite { flags.insert(.rewrite) }
        if s.stepCue { flags.insert(.stepCue) }
        bucket = s.bucket
        simhash = s.simhash
        prefixKey = s.prefixKey
    }
}
