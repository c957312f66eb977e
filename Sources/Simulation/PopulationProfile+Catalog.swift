/// The populations of the simulated API. Sources and rationale for each number: docs/simulator.md.
extension PopulationProfile {
    // User-agent indices into `RequestFactory.userAgents`.
    static let uaSDKPython = 0, uaSDKNode = 1, uaHTTPX = 2, uaGo = 3, uaCurl = 4, uaChrome = 5, uaSafari = 6,
               uaLiteLLM = 7, uaLangChain = 8, uaAgentCLI = 9, uaOkHTTP = 10, uaAIOHTTP = 11, uaJava = 12

    static let westernCountries: [(String, Double)] = [
        ("US", 0.42), ("GB", 0.08), ("DE", 0.07), ("FR", 0.05), ("CA", 0.05), ("IN", 0.08), ("BR", 0.04),
        ("JP", 0.05), ("KR", 0.03), ("AU", 0.03), ("NL", 0.03), ("SG", 0.03), ("PL", 0.02), ("ES", 0.02),
    ]
    /// Operators route through supported regions; their accounts claim ordinary countries.
    static let operatorCountries: [(String, Double)] = [
        ("US", 0.35), ("SG", 0.15), ("JP", 0.08), ("KR", 0.06), ("GB", 0.06), ("DE", 0.05), ("CA", 0.05),
        ("MY", 0.06), ("HK", 0.04), ("AU", 0.04), ("IN", 0.03), ("NL", 0.03),
    ]

    static let casualChat = PopulationProfile(
        name: "casual_chat",
        signup: [(.selfServe, 0.9), (.education, 0.1)],
        countries: westernCountries,
        network: [(.residential, 0.8), (.vpnPool, 0.08), (.corporateNAT, 0.12)],
        userAgents: [(uaChrome, 0.45), (uaSafari, 0.35), (uaSDKPython, 0.1), (uaOkHTTP, 0.1)],
        createdInWindow: 0.3,
        timing: .diurnal(nightFloor: 0.08), volumeSigma: 0.9, sessionMean: 4, gapSecondsMedian: 45,
        promptMix: [(.casualChat, 0.7), (.coding, 0.1), (.dataAnalysis, 0.05), (.vision, 0.1), (.cotElicitation, 0.01),
                    (.benchmarkReasoning, 0.02), (.securityProbe, 0.02)],
        topicsPerAccount: 8, turnsMean: 5, inputMedian: 600, inputSigma: 0.9, outputMedian: 260, outputSigma: 0.8,
        maxTokens: [(1024, 0.3), (4096, 0.5), (8192, 0.2)],
        thinkingShare: 0.12, toolsShare: 0.05, imageShare: 0.1,
        adoptionShare: 0.3, adoptionLagHours: 72,
        labels: LabelPolicy(probability: 0.06, delayMedianDays: 5, source: "support_review"))

    static let developerAgent = PopulationProfile(
        name: "developer_agent",
        accountsPerOrg: 1.5,
        signup: [(.selfServe, 0.6), (.startupProgram, 0.25), (.enterprise, 0.1), (.education, 0.05)],
        countries: westernCountries,
        network: [(.residential, 0.35), (.cloud, 0.4), (.corporateNAT, 0.15), (.vpnPool, 0.1)],
        userAgents: [(uaAgentCLI, 0.3), (uaSDKPython, 0.25), (uaSDKNode, 0.2), (uaHTTPX, 0.1), (uaLiteLLM, 0.1), (uaLangChain, 0.05)],
        createdInWindow: 0.25,
        timing: .diurnal(nightFloor: 0.2), volumeSigma: 1.2, sessionMean: 25, gapSecondsMedian: 12, gapSigma: 1.0,
        promptMix: [(.agenticTool, 0.5), (.coding, 0.35), (.dataAnalysis, 0.07), (.cotElicitation, 0.03),
                    (.casualChat, 0.03), (.vision, 0.02)],
        topicsPerAccount: 5, turnsMean: 12, inputMedian: 9_000, inputSigma: 1.0, outputMedian: 550, outputSigma: 1.0,
        maxTokens: [(8192, 0.4), (16384, 0.3), (32000, 0.2), (64000, 0.1)],
        thinkingShare: 0.45, toolsShare: 0.85, toolCallShare: 0.6, imageShare: 0.02, cacheShare: 0.75,
        rateLimitedShare: 0.01, adoptionShare: 0.7, adoptionLagHours: 6,
        labels: LabelPolicy(probability: 0.3, delayMedianDays: 5, source: "alert_review"))

