/// How an account came to exist; distillation operators favour cheap or subsidised routes, but so do students.
enum SignupRoute: Int, CaseIterable, Sendable {
    case selfServe, education, startupProgram, researchProgram, enterprise

    var text: StaticString {
        switch self {
        case .selfServe: return "self_serve"
        case .education: return "education"
        case .startupProgram: return "startup_program"
        case .researchProgram: return "research_program"
        case .enterprise: return "enterprise"
        }
    }
}
