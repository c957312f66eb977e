/// A named simulation setup: which populations, how many accounts and requests each, over how many days.
public enum Scenario: String, CaseIterable, Sendable {
    /// The demo: about 330k requests from about 3,700 accounts over 14 days; generates in seconds.
    case `default`
    /// The February 2026 disclosure at full size: ~24,000 attacker accounts and ~16.5M attacker
    /// exchanges (150k + 3.4M + 13M), plus a benign population of ~40k accounts and ~4M requests.
    case seedScale = "seed-scale"

    /// One population's share of the scenario at scale 1.
    struct Entry: Sendable {
        var profile: PopulationProfile
        var accounts: Int
        var requests: Int
        /// Operator clusters (attackers) — benign clusters are their organisations.
        var clusters: Int = 1
    }

    var defaultDays: Int { 14 }

    var entries: [Entry] {
        switch self {
        case .default:
            return [
                Entry(profile: .casualChat, accounts: 1_800, requests: 22_000),
                Entry(profile: .developerAgent, accounts: 600, requests: 90_000),
                Entry(profile: .enterpriseBatch, accounts: 40, requests: 60_000),
                Entry(profile: .evalHarness, accounts: 60, requests: 30_000),
                Entry(profile: .syntheticDataLicensed, accounts: 24, requests: 40_000),
                Entry(profile: .sharedEgress, accounts: 320, requests: 9_000),
                Entry(profile: .legitReseller, accounts: 160, requests: 9_000),
                Entry(profile: .securityResearch, accounts: 80, requests: 10_000),
                Entry(profile: .deepseekLike, accounts: 60, requests: 8_000, clusters: 2),
                Entry(profile: .moonshotLike, accounts: 90, requests: 18_000, clusters: 3),
                Entry(profile: .minimaxHydra, accounts: 450, requests: 36_000, clusters: 3),
            ]
        case .seedScale:
            return [
                Entry(profile: .casualChat, accounts: 26_000, requests: 700_000),
                Entry(profile: .developerAgent, accounts: 4_000, requests: 1_500_000),
                Entry(profile: .enterpriseBatch, accounts: 60, requests: 800_000),
                Entry(profile: .evalHarness, accounts: 60, requests: 150_000),
                Entry(profile: .syntheticDataLicensed, accounts: 20, requests: 300_000),
                Entry(profile: .sharedEgress, accounts: 5_000, requests: 180_000),
                Entry(profile: .legitReseller, accounts: 2_400, requests: 160_000),
                Entry(profile: .securityResearch, accounts: 150, requests: 30_000),
                Entry(profile: .deepseekLike, accounts: 300, requests: 150_000, clusters: 3),
                Entry(profile: .moonshotLike, accounts: 900, requests: 3_400_000, clusters: 6),
                Entry(profile: .minimaxHydra, accounts: 22_800, requests: 13_000_000, clusters: 15),
            ]
        }
    }
}
