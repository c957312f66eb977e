import HydraWatchCLI

/// A reading failure whose message already names the path and the reason (`CommandFailure.noInput` would
/// say "no such file" for a permission or gzip error too).
struct TrafficFailure: Error, UserFacingError {
    let exitStatus: ExitStatus
    let message: String
}
