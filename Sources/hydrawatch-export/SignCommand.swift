import ArgumentParser
import Foundation
import HydraWatchCLI
import ScoringRuntime

/// The default subcommand: model file (or LightGBM text model) → optional operating threshold → signed file.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Set the operating threshold from an evaluation report and sign a model file (the default).",
        discussion: """
        --report sets the model's operating threshold for --target-fpr from hydrawatch-evaluate's report.json \
        (replacing one for the same target). Without --key the output is a plain, unsigned model file, which \
        hydrawatch-score loads only with --allow-unsigned.

        --from-lightgbm converts a LightGBM text model (binary objective, numerical splits; missing types NaN, \
        None, and Zero when it agrees with the threshold) instead of reading --model.

        Examples:
          hydrawatch-export --model gbdt.json --report report/report.json \\
              --key keys/model-signing --out prod.json
          hydrawatch-export sign --model gbdt.json --key keys/model-signing \\
              --out prod.json
          hydrawatch-export --from-lightgbm model.txt --out imported.json
        """
    )

    @Option(help: ArgumentHelp("HydraWatch model file to export.", valueName: "path")) var model: String?
    @Option(help: ArgumentHelp("LightGBM text model to convert instead of --model.", valueName: "path")) var fromLightgbm: String?
    @Option(help: ArgumentHelp("report.json from hydrawatch-evaluate; sets the operating threshold.", valueName: "path")) var report: String?
    @Option(help: "FPR target whose threshold is taken from --report.") var targetFPR: Double = 0.001
    @Option(help: ArgumentHelp("Private signing key file (from keygen). Omit to write an unsigned file.", valueName: "path")) var key: String?
    @Option(help: ArgumentHelp("Output file.", valueName: "path")) var out: String

    static let toolVersion = "hydrawatch-export 0.1.0"

    func validate() throws {
        guard (model == nil) != (fromLightgbm == nil) else { throw ValidationError("give exactly one of --model and --from-lightgbm") }
        guard targetFPR > 0, targetFPR < 1 else { throw ValidationError("--target-fpr must be in (0, 1)") }
    }

    func run() throws {
        do {
            try export()
        } catch {
            throw reportAndExit(error, tool: "hydrawatch-export")
        }
    }

    func export() throws {
        var file = try loadInput()
        if let report {
            let th = try ReportThreshold.read(path: report, targetFPR: targetFPR)
            file.thresholds = (file.thresholds.filter { $0.targetFPR != th.targetFPR } + [th]).sorted { $0.targetFPR < $1.targetFPR }
        }
        let modelData: Data
        do {
            modelData = try file.jsonData()
        } catch let e as ModelFileError {
            throw CommandFailure.verification(e.description)
        }
        var output = modelData
        var note = "unsigned"
        if let key {
            guard let text = try? String(contentsOfFile: key, encoding: .utf8) else { throw CommandFailure.noInput(key) }
            let signingKey: ModelSigningKey
            do {
                signingKey = try ModelKeyFile.signingKey(text: text)
            } catch let e as ModelKeyFileError {
                throw CommandFailure.badInput("\(key): \(e.description)")
            }
            output = try SignedModel.sign(modelData: modelData, with: signingKey)
            note = "signed by keyid \(signingKey.publicKey.keyid)"
        }
        do {
            try output.write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw CommandFailure.cannotWrite(out, error.localizedDescription)
        }
        let th = file.thresholds.first.map { "threshold \($0.threshold) at FPR ≤ \($0.targetFPR)" } ?? "no operating threshold"
        Diagnostics.note("hydrawatch-export: wrote \(out) (\(file.model.name), \(file.schema.featureCount) features, \(th), \(note))")
    }

    func loadInput() throws -> ModelFile {
        if let fromLightgbm {
            guard let text = try? String(contentsOfFile: fromLightgbm, encoding: .utf8) else { throw CommandFailure.noInput(fromLightgbm) }
            do {
                return try LightGBMModelImporter.modelFile(text: text, toolVersion: Self.toolVersion)
            } catch let e as LightGBMImportError {
                switch e {
                case .malformed: throw CommandFailure.badInput("\(fromLightgbm): \(e.description)")
                case .unsupported: throw CommandFailure.verification("\(fromLightgbm): \(e.description)")
                }
            }
        }
        let path = model!
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure.noInput(path) }
        do {
            // The input is the trainer's plain model file; signed files are outputs, never re-signed.
            return try ModelFile(jsonData: data)
        } catch let e as ModelFileError {
            throw CommandFailure.verification("\(path): \(e.description)")
        }
    }
}
