import ArgumentParser
import Foundation
import HydraWatchCLI
import ScoringRuntime
import TrafficFeatures

@main
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hydrawatch-score",
        abstract: "Score a feature table, or raw traffic as it streams, with a signed model file; one JSON line per account.",
        discussion: """
        The model file must be signed by a key given with --trusted-key (a PREFIX.pub file from \
        hydrawatch-export keygen; repeat the option to trust several keys during rotation). Verification happens \
        before the model is read; any failure exits with status 77 and says what was wrong. The model's feature \
        schema fingerprint must match the table's.

        Output lines: {"account_id": ..., "score": p, "decision": "flag"|"pass", "reasons": [...]}, where the \
        decision uses the model's first operating threshold (null when it has none) and reasons are the three \
        features that moved the log-odds most ({"feature", "contribution"}, contribution in log-odds; for trees \
        Saabas path contributions, or exact TreeSHAP values with --explain treeshap). Plain \
        CSV tables without account ids give "row" (0-based) instead of "account_id".

        Streaming (--traffic instead of --features): raw traffic is read with the extractor's reader and fed to \
        the extractor's per-account accumulators, so the final lines equal those of hydrawatch-extract followed \
        by --features scoring. --emit-every D (event time: 30m, 1h, 1d) also writes, at each period end, a line \
        with "as_of" (RFC 3339) for every account active in that period. --idle-evict D scores an account one \
        last time and forgets it after D of event time without a request, bounding memory; cluster features are \
        then computed over the accounts currently held.

        Examples:
          hydrawatch-score --model production.signed.json \\
              --trusted-key keys/model-signing.pub \\
              --features out/features --out scores.jsonl
          zcat logs/*.jsonl.gz | hydrawatch-score \\
              --model production.signed.json --trusted-key keys/model-signing.pub \\
              --traffic - --accounts accounts.jsonl --models models.jsonl \\
              --emit-every 1h --idle-evict 7d --out scores.jsonl
          hydrawatch-score --model gbdt.json --allow-unsigned \\
              --features features.csv --out -

        Exit status: 0 success; 64 usage; 65 malformed feature table or key file; 66 missing input; \
        73 cannot write; 77 verification failure (bad signature, untrusted key, invalid model, schema mismatch).
        """
    )

    @Option(help: ArgumentHelp("Signed model file (from hydrawatch-export).", valueName: "path")) var model: String
    @Option(help: ArgumentHelp("Feature table: an extraction folder or a CSV.", valueName: "path")) var features: String?
    @Option(help: ArgumentHelp("Raw traffic JSON Lines to score as it streams (gzip is detected; - for stdin).",
                               valueName: "path")) var traffic: String?
    @Option(help: "accounts.jsonl: sign-up metadata (with --traffic).") var accounts: String?
    @Option(help: "models.jsonl: model release times (with --traffic).") var models: String?
    @Option(help: ArgumentHelp("With --traffic: also emit lines for accounts active in each period of event time (30m, 1h, 1d).",
                               valueName: "duration")) var emitEvery: EventDuration?
    @Option(help: ArgumentHelp("With --traffic: score and forget accounts idle this long in event time.",
                               valueName: "duration")) var idleEvict: EventDuration?
    @Option(help: "With --traffic: stop when more than N lines are rejected.") var maxErrors: Int?
    @Flag(help: "With --traffic: stop at the first rejected line.") var strict = false
    @Option(help: "With --traffic: write rejected lines verbatim to this file.") var rejects: String?
    @Option(help: "With --traffic: keys shared by more accounts than this do not link accounts.") var fanOutCap: Int = ExtractionOptions.defaultFanOutCap
    @Option(help: ArgumentHelp("Output JSON Lines file, or - for standard output.", valueName: "path")) var out: String
    @Option(help: ArgumentHelp("Public key file whose signatures are trusted (repeatable).", valueName: "path"))
    var trustedKey: [String] = []
    @Flag(help: "Also accept a plain, unsigned model file (testing only).") var allowUnsigned = false
    @Option(help: "Reasons per account.") var reasons: Int = 3
    @Option(help: ArgumentHelp("How tree models split a score among features for the reasons: saabas (path contributions, as fast as scoring) or treeshap (exact TreeSHAP, as LightGBM's pred_contrib; slower).",
                               valueName: "method")) var explain: ExplanationMethod = .saabas

    func validate() throws {
        guard !trustedKey.isEmpty || allowUnsigned else {
            throw ValidationError("give at least one --trusted-key (or --allow-unsigned for testing)")
        }
        guard reasons >= 0 else { throw ValidationError("--reasons must be ≥ 0") }
        guard (features == nil) != (traffic == nil) else { throw ValidationError("give exactly one of --features and --traffic") }
        if traffic == nil, accounts != nil || models != nil || emitEvery != nil || idleEvict != nil || maxErrors != nil
            || strict || rejects != nil {
            throw ValidationError("--accounts, --models, --emit-every, --idle-evict, --max-errors, --strict and --rejects need --traffic")
        }
        if let maxErrors, maxErrors < 0 { throw ValidationError("--max-errors must be ≥ 0") }
        if fanOutCap < 2 { throw ValidationError("--fan-out-cap must be at least 2") }
    }

    func run() throws {
        do {
            if traffic != nil { try scoreTraffic() } else { try score() }
        } catch {
            throw reportAndExit(error, tool: "hydrawatch-score")
        }
    }

    func score() throws {
        let file = try loadModel()
        let table = try loadTable()
        let scorer = ModelScorer(file)
        try checkExplanation(scorer)
        do {
            try scorer.checkSchema(featureNames: table.featureNames, version: table.schema.version)
        } catch let e as ModelFileError {
            throw CommandFailure.verification("\(model) does not fit \(features!): \(e.description)")
        }
        let threshold = file.thresholds.first?.threshold
        if threshold == nil {
            Diagnostics.note("hydrawatch-score: note: the model has no operating threshold; decisions are null")
        }
        let names = file.schema.featureNames
        var writer = try ScoreLineWriter(path: out)
        var flagged = 0
        for r in 0..<table.rowCount {
            let line = ScoreLine(accountID: table.accountIDs?[r], row: r, x: table.row(r), scorer: scorer,
                                 featureNames: names, threshold: threshold, reasons: reasons, explanation: explain)
            if line.flagged == true { flagged += 1 }
            try writer.append(line.json)
        }
        try writer.flush()
        Diagnostics.note("hydrawatch-score: scored \(table.rowCount) accounts"
            + (threshold.map { "; \(flagged) flagged at threshold \($0)" } ?? ""))
    }

    /// TreeSHAP divides by training cover; a model without it (e.g. hand-made) can only give Saabas reasons.
    func checkExplanation(_ scorer: ModelScorer) throws {
        if explain == .treeSHAP, !scorer.supportsTreeSHAP {
            throw CommandFailure.usage("--explain treeshap needs training cover on every internal node, which \(model) lacks; use --explain saabas")
        }
    }

    func loadModel() throws -> ModelFile {
        let keys: [TrustedKey]
        do {
            keys = try ModelKeyFile.trustedKeys(paths: trustedKey)
        } catch let ModelKeyFileError.missing(path) {
            throw CommandFailure.noInput(path)
        } catch let e as ModelKeyFileError {
            throw CommandFailure.badInput(e.description)
        }
        guard let data = FileManager.default.contents(atPath: model) else { throw CommandFailure.noInput(model) }
        do {
            return try SignedModel.load(data: data, trustedKeys: keys, allowUnsigned: allowUnsigned)
        } catch let e as SignedModelError {
            throw CommandFailure.verification("\(model): \(e.description)")
        }
    }

    func loadTable() throws -> FeatureTable {
        let features = features!
        guard FileManager.default.fileExists(atPath: features) else { throw CommandFailure.noInput(features) }
        do {
            return try FeatureTable.read(path: features)
        } catch let e as TrafficError {
            throw CommandFailure.badInput(e.description)
        }
    }
}
