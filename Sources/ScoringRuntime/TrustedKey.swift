import Crypto
import Foundation
import TrafficFeatures

/// An Ed25519 public key a scorer accepts model signatures from. Rotation is trusting several keys at once:
/// add the new key, re-sign, then drop the old one.
///
/// `keyid` = lowercase hex SHA-256 of the raw 32-byte public key, so the id follows from the key alone and a
/// signer cannot claim another key's id without also holding that key.
public struct TrustedKey: Sendable, Equatable {
    public let rawRepresentation: Data
    public let keyid: String

    public init(rawRepresentation raw: Data) throws {
        guard raw.count == 32 else { throw ModelKeyFileError.badKey(reason: "public key has \(raw.count) bytes, expected 32") }
        rawRepresentation = raw
        keyid = TrustedKey.keyid(raw)
    }

    static func keyid(_ raw: Data) -> String {
        var h = TrafficFeatures.SHA256()
        h.update(raw)
        return TrafficFeatures.SHA256.hex(h.finalize())
    }

    func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
