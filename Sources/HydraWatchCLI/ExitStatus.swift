import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exit codes shared by every `hydrawatch-*` command (documented in README.md and docs/cli.md).
/// Values follow BSD sysexits(3) so that shell scripts and schedulers can tell failures apart.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything went well (some bad input may have been rejected, but below the limit).
    case success = 0
    /// Wrong command-line usage: unknown flag, missing option, invalid value.
    case usage = 64
    /// Bad input data over the allowed limit (`--max-errors`, `--strict`), or a malformed file.
    case badInput = 65
    /// An input file does not exist or cannot be read.
    case noInput = 66
    /// Internal error: a bug. Please report it with the command line.
    case internalError = 70
    /// An output file or folder cannot be created or written.
    case cannotWrite = 73
    /// Verification failure: bad signature, untrusted key, schema fingerprint mismatch, invalid model.
    case verificationFailed = 77
}

/// An error a command can show to its user: one clear message and the exit status it maps to.
public protocol UserFacingError: Error {
    var exitStatus: ExitStatus { get }
    var message: String { get }
}

/// Prints `hydrawatch-<tool>: error: <message>` on stderr and turns `error` into an `ExitCode`
/// carrying the documented status. ArgumentParser's own errors pass through unchanged.
public func reportAndExit(_ error: Error, tool: String) -> Error {
    if error is ExitCode || error is CleanExit { return error }
    if let e = error as? UserFacingError {
        Diagnostics.error("\(tool): error: \(e.message)")
        return ExitCode(e.exitStatus.rawValue)
    }
    if let e = error as? ValidationError { return e }
    Diagnostics.error("\(tool): internal error: \(error)")
    return ExitCode(ExitStatus.internalError.rawValue)
}
