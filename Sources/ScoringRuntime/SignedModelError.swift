/// Why a production model file was refused. Each case is a different operator action (re-export, rotate
/// keys, fix the trust list), so they are kept apart rather than folded into one "verification failed".
public enum SignedModelError: Error, Equatable, Sendable {
    /// Not JSON, or JSON that is neither a DSSE envelope nor a plain model file (truncated files land here).
    case notAnEnvelope(reason: String)
    /// `payload` or a signature's `sig` is not valid base64.
    case badBase64(field: String)
    /// The envelope carries some other kind of document.
    case wrongPayloadType(found: String)
    /// The envelope has an empty `signatures` list.
    case noSignature
    /// No signature was made by a trusted key (`keyids` are the envelope's, for the message).
    case unknownKey(keyids: [String])
    /// A trusted key's signature does not verify: the payload or the signature was altered.
    case badSignature(keyid: String)
    /// The signature is good but the model inside does not load (wrapped model-file error).
    case payloadInvalid(ModelFileError)
    /// A plain, unsigned model file was given where a signed one is required.
    case unsignedRefused

    public var description: String {
        switch self {
        case let .notAnEnvelope(reason): return "not a signed model file (DSSE envelope): \(reason)"
        case let .badBase64(field): return "signed model file: \(field) is not valid base64"
        case let .wrongPayloadType(found):
            return "signed model file has payloadType \"\(found)\", expected \"\(SignedModel.payloadType)\""
        case .noSignature: return "signed model file has no signatures"
        case let .unknownKey(keyids):
            let ids = keyids.isEmpty ? "none" : keyids.joined(separator: ", ")
            return "model file is not signed by a trusted key (signed by keyid \(ids)); pass its public key with --trusted-key"
        case let .badSignature(keyid):
            return "signature by key \(keyid) does not verify: the model file or its signature was altered"
        case let .payloadInvalid(e): return "signed model file verifies but its model is invalid: \(e.description)"
        case .unsignedRefused:
            return "model file is not signed; production scoring requires a signed file (use --allow-unsigned only for testing)"
        }
    }
}
