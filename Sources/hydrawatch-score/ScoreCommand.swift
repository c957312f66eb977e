import ArgumentParser
import Foundation
import HydraWatchCLI
import ScoringRuntime
import TrafficFeatures

@main
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hydrawatch-score",
        abstract: "Score a feature table with a signed model file and write one JSON line per account.",
        discussion: """
        The model file must be signed by a key given with --trusted-key (a PREFIX.pub file from
        hydrawatch-export keygen; repeat the option to trust several keys during rotation). Verification happens
        before the model is read; any failure exits with status 77 and says what was wrong. The model's feature
        schema fingerprint must match the table's.

        Output lines: {"account_id": ..., "score": p, "decision": "flag"|"pass", "reasons": [...]}, where the
        decision uses the model's first operating threshold (null when it has none) and reasons are the three
        features that moved the log-odds most ({"feature", "contribution"}, contribution in log-odds). Plain
        CSV tables without account ids give "row" (0-based) instead of "account_id".

        Examples:
          hydrawatch-score --model production.signed.json --trusted-key keys/model-signing.pub \\
              --features out/features --out scores.jsonl
          hydrawatch-score --model gbdt.json --allow-unsigned --features features.csv --out -

        Exit status: 0 success; 64 usage; 65 malformed feature table or key file; 66 missing input;
        73 cannot write; 77 verification failure (bad signature, untrusted key, invalid model, schema mismatch).
        """
    )

    @Option(help: ArgumentHelp("Signed model file (from hydrawatch-export).", valueName: "path")) var model: String
    @Option(help: ArgumentHelp("Feature table: an extraction folder or a CSV.", valueName: "path")) var features: String
    @Option(help: ArgumentHelp("Output JSON Lines file, or - for standard output.", valueName: "path")) var out: String
    @Option(help: ArgumentHelp("Public key file whose signatures are trusted (repeatable).", valueName: "path"))
    var trustedKey: [String] = []
    @Flag(help: "Also accept a plain, unsigned model file (testing only).") var allowUnsigned = false
    @Option(help: "Reasons per account.") var reasons: Int = 3

    func validate() throws {
        guard !trustedKey.isEmpty || allowUnsigned else {
            throw ValidationError("give at least one --trusted-key (or --allow-unsigned for testing)")
        }
        guard reasons >= 0 else { throw ValidationError("--reasons must be ≥ 0") }
    }

    func run() throws {
        do {
            try score()
        } catch {
            throw reportAndExit(error, tool: "hydrawatch-score")
        }
    }

    func score() throws {
        let file = try loadModel()
        let table = try loadTable()
        let scorer = ModelScorer(file)
        do {
            try scorer.checkSchema(featureNames: table.featureNames, version: table.schema.version)
        } catch let e as ModelFileError {
            throw CommandFailure.verification("\(model) does not fit \(features): \(e.description)")
        }
        let threshold = file.thresholds.first?.threshold
        if threshold == nil {
            Diagnostics.note("hydrawatch-score: note: the model has no operating threshold; decisions are null")
        }
        let names = file.schema.featureNames
        var writer = try ScoreLineWriter(path: out)
        var flagged = 0
        for r in 0..<table.rowCount {
            let x = table.row(r)
            let explanation = scorer.explain(x)
            let p = scorer.transform.apply(x.withUnsafeBufferPointer { scorer.margin($0) })
            var line = "{"
            if let ids = table.accountIDs { line += "\"account_id\":\(ScoreLineWriter.quote(ids[r]))" } else { line += "\"row\":\(r)" }
            line += ",\"score\":\(ScoreLineWriter.number(p)),\"decision\":"
            if let threshold {
                let flag = p >= threshold
                if flag { flagged += 1 }
                line += flag ? "\"flag\"" : "\"pass\""
            } else {
                line += "null"
            }
            line += ",\"reasons\":["
            line += explanation.top(reasons).map {
                "{\"feature\":\(ScoreLineWriter.quote(names[$0])),\"contribution\":\(ScoreLineWriter.number(explanation.contributions[$0]))}"
            }.joined(separator: ",")
            line += "]}"
            try writer.append(line)
        }
        try writer.flush()
        Diagnostics.note("hydrawatch-score: scored \(table.rowCount) accounts"
            + (threshold.map { "; \(flagged) flagged at threshold \($0)" } ?? ""))
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
        guard FileManager.default.fileExists(atPath: features) else { throw CommandFailure.noInput(features) }
        do {
            return try FeatureTable.read(path: features)
        } catch let e as TrafficError {
            throw CommandFailure.badInput(e.description)
        }
    }
}
