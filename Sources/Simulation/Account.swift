/// One simulated API account: identity, network, habits and its (hidden) ground truth.
///
/// Built once by `Roster`; the hot loop only reads it. Everything random about an account is drawn from
/// its own stream (`streamSeed`), so generating accounts in another order cannot change its traffic.
struct Account: Sendable {
    /// Index into the roster's `entries` (the population).
    var population: Int
    /// The number in `account_id` (a shuffled position, so ids say nothing about the population).
    var idNumber: Int
    /// Index into the roster's cluster names.
    var cluster: Int
    /// The org the account belongs to in `org_id`: its customer organisation. For a reseller's sub-account that is
    /// the end customer; the reseller (`billingOrg`) pays and runs the network.
    var org: UInt64
    var billingOrg: UInt64 = 0
    var payment: UInt64
    var country: Int
    var signup: SignupRoute
    var createdAt: Int64
    var activeStart: Int64
    var activeEnd: Int64
    /// When a churning attacker account was banned (its `activeEnd`), if inside the window.
    var bannedAt: Int64?
    var labelAt: Int64?

    // Pace.
    var ratePerDay: Double
    var sessionMean: Double
    /// Sessions per day (diurnal and flat) or per-beat participation probability (synchronized).
    var sessionRate: Double

    // Network and client.
    var network: NetworkKind
    var poolKey: UInt64
    var poolSize: Int
    var asn: Int
    var ipv6: Bool
    var userAgent: Int
    var clientFp: UInt64
    var apiKeys: Int
    var tzOffsetHours: Int

    // Content habits.
    var topics: [Int]
    var systemKey: UInt64
    var systemPrompts: Int
    var maxTokens: Int
    var streamSeed: UInt64
}
