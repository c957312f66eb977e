import Evaluation
import CLinearAlgebra
import Foundation
import ScoringRuntime

extension LogisticRegression {
    /// Proximal Newton for the elastic net (`l1 > 0`): minimise
    ///
    ///     F(θ) = Σᵢ sᵢ·ℓᵢ + (l2/2)·‖w‖² + l1·‖w‖₁      (intercept unpenalised)
    ///
    /// Each iteration takes the exact gradient g and Hessian H (+ l2 on the features) at θ, minimises the
    /// model gᵀΔ + ½ΔᵀHΔ + l1·‖w + Δ‖₁ by cyclic coordinate descent on the (d+1)×(d+1) system (soft
    /// thresholding; glmnet's inner loop), then backtracks on F with Armijo (c = 1e-4) on the predicted
    /// decrease. Converged when the minimum-norm subgradient, max_j |∂F/∂θ_j| (for w_j = 0:
    /// max(|g_j| − l1, 0)), divided by Σᵢ sᵢ, is ≤ `tolerance`. Matches scikit-learn's
    /// `LogisticRegression(l1_ratio = l1/(l1+l2), C = 1/(l1+l2))`.
    func elasticNet(_ design: StandardizedDesign, validation: Dataset?,
                    progress: ((LogisticIteration) -> Void)?) throws -> (theta: [Double], history: [LogisticIteration], converged: Bool) {
        let d = design.featureCount, w = d + 1
        let weightSum = design.weights.reduce(0, +)
        var theta = [Double](repeating: 0, count: w)
        let positiveWeight = zip(design.labels, design.weights).reduce(0) { $0 + $1.0 * $1.1 }
        let rate = min(max(positiveWeight / weightSum, 1e-12), 1 - 1e-12)
        theta[d] = log(rate / (1 - rate))
        var pass = NewtonPass(width: w, blockRows: design.blockRows)
        func objective(_ loss: Double, _ t: [Double]) -> Double {
            var f = loss
            for j in 0..<d { f += 0.5 * l2 * t[j] * t[j] + l1 * abs(t[j]) }
            return f
        }
        var current = pass.run(design, theta: theta, hessianStride: 1, threads: threads)
        var f = objective(current.loss, theta)
        var history: [LogisticIteration] = []
        func smoothGradient() -> [Double] {
            var g = current.gradient
            for j in 0..<d { g[j] += l2 * theta[j] }
            return g
        }
        func record(step: Double) -> Double {
            let g = smoothGradient()
            var worst = abs(g[d])
            for j in 0..<d {
                let sub = theta[j] != 0 ? abs(g[j] + l1 * (theta[j] > 0 ? 1 : -1)) : max(abs(g[j]) - l1, 0)
                worst = max(worst, sub)
            }
            var entry = LogisticIteration(iteration: history.count, trainLogLoss: current.loss / weightSum,
                                          validationLogLoss: nil, maxGradient: worst / weightSum, step: step)
            if let validation { entry.validationLogLoss = Self.validationLogLoss(theta, design: design, validation) }
            history.append(entry)
            progress?(entry)
            return entry.maxGradient
        }
        var converged = record(step: 0) <= tolerance
        var iteration = 0
        while !converged && iteration < maxIterations {
            iteration += 1
            let g = smoothGradient()
            // Full symmetric H + l2·I_w from dsyrk's upper triangle.
            var h = current.hessian
            for j in 0..<w { for i in 0..<j { h[j + i * w] = h[i + j * w] } }
            for j in 0..<d { h[j * w + j] += l2 }
            var delta = [Double](repeating: 0, count: w)
            var hDelta = [Double](repeating: 0, count: w)
            for _ in 0..<500 {
                var biggest = 0.0
                for j in 0..<w {
                    let a = h[j * w + j]
                    guard a > 0 else { continue }
                    let b = g[j] + hDelta[j] - a * delta[j]
                    let target: Double
                    if j == d {
                        target = -b / a
                    } else {
                        let z = a * theta[j] - b
                        target = (z > l1 ? z - l1 : (z < -l1 ? z + l1 : 0)) / a - theta[j]
                    }
                    let change = target - delta[j]
                    if change != 0 {
                        delta[j] = target
                        for i in 0..<w { hDelta[i] += h[j * w + i] * change }
                        biggest = max(biggest, abs(change))
                    }
                }
                if biggest <= 1e-13 * (1 + theta.reduce(0) { max($0, abs($1)) }) { break }
            }
            var predicted = 0.0  // gᵀΔ + l1·(‖w+Δ‖₁ − ‖w‖₁) < 0
            for j in 0..<w { predicted += g[j] * delta[j] }
            for j in 0..<d { predicted += l1 * (abs(theta[j] + delta[j]) - abs(theta[j])) }
            var step = 1.0
            var accepted = false
            for _ in 0..<40 {
                let trial = zip(theta, delta).map { $0 + step * $1 }
                let next = pass.run(design, theta: trial, hessianStride: 1, threads: threads)
                let fNext = objective(next.loss, trial)
                if fNext <= f + 1e-4 * step * predicted + 1e-13 * abs(f) {
                    theta = trial; current = next; f = fNext
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else {
                throw TrainingError.numerical("elastic-net line search failed to decrease the objective at iteration \(iteration)")
            }
            converged = record(step: step) <= tolerance
        }
        return (theta, history, converged)
    }
}
