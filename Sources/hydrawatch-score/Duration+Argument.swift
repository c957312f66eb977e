import ArgumentParser

/// Event-time durations for --emit-every and --idle-evict: a number followed by s, m, h or d (`30m`, `1d`).
struct EventDuration: ExpressibleByArgument {
    let seconds: Double

    init?(argument: String) {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = argument.last, let scale = units[unit], let n = Double(argument.dropLast()), n > 0,
              n.isFinite else { return nil }
        seconds = n * scale
    }
}
