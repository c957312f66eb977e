// Times LogisticRegression.fit on a benchmark folder (X_train.f32 row-major float32, y_train.u8, meta.json)
// with the data already in memory, as the scikit-learn reference does. Prints one JSON line per fit.
// Usage: hydrawatch-bench-lr --data DIR [--runs 3] [--threads 1] [--l2 1] [--block-rows 512]
//        hydrawatch-bench-lr --csv FILE [--runs 3]
import Foundation
import Training

#if canImport(Glibc)
import Glibc
#endif

func argument(_ name: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: name), i + 1 < args.count { return args[i + 1] }
    return fallback
}

func processCPUSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) * 1e-6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) * 1e-6
}

func wall() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

// --csv FILE: time the CSV reader instead (rows, seconds, MB/s), then exit.
let csvPath = argument("--csv", "")
if !csvPath.isEmpty {
    let bytes = (try FileManager.default.attributesOfItem(atPath: csvPath)[.size] as? NSNumber)?.doubleValue ?? 0
    for run in 1...(Int(argument("--runs", "3")) ?? 3) {
        let c0 = processCPUSeconds(), t0 = wall()
        let table = try DatasetSource(path: csvPath).load()
        let t1 = wall(), c1 = processCPUSeconds()
        print("{\"impl\":\"swift-csv\",\"run\":\(run),\"rows\":\(table.rowCount),\"features\":\(table.featureCount),"
            + "\"load_s\":\(t1 - t0),\"cpu_s\":\(c1 - c0),\"mb_per_s\":\(bytes / 1e6 / (t1 - t0))}")
        fflush(stdout)
    }
    exit(0)
}

let dir = argument("--data", "")
guard !dir.isEmpty else { FileHandle.standardError.write("usage: hydrawatch-bench-lr --data DIR\n".data(using: .utf8)!); exit(64) }
let runs = Int(argument("--runs", "3")) ?? 3
var lr = LogisticRegression()
lr.threads = Int(argument("--threads", "1")) ?? 1
lr.l2 = Double(argument("--l2", "1")) ?? 1
lr.blockRows = Int(argument("--block-rows", "512")) ?? 512
lr.tolerance = Double(argument("--tol", "1e-8")) ?? 1e-8
lr.hessianSampleStride = Int(argument("--hessian-stride", "8")) ?? 8
lr.exactHessianBelow = Double(argument("--exact-below", "1e-3")) ?? 1e-3
lr.warmStartStride = Int(argument("--warm-stride", "16")) ?? 16
lr.warmStartTolerance = Double(argument("--warm-tol", "1e-5")) ?? 1e-5

let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/meta.json"))) as! [String: Any]
let n = meta["n_train"] as! Int, d = meta["n_features"] as! Int
let names = meta["feature_names"] as! [String]
let xData = try Data(contentsOf: URL(fileURLWithPath: dir + "/X_train.f32"))
let yData = try Data(contentsOf: URL(fileURLWithPath: dir + "/y_train.u8"))
precondition(xData.count == n * d * 4 && yData.count == n, "shapes in meta.json do not match the files")
var values = [Double](repeating: 0, count: n * d)
xData.withUnsafeBytes { raw in
    let f = raw.bindMemory(to: Float.self)
    for i in 0..<n { for j in 0..<d { values[j * n + i] = Double(f[i * d + j]) } }
}
let labels = yData.map { Double($0) }
let data = Dataset(featureNames: names, rowCount: n, values: values, labels: labels)

for run in 1...runs {
    let c0 = processCPUSeconds(), t0 = wall()
    let fitted = try lr.fit(data)
    let t1 = wall(), c1 = processCPUSeconds()
    let m = fitted.model
    let norm = m.coefficients.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let loss = fitted.history.last!.trainLogLoss
    print("{\"impl\":\"swift-newton\",\"run\":\(run),\"threads\":\(lr.threads),\"block_rows\":\(lr.blockRows),"
        + "\"total_s\":\(t1 - t0),\"prepare_s\":\(fitted.preparationSeconds),\"fit_s\":\(fitted.solverSeconds),"
        + "\"cpu_s\":\(fitted.solverCPUSeconds),\"total_cpu_s\":\(c1 - c0),\"n_iter\":\(fitted.iterations),\"converged\":\(fitted.converged),"
        + "\"train_logloss\":\(String(format: "%.12f", loss)),\"w_norm\":\(norm),\"intercept\":\(m.intercept),"
        + "\"max_grad\":\(fitted.history.last!.maxGradient),\"history_max_grad\":\(fitted.history.map { $0.maxGradient })}")
    fflush(stdout)
}
