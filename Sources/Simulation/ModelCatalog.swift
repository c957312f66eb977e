/// The models the simulated API serves. One is released mid-window so that the release pivot
/// (operators and honest early adopters moving traffic to it within hours) appears in the data.
struct ModelCatalog: Sendable {
    static let names: [StaticString] = ["hw-large-2025-06", "hw-medium-2025-09", "hw-small-2025-03", "hw-large-next"]
    static let newModel = 3
    /// Release dates of the older models (Unix ms): 2025-06-10, 2025-09-22, 2025-03-03.
    static let olderReleases: [Int64] = [1_749_513_600_000, 1_758_499_200_000, 1_740_960_000_000]

    /// Cumulative weights over the older models: general traffic and templated/batch traffic.
    static let generalMix = Roster.cumulative([0.5, 0.35, 0.15])
    static let templatedMix = Roster.cumulative([0.1, 0.4, 0.5])
}
