import ArgumentParser
import Foundation
import HydraWatchCLI
import ScoringRuntime
import Training

@main
struct TrainCommand: ParsableCommand {
    static let toolVersion = "hydrawatch-train 0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "hydrawatch-train",
        abstract: "Train a distillation-campaign detector (logistic regression or gradient-boosted trees) and write a model file.",
        discussion: """
        Input: a folder written by hydrawatch-extract (its labelled accounts; unlabelled ones are skipped), the \
        extractor's features.csv, or a plain CSV file with a header, the 0/1 label in the FIRST column and numeric \
        features in the others (an empty cell or NaN is missing). Output: a version-1 model file (JSON, see docs/model-format.md).
        The same data, parameters and --seed give a byte-identical model file. The creation time is omitted \
        unless SOURCE_DATE_EPOCH is set.

        Without --validation, a validation set is split off: --split random (seeded), group:COLUMN (e.g. \
        group:cluster — no group on both sides; in a plain CSV the column is not used as a feature; a feature \
        table groups by its cluster or campaign column) or time:COLUMN (the latest \
        rows validate). --validation-fraction 0 trains on everything.

        Examples:
          hydrawatch-train --features out/features --algorithm gbdt \\
              --split group:cluster --out gbdt.json
          hydrawatch-train --features train.csv --l2 1 --out lr.json
          hydrawatch-train --features train.csv --split group:cluster \\
              --validation-fraction 0.25 --out lr.json
          hydrawatch-train --features train.csv --validation valid.csv \\
              --algorithm gbdt --num-rounds 300 --learning-rate 0.05 \\
              --early-stopping-rounds 20 --out gbdt.json

        Exit status: 0 success; 64 bad usage or parameter; 65 bad input data (the message names file, line and \
        column); 66 an input file is missing or unreadable; 70 internal error; 73 the model file cannot be written.
        """
    )

    enum Algorithm: String, ExpressibleByArgument, CaseIterable {
        case logistic, gbdt
    }

    @Option(help: ArgumentHelp("Training table: an extraction folder, or a CSV (label first).", valueName: "path"))
    var features: String

    @Option(help: ArgumentHelp("Separate validation table (same columns). Replaces --split.", valueName: "path"))
    var validation: String?

    @Option(help: "Learner: logistic or gbdt.")
    var algorithm: Algorithm = .logistic

    @Option(help: ArgumentHelp("Where to write the model file.", valueName: "path"))
    var out: String

    @Option(help: ArgumentHelp("Validation split when no --validation: random, group:COLUMN or time:COLUMN.", valueName: "kind"))
    var split: String = "random"

    @Option(help: "Share of rows (or of groups' rows) held out for validation; 0 = none.")
    var validationFraction: Double = 0.2

    @Option(help: "Logistic regression: L2 strength on standardised coefficients (scikit-learn's 1/C).")
    var l2: Double = 1

    @Option(help: "Logistic regression: L1 strength on standardised coefficients (elastic net when > 0; scikit-learn l1_ratio/C).")
    var l1: Double = 0

    @Option(help: "Logistic regression: stop when max |gradient| / Σ weights ≤ this.")
    var tolerance: Double = 1e-8

    @Option(help: "Weight multiplier for positive rows (class imbalance).")
    var scalePosWeight: Double = 1

    @Option(help: "GBDT: boosting rounds.") var numRounds: Int = 100
    @Option(help: "GBDT: maximum leaves per tree.") var numLeaves: Int = 31
    @Option(help: "GBDT: shrinkage per round.") var learningRate: Double = 0.1
    @Option(help: "GBDT: histogram bins per feature.") var maxBin: Int = 255
    @Option(help: "GBDT: minimum rows in a leaf.") var minDataInLeaf: Int = 20
    @Option(help: "GBDT: L2 regularisation on leaf values.") var lambdaL2: Double = 0
    @Option(help: "GBDT: share of features tried per tree.") var featureFraction: Double = 1
    @Option(help: "GBDT: share of rows sampled per bagging round.") var baggingFraction: Double = 1
    @Option(help: "GBDT: re-sample rows every this many rounds (0 = no bagging).") var baggingFreq: Int = 0
    @Option(help: "GBDT: stop after this many rounds without validation improvement (0 = off).") var earlyStoppingRounds: Int = 0
    @Option(help: "GBDT: maximum depth (≤ 0 = unlimited).") var maxDepth: Int = -1

    @Option(help: ArgumentHelp("Operating points stored in the model: false-positive rates on the validation set (comma-separated; empty = none).", valueName: "rates"))
    var targetFpr: String = "0.001,0.01"

    @OptionGroup var common: CommonOptions

    func run() throws {
        do {
            try train()
        } catch {
            throw reportAndExit(error, tool: "hydrawatch-train")
        }
    }
}
