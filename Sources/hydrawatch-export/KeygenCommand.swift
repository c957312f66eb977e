import ArgumentParser
import Foundation
import HydraWatchCLI
import ScoringRuntime

/// Makes an Ed25519 signing key pair: PREFIX (private, mode 0600) and PREFIX.pub (public).
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Write a new signing key: PREFIX (private, mode 0600) and PREFIX.pub (public).",
        discussion: """
        Existing files are never overwritten: rotating keys means making a new pair, trusting both public keys \
        in the scorers, re-signing, then dropping the old public key.

        Example:
          hydrawatch-export keygen --out keys/model-signing
        """
    )

    @Option(help: ArgumentHelp("Path prefix of the key files.", valueName: "prefix")) var out: String

    func run() throws {
        do {
            let key = ModelSigningKey()
            let pub = out + ".pub"
            for p in [out, pub] where FileManager.default.fileExists(atPath: p) {
                throw CommandFailure.cannotWrite(p, "file exists (keys are never overwritten)")
            }
            // Created with 0600 from the start, so the secret is never readable by others, even briefly.
            guard FileManager.default.createFile(atPath: out, contents: Data(ModelKeyFile.privateKeyText(key).utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw CommandFailure.cannotWrite(out, "cannot create the file")
            }
            guard FileManager.default.createFile(atPath: pub, contents: Data(ModelKeyFile.publicKeyText(key.publicKey).utf8),
                                                 attributes: [.posixPermissions: 0o644]) else {
                throw CommandFailure.cannotWrite(pub, "cannot create the file")
            }
            Diagnostics.note("hydrawatch-export: wrote \(out) (private, keep secret) and \(pub) (keyid \(key.publicKey.keyid))")
        } catch {
            throw reportAndExit(error, tool: "hydrawatch-export")
        }
    }
}
