import Crypto
import Foundation

/// An Ed25519 private key that signs model files. Stored as its 32-byte seed (see `ModelKeyFile`); lives only
/// on the machine that exports models, never in the repository or next to the scorer.
public struct ModelSigningKey: Sendable {
    /// The seed rather than Crypto's key type, which is not `Sendable`.
    public let seed: Data

    /// A fresh random key (system CSPRNG).
    public init() { seed = Curve25519.Signing.PrivateKey().rawRepresentation }

    public init(seed: Data) throws {
        guard seed.count == 32 else { throw ModelKeyFileError.badKey(reason: "private key seed has \(seed.count) bytes, expected 32") }
        self.seed = seed
    }

    var key: Curve25519.Signing.PrivateKey {
        // Any 32 bytes are a valid Ed25519 seed, and the count was checked on init.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    public var publicKey: TrustedKey {
        // 32 bytes by construction.
        try! TrustedKey(rawRepresentation: key.publicKey.rawRepresentation)
    }

    func signature(for message: Data) throws -> Data {
        try key.signature(for: message)
    }
}
