/// The single ordered list of features. Extraction writes columns in this order, training reads them by name,
/// and the model file stores `fingerprint` so that scoring refuses vectors built by a different definition.
public struct FeatureSchema: Sendable, Equatable, Codable {
    public var version: Int
    public var names: [String]

    public init(version: Int, names: [String]) {
        self.version = version
        self.names = names
    }

    /// `sha256:` + lowercase hex SHA-256 of the UTF-8 text `"hydrawatch-schema\n" + version + "\n" + names
    /// joined by "\n"`. The model file stores it (docs/model-format.md); any renamed, added, removed or reordered
    /// feature, or a new version, changes it, and scoring refuses vectors whose fingerprint differs.
    public var fingerprint: String {
        "sha256:" + SHA256.hexDigest("hydrawatch-schema\n\(version)\n" + names.joined(separator: "\n"))
    }

    public func index(of name: String) -> Int? { names.firstIndex(of: name) }

    /// Per-account features computed by `AccountAccumulator.finish` (see docs/features.md).
    static let accountFeatures: [String] = [
        // volume & shape
        "requests", "active_hours", "active_days", "span_days", "requests_per_active_hour",
        "input_tokens_mean", "output_tokens_mean", "output_tokens_p90", "output_input_ratio",
        "max_tokens_stop_share", "thinking_share", "thinking_budget_mean", "rate_limited_share", "error_share",
        "batch_share",
        // timing
        "interarrival_mean_s", "interarrival_cv", "interarrival_regular_share", "burst_share", "hour_entropy",
        // conversation structure
        "single_turn_share", "tool_use_share", "tool_calls_per_tool_request", "cache_read_ratio",
        "system_prompt_diversity", "image_share",
        // content
        "prompt_share", "prompt_bytes_mean", "cot_elicitation_share", "rubric_share", "rewrite_share",
        "step_cue_share", "template_reuse_rate", "capability_entropy", "capability_top_share",
        // release dynamics
        "distinct_models", "release_24h_share", "release_72h_share", "newest_model_share",
        "newest_model_first_use_h",
        // identity & network
        "account_age_days", "signup_self_serve", "signup_education", "signup_startup_program",
        "signup_research_program", "signup_enterprise", "signup_unknown",
        "distinct_ips", "distinct_asns", "distinct_client_fps", "distinct_user_agents", "distinct_api_keys",
        "distinct_countries",
    ]

    /// Cross-account (hydra) features computed by `AccountLinker` after all accounts are known.
    static let clusterFeatures: [String] = [
        "accounts_per_ip_mean", "accounts_per_ip_max", "payment_fp_accounts", "payment_fp_orgs", "cluster_size",
        "cluster_cue_share", "cluster_sync", "cluster_template_link", "cluster_payment_link",
    ]

    /// The current schema: account features, then cluster features.
    public static let current = FeatureSchema(version: 2, names: accountFeatures + clusterFeatures)
}
