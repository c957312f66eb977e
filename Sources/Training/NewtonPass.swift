import CLinearAlgebra
import Foundation

/// One pass of the Newton solver over a `StandardizedDesign` at coefficients θ (features then intercept):
///
///     z = Xθ,  p = σ(z),  loss = Σ sᵢ·(softplus(zᵢ) − yᵢ·zᵢ),  g = Xᵀ(s ⊙ (p − y)),  H = Xᵀ diag(s ⊙ p ⊙ (1 − p)) X
///
/// Per panel: `dgemv` for z and g, then (if the Hessian is wanted) the panel scaled by √hᵢ and `dsyrk`
/// (upper triangle) into the accumulator. Panels are grouped into a fixed number of chunks, each with its own
/// accumulators, summed in chunk order: the result does not depend on the thread count.
struct NewtonPass {
    static let chunkCount = 16

    let width: Int
    let blockRows: Int
    private var chunkLoss: [Double]
    private var chunkGradient: [Double]
    private var chunkHessian: [Double]
    private var scratch: [Double]

    init(width: Int, blockRows: Int) {
        self.width = width
        self.blockRows = blockRows
        let k = NewtonPass.chunkCount
        chunkLoss = [Double](repeating: 0, count: k)
        chunkGradient = [Double](repeating: 0, count: k * width)
        chunkHessian = [Double](repeating: 0, count: k * width * width)
        // Per chunk: z, r, √h (blockRows each) and the scaled panel (blockRows × width).
        scratch = [Double](repeating: 0, count: k * blockRows * (3 + width))
    }

    /// Returns (loss, gradient, upper-triangular column-major Hessian or empty). No penalty included.
    /// Loss and gradient sum over panels `b` with `b % panelStride == 0` (1 = all rows).
    /// `hessianStride` (a multiple of `panelStride`) 0: no Hessian; equal to `panelStride`: exact for those
    /// panels; larger: from every `hessianStride`-th panel, scaled up by the ratio of panel counts — an
    /// estimate that only steers iterations (the gradient stays exact).
    mutating func run(_ design: StandardizedDesign, theta: [Double], panelStride: Int = 1, hessianStride: Int, threads: Int)
        -> (loss: Double, gradient: [Double], hessian: [Double]) {
        precondition(panelStride >= 1 && hessianStride % panelStride == 0)
        let wantHessian = hessianStride > 0
        let w = width, bR = blockRows, k = NewtonPass.chunkCount
        let blocks = design.blockCount
        let hessianSize = w * w
        chunkLoss.withUnsafeMutableBufferPointer { lossBuf in
        chunkGradient.withUnsafeMutableBufferPointer { gradBuf in
        chunkHessian.withUnsafeMutableBufferPointer { hessBuf in
        scratch.withUnsafeMutableBufferPointer { scratchBuf in
        design.panels.withUnsafeBufferPointer { panelBuf in
        design.labels.withUnsafeBufferPointer { yBuf in
        design.weights.withUnsafeBufferPointer { sBuf in
        theta.withUnsafeBufferPointer { th in
            let lossP = lossBuf.baseAddress!, gradP = gradBuf.baseAddress!, hessP = hessBuf.baseAddress!
            let scratchP = scratchBuf.baseAddress!, panelP = panelBuf.baseAddress!
            let yP = yBuf.baseAddress!, sP = sBuf.baseAddress!, thP = th.baseAddress!
            func chunk(_ c: Int) {
                let g = gradP + c * w, h = hessP + c * hessianSize
                g.initialize(repeating: 0, count: w)
                if wantHessian { h.initialize(repeating: 0, count: hessianSize) }
                let z = scratchP + c * bR * (3 + w), r = z + bR, sq = r + bR, scaled = sq + bR
                var loss = 0.0
                let first = c * blocks / k, last = (c + 1) * blocks / k
                for b in first..<last where b % panelStride == 0 {
                    let panel = panelP + b * bR * w
                    let y = yP + b * bR, s = sP + b * bR
                    cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(bR), Int32(w), 1, panel, Int32(bR), thP, 1, 0, z, 1)
                    for i in 0..<bR {
                        let zi = z[i]
                        let e = exp(-abs(zi))
                        let p = zi >= 0 ? 1 / (1 + e) : e / (1 + e)
                        let si = s[i], yi = y[i]
                        loss += si * (max(zi, 0) + log1p(e) - yi * zi)
                        r[i] = si * (p - yi)
                        sq[i] = (si * p * (1 - p)).squareRoot()
                    }
                    cblas_dgemv(CblasColMajor, CblasTrans, Int32(bR), Int32(w), 1, panel, Int32(bR), r, 1, 1, g, 1)
                    if wantHessian && b % hessianStride == 0 {
                        for j in 0..<w {
                            let src = panel + j * bR, dst = scaled + j * bR
                            for i in 0..<bR { dst[i] = src[i] * sq[i] }
                        }
                        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(w), Int32(bR), 1, scaled, Int32(bR), 1, h, Int32(w))
                    }
                }
                lossP[c] = loss
            }
            if threads <= 1 {
                for c in 0..<k { chunk(c) }
            } else {
                let workers = min(threads, k)
                DispatchQueue.concurrentPerform(iterations: workers) { t in
                    var c = t
                    while c < k { chunk(c); c += workers }
                }
            }
        }}}}}}}}
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: w)
        var hessian = wantHessian ? [Double](repeating: 0, count: hessianSize) : []
        for c in 0..<k {
            loss += chunkLoss[c]
            for j in 0..<w { gradient[j] += chunkGradient[c * w + j] }
            if wantHessian { for j in 0..<hessianSize { hessian[j] += chunkHessian[c * hessianSize + j] } }
        }
        if hessianStride > panelStride {
            let sampled = (blocks + hessianStride - 1) / hessianStride
            let used = (blocks + panelStride - 1) / panelStride
            let factor = Double(used) / Double(sampled)
            for j in 0..<hessianSize { hessian[j] *= factor }
        }
        return (loss, gradient, hessian)
    }
}
