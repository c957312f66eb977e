extension Roster {
    /// Accounts sorted by id: the account files list them this way, unrelated to population.
    func accountsInIdOrder() -> [Account] {
        accounts.sorted { $0.idNumber < $1.idNumber }
    }
}
