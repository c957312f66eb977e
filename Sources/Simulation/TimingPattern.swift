/// When an account starts sessions. Requests inside a session follow the profile's gap distribution.
enum TimingPattern: Sendable {
    /// People: sessions follow a day curve in the account's local time; `nightFloor` is the relative rate at 3 a.m.
    case diurnal(nightFloor: Double)
    /// Pipelines and paced harvesting: a homogeneous rate, 24/7.
    case flat
    /// Load-balanced operators: every account of a cluster fires near shared "beats" of the cluster's
    /// dispatcher, each within `jitterSeconds`, so activity is synchronized across linked accounts.
    case synchronized(beatMinutes: Double, jitterSeconds: Double)
}
