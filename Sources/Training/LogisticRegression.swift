import Evaluation
import CLinearAlgebra
import Foundation
import ScoringRuntime

/// Regularised logistic regression on standardised features, fitted by Newton's method with BLAS/LAPACK.
///
/// Objective (scikit-learn's `LogisticRegression(C = 1/l2)` after `StandardScaler`):
///
///     F(w, b) = Σᵢ sᵢ·[log(1 + e^{zᵢ}) − yᵢ·zᵢ] + (l2/2)·‖w‖²,   zᵢ = b + Σⱼ wⱼ·(xᵢⱼ − meanⱼ)/scaleⱼ
///
/// with sᵢ = row weight × (`scalePosWeight` if yᵢ = 1); the intercept b is not penalised; missing xᵢⱼ → meanⱼ.
/// Each iteration solves (H + l2·I_w)·Δ = ∇F by Cholesky (`dposv`), H = Xᵀ diag(s·p·(1−p)) X from `dsyrk`,
/// then backtracks (halving) until F decreases (Armijo, c = 1e-4, allowing rounding noise of 1e-13·|F|).
/// Converged when max_j |∂F/∂θ_j| / Σᵢ sᵢ ≤ `tolerance` — the same scaled gradient scikit-learn's lbfgs
/// tests against its `tol`. Newton converges quadratically: typically 6–9 iterations for d ≤ a few hundred.
/// On large data (≥ 8·`warmStartStride` panels) the same problem is first solved on a sample of panels, and
/// the Hessian is estimated from a sample while far from the optimum; the gradient and the stopping test
/// always use every row, so these only change the path, not the answer (to within `tolerance`).
/// With `l1 > 0` the elastic net is solved instead (`elasticNet`). The BLAS thread count is a process-wide
/// setting pinned to 1 during a fit, so run concurrent fits only with their own processes.
public struct LogisticRegression: Sendable, Equatable {
    /// L2 strength on standardised coefficients (scikit-learn's 1/C).
    public var l2: Double = 1
    /// L1 strength (elastic net when > 0; solved by proximal Newton, see `elasticNet`).
    public var l1: Double = 0
    /// Convergence threshold on max |gradient| / Σ weights.
    public var tolerance: Double = 1e-8
    public var maxIterations: Int = 100
    /// Weight multiplier for positive rows (LightGBM's `scale_pos_weight`).
    public var scalePosWeight: Double = 1
    /// Worker threads for the data passes; results do not depend on it.
    public var threads: Int = 1
    /// Rows per cache-resident panel.
    public var blockRows: Int = 512
    /// Far from the optimum the Hessian is estimated from every `hessianSampleStride`-th panel (1 = always exact).
    public var hessianSampleStride: Int = 8
    /// Below this max |gradient| / Σ weights the Hessian is exact (then reused while convergence stays fast).
    public var exactHessianBelow: Double = 1e-3
    /// Warm start on every `warmStartStride`-th panel (0 or 1 = off; used when there are ≥ 8·stride panels).
    public var warmStartStride: Int = 16
    /// Convergence threshold of the warm start (its optimum only needs to be near the full one).
    public var warmStartTolerance: Double = 1e-5

    public init() {}

    /// Fits on `train`; `validation` (if any) is scored after every iteration for the history.
    public func fit(_ train: Dataset, validation: Dataset? = nil,
                    progress: ((LogisticIteration) -> Void)? = nil) throws -> FittedLogisticRegression {
        try validateParameters()
        guard train.rowCount > 0 else { throw TrainingError.emptyDataset }
        guard train.featureCount > 0 else {
            throw TrainingError.invalidParameter(name: "features", value: "0", expected: "at least one feature column")
        }
        let positives = train.positiveCount
        if positives == 0 || positives == train.rowCount { throw TrainingError.singleClass(label: train.labels[0]) }
        if let validation, validation.featureNames != train.featureNames {
            throw TrainingError.invalidParameter(name: "validation", value: "\(validation.featureCount) features",
                                                 expected: "the same feature columns as the training data, in the same order")
        }
        return try BLASThreads.withSingleThreadedBLAS {
            let t0 = SolverClock.now()
            let design = StandardizedDesign(train, blockRows: blockRows, scalePosWeight: scalePosWeight, threads: threads)
            let t1 = SolverClock.now(), c1 = SolverClock.processCPU()
            let (theta, history, converged) = l1 > 0
                ? try elasticNet(design, validation: validation, progress: progress)
                : try solve(design, validation: validation, progress: progress)
            let t2 = SolverClock.now(), c2 = SolverClock.processCPU()
            let d = design.featureCount
            let model = LogisticModel(mean: design.mean, scale: design.scale, coefficients: Array(theta[0..<d]), intercept: theta[d])
            return FittedLogisticRegression(parameters: self, featureNames: train.featureNames, model: model, history: history,
                                            converged: converged, preparationSeconds: t1 - t0, solverSeconds: t2 - t1,
                                            solverCPUSeconds: c2 - c1)
        }
    }

