/// One line of labels.jsonl: ground truth for an account. Labels are joined to the feature table by
/// `account_id` and never feed a feature.
public struct LabelRecord: Sendable, Equatable {
    public enum Label: String, Sendable { case distillation, benign }
    public var accountID: String
    public var label: Label
    public var campaign: String?
    public var cluster: String?
    public var labeledAt: Double?
    public var source: String?

    public init(accountID: String, label: Label, campaign: String? = nil, cluster: String? = nil,
                labeledAt: Double? = nil, source: String? = nil) {
        self.accountID = accountID
        self.label = label
        self.campaign = campaign
        self.cluster = cluster
        self.labeledAt = labeledAt
        self.source = source
    }

    /// Reads and validates labels.jsonl; a repeated account_id is an error (which label would win?).
    public static func read(path: String) throws -> [LabelRecord] {
        var out: [LabelRecord] = []
        var seen = Set<String>()
        try SideFileReader(path: path).forEachObject { row in
            let id = try row.string("account_id")
            guard seen.insert(id).inserted else { throw row.fail("account_id", "duplicate label for \"\(id)\"") }
            let label = try row.oneOf("label", ["distillation", "benign"], required: true)!
            out.append(LabelRecord(accountID: id, label: Label(rawValue: label)!,
                                   campaign: try row.optionalString("campaign"),
                                   cluster: try row.optionalString("cluster"),
                                   labeledAt: try row.optionalTime("labeled_at"),
                                   source: try row.optionalString("source")))
        }
        return out
    }
}
