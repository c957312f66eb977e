// Times the scoring runtime in process, the way a deployment calls it: batch throughput on one thread
// (rows/s, median of --runs) and single-row latency of `ModelScorer.margin` (p50/p99 over --calls calls,
// each on a different row, after 2,000 warm-up calls; each call is timed alone with CLOCK_MONOTONIC, whose own
// cost is reported as timer_p50_us). Depends on ScoringRuntime only, so the numbers describe what production links.
// Usage: hydrawatch-bench-score (--model FILE | --lightgbm FILE) (--f32 FILE --features D | --csv FILE [--skip-columns K])
//                               [--runs 5] [--calls 100000] [--write-probabilities FILE]
// The last line printed is one JSON object.
import Foundation
import ScoringRuntime

#if canImport(Glibc)
import Glibc
#endif

func argument(_ name: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: name), i + 1 < args.count { return args[i + 1] }
    return fallback
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("hydrawatch-bench-score: \(message)\n".utf8))
    exit(64)
}

func nanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func processCPUSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) * 1e-6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) * 1e-6
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

// ---- model -----------------------------------------------------------------------------------------------
let modelPath = argument("--model", ""), lightgbmPath = argument("--lightgbm", "")
let file: ModelFile
do {
    if !lightgbmPath.isEmpty {
        file = try LightGBMModelImporter.modelFile(text: String(contentsOfFile: lightgbmPath, encoding: .utf8), toolVersion: "bench")
    } else if !modelPath.isEmpty {
        file = try ModelFile(contentsOf: URL(fileURLWithPath: modelPath))
    } else {
        fail("give --model FILE or --lightgbm FILE")
    }
} catch {
    fail("cannot load model: \(error)")
}
let scorer = ModelScorer(file)
let d = file.schema.featureCount
let trees: Int
switch file.model {
case let .treeEnsemble(e): trees = e.trees.count
case .logistic: trees = 0
}

// ---- rows (row-major Double, as the runtime takes them) --------------------------------------------------
var x: [Double] = []
let f32Path = argument("--f32", ""), csvPath = argument("--csv", "")
if !f32Path.isEmpty {
    guard let data = FileManager.default.contents(atPath: f32Path) else { fail("cannot read \(f32Path)") }
    let features = Int(argument("--features", "\(d)")) ?? d
    guard features == d else { fail("--features \(features) but the model has \(d)") }
    guard data.count % (4 * d) == 0 else { fail("\(f32Path): size is not a multiple of \(d) float32 values") }
    x = data.withUnsafeBytes { raw in raw.bindMemory(to: Float.self).map { Double($0) } }
} else if !csvPath.isEmpty {
    guard let text = try? String(contentsOfFile: csvPath, encoding: .utf8) else { fail("cannot read \(csvPath)") }
    let skip = Int(argument("--skip-columns", "0")) ?? 0
    for (n, line) in text.split(separator: "\n").enumerated() {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).dropFirst(skip)
        let values = cells.map { $0.isEmpty ? Double.nan : Double($0.trimmingCharacters(in: .whitespaces)) }
        if n == 0, values.contains(where: { $0 == nil }) { continue }  // header
        guard values.count == d, values.allSatisfy({ $0 != nil }) else { fail("\(csvPath) line \(n + 1): expected \(d) numbers") }
        x += values.map { $0! }
    }
} else {
    fail("give --f32 FILE --features D or --csv FILE")
}
let rows = x.count / d
guard rows > 0 else { fail("no rows") }

// ---- batch throughput, 1 thread ---------------------------------------------------------------------------
let runs = max(1, Int(argument("--runs", "5")) ?? 5)
var probabilities = [Double](repeating: 0, count: rows)
/// Batch path: `ModelScorer.margins` (blocks of rows, tree by tree), then the output transform per row.
func scoreAll() {
    x.withUnsafeBufferPointer { all in
        probabilities.withUnsafeMutableBufferPointer { out in
            scorer.margins(rowMajor: all, into: out)
            for r in 0..<rows { out[r] = scorer.transform.apply(out[r]) }
        }
    }
}
scoreAll()  // warm-up
var wallS: [Double] = [], cpuS: [Double] = []
for run in 1...runs {
    let c0 = processCPUSeconds(), t0 = nanoseconds()
    scoreAll()
    let t1 = nanoseconds(), c1 = processCPUSeconds()
    wallS.append(Double(t1 - t0) * 1e-9)
    cpuS.append(c1 - c0)
    FileHandle.standardError.write(Data("batch run \(run)/\(runs): \(Int(Double(rows) / wallS.last!)) rows/s\n".utf8))
}
let probabilityPath = argument("--write-probabilities", "")
if !probabilityPath.isEmpty {
    let bytes = probabilities.withUnsafeBufferPointer { Data(buffer: $0) }
    guard FileManager.default.createFile(atPath: probabilityPath, contents: bytes) else { fail("cannot write \(probabilityPath)") }
}

// ---- single-row latency -----------------------------------------------------------------------------------
let calls = max(1, Int(argument("--calls", "100000")) ?? 100000)
var latencies = [Double](repeating: 0, count: calls)
var sink = 0.0
x.withUnsafeBufferPointer { all in
    for k in 0..<min(calls, 2000) { sink += scorer.margin(UnsafeBufferPointer(rebasing: all[((k % rows) * d)..<((k % rows) * d + d)])) }
    for k in 0..<calls {
        let r = (k &* 7919) % rows
        let row = UnsafeBufferPointer(rebasing: all[(r * d)..<(r * d + d)])
        let t0 = nanoseconds()
        sink += scorer.margin(row)
        let t1 = nanoseconds()
        latencies[k] = Double(t1 - t0) * 1e-3
    }
}
latencies.sort()
let p50 = latencies[calls / 2], p99 = latencies[min(calls - 1, calls * 99 / 100)]
// Timer overhead: two back-to-back clock reads, the floor every per-call figure above includes.
var emptyCalls = [Double](repeating: 0, count: min(calls, 100_000))
for k in emptyCalls.indices {
    let t0 = nanoseconds()
    let t1 = nanoseconds()
    emptyCalls[k] = Double(t1 - t0) * 1e-3
}
emptyCalls.sort()
let timerP50 = emptyCalls[emptyCalls.count / 2]

let rowsPerS = Double(rows) / median(wallS)
let rowsPerCPUS = Double(rows) / median(cpuS)
func fmt(_ v: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", v) }
print("{\"impl\":\"hydrawatch\",\"rows\":\(rows),\"features\":\(d),\"trees\":\(trees),\"runs\":\(runs),"
    + "\"rows_per_s\":\(Int(rowsPerS)),\"rows_per_cpu_s\":\(Int(rowsPerCPUS)),\"batch_s_median\":\(fmt(median(wallS), 5)),"
    + "\"calls\":\(calls),\"p50_us\":\(fmt(p50)),\"p99_us\":\(fmt(p99)),\"timer_p50_us\":\(fmt(timerP50)),\"checksum\":\(sink.isFinite ? fmt(sink, 3) : "null")}")