    func validateParameters() throws {
        func check(_ ok: Bool, _ name: String, _ value: Any, _ expected: String) throws {
            if !ok { throw TrainingError.invalidParameter(name: name, value: "\(value)", expected: expected) }
        }
        try check(l2.isFinite && l2 >= 0, "--l2", l2, "a finite number ≥ 0")
        try check(l1.isFinite && l1 >= 0, "--l1", l1, "a finite number ≥ 0")
        try check(tolerance.isFinite && tolerance > 0, "tolerance", tolerance, "a number > 0")
        try check(maxIterations >= 1, "max iterations", maxIterations, "≥ 1")
        try check(scalePosWeight.isFinite && scalePosWeight > 0, "--scale-pos-weight", scalePosWeight, "a number > 0")
        try check(threads >= 1, "--threads", threads, "≥ 1")
        try check(blockRows >= 8, "block rows", blockRows, "≥ 8")
        try check(hessianSampleStride >= 1, "Hessian sample stride", hessianSampleStride, "≥ 1")
    }

    private func solve(_ design: StandardizedDesign, validation: Dataset?,
                       progress: ((LogisticIteration) -> Void)?) throws -> (theta: [Double], history: [LogisticIteration], converged: Bool) {
        let d = design.featureCount
        var theta = [Double](repeating: 0, count: d + 1)
        let positiveWeight = zip(design.labels, design.weights).reduce(0) { $0 + $1.0 * $1.1 }
        let rate = min(max(positiveWeight / design.weights.reduce(0, +), 1e-12), 1 - 1e-12)
        theta[d] = log(rate / (1 - rate))  // start at the base rate: the optimum for w = 0
        var pass = NewtonPass(width: d + 1, blockRows: design.blockRows)
        // Warm start: solve the same problem on every k-th panel first (penalty scaled by the sampled share),
        // to `warmStartTolerance`. Its optimum is close to the full one, so the passes over all rows that
        // follow are few. Skipped when the sample is small or lacks a class.
        let k = warmStartStride
        if k > 1 && design.blockCount >= 8 * k {
            var sampledWeight = 0.0, sampledPositive = 0.0
            for b in stride(from: 0, to: design.blockCount, by: k) {
                for i in (b * design.blockRows)..<((b + 1) * design.blockRows) {
                    sampledWeight += design.weights[i]
                    sampledPositive += design.weights[i] * design.labels[i]
                }
            }
            if sampledPositive > 0 && sampledPositive < sampledWeight {
                let share = sampledWeight / design.weights.reduce(0, +)
                let warm = try newton(design, pass: &pass, start: theta, panelStride: k, hessianStride: k,
                                      penaltyShare: share, tolerance: max(tolerance, warmStartTolerance),
                                      maxIterations: maxIterations, validation: nil, progress: nil)
                theta = warm.theta
            }
        }
        let sampled = design.blockCount >= 8 * hessianSampleStride ? hessianSampleStride : 1
        return try newton(design, pass: &pass, start: theta, panelStride: 1, hessianStride: sampled, penaltyShare: 1,
                          tolerance: tolerance, maxIterations: maxIterations, validation: validation, progress: progress)
    }

