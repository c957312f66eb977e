import ArgumentParser

@main
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hydrawatch-export",
        abstract: "Turn a trained model into a signed production model file, or make a signing key.",
        discussion: """
        The production model file is a DSSE envelope: the model file's bytes, signed with Ed25519 \
        (docs/model-format.md, "Signed production files"). hydrawatch-score refuses files not signed by a key it \
        trusts. Keep private keys out of the repository (mode 0600, a secret store); give scorers the .pub file.

        Examples:
          hydrawatch-export keygen --out keys/model-signing
          hydrawatch-export --model gbdt.json --report out/report/report.json \\
              --target-fpr 0.001 --key keys/model-signing --out production.signed.json
          hydrawatch-export --from-lightgbm model.txt --out imported.json
          hydrawatch-export --from-lightgbm model.txt --key keys/model-signing \\
              --out production.signed.json

        Exit status: 0 success; 64 usage; 65 malformed input (report, LightGBM model, key file); 66 missing \
        input; 73 cannot write; 77 the input model file is invalid or the LightGBM model cannot be imported exactly.
        """,
        subcommands: [SignCommand.self, KeygenCommand.self],
        defaultSubcommand: SignCommand.self
    )
}
