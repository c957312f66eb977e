import ArgumentParser

/// Options every command that uses randomness or threads shares.
public struct CommonOptions: ParsableArguments {
    @Option(help: "Seed for every random choice; the same inputs and seed give byte-identical outputs.")
    public var seed: UInt64 = 1

    @Option(help: "Worker threads (default: all cores).")
    public var threads: Int?

    public init() {}

    public var resolvedThreads: Int {
        if let threads, threads > 0 { return threads }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