    /// Damped Newton on the rows of panels `b % panelStride == 0` with penalty `penaltyShare · l2`.
    /// Hessian policy (the gradient is always exact, so the solution does not depend on it): estimated from
    /// every `hessianStride`-th panel while max |g| > `exactHessianBelow`, then exact once, then reused while
    /// each step still cuts max |g| by ≥ 10× (else recomputed).
    private func newton(_ design: StandardizedDesign, pass: inout NewtonPass, start: [Double], panelStride: Int,
                        hessianStride: Int, penaltyShare: Double, tolerance: Double, maxIterations: Int,
                        validation: Dataset?, progress: ((LogisticIteration) -> Void)?) throws
        -> (theta: [Double], history: [LogisticIteration], converged: Bool) {
        let d = design.featureCount, w = d + 1
        let lambda = l2 * penaltyShare
        var weightSum = 0.0
        for b in stride(from: 0, to: design.blockCount, by: panelStride) {
            for i in (b * design.blockRows)..<((b + 1) * design.blockRows) { weightSum += design.weights[i] }
        }
        func penalised(_ p: (loss: Double, gradient: [Double], hessian: [Double]), _ theta: [Double]) -> (f: Double, g: [Double]) {
            var f = p.loss
            var g = p.gradient
            for j in 0..<d { f += 0.5 * lambda * theta[j] * theta[j]; g[j] += lambda * theta[j] }
            return (f, g)
        }
        var theta = start
        var current = pass.run(design, theta: theta, panelStride: panelStride, hessianStride: hessianStride, threads: threads)
        var hessianIsExact = hessianStride == panelStride
        var (f, g) = penalised(current, theta)
        var history: [LogisticIteration] = []
        func record(step: Double) -> Double {
            let maxGradient = g.reduce(0) { max($0, abs($1)) } / weightSum
            var entry = LogisticIteration(iteration: history.count, trainLogLoss: current.loss / weightSum,
                                          validationLogLoss: nil, maxGradient: maxGradient, step: step)
            if let validation { entry.validationLogLoss = Self.validationLogLoss(theta, design: design, validation) }
            history.append(entry)
            progress?(entry)
            return maxGradient
        }
        var maxGradient = record(step: 0)
        var converged = maxGradient <= tolerance
        var iteration = 0
        while !converged && iteration < maxIterations {
            iteration += 1
            let previousMaxGradient = maxGradient
            // Newton direction: (H + λ·I_w) Δ = g, upper triangle as dsyrk left it.
            var a = current.hessian
            for j in 0..<d { a[j * w + j] += lambda }
            var delta = g
            var n = Int32(w), nrhs: Int32 = 1, lda = Int32(w), ldb = Int32(w), info: Int32 = 0
            var uplo = CChar(UInt8(ascii: "U"))
            dposv_(&uplo, &n, &nrhs, &a, &lda, &delta, &ldb, &info)
            guard info == 0 else {
                throw TrainingError.numerical("Cholesky of the Hessian failed (LAPACK dposv info \(info)); try a larger --l2")
            }
            let slope = zip(g, delta).reduce(0) { $0 + $1.0 * $1.1 }  // gᵀΔ > 0
            let stride = maxGradient > exactHessianBelow ? hessianStride : (hessianIsExact ? 0 : panelStride)
            var step = 1.0
            var accepted = false
            for _ in 0..<40 {
                let trial = zip(theta, delta).map { $0 - step * $1 }
                var next = pass.run(design, theta: trial, panelStride: panelStride, hessianStride: stride, threads: threads)
                if stride == 0 { next.hessian = current.hessian }
                let (fNext, gNext) = penalised(next, trial)
                if fNext <= f - 1e-4 * step * slope + 1e-13 * abs(f) {
                    theta = trial; current = next; f = fNext; g = gNext
                    if stride > 0 { hessianIsExact = stride == panelStride }
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else {
                throw TrainingError.numerical("line search failed to decrease the objective at iteration \(iteration)")
            }
            maxGradient = record(step: step)
            converged = maxGradient <= tolerance
            if stride == 0 && maxGradient > 0.1 * previousMaxGradient { hessianIsExact = false }  // stale: refresh
        }
        return (theta, history, converged)
    }
}
