/// The behaviour of one population of accounts: a benign user type or a distillation campaign.
///
/// Every number is documented, with its source or rationale, in docs/simulator.md; the catalog lives in
/// `PopulationProfile+Catalog.swift`. Volumes (accounts, requests) are not here: they belong to the
/// scenario, so one profile serves the demo and the disclosure-scale run.
struct PopulationProfile: Sendable {
    /// Benign population name or campaign name; written to truth.jsonl.
    var name: String
    /// Campaign name for attackers (nil for benign); labels carry it.
    var campaign: String? = nil
    var isAttacker: Bool { campaign != nil }

    // Who the accounts are.
    var accountsPerOrg: Double = 1
    var signup: [(SignupRoute, Double)]
    var countries: [(String, Double)]
    var network: [(NetworkKind, Double)]
    /// Accounts sharing one payment instrument (1 = each pays alone). Orgs also share their card.
    var accountsPerPayment: Double = 1
    /// Each account is a separate end-customer org (`org_id`), billed to and routed by the shared org — how a
    /// reseller's customers appear: many orgs on one card, like a hydra pool.
    var subAccountsOwnOrgs = false
    /// Attackers: share of accounts that pay with a card of their own (a fresh virtual card) instead of the
    /// operator's shared ones, so a shared card flags only part of a ring.
    var ownCardShare = 0.0
    var userAgents: [(Int, Double)]
    /// When accounts become active: `startSpread` of the window, from `startOffset` (fractions of the window).
    var startOffset: Double = 0
    var startSpread: Double = 0
    /// Share of accounts created during the window (the rest existed before).
    var createdInWindow: Double = 0.05
    /// Median active lifetime in days for churning accounts (nil: active to the end of the window).
    var lifetimeMedianDays: Double? = nil

    // How they send requests.
    var timing: TimingPattern
    var volumeSigma: Double
    var sessionMean: Double
    var gapSecondsMedian: Double
    var gapSigma: Double = 0.8
    var promptMix: [(PromptKind, Double)]
    /// After this fraction of the window, the mix switches (Moonshot-like reasoning-trace pivot).
    var switchAt: Double? = nil
    var switchedMix: [(PromptKind, Double)] = []
    var topicsPerAccount: Int
    /// Attackers sweep the same narrow capability set across their cluster; people pick their own.
    var topicsSharedByCluster: Bool = false
    var turnsMean: Double
    var inputMedian: Double
    var inputSigma: Double
    var outputMedian: Double
    var outputSigma: Double
    var maxTokens: [(Int, Double)]
    var thinkingShare: Double
    var toolsShare: Double
    var toolCallShare: Double = 0.5
    var imageShare: Double = 0
    var batchShare: Double = 0
    var cacheShare: Double = 0
    var rateLimitedShare: Double = 0.002
    var systemPromptsPerAccount: Int = 2
    var systemPromptsSharedByCluster: Bool = false
    /// Share of traffic moved to the newly released model, and how fast (hours after release).
    var adoptionShare: Double
    var adoptionLagHours: Double

    var labels: LabelPolicy
}