    static let enterpriseBatch = PopulationProfile(
        name: "enterprise_batch",
        accountsPerOrg: 3,
        signup: [(.enterprise, 1)],
        countries: [("US", 0.6), ("GB", 0.1), ("DE", 0.1), ("JP", 0.1), ("FR", 0.1)],
        network: [(.cloud, 0.7), (.corporateNAT, 0.3)],
        userAgents: [(uaJava, 0.3), (uaSDKPython, 0.4), (uaGo, 0.3)],
        createdInWindow: 0.1,
        timing: .flat, volumeSigma: 0.8, sessionMean: 60, gapSecondsMedian: 1.5, gapSigma: 0.5,
        promptMix: [(.batchTemplate, 0.95), (.syntheticTemplate, 0.05)],
        topicsPerAccount: 2, turnsMean: 1, inputMedian: 1_200, inputSigma: 0.5, outputMedian: 150, outputSigma: 0.9,
        maxTokens: [(1024, 0.7), (4096, 0.3)],
        thinkingShare: 0.02, toolsShare: 0.05, batchShare: 0.8, cacheShare: 0.6, rateLimitedShare: 0.004,
        systemPromptsPerAccount: 1, adoptionShare: 0.1, adoptionLagHours: 240,
        labels: LabelPolicy(probability: 0.6, delayMedianDays: 2, source: "customer_verification"))

    static let evalHarness = PopulationProfile(
        name: "eval_harness",
        accountsPerOrg: 2,
        signup: [(.researchProgram, 0.5), (.enterprise, 0.3), (.startupProgram, 0.2)],
        countries: [("US", 0.6), ("GB", 0.15), ("CA", 0.1), ("DE", 0.1), ("CH", 0.05)],
        network: [(.cloud, 0.7), (.corporateNAT, 0.3)],
        userAgents: [(uaSDKPython, 0.5), (uaHTTPX, 0.3), (uaLiteLLM, 0.2)],
        createdInWindow: 0.2,
        timing: .flat, volumeSigma: 1.0, sessionMean: 40, gapSecondsMedian: 2, gapSigma: 0.7,
        promptMix: [(.benchmarkReasoning, 0.75), (.rubricGrading, 0.12), (.coding, 0.08), (.agenticTool, 0.05)],
        topicsPerAccount: 6, turnsMean: 1.2, inputMedian: 900, inputSigma: 0.8, outputMedian: 700, outputSigma: 0.9,
        maxTokens: [(4096, 0.3), (8192, 0.3), (16384, 0.2), (32000, 0.2)],
        thinkingShare: 0.5, toolsShare: 0.08, rateLimitedShare: 0.02, systemPromptsPerAccount: 1,
        adoptionShare: 0.85, adoptionLagHours: 3,
        labels: LabelPolicy(probability: 0.5, delayMedianDays: 2, source: "customer_verification"))

    static let syntheticDataLicensed = PopulationProfile(
        name: "synthetic_data_licensed",
        accountsPerOrg: 2,
        signup: [(.enterprise, 1)],
        countries: [("US", 0.7), ("GB", 0.15), ("CA", 0.15)],
        network: [(.cloud, 1)],
        userAgents: [(uaSDKPython, 0.6), (uaAIOHTTP, 0.4)],
        createdInWindow: 0.1,
        timing: .flat, volumeSigma: 0.6, sessionMean: 80, gapSecondsMedian: 1.2, gapSigma: 0.5,
        promptMix: [(.syntheticTemplate, 0.8), (.cotElicitation, 0.1), (.rubricGrading, 0.1)],
        topicsPerAccount: 5, turnsMean: 1.1, inputMedian: 700, inputSigma: 0.6, outputMedian: 1_100, outputSigma: 0.7,
        maxTokens: [(4096, 0.3), (8192, 0.5), (16384, 0.2)],
        thinkingShare: 0.2, toolsShare: 0.0, batchShare: 0.4, rateLimitedShare: 0.01, systemPromptsPerAccount: 1,
        adoptionShare: 0.5, adoptionLagHours: 48,
        labels: LabelPolicy(probability: 0.7, delayMedianDays: 1, source: "contract_review"))

