import ScoringRuntime

// Histogram GBDT, one job per file in the order a fit uses them:
//   GBDTParameters+Validation → GBDTBinCuts (quantile bounds, NaN bin) → GBDTBinnedMatrix (column-major UInt8)
//   → per round: GBDTLogLoss (gradient/hessian pairs) → GBDTTreeLearner (leaf-wise growth) using
//   GBDTHistogramBuilder (smaller child + subtraction), GBDTSplitEvaluator (gain, missing direction) and
//   GBDTDataPartition (rows by leaf). GBDTParallel distributes work deterministically; GBDTRandom draws
//   bags and feature subsets; Tree+Prediction scores a Dataset with the resulting TreeEnsemble.

/// Hyperparameters of histogram gradient-boosted trees for binary log-loss, named as LightGBM names them.
public struct GBDTParameters: Sendable, Codable, Equatable {
    public var numRounds: Int = 100
    public var numLeaves: Int = 31
    /// Maximum tree depth; ≤ 0 means no limit (leaf-wise growth bounded by `numLeaves`).
    public var maxDepth: Int = -1
    public var learningRate: Double = 0.1
    public var maxBin: Int = 255
    public var minDataInLeaf: Int = 20
    public var minSumHessianInLeaf: Double = 1e-3
    public var lambdaL2: Double = 0
    public var featureFraction: Double = 1
    public var baggingFraction: Double = 1
    /// Re-draw the bagging sample every `baggingFreq` rounds (LightGBM semantics; 0 disables bagging).
    public var baggingFreq: Int = 0
    /// Stop when the validation log-loss has not improved for this many rounds (0 disables).
    public var earlyStoppingRounds: Int = 0
    /// Weight multiplier for positive rows (LightGBM's `scale_pos_weight`).
    public var scalePosWeight: Double = 1
    public var seed: UInt64 = 1
    /// Worker threads; 0 means all cores.
    public var threads: Int = 0

    public init() {}
}

/// Loss after one boosting round.
public struct GBDTIteration: Sendable, Codable, Equatable {
    public var iteration: Int
    public var trainLogLoss: Double?
    public var validationLogLoss: Double?

    public init(iteration: Int, trainLogLoss: Double?, validationLogLoss: Double?) {
        self.iteration = iteration
        self.trainLogLoss = trainLogLoss
        self.validationLogLoss = validationLogLoss
    }
}

/// The result of `GBDTTrainer.fit`: an immutable ensemble plus what training learned about it.
public struct FittedGBDT: Sendable {
    public let parameters: GBDTParameters
    public let featureNames: [String]
    /// Trees up to the best iteration (early stopping) — what the model file stores.
    public let ensemble: TreeEnsemble
    /// Total split gain per feature.
    public let gainImportance: [Double]
    /// Number of splits per feature.
    public let splitImportance: [Int]
    public let history: [GBDTIteration]
    /// Number of rounds kept (equals `ensemble.trees.count`).
    public let bestIteration: Int

    public init(parameters: GBDTParameters, featureNames: [String], ensemble: TreeEnsemble, gainImportance: [Double],
                splitImportance: [Int], history: [GBDTIteration], bestIteration: Int) {
        self.parameters = parameters
        self.featureNames = featureNames
        self.ensemble = ensemble
        self.gainImportance = gainImportance
        self.splitImportance = splitImportance
        self.history = history
        self.bestIteration = bestIteration
    }
}

/// Histogram gradient-boosted trees (binary log-loss), leaf-wise growth, LightGBM-compatible parameters.
///
/// The boosting loop: bin the features once (`GBDTBinCuts`, `GBDTBinnedMatrix`), start from the log-odds of
/// the base rate, then each round compute gradients/hessians (`GBDTLogLoss`), draw the bag and the tree's
/// features, grow a tree (`GBDTTreeLearner`) and add its leaf values to the scores. Same data, parameters and
/// seed give identical trees for any thread count.
public struct GBDTTrainer: Sendable {
    public var parameters: GBDTParameters

    public init(parameters: GBDTParameters = GBDTParameters()) {
        self.parameters = parameters
    }

