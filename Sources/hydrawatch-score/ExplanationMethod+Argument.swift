import ArgumentParser
import ScoringRuntime

/// `--explain saabas|treeshap`.
extension ExplanationMethod: ExpressibleByArgument {}