    static let sharedEgress = PopulationProfile(
        name: "shared_egress_users",
        accountsPerOrg: 40,
        signup: [(.enterprise, 0.4), (.education, 0.4), (.selfServe, 0.2)],
        countries: westernCountries,
        network: [(.corporateNAT, 0.7), (.vpnPool, 0.3)],
        userAgents: [(uaChrome, 0.5), (uaSafari, 0.2), (uaSDKPython, 0.15), (uaAgentCLI, 0.15)],
        createdInWindow: 0.2,
        timing: .diurnal(nightFloor: 0.05), volumeSigma: 0.9, sessionMean: 5, gapSecondsMedian: 40,
        promptMix: [(.casualChat, 0.45), (.coding, 0.25), (.dataAnalysis, 0.1), (.agenticTool, 0.08),
                    (.vision, 0.07), (.cotElicitation, 0.03), (.benchmarkReasoning, 0.02)],
        topicsPerAccount: 6, turnsMean: 5, inputMedian: 1_500, inputSigma: 1.0, outputMedian: 350, outputSigma: 0.9,
        maxTokens: [(4096, 0.5), (8192, 0.4), (16384, 0.1)],
        thinkingShare: 0.2, toolsShare: 0.25, imageShare: 0.07, cacheShare: 0.2,
        adoptionShare: 0.4, adoptionLagHours: 48,
        labels: LabelPolicy(probability: 0.2, delayMedianDays: 5, source: "alert_review"))

    static let legitReseller = PopulationProfile(
        name: "legit_reseller",
        accountsPerOrg: 40,
        signup: [(.enterprise, 0.6), (.selfServe, 0.4)],
        countries: westernCountries,
        network: [(.proxyPool, 1)],
        accountsPerPayment: 40, subAccountsOwnOrgs: true,
        userAgents: [(uaGo, 0.7), (uaHTTPX, 0.3)],
        createdInWindow: 0.35,
        timing: .diurnal(nightFloor: 0.25), volumeSigma: 1.0, sessionMean: 6, gapSecondsMedian: 20,
        promptMix: [(.casualChat, 0.35), (.coding, 0.25), (.agenticTool, 0.15), (.dataAnalysis, 0.1),
                    (.cotElicitation, 0.05), (.syntheticTemplate, 0.05), (.vision, 0.05)],
        topicsPerAccount: 6, turnsMean: 4, inputMedian: 2_000, inputSigma: 1.0, outputMedian: 450, outputSigma: 0.9,
        maxTokens: [(4096, 0.4), (8192, 0.4), (16384, 0.2)],
        thinkingShare: 0.25, toolsShare: 0.3, cacheShare: 0.3, rateLimitedShare: 0.015,
        systemPromptsSharedByCluster: true, adoptionShare: 0.5, adoptionLagHours: 24,
        labels: LabelPolicy(probability: 0.3, delayMedianDays: 4, source: "alert_review"))

    static let securityResearch = PopulationProfile(
        name: "security_research",
        signup: [(.researchProgram, 0.6), (.selfServe, 0.4)],
        countries: westernCountries,
        network: [(.vpnPool, 0.5), (.cloud, 0.3), (.residential, 0.2)],
        userAgents: [(uaCurl, 0.3), (uaHTTPX, 0.4), (uaSDKPython, 0.3)],
        createdInWindow: 0.3,
        timing: .diurnal(nightFloor: 0.3), volumeSigma: 1.3, sessionMean: 60, gapSecondsMedian: 3, gapSigma: 1.2,
        promptMix: [(.securityProbe, 0.5), (.cotElicitation, 0.15), (.censorshipRewrite, 0.1), (.casualChat, 0.15),
                    (.rubricGrading, 0.1)],
        topicsPerAccount: 4, turnsMean: 2, inputMedian: 800, inputSigma: 1.2, outputMedian: 400, outputSigma: 1.1,
        maxTokens: [(4096, 0.5), (8192, 0.3), (32000, 0.2)],
        thinkingShare: 0.3, toolsShare: 0.1, rateLimitedShare: 0.03,
        adoptionShare: 0.6, adoptionLagHours: 12,
        labels: LabelPolicy(probability: 0.5, delayMedianDays: 3, source: "incident_review"))

    // MARK: distillation campaigns

    static let deepseekLike = PopulationProfile(
        name: "campaign_ds", campaign: "campaign_ds",
        signup: [(.selfServe, 0.5), (.education, 0.3), (.researchProgram, 0.2)],
        countries: operatorCountries,
        network: [(.proxyPool, 0.6), (.cloud, 0.2), (.vpnPool, 0.2)],
        accountsPerPayment: 12, ownCardShare: 0.4,
        userAgents: [(uaSDKPython, 0.5), (uaHTTPX, 0.3), (uaAIOHTTP, 0.2)],
        startOffset: 0.05, startSpread: 0.2, createdInWindow: 0.6,
        timing: .synchronized(beatMinutes: 20, jitterSeconds: 40), volumeSigma: 0.35, sessionMean: 4,
        gapSecondsMedian: 25, gapSigma: 0.6,
        promptMix: [(.cotElicitation, 0.45), (.rubricGrading, 0.25), (.censorshipRewrite, 0.15),
                    (.benchmarkReasoning, 0.05), (.casualChat, 0.05), (.coding, 0.05)],
        topicsPerAccount: 4, topicsSharedByCluster: true, turnsMean: 1.3,
        inputMedian: 1_300, inputSigma: 0.6, outputMedian: 900, outputSigma: 0.6,
        maxTokens: [(8192, 0.6), (16384, 0.4)],
        thinkingShare: 0.35, toolsShare: 0.02, rateLimitedShare: 0.03,
        systemPromptsPerAccount: 2, systemPromptsSharedByCluster: true,
        adoptionShare: 0.3, adoptionLagHours: 48,
        labels: LabelPolicy(probability: 0.8, delayMedianDays: 4, source: "abuse_investigation"))