    /// Fits on `train`; `validation` (if given) drives early stopping and the validation loss history.
    /// `progress` is called after each round.
    public func fit(_ train: Dataset, validation: Dataset? = nil,
                    progress: ((GBDTIteration) -> Void)? = nil) throws -> FittedGBDT {
        let p = parameters
        try p.validate()
        try Self.checkData(train, role: "train")
        if let validation {
            try Self.checkData(validation, role: "validation")
            guard validation.featureCount == train.featureCount else {
                throw TrainingError.invalidParameter(name: "validation", value: "\(validation.featureCount) features",
                                                     expected: "\(train.featureCount) features like the training set")
            }
        }
        let positives = train.labels.reduce(0, +)
        if positives == 0 || positives == Double(train.rowCount) {
            throw TrainingError.singleClass(label: train.labels[0])
        }

        let parallel = GBDTParallel(threads: p.threads)
        let n = train.rowCount
        let featureCount = train.featureCount
        let cuts = GBDTBinCuts.fit(train, maxBin: p.maxBin, seed: p.seed, parallel: parallel)
        let matrix = GBDTBinnedMatrix(train, cuts: cuts, parallel: parallel)
        let evaluator = GBDTSplitEvaluator(lambdaL2: p.lambdaL2, minDataInLeaf: max(1, p.minDataInLeaf),
                                           minSumHessianInLeaf: p.minSumHessianInLeaf)
        let learner = GBDTTreeLearner(matrix: matrix, cuts: cuts, evaluator: evaluator, numLeaves: p.numLeaves,
                                      maxDepth: p.maxDepth, learningRate: p.learningRate, parallel: parallel)
        let objective = GBDTLogLoss(scalePosWeight: p.scalePosWeight)
        let baseScore = GBDTLogLoss.initialScore(labels: train.labels, weights: train.weights)
        let trainWeightSum = train.weights.map { $0.reduce(0, +) } ?? Double(n)

        var scores = [Double](repeating: baseScore, count: n)
        var validationScores = [Double](repeating: baseScore, count: validation?.rowCount ?? 0)
        var gradients = [SIMD2<Float>](repeating: .zero, count: n)
        var histograms = [SIMD2<Double>](repeating: .zero, count: p.numLeaves * matrix.totalBins)
        var ordered = [SIMD2<Float>](repeating: .zero, count: n)
        var rng = GBDTRandom(seed: p.seed)
        let allRows = (0..<n).map { Int32($0) }
        var bag = allRows
        var inBag = [Bool]()
        let bagging = p.baggingFreq > 0 && p.baggingFraction < 1

        var trees: [Tree] = []
        var gain = [Double](repeating: 0, count: featureCount)
        var splitCount = [Int](repeating: 0, count: featureCount)
        var gainAt: [[Double]] = []
        var splitCountAt: [[Int]] = []
        var history: [GBDTIteration] = []
        var bestIteration = 0
        var bestLoss = Double.infinity

        for round in 0..<p.numRounds {
            let lossSum = objective.gradients(scores: scores, labels: train.labels, weights: train.weights,
                                              gradients: &gradients, parallel: parallel)
            if round > 0 { history[round - 1].trainLogLoss = lossSum / trainWeightSum }

            if bagging && round % p.baggingFreq == 0 {
                bag.removeAll(keepingCapacity: true)
                inBag = [Bool](repeating: false, count: n)
                for i in 0..<n where rng.nextUnit() < p.baggingFraction {
                    bag.append(Int32(i))
                    inBag[i] = true
                }
                if bag.isEmpty { bag = [Int32(rng.next() % UInt64(n))]; inBag[Int(bag[0])] = true }
            }
            let features: [Int]
            if p.featureFraction < 1 {
                let k = max(1, Int(Double(featureCount) * p.featureFraction + 0.5))
                features = rng.sample(k, from: featureCount)
            } else {
                features = Array(0..<featureCount)
            }

            let grown = learner.grow(rows: bag, allRows: !bagging, features: features, gradients: gradients,
                                     histograms: &histograms, ordered: &ordered)
            if grown.leafCount < 2 { break }  // no usable split left: further rounds would add nothing
            Self.updateScores(&scores, with: grown, matrix: matrix, inBag: bagging ? inBag : nil, parallel: parallel)
            trees.append(grown.tree)
            for s in grown.splits {
                gain[s.feature] += s.gain
                splitCount[s.feature] += 1
            }
            gainAt.append(gain)
            splitCountAt.append(splitCount)

            var step = GBDTIteration(iteration: round + 1, trainLogLoss: nil, validationLogLoss: nil)
            if let validation {
                grown.tree.addLeafValues(validation, to: &validationScores)
                let loss = GBDTLogLoss.meanLoss(scores: validationScores, labels: validation.labels,
                                                weights: validation.weights, parallel: parallel)
                step.validationLogLoss = loss
                if loss < bestLoss {
                    bestLoss = loss
                    bestIteration = round + 1
                }
            }
            // Without early stopping every round is kept (LightGBM's behaviour); the validation loss is history only.
            if validation == nil || p.earlyStoppingRounds <= 0 { bestIteration = round + 1 }
            history.append(step)
            if round == p.numRounds - 1 || (p.earlyStoppingRounds > 0 && validation != nil
                                             && round + 1 - bestIteration >= p.earlyStoppingRounds) {
                history[round].trainLogLoss = GBDTLogLoss.meanLoss(scores: scores, labels: train.labels,
                                                                   weights: train.weights, parallel: parallel)
            }
            progress?(history[round])
            if p.earlyStoppingRounds > 0 && validation != nil && round + 1 - bestIteration >= p.earlyStoppingRounds {
                break
            }
        }
        if history.last?.trainLogLoss == nil, !history.isEmpty {
            history[history.count - 1].trainLogLoss = GBDTLogLoss.meanLoss(
                scores: scores, labels: train.labels, weights: train.weights, parallel: parallel)
        }

        let kept = min(bestIteration, trees.count)
        return FittedGBDT(parameters: p, featureNames: train.featureNames,
                          ensemble: TreeEnsemble(trees: Array(trees[0..<kept]), baseScore: baseScore),
                          gainImportance: kept > 0 ? gainAt[kept - 1] : gain,
                          splitImportance: kept > 0 ? splitCountAt[kept - 1] : splitCount,
                          history: history, bestIteration: kept)
    }

