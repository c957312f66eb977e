import Foundation

/// Text formats of key files, so keys can be copied, diffed and pasted into secret stores.
///
/// Private key file (`PREFIX`, mode 0600): a header line `# hydrawatch-model-signing-key ed25519` then the base64
/// raw 32-byte Ed25519 seed. Public key file (`PREFIX.pub`): the base64 raw 32-byte public key on one line
/// (lines starting with `#` are comments). Raw bytes rather than PEM/DER: there is exactly one algorithm.
public enum ModelKeyFile {
    public static let privateKeyHeader = "# hydrawatch-model-signing-key ed25519"

    public static func privateKeyText(_ key: ModelSigningKey) -> String {
        "\(privateKeyHeader)\n\(key.seed.base64EncodedString())\n"
    }

    public static func publicKeyText(_ key: TrustedKey) -> String {
        "\(key.rawRepresentation.base64EncodedString())\n"
    }

    public static func signingKey(text: String) throws -> ModelSigningKey {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.first == privateKeyHeader else {
            throw ModelKeyFileError.badKey(reason: "private key file must start with \"\(privateKeyHeader)\"")
        }
        let body = lines.dropFirst().filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard body.count == 1, let seed = Data(base64Encoded: body[body.startIndex]) else {
            throw ModelKeyFileError.badKey(reason: "private key file must hold one base64 line after its header")
        }
        return try ModelSigningKey(seed: seed)
    }

    public static func trustedKey(text: String) throws -> TrustedKey {
        let body = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard body.count == 1, let raw = Data(base64Encoded: body[0]) else {
            throw ModelKeyFileError.badKey(reason: "public key file must hold one base64 line")
        }
        return try TrustedKey(rawRepresentation: raw)
    }

    /// Reads public key files, one key per path: `ModelKeyFileError.missing` for a file that cannot be read,
    /// `.badKey` (naming the file) for one that does not hold a key.
    public static func trustedKeys(paths: [String]) throws -> [TrustedKey] {
        try paths.map { path in
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ModelKeyFileError.missing(path: path) }
            do {
                return try trustedKey(text: text)
            } catch let ModelKeyFileError.badKey(reason) {
                throw ModelKeyFileError.badKey(reason: "\(path): \(reason)")
            }
        }
    }
}
