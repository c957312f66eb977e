import CTrafficIO

/// One parsed, validated traffic line, as a borrowed view: string fields point into the parser's buffer and
/// are valid only inside the callback that receives the record. Hot paths hash `bytes(_:)` instead of
/// building `String`s; `string(_:)` and `TrafficEvent(_:)` copy when a value must outlive the line.
public struct TrafficRecord {
    public enum StringField: Int, CaseIterable, Sendable {
        case ts = 0, accountID, model, requestID, orgID, apiKeyID, ip, country, userAgent, clientFP, paymentFP,
             endpoint, systemHash, prompt, stopReason

        /// The field's name in the JSON contract.
        public var key: String { TrafficRecord.stringKeys[rawValue] }
    }

    public enum IntField: Int, CaseIterable, Sendable {
        case inputTokens = 0, outputTokens, asn, maxTokens, thinkingBudget, tools, toolCalls, images, turns,
             cacheReadTokens, status, latencyMS

        public var key: String { TrafficRecord.intKeys[rawValue] }
    }

    static let stringKeys = ["ts", "account_id", "model", "request_id", "org_id", "api_key_id", "ip", "country",
                             "user_agent", "client_fp", "payment_fp", "endpoint", "system_hash", "prompt",
                             "stop_reason"]
    static let intKeys = ["input_tokens", "output_tokens", "asn", "max_tokens", "thinking_budget", "tools",
                          "tool_calls", "images", "turns", "cache_read_tokens", "status", "latency_ms"]

    let raw: UnsafePointer<hw_event>
    /// Event time, seconds since the Unix epoch.
    public let timestamp: Double
    /// 1-based line number in the input.
    public let line: Int

    init(raw: UnsafePointer<hw_event>, timestamp: Double, line: Int) {
        self.raw = raw
        self.timestamp = timestamp
        self.line = line
    }

    @inline(__always) public func has(_ f: StringField) -> Bool { raw.pointee.str_present & (1 << UInt32(f.rawValue)) != 0 }
    @inline(__always) public func has(_ f: IntField) -> Bool { raw.pointee.int_present & (1 << UInt32(f.rawValue)) != 0 }

    /// The field's bytes (empty when absent), valid during the callback only.
    @inline(__always) public func bytes(_ f: StringField) -> UnsafeRawBufferPointer {
        guard has(f) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let s = withUnsafePointer(to: raw.pointee.str) { tuple in
            tuple.withMemoryRebound(to: hw_str.self, capacity: Int(HW_STR_FIELD_COUNT.rawValue)) { $0[f.rawValue] }
        }
        return UnsafeRawBufferPointer(start: s.ptr, count: s.len)
    }

    public func string(_ f: StringField) -> String? {
        guard has(f) else { return nil }
        return String(decoding: bytes(f), as: UTF8.self)
    }

    @inline(__always) public func int(_ f: IntField) -> Int? {
        guard has(f) else { return nil }
        return Int(intValue(f))
    }

    @inline(__always) func intValue(_ f: IntField) -> Int64 {
        withUnsafePointer(to: raw.pointee.ints) { tuple in
            tuple.withMemoryRebound(to: Int64.self, capacity: Int(HW_INT_FIELD_COUNT.rawValue)) { $0[f.rawValue] }
        }
    }

    public var inputTokens: Int { Int(intValue(.inputTokens)) }
    public var outputTokens: Int { Int(intValue(.outputTokens)) }
}
