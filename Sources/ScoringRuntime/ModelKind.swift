/// The scoring function of a model file. Encoded as `{"kind": "logistic", "logistic": {...}}` or
/// `{"kind": "tree_ensemble", "tree_ensemble": {...}}`.
public enum ModelKind: Sendable, Equatable {
    case logistic(LogisticModel)
    case treeEnsemble(TreeEnsemble)

    public var name: String {
        switch self {
        case .logistic: return "logistic"
        case .treeEnsemble: return "tree_ensemble"
        }
    }
}

extension ModelKind: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, logistic, treeEnsemble
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "logistic": self = .logistic(try c.decode(LogisticModel.self, forKey: .logistic))
        case "tree_ensemble": self = .treeEnsemble(try c.decode(TreeEnsemble.self, forKey: .treeEnsemble))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c,
                debugDescription: "unknown model kind \"\(kind)\" (expected logistic or tree_ensemble)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .kind)
        switch self {
        case let .logistic(m): try c.encode(m, forKey: .logistic)
        case let .treeEnsemble(m): try c.encode(m, forKey: .treeEnsemble)
        }
    }
}