    private static func checkData(_ data: Dataset, role: String) throws {
        guard data.rowCount > 0, data.featureCount > 0 else { throw TrainingError.emptyDataset }
        if let bad = data.labels.first(where: { $0 != 0 && $0 != 1 }) {
            throw TrainingError.invalidParameter(name: "\(role) labels", value: "\(bad)", expected: "0 or 1")
        }
        if let w = data.weights {
            guard w.count == data.rowCount else {
                throw TrainingError.invalidParameter(name: "\(role) weights", value: "\(w.count) weights",
                                                     expected: "\(data.rowCount) (one per row)")
            }
            if let bad = w.first(where: { !($0 >= 0 && $0.isFinite) }) {
                throw TrainingError.invalidParameter(name: "\(role) weights", value: "\(bad)",
                                                     expected: "finite and >= 0")
            }
        }
    }

    /// Adds the new tree's leaf values to the training scores: bagged rows through the leaf partition,
    /// out-of-bag rows by walking the tree on their bins.
    private static func updateScores(_ scores: inout [Double], with grown: GBDTGrownTree, matrix: GBDTBinnedMatrix,
                                     inBag: [Bool]?, parallel: GBDTParallel) {
        let tree = grown.tree
        scores.withUnsafeMutableBufferPointer { out in
            let out = out
            grown.partition.indices.withUnsafeBufferPointer { idx in
                parallel.forEach(grown.leafCount) { l in
                    let v = tree.value[grown.leafNodes[l]]
                    let start = grown.partition.begin[l]
                    for i in start..<(start + grown.partition.count[l]) { out[Int(idx[i])] += v }
                }
            }
            guard let inBag else { return }
            let n = matrix.rowCount
            matrix.bins.withUnsafeBufferPointer { bins in
                parallel.forEachRowChunk(n) { range in
                    for i in range where !inBag[i] {
                        var node = 0
                        while tree.leftChild[node] >= 0 {
                            let f = Int(tree.splitFeature[node])
                            let b = Int(bins[f * n + i])
                            let goLeft = b == matrix.binCounts[f] - 1 ? tree.defaultLeft[node]
                                                                      : b <= grown.thresholdBins[node]
                            node = Int(goLeft ? tree.leftChild[node] : tree.rightChild[node])
                        }
                        out[i] += tree.value[node]
                    }
                }
            }
        }
    }
}
