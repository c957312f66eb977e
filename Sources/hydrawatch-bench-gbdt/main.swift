import Evaluation
// Benchmark runner for GBDT training (not part of the pipeline): trains on raw float32 arrays and prints
// one JSON line {fit_s, cpu_s, bin_s?, test_auc, trees, rows, features, threads}.
//
// Usage: hydrawatch-bench-gbdt --data DIR --features N [--threads 2] [--rounds 200] [--leaves 31]
//                              [--max-bin 255] [--learning-rate 0.1]
// DIR holds X_train.f32, y_train.u8, X_test.f32, y_test.u8 (little-endian row-major float32, uint8 labels);
// scripts/bench/gbdt.sh explains how to generate them. fit_s times Dataset → trained model, binning included.
import Foundation
import ScoringRuntime
import Training

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("hydrawatch-bench-gbdt: \(message)\n".utf8))
    exit(2)
}

var options: [String: String] = [:]
var args = CommandLine.arguments.dropFirst()
while let key = args.popFirst() {
    guard key.hasPrefix("--"), let value = args.popFirst() else { fail("expected --name value pairs, got \(key)") }
    options[String(key.dropFirst(2))] = value
}
guard let dir = options["data"] else { fail("--data DIR is required") }
guard let featureCount = options["features"].flatMap(Int.init), featureCount > 0 else { fail("--features N is required") }

func read(_ name: String) -> Data {
    let url = URL(fileURLWithPath: dir).appendingPathComponent(name)
    guard let data = try? Data(contentsOf: url) else { fail("cannot read \(url.path)") }
    return data
}

/// Row-major float32 → column-major Double dataset.
func dataset(_ x: String, _ y: String) -> Dataset {
    let labels = read(y).map { Double($0) }
    let raw = read(x)
    let rows = labels.count
    guard raw.count == rows * featureCount * 4 else { fail("\(x) has \(raw.count) bytes, expected \(rows)×\(featureCount)×4") }
    var values = [Double](repeating: 0, count: rows * featureCount)
    raw.withUnsafeBytes { buffer in
        let f = buffer.bindMemory(to: Float.self)
        for i in 0..<rows {
            for j in 0..<featureCount { values[j * rows + i] = Double(f[i * featureCount + j]) }
        }
    }
    return Dataset(featureNames: (0..<featureCount).map { "f\($0)" }, rowCount: rows, values: values, labels: labels)
}

func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}


let train = dataset("X_train.f32", "y_train.u8")
let test = dataset("X_test.f32", "y_test.u8")
var p = GBDTParameters()
p.threads = options["threads"].flatMap(Int.init) ?? 2
p.numRounds = options["rounds"].flatMap(Int.init) ?? 200
p.numLeaves = options["leaves"].flatMap(Int.init) ?? 31
p.maxBin = options["max-bin"].flatMap(Int.init) ?? 255
p.learningRate = options["learning-rate"].flatMap(Double.init) ?? 0.1

let cpu0 = processCPUSeconds()
let t0 = Date()
let fitted: FittedGBDT
do {
    fitted = try GBDTTrainer(parameters: p).fit(train)
} catch {
    fail("training failed: \(error)")
}
let fitSeconds = Date().timeIntervalSince(t0)
let cpuSeconds = processCPUSeconds() - cpu0
let auc = RankingMetrics.rocAUC(labels: test.labels, scores: fitted.ensemble.rawScores(test))
let result: [String: Any] = [
    "bench": "gbdt", "impl": "hydrawatch", "threads": p.threads, "rounds": p.numRounds,
    "rows": train.rowCount, "features": featureCount, "trees": fitted.ensemble.trees.count,
    "fit_s": (fitSeconds * 1000).rounded() / 1000, "cpu_s": (cpuSeconds * 1000).rounded() / 1000,
    "test_auc": (auc * 1e6).rounded() / 1e6,
]
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