    static let moonshotLike = PopulationProfile(
        name: "campaign_ms", campaign: "campaign_ms",
        signup: [(.selfServe, 0.4), (.startupProgram, 0.25), (.education, 0.15), (.researchProgram, 0.1), (.enterprise, 0.1)],
        countries: operatorCountries,
        network: [(.proxyPool, 0.35), (.cloud, 0.3), (.vpnPool, 0.2), (.residential, 0.15)],
        accountsPerPayment: 4, ownCardShare: 0.5,
        userAgents: [(uaSDKPython, 0.3), (uaLiteLLM, 0.2), (uaAgentCLI, 0.15), (uaSDKNode, 0.15), (uaHTTPX, 0.2)],
        startOffset: 0.0, startSpread: 0.35, createdInWindow: 0.5,
        timing: .flat, volumeSigma: 0.5, sessionMean: 15, gapSecondsMedian: 8, gapSigma: 0.8,
        promptMix: [(.agenticTool, 0.35), (.coding, 0.25), (.dataAnalysis, 0.15), (.vision, 0.1), (.cotElicitation, 0.1),
                    (.casualChat, 0.05)],
        switchAt: 0.5,
        switchedMix: [(.reasoningTrace, 0.5), (.cotElicitation, 0.15), (.agenticTool, 0.15), (.coding, 0.15), (.vision, 0.05)],
        topicsPerAccount: 5, topicsSharedByCluster: true, turnsMean: 4,
        inputMedian: 5_000, inputSigma: 0.9, outputMedian: 1_000, outputSigma: 0.7,
        maxTokens: [(16384, 0.5), (32000, 0.5)],
        thinkingShare: 0.55, toolsShare: 0.5, toolCallShare: 0.55, imageShare: 0.1, cacheShare: 0.3,
        rateLimitedShare: 0.04, systemPromptsPerAccount: 3, systemPromptsSharedByCluster: true,
        adoptionShare: 0.4, adoptionLagHours: 36,
        labels: LabelPolicy(probability: 0.75, delayMedianDays: 5, source: "abuse_investigation"))

    /// MiniMax-like harvesting through Hydra proxy clusters: churning accounts on shared proxy pools, with the
    /// proxies' legitimate end users' requests mixed into the same accounts.
    static let minimaxHydra = PopulationProfile(
        name: "campaign_mm_hydra", campaign: "campaign_mm",
        signup: [(.selfServe, 0.7), (.education, 0.15), (.startupProgram, 0.15)],
        countries: operatorCountries,
        network: [(.proxyPool, 0.85), (.vpnPool, 0.15)],
        accountsPerPayment: 25, ownCardShare: 0.3,
        userAgents: [(uaGo, 0.4), (uaHTTPX, 0.25), (uaSDKPython, 0.2), (uaSDKNode, 0.15)],
        startOffset: 0.0, startSpread: 1.0, createdInWindow: 0.9, lifetimeMedianDays: 3.5,
        timing: .flat, volumeSigma: 0.5, sessionMean: 30, gapSecondsMedian: 6, gapSigma: 0.7,
        promptMix: [(.agenticTool, 0.5), (.coding, 0.3), (.cotElicitation, 0.06), (.casualChat, 0.08),
                    (.dataAnalysis, 0.06)],
        topicsPerAccount: 4, topicsSharedByCluster: true, turnsMean: 9,
        inputMedian: 8_000, inputSigma: 0.8, outputMedian: 750, outputSigma: 0.8,
        maxTokens: [(16384, 0.5), (32000, 0.5)],
        thinkingShare: 0.4, toolsShare: 0.8, toolCallShare: 0.65, cacheShare: 0.5, rateLimitedShare: 0.05,
        systemPromptsPerAccount: 2, systemPromptsSharedByCluster: true,
        adoptionShare: 0.5, adoptionLagHours: 12,
        labels: LabelPolicy(probability: 0.85, delayMedianDays: 2, source: "ban_enforcement", atBan: true))
}
