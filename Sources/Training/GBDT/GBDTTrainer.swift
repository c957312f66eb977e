import ScoringRuntime

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
public struct GBDTTrainer: Sendable {
    public var parameters: GBDTParameters

    public init(parameters: GBDTParameters = GBDTParameters()) {
        self.parameters = parameters
    }

    /// Fits on `train`; `validation` (if given) drives early stopping and the validation loss history.
    /// `progress` is called after each round.
    public func fit(_ train: Dataset, validation: Dataset? = nil,
                    progress: ((GBDTIteration) -> Void)? = nil) throws -> FittedGBDT {
        // Implemented in this folder by the GBDT work (binning, histograms, split finding, tree growth).
        throw TrainingError.numerical("GBDT training is not implemented yet")
    }
}
