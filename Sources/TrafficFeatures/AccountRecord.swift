/// One line of accounts.jsonl: what the provider knows about an account at sign-up.
public struct AccountRecord: Sendable, Equatable {
    /// Sign-up routes, in the order of the `signup_*` one-hot features.
    public static let signupRoutes = ["self_serve", "education", "startup_program", "research_program", "enterprise"]

    public var accountID: String
    public var createdAt: Double?
    public var signupRoute: String?
    public var paymentFP: String?
    public var country: String?
    public var orgID: String?

    public init(accountID: String, createdAt: Double? = nil, signupRoute: String? = nil, paymentFP: String? = nil,
                country: String? = nil, orgID: String? = nil) {
        self.accountID = accountID
        self.createdAt = createdAt
        self.signupRoute = signupRoute
        self.paymentFP = paymentFP
        self.country = country
        self.orgID = orgID
    }

    public static func read(path: String) throws -> [AccountRecord] {
        var out: [AccountRecord] = []
        var seen = Set<String>()
        try SideFileReader(path: path).forEachObject { row in
            let id = try row.string("account_id")
            guard seen.insert(id).inserted else { throw row.fail("account_id", "duplicate account \"\(id)\"") }
            out.append(AccountRecord(accountID: id, createdAt: try row.optionalTime("created_at"),
                                     signupRoute: try row.oneOf("signup_route", signupRoutes, required: false),
                                     paymentFP: try row.optionalString("payment_fp"),
                                     country: try row.optionalString("country"),
                                     orgID: try row.optionalString("org_id")))
        }
        return out
    }
}
