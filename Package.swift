// swift-tools-version:6.0
import PackageDescription
import Foundation

// The pipeline, one module per arrow:
//   traffic (JSONL) → TrafficFeatures → Training → Evaluation → ScoringRuntime (model file, scorers)
// Simulation produces labelled traffic. Executables are thin `hydrawatch-<stage>` commands.
// House rule: ScoringRuntime and hydrawatch-score never link BLAS/LAPACK or Training.

// Release builds target x86-64-v3 (AVX2, BMI1/2, FMA, LZCNT, MOVBE: Intel Haswell and AMD Zen onwards) when the
// machine that builds has it, as `-march=native` builds do: extraction took 3.9% less CPU time on the first 2M
// seed-scale lines (docs/benchmarks.md, extraction round 7). Such a binary stops with an illegal instruction on an
// older processor, so a build meant to run elsewhere sets HYDRAWATCH_PORTABLE=1 (baseline x86-64).
let hostHasX86V3: Bool = {
    #if os(Linux) && arch(x86_64)
    if ProcessInfo.processInfo.environment["HYDRAWATCH_PORTABLE"] == "1" { return false }
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
    let flags = Set(line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" }).map(String.init))
    // `abm` is how /proc/cpuinfo names LZCNT.
    return ["avx", "avx2", "bmi1", "bmi2", "fma", "f16c", "abm", "movbe", "popcnt", "sse4_2"].allSatisfy(flags.contains)
    #else
    return false
    #endif
}()

let optimize: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo"] + (hostHasX86V3 ? ["-target-cpu", "haswell"] : []), .when(configuration: .release)),
]

let package = Package(
    name: "HydraWatch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hydrawatch-simulate", targets: ["hydrawatch-simulate"]),
        .executable(name: "hydrawatch-extract", targets: ["hydrawatch-extract"]),
        .executable(name: "hydrawatch-train", targets: ["hydrawatch-train"]),
        .executable(name: "hydrawatch-evaluate", targets: ["hydrawatch-evaluate"]),
        .executable(name: "hydrawatch-bench-gbdt", targets: ["hydrawatch-bench-gbdt"]),
        .executable(name: "hydrawatch-export", targets: ["hydrawatch-export"]),
        .executable(name: "hydrawatch-score", targets: ["hydrawatch-score"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Ed25519 for signed model files; used only by ScoringRuntime (signing and verification live together).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C shims: no stable API, used only by the module above them.
        .target(
            name: "CTrafficIO",
            exclude: ["README.md"],
            cxxSettings: [.unsafeFlags(["-O3", "-std=c++17"])],
            linkerSettings: [.linkedLibrary("simdjson"), .linkedLibrary("z")]
        ),
        .systemLibrary(name: "CLinearAlgebra"),

        // Libraries, in pipeline order.
        .target(name: "TrafficFeatures", dependencies: ["CTrafficIO"], exclude: ["README.md"], swiftSettings: optimize),
        .target(name: "Simulation", dependencies: ["TrafficFeatures"], exclude: ["README.md"], swiftSettings: optimize),
        .target(name: "ScoringRuntime", dependencies: [
            "TrafficFeatures", .product(name: "Crypto", package: "swift-crypto"),
        ], exclude: ["README.md"], swiftSettings: optimize),
        .target(name: "Training", dependencies: ["CLinearAlgebra", "ScoringRuntime", "TrafficFeatures", "Evaluation"], exclude: ["README.md"], swiftSettings: optimize),
        .target(name: "Evaluation", dependencies: ["ScoringRuntime"], exclude: ["README.md"], swiftSettings: optimize),
        .target(name: "HydraWatchCLI", dependencies: [
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["README.md"]),

        // Thin commands.
        .executableTarget(name: "hydrawatch-simulate", dependencies: ["Simulation", "HydraWatchCLI"], swiftSettings: optimize),
        .executableTarget(name: "hydrawatch-extract", dependencies: ["TrafficFeatures", "HydraWatchCLI"], swiftSettings: optimize),
        .executableTarget(name: "hydrawatch-train", dependencies: ["Training", "Evaluation", "HydraWatchCLI"], swiftSettings: optimize),
        .executableTarget(name: "hydrawatch-evaluate", dependencies: ["Evaluation", "ScoringRuntime", "HydraWatchCLI"], swiftSettings: optimize),
        .executableTarget(name: "hydrawatch-export", dependencies: [
            "ScoringRuntime", "HydraWatchCLI",
        ], swiftSettings: optimize),
        // Never Training or CLinearAlgebra: the scoring path links no BLAS/LAPACK (checked by an ldd test).
        .executableTarget(name: "hydrawatch-score", dependencies: ["ScoringRuntime", "TrafficFeatures", "HydraWatchCLI"],
                          swiftSettings: optimize),
        // Benchmark runner for GBDT training on raw arrays (scripts/bench/gbdt.sh); not a pipeline stage.
        .executableTarget(name: "hydrawatch-bench-gbdt", dependencies: ["Training", "Evaluation"], swiftSettings: optimize),

        // Benchmarks: apart from the main products (scripts/bench/lr.sh).
        .executableTarget(name: "hydrawatch-bench-lr", dependencies: ["Training"], path: "Benchmarks/hydrawatch-bench-lr",
                          swiftSettings: optimize),
        // Scoring throughput and single-row latency (scripts/bench/score.sh); ScoringRuntime only, like production.
        .executableTarget(name: "hydrawatch-bench-score", dependencies: ["ScoringRuntime"], path: "Benchmarks/hydrawatch-bench-score",
                          swiftSettings: optimize),

        .testTarget(name: "TrafficFeaturesTests", dependencies: ["TrafficFeatures"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "TrafficFeatures"]),
        .testTarget(name: "ScoringRuntimeTests", dependencies: ["ScoringRuntime"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "ScoringRuntime"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EndToEndTests", dependencies: ["TrafficFeatures"]),
    ],
    swiftLanguageModes: [.v5],
    cxxLanguageStandard: .cxx17
)
