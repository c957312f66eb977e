/// What two accounts can share that links them into one hydra cluster.
public enum LinkType: Int, CaseIterable, Sendable {
    case ip = 0, payment, clientFP, systemPrompt, template

    public var name: String {
        switch self {
        case .ip: return "ip"
        case .payment: return "payment"
        case .clientFP: return "client_fp"
        case .systemPrompt: return "system_prompt"
        case .template: return "template"
        }
    }

    var bit: UInt8 { 1 << UInt8(rawValue) }

    /// Link types that join two accounts on their own; the others need a second type (see `AccountLinker`).
    static let strongBits: UInt8 = LinkType.payment.bit

    static func names(_ mask: UInt8) -> [String] { allCases.filter { mask & $0.bit != 0 }.map(\.name) }
}
