/// An owned copy of one traffic line, for code paths where convenience beats speed (tests, the simulator's
/// self-checks, small files). Field names follow the JSON contract in docs/data-format.md.
public struct TrafficEvent: Sendable, Equatable {
    public var timestamp: Double
    public var accountID: String
    public var model: String
    public var inputTokens: Int
    public var outputTokens: Int
    public var requestID: String?
    public var orgID: String?
    public var apiKeyID: String?
    public var ip: String?
    public var asn: Int?
    public var country: String?
    public var userAgent: String?
    public var clientFP: String?
    public var paymentFP: String?
    public var endpoint: String?
    public var maxTokens: Int?
    public var thinkingBudget: Int?
    public var tools: Int?
    public var toolCalls: Int?
    public var images: Int?
    public var turns: Int?
    public var cacheReadTokens: Int?
    public var systemHash: String?
    public var prompt: String?
    public var status: Int?
    public var latencyMS: Int?
    public var stopReason: String?

    public init(_ r: TrafficRecord) {
        timestamp = r.timestamp
        accountID = r.string(.accountID) ?? ""
        model = r.string(.model) ?? ""
        inputTokens = r.inputTokens
        outputTokens = r.outputTokens
        requestID = r.string(.requestID)
        orgID = r.string(.orgID)
        apiKeyID = r.string(.apiKeyID)
        ip = r.string(.ip)
        asn = r.int(.asn)
        country = r.string(.country)
        userAgent = r.string(.userAgent)
        clientFP = r.string(.clientFP)
        paymentFP = r.string(.paymentFP)
        endpoint = r.string(.endpoint)
        maxTokens = r.int(.maxTokens)
        thinkingBudget = r.int(.thinkingBudget)
        tools = r.int(.tools)
        toolCalls = r.int(.toolCalls)
        images = r.int(.images)
        turns = r.int(.turns)
        cacheReadTokens = r.int(.cacheReadTokens)
        systemHash = r.string(.systemHash)
        prompt = r.string(.prompt)
        status = r.int(.status)
        latencyMS = r.int(.latencyMS)
        stopReason = r.string(.stopReason)
    }
}
