import Foundation

/// The production form of a model file: the version-1 model JSON as the payload of a DSSE envelope signed with
/// Ed25519 (docs/model-format.md, "Signed production files"). The scorer verifies before it decodes anything of
/// the model, so an altered file never reaches the model parser.
public enum SignedModel {
    public static let payloadType = "application/vnd.hydrawatch.model+json"

    /// Wraps `modelData` (the bytes of a model file, as `ModelFile.jsonData()` writes them) in a signed envelope.
    public static func sign(modelData: Data, with key: ModelSigningKey) throws -> Data {
        let signature = try key.signature(for: DSSEEnvelope.pae(payloadType: payloadType, payload: modelData))
        let envelope = DSSEEnvelope(payloadType: payloadType, payload: modelData.base64EncodedString(),
                                    signatures: [.init(keyid: key.publicKey.keyid, sig: signature.base64EncodedString())])
        return envelope.jsonData()
    }

    /// Verifies and loads a signed model file: envelope shape, payload type, a good signature by one of
    /// `trustedKeys`, then the model loader's own checks. A plain model file loads only with `allowUnsigned`.
    ///
    /// Signatures whose `keyid` names no trusted key are skipped (another party may co-sign); the file is accepted
    /// when one trusted key's signature verifies. An empty `keyid` is tried against every trusted key.
    public static func load(data: Data, trustedKeys: [TrustedKey], allowUnsigned: Bool) throws -> ModelFile {
        let object: [String: Any]
        do {
            guard let o = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw SignedModelError.notAnEnvelope(reason: "top level is not a JSON object")
            }
            object = o
        } catch let e as SignedModelError {
            throw e
        } catch {
            throw SignedModelError.notAnEnvelope(reason: "not valid JSON (truncated or corrupted file?)")
        }
        if object["payloadType"] == nil && object["payload"] == nil && object["format"] != nil {
            guard allowUnsigned else { throw SignedModelError.unsignedRefused }
            return try decodeModel(data)
        }
        let envelope: DSSEEnvelope
        do {
            envelope = try JSONDecoder().decode(DSSEEnvelope.self, from: data)
        } catch {
            throw SignedModelError.notAnEnvelope(reason: "expected payloadType, payload and signatures (\(ModelFile.translate(error).description))")
        }
        guard envelope.payloadType == payloadType else { throw SignedModelError.wrongPayloadType(found: envelope.payloadType) }
        guard let payload = Data(base64Encoded: envelope.payload) else { throw SignedModelError.badBase64(field: "payload") }
        guard !envelope.signatures.isEmpty else { throw SignedModelError.noSignature }
        let message = DSSEEnvelope.pae(payloadType: envelope.payloadType, payload: payload)
        var failedKey: String?
        for (i, s) in envelope.signatures.enumerated() {
            let candidates = s.keyid.isEmpty ? trustedKeys : trustedKeys.filter { $0.keyid == s.keyid }
            guard !candidates.isEmpty else { continue }
            guard let sig = Data(base64Encoded: s.sig) else { throw SignedModelError.badBase64(field: "signatures[\(i)].sig") }
            if candidates.contains(where: { $0.isValidSignature(sig, for: message) }) { return try decodeModel(payload) }
            failedKey = failedKey ?? (s.keyid.isEmpty ? "(no keyid)" : s.keyid)
        }
        if let failedKey { throw SignedModelError.badSignature(keyid: failedKey) }
        throw SignedModelError.unknownKey(keyids: envelope.signatures.map(\.keyid))
    }

    static func decodeModel(_ data: Data) throws -> ModelFile {
        do {
            return try ModelFile(jsonData: data)
        } catch let e as ModelFileError {
            throw SignedModelError.payloadInvalid(e)
        }
    }
}
