import ArgumentParser
import Evaluation
import Foundation
import HydraWatchCLI
import ScoringRuntime
import TrafficFeatures

@main
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hydrawatch-evaluate",
        abstract: "Evaluate a model file on a feature table and write report.json, report.md and report.html.",
        discussion: """
        Scores come from the scoring runtime reading the model file, exactly as production will run it. \
        Ground truth is the table's labels (labelled rows only), or with --truth the simulator's truth.jsonl for \
        every account in the table, which also gives false-positive rates per benign population. \
        The operating threshold is the model file's (if it has one) or the one with the highest recall at \
        FPR ≤ --target-fpr (with --max-segment-fpr, also keeping every benign segment at or below that rate); \
        --operating-point target-fpr always takes the latter and says in the report what the \
        model file's threshold would have given on these rows (a threshold chosen on a validation set as of an \
        earlier cut-off need not hold later). Intervals are percentile bootstrap intervals (--bootstrap \
        replicates, --seed).

        Champion/challenger: --baseline scores the same rows with the production model and reports paired \
        bootstrap intervals of the AUC and recall@FPR differences with a verdict line.

        Leakage control: --exclude-labelled TABLE leaves out every account that carries a label in TABLE \
        (the training table), so a time-split or grouped evaluation never scores an account it trained on.

        --model and --baseline take plain model files or signed production files (hydrawatch-export); a signed \
        file is verified against --trusted-key before anything is scored.

        Examples:
          hydrawatch-evaluate --model gbdt.json --features out/features --out out/report
          hydrawatch-evaluate --model production.signed.json --trusted-key keys/model-signing.pub \\
              --features out/features --out out/report
          hydrawatch-evaluate --model gbdt.json --features test_features --truth truth.jsonl \\
              --exclude-labelled train_features --baseline production.json --out out/report

        Exit status: 0 success; 64 usage; 65 malformed input; 66 missing input; 73 cannot write the report; \
        77 the model's feature schema does not match the table's.
        """
    )

    @Option(help: ArgumentHelp("Model file to evaluate (the challenger).", valueName: "path")) var model: String
    @Option(help: ArgumentHelp("Feature table: an extraction folder or a CSV.", valueName: "path")) var features: String
    @Option(help: ArgumentHelp("Report folder.", valueName: "dir")) var out: String
    @Option(help: ArgumentHelp("truth.jsonl from the simulator (evaluation only).", valueName: "path")) var truth: String?
    @Option(help: ArgumentHelp("Production model to compare against.", valueName: "path")) var baseline: String?
    @Option(help: ArgumentHelp("Public key for signed model files (repeat to trust several). Plain model files need none.",
                               valueName: "path"))
    var trustedKey: [String] = []
    @Option(help: ArgumentHelp("Leave out accounts labelled in this table (the training set).", valueName: "path"))
    var excludeLabelled: String?
    @Option(help: "FPR target that sets the operating threshold when the model file has none.") var targetFPR: Double = 0.001
    @Option(help: ArgumentHelp("Where the operating threshold comes from: model (the model file's first threshold, else --target-fpr) or target-fpr (highest recall at FPR ≤ --target-fpr on the evaluated rows).",
                               valueName: "model|target-fpr"))
    var operatingPoint: OperatingPoint = .model
    @Option(help: ArgumentHelp("With --truth: the operating threshold chosen on the evaluated rows must also keep every benign segment's FPR at or below this (e.g. 0.005).",
                               valueName: "rate"))
    var maxSegmentFPR: Double?

    enum OperatingPoint: String, ExpressibleByArgument, CaseIterable {
        case model
        case targetFPR = "target-fpr"
    }
    @Option(help: "Bootstrap replicates for intervals.") var bootstrap: Int = 500
    @Option(help: "Seed for the bootstrap.") var seed: UInt64 = 1

    func validate() throws {
        guard targetFPR > 0, targetFPR < 1 else { throw ValidationError("--target-fpr must be in (0, 1)") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be ≥ 0") }
        if let m = maxSegmentFPR {
            guard m > 0, m < 1 else { throw ValidationError("--max-segment-fpr must be in (0, 1)") }
            guard truth != nil else { throw ValidationError("--max-segment-fpr needs --truth (segments come from truth.jsonl)") }
        }
    }

    func run() throws {
        do {
            try evaluate()
        } catch {
            throw reportAndExit(error, tool: "hydrawatch-evaluate")
        }
    }

    func evaluate() throws {
        let file = try loadModel(model)
        let table = try loadTable(features)
        let scorer = ModelScorer(file)
        try checkSchema(scorer, table, modelPath: model)
        let scores = scorer.probabilities(columnMajor: table.columns, rows: table.rowCount)

        var excluded = Set<String>()
        if let excludeLabelled {
            let t = try loadTable(excludeLabelled)
            guard let ids = t.accountIDs else { throw CommandFailure.usage("--exclude-labelled needs a table with account_id") }
            for (i, id) in ids.enumerated() where !t.labels[i].isNaN { excluded.insert(id) }
        }

        var rows: [Int] = [], labels: [Double] = [], campaigns: [String?] = [], segments: [String?] = [], clusters: [String?] = []
        let groundTruth: String
        if let truth {
            let gt = try GroundTruth.read(path: truth)
            guard let ids = table.accountIDs else { throw CommandFailure.usage("--truth needs a feature table with account_id") }
            for (i, id) in ids.enumerated() where !excluded.contains(id) {
                guard let e = gt.entries[id] else { continue }
                rows.append(i)
                labels.append(e.attacker ? 1 : 0)
                campaigns.append(e.campaign)
                segments.append(e.attacker ? nil : e.population)
                clusters.append(e.attacker ? e.cluster : nil)
            }
            groundTruth = "simulator truth for every account in the table" + (excluded.isEmpty ? "" : ", training accounts excluded")
        } else {
            for i in 0..<table.rowCount where !table.labels[i].isNaN {
                if let ids = table.accountIDs, excluded.contains(ids[i]) { continue }
                rows.append(i)
                labels.append(table.labels[i])
                campaigns.append(table.campaigns[i])
                segments.append(nil)
                clusters.append(table.labels[i] > 0.5 ? table.clusters[i] : nil)
            }
            groundTruth = "labels in the feature table" + (excluded.isEmpty ? "" : ", training accounts excluded")
        }
        guard labels.contains(1), labels.contains(0) else {
            throw CommandFailure.badInput("the evaluated rows need both distillation and benign accounts (found \(labels.count) rows)")
        }

        var options = EvaluationOptions()
        options.modelName = (model as NSString).lastPathComponent + " (\(file.model.name))"
        options.groundTruth = groundTruth
        if let t = file.thresholds.first {
            switch operatingPoint {
            case .model:
                options.threshold = t.threshold
                options.thresholdSource = "model file: FPR ≤ \(Self.percent(t.targetFPR)) on its validation set"
            case .targetFPR:
                // Say what the overridden threshold would have done here.
                var tp = 0, fp = 0, pos = 0
                for (k, i) in rows.enumerated() {
                    let flagged = scores[i] >= t.threshold
                    if labels[k] > 0.5 { pos += 1; if flagged { tp += 1 } } else if flagged { fp += 1 }
                }
                let neg = labels.count - pos
                options.thresholdNote = "the model file's threshold \(fmt(t.threshold)) (FPR ≤ \(Self.percent(t.targetFPR)) on its validation set) would give recall "
                    + "\(fmt(Double(tp) / Double(max(pos, 1)))), FPR \(Self.percent(Double(fp) / Double(max(neg, 1)))) here"
            }
        }
        options.maxSegmentFPR = maxSegmentFPR
        options.fprTargets = Array(Set([targetFPR, 0.001, 0.01])).sorted()
        if let i = options.fprTargets.firstIndex(of: targetFPR) { options.fprTargets.swapAt(0, i) }
        options.bootstrap = Bootstrap(replicates: bootstrap, level: 0.95, seed: seed)
        options.featureImportance = Self.importance(file)

        var baselineScores: (name: String, scores: [Double])?
        if let baseline {
            let b = try loadModel(baseline)
            let bs = ModelScorer(b)
            try checkSchema(bs, table, modelPath: baseline)
            let all = bs.probabilities(columnMajor: table.columns, rows: table.rowCount)
            baselineScores = ((baseline as NSString).lastPathComponent, rows.map { all[$0] })
        }

        let report = Evaluator.evaluate(
            EvaluationInput(labels: labels, scores: rows.map { scores[$0] }, campaigns: campaigns, segments: segments,
                            clusters: clusters),
            options: options, baseline: baselineScores)
        try write(report)
        let s = report.summary
        Diagnostics.note("hydrawatch-evaluate: \(s.rows) accounts (\(s.positives) distillation); ROC-AUC \(fmt(s.rocAUC.estimate)); "
            + s.recallAtFPR.map { "recall@FPR≤\($0.maxFPR * 100)% \(fmt($0.recall.estimate))" }.joined(separator: "; ")
            + (report.comparison.map { "; verdict: \($0.verdict)" } ?? ""))
        Diagnostics.note("report: \(out)/report.html")
    }

    func write(_ report: EvaluationReport) throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try ReportRenderer.json(report).write(to: URL(fileURLWithPath: out).appendingPathComponent("report.json"))
            try ReportRenderer.markdown(report).write(toFile: out + "/report.md", atomically: true, encoding: .utf8)
            try ReportRenderer.html(report).write(toFile: out + "/report.html", atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure.cannotWrite(out, "\(error.localizedDescription)")
        }
    }

    /// Split counts per feature for tree models; |standardised coefficient| for logistic regression.
    static func importance(_ file: ModelFile) -> [EvaluationReport.Importance] {
        var v = [Double](repeating: 0, count: file.schema.featureCount)
        switch file.model {
        case let .logistic(m): v = m.coefficients.map(abs)
        case let .treeEnsemble(e):
            for t in e.trees {
                for n in 0..<t.nodeCount where t.leftChild[n] >= 0 { v[Int(t.splitFeature[n])] += 1 }
            }
        }
        let pairs: [(name: String, value: Double)] = zip(file.schema.featureNames, v).filter { $0.1 > 0 }.map { ($0.0, $0.1) }
        let sorted = pairs.sorted { a, b in a.value != b.value ? a.value > b.value : a.name < b.name }
        return sorted.map { EvaluationReport.Importance(feature: $0.name, value: $0.value) }
    }

    func checkSchema(_ scorer: ModelScorer, _ table: FeatureTable, modelPath: String) throws {
        do {
            try scorer.checkSchema(featureNames: table.featureNames, version: table.schema.version)
        } catch let e as ModelFileError {
            throw CommandFailure.verification("\(modelPath) does not fit \(features): \(e.description)")
        }
    }

    /// A plain model file, or a signed production file (verified against --trusted-key), so the exact file that
    /// will be deployed can be evaluated.
    func loadModel(_ path: String) throws -> ModelFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure.noInput(path) }
        let keys: [TrustedKey]
        do {
            keys = try ModelKeyFile.trustedKeys(paths: trustedKey)
        } catch let ModelKeyFileError.missing(keyPath) {
            throw CommandFailure.noInput(keyPath)
        } catch let e as ModelKeyFileError {
            throw CommandFailure.badInput(e.description)
        }
        do {
            return try SignedModel.load(data: data, trustedKeys: keys, allowUnsigned: true)
        } catch let e as SignedModelError {
            throw CommandFailure.verification("\(path): \(e.description)")
        }
    }

    func loadTable(_ path: String) throws -> FeatureTable {
        guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure.noInput(path) }
        do {
            return try FeatureTable.read(path: path)
        } catch let e as TrafficError {
            throw CommandFailure.badInput(e.description)
        }
    }

    func fmt(_ x: Double) -> String { String(format: "%.4f", x) }
    static func percent(_ x: Double) -> String { String(format: "%g%%", x * 100) }
}
