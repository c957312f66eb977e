extension GBDTParameters {
    /// Throws `TrainingError.invalidParameter` for the first out-of-range value.
    func validate() throws {
        func check(_ ok: Bool, _ name: String, _ value: Any, _ expected: String) throws {
            if !ok { throw TrainingError.invalidParameter(name: name, value: "\(value)", expected: expected) }
        }
        try check(numRounds >= 1, "numRounds", numRounds, ">= 1")
        try check(numLeaves >= 2 && numLeaves <= 131_072, "numLeaves", numLeaves, "2...131072")
        try check(learningRate > 0 && learningRate.isFinite, "learningRate", learningRate, "> 0")
        try check(maxBin >= 2 && maxBin <= 255, "maxBin", maxBin, "2...255")
        try check(minDataInLeaf >= 0, "minDataInLeaf", minDataInLeaf, ">= 0")
        try check(minSumHessianInLeaf >= 0, "minSumHessianInLeaf", minSumHessianInLeaf, ">= 0")
        try check(lambdaL2 >= 0 && lambdaL2.isFinite, "lambdaL2", lambdaL2, ">= 0")
        try check(featureFraction > 0 && featureFraction <= 1, "featureFraction", featureFraction, "(0, 1]")
        try check(baggingFraction > 0 && baggingFraction <= 1, "baggingFraction", baggingFraction, "(0, 1]")
        try check(baggingFreq >= 0, "baggingFreq", baggingFreq, ">= 0")
        try check(earlyStoppingRounds >= 0, "earlyStoppingRounds", earlyStoppingRounds, ">= 0")
        try check(scalePosWeight > 0 && scalePosWeight.isFinite, "scalePosWeight", scalePosWeight, "> 0")
        try check(threads >= 0, "threads", threads, ">= 0")
    }
}
