import Evaluation
import Foundation
import HydraWatchCLI
import ScoringRuntime
import Training

extension TrainCommand {
    func train() throws {
        let splitPlan = try DatasetSplit(argument: split)
        let source = DatasetSource(path: features)
        let loadStart = Progress.monotonicSeconds()
        let all = try source.load(keyColumn: validation == nil ? splitPlan.keyColumn : nil)
        let trainSet: Dataset
        var validationSet: Dataset?
        if let validation {
            let v = try DatasetSource(path: validation).load()
            guard v.featureNames == all.featureNames else {
                throw TrainingError.badInput(file: validation, line: 1, column: nil,
                                             reason: "columns differ from \(features); both need the same header")
            }
            (trainSet, validationSet) = (all, v)
        } else if validationFraction > 0 {
            let parts = try splitPlan.apply(to: all, validationFraction: validationFraction, seed: common.seed)
            (trainSet, validationSet) = (parts.train, parts.validation)
        } else {
            trainSet = all
        }
        Diagnostics.note(String(format: "hydrawatch-train: loaded %d rows × %d features in %.2f s", all.rowCount,
                                all.featureCount, Progress.monotonicSeconds() - loadStart))

        let builder = ModelFileBuilder(
            toolVersion: TrainCommand.toolVersion, schemaVersion: all.schemaVersion, dataDigest: all.digest,
            trainRows: trainSet.rowCount, validationRows: validationSet?.rowCount ?? 0,
            parameters: provenanceParameters(),
            createdAt: try ModelFileBuilder.creationTime(environment: ProcessInfo.processInfo.environment))
        let progress = Progress("training", total: Double(algorithm == .logistic ? 10 : numRounds))
        let fitStart = Progress.monotonicSeconds()
        var file: ModelFile
        let iterations: Int
        switch algorithm {
        case .logistic:
            var lr = LogisticRegression()
            lr.l2 = l2
            lr.l1 = l1
            lr.tolerance = tolerance
            lr.scalePosWeight = scalePosWeight
            lr.threads = common.resolvedThreads
            let fitted = try lr.fit(trainSet, validation: validationSet) { progress.update(Double($0.iteration)) }
            if !fitted.converged {
                Diagnostics.note("hydrawatch-train: warning: not converged after \(fitted.iterations) iterations "
                                 + "(max |gradient| \(fitted.history.last?.maxGradient ?? .nan))")
            }
            file = builder.build(fitted)
            iterations = fitted.iterations
        case .gbdt:
            let fitted = try GBDTTrainer(parameters: gbdtParameters()).fit(trainSet, validation: validationSet) {
                progress.update(Double($0.iteration))
            }
            file = builder.build(fitted)
            iterations = fitted.bestIteration
        }
        progress.finish()
        let fitSeconds = Progress.monotonicSeconds() - fitStart

        if let validationSet {
            let p = ModelScorer(file).probabilities(columnMajor: validationSet.values, rows: validationSet.rowCount)
            // A threshold for FPR r means something only when at least 1/r benign rows can be counted: with
            // fewer, "0 of 58 flagged" says nothing about 0.1%. Such targets are left for hydrawatch-export to
            // set from an evaluation report.
            let negatives = validationSet.labels.filter { $0 < 0.5 }.count
            file.thresholds = try targetRates().compactMap { rate in
                guard Double(negatives) * rate >= 1 else {
                    Diagnostics.note("hydrawatch-train: no operating threshold for FPR \(rate): the validation set has "
                        + "\(negatives) benign rows, fewer than the \(Int((1 / rate).rounded(.up))) it takes to measure that rate")
                    return nil
                }
                return RankingMetrics.threshold(forTargetFPR: rate, labels: validationSet.labels, scores: p)
                    .map { OperatingThreshold(threshold: $0, targetFPR: rate) }
            }
        }
        let data = try file.jsonData()
        do {
            try data.write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw TrainCommandError.cannotWrite(path: out, reason: (error as NSError).localizedDescription)
        }
        summarize(file, train: trainSet, validation: validationSet, iterations: iterations, seconds: fitSeconds)
    }

    /// Scores through the runtime (the model file as written), as evaluation will.
    func summarize(_ file: ModelFile, train: Dataset, validation: Dataset?, iterations: Int, seconds: Double) {
        let score = ModelScorer(file)
        func line(_ name: String, _ data: Dataset) -> String {
            let p = score.probabilities(columnMajor: data.values, rows: data.rowCount)
            let loss = ProbabilisticMetrics.logLoss(labels: data.labels, probabilities: p)
            var s = "\(name): \(data.rowCount) rows, log-loss " + String(format: "%.6f", loss)
            let auc = RankingMetrics.rocAUC(labels: data.labels, scores: p)
            if auc.isFinite { s += String(format: ", AUC %.5f", auc) }
            return s
        }
        Diagnostics.note("hydrawatch-train: \(algorithm.rawValue), \(train.featureCount) features, \(iterations) iterations, "
                         + String(format: "%.2f s", seconds) + "; wrote \(out)")
        Diagnostics.note("  " + line("train", train))
        if let validation { Diagnostics.note("  " + line("validation", validation)) }
    }

    func targetRates() throws -> [Double] {
        try targetFpr.split(separator: ",").map { part in
            guard let v = Double(part.trimmingCharacters(in: .whitespaces)), v >= 0, v <= 1 else {
                throw TrainingError.invalidParameter(name: "--target-fpr", value: String(part), expected: "rates in [0, 1]")
            }
            return v
        }.sorted()
    }

    func gbdtParameters() -> GBDTParameters {
        var p = GBDTParameters()
        p.numRounds = numRounds
        p.numLeaves = numLeaves
        p.learningRate = learningRate
        p.maxBin = maxBin
        p.minDataInLeaf = minDataInLeaf
        p.lambdaL2 = lambdaL2
        p.featureFraction = featureFraction
        p.baggingFraction = baggingFraction
        p.baggingFreq = baggingFreq
        p.earlyStoppingRounds = earlyStoppingRounds
        p.maxDepth = maxDepth
        p.scalePosWeight = scalePosWeight
        p.seed = common.seed
        p.threads = common.resolvedThreads
        return p
    }

    /// Parameters that shape the model, keyed by option name (threads excluded: results do not depend on it).
    func provenanceParameters() -> [String: String] {
        var p: [String: String] = [
            "algorithm": algorithm.rawValue, "seed": "\(common.seed)", "scale-pos-weight": "\(scalePosWeight)",
            "features": URL(fileURLWithPath: features).lastPathComponent,
        ]
        if let validation { p["validation"] = URL(fileURLWithPath: validation).lastPathComponent } else {
            p["split"] = split
            p["validation-fraction"] = "\(validationFraction)"
        }
        switch algorithm {
        case .logistic:
            p["l2"] = "\(l2)"
            if l1 > 0 { p["l1"] = "\(l1)" }
            p["tolerance"] = "\(tolerance)"
        case .gbdt:
            p["num-rounds"] = "\(numRounds)"; p["num-leaves"] = "\(numLeaves)"; p["learning-rate"] = "\(learningRate)"
            p["max-bin"] = "\(maxBin)"; p["min-data-in-leaf"] = "\(minDataInLeaf)"; p["lambda-l2"] = "\(lambdaL2)"
            p["feature-fraction"] = "\(featureFraction)"; p["bagging-fraction"] = "\(baggingFraction)"
            p["bagging-freq"] = "\(baggingFreq)"; p["early-stopping-rounds"] = "\(earlyStoppingRounds)"
            p["max-depth"] = "\(maxDepth)"
        }
        return p
    }
}
