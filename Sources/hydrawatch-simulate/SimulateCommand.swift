import ArgumentParser
import HydraWatchCLI
import Simulation

/// `hydrawatch-simulate`: parses arguments, runs `Simulator`, maps errors to exit codes.
@main
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hydrawatch-simulate",
        abstract: "Generate labelled synthetic API traffic with distillation campaigns and hard negatives.",
        discussion: """
        Writes five JSON Lines files into --out:
          traffic.jsonl   one API request per line, in time order
          labels.jsonl    partial, delayed labels, as a detector gets them
          accounts.jsonl  creation, signup route, payment fingerprint, org
          models.jsonl    served models and their release dates
          truth.jsonl     ground truth per account, for evaluation only

        The same --seed, --scenario, --scale, --days and --start give \
        byte-identical files. Populations and their parameters are documented in docs/simulator.md.

        Examples:
          hydrawatch-simulate --out datasets/demo
          hydrawatch-simulate --seed 7 --scale 0.1 --out datasets/tiny
          hydrawatch-simulate --scenario seed-scale --out datasets/big

        Exit codes: 0 success, 64 usage, 70 internal error, 73 cannot write output.
        """)

    @Option(help: "Scenario: 'default' (~330k requests, demo) or 'seed-scale' (~20M requests, disclosure size).")
    var scenario: Scenario = .default

    @Option(help: "Multiplies every population's account and request counts (0 < scale ≤ 100).")
    var scale: Double = 1

    @Option(help: "Length of the simulated window in days (default: 14).")
    var days: Int?

    @Option(help: "Window start, RFC 3339 UTC (e.g. 2026-01-05 or 2026-01-05T00:00:00Z).")
    var start: String = "2026-01-05T00:00:00Z"

    @Option(help: "Output folder (created if missing; existing files are overwritten).")
    var out: String

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard Timestamp.parse(start) != nil else {
            throw ValidationError("--start must be RFC 3339 UTC, e.g. 2026-01-05T00:00:00Z; got '\(start)'")
        }
        guard scale.isFinite, scale > 0, scale <= 100 else { throw ValidationError("--scale must be in (0, 100]") }
        if let days, !(1...366).contains(days) { throw ValidationError("--days must be between 1 and 366") }
    }

    func run() throws {
        do {
            let config = SimulationConfig(scenario: scenario, seed: common.seed, scale: scale, days: days,
                                          startMillis: Timestamp.parse(start)!)
            let progress = Progress("simulating", total: 1)
            let began = Progress.monotonicSeconds()
            let summary = try Simulator(config: config).run(directory: out) { progress.update($0) }
            progress.finish()
            let seconds = Progress.monotonicSeconds() - began
            Diagnostics.note("hydrawatch-simulate: \(summary.requests) requests, \(summary.accounts) accounts "
                + "(\(summary.attackers) attackers, \(summary.labelled) labelled), \(summary.files.count) files in \(out) "
                + "[\(String(format: "%.1f", seconds)) s]")
        } catch {
            throw reportAndExit(error, tool: "hydrawatch-simulate")
        }
    }
}
