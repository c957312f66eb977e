/// Where an account's requests come from. Shared egress is common for honest users too (corporate NAT,
/// campus, commercial VPN), so "many accounts on one IP" is a hint, never a verdict.
enum NetworkKind: Int, Sendable {
    /// One or two home addresses in a consumer ISP.
    case residential
    /// A handful of addresses shared by every account of the same organisation.
    case corporateNAT
    /// A commercial VPN pool shared by unrelated users across the whole population.
    case vpnPool
    /// A reseller's or operator's pool of datacenter/residential-proxy addresses shared by its cluster.
    case proxyPool
    /// A developer's own cloud instances: datacenter ASN, but not shared.
    case cloud
}
