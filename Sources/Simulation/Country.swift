/// Country codes we emit, with a representative UTC offset (for diurnal activity) and consumer ISP ASN.
struct Country: Sendable {
    var code: StaticString
    var utcOffsetHours: Int
    var residentialASN: Int

    static let all: [Country] = [
        Country(code: "US", utcOffsetHours: -6, residentialASN: 7922),
        Country(code: "GB", utcOffsetHours: 0, residentialASN: 2856),
        Country(code: "DE", utcOffsetHours: 1, residentialASN: 3320),
        Country(code: "FR", utcOffsetHours: 1, residentialASN: 3215),
        Country(code: "CA", utcOffsetHours: -5, residentialASN: 812),
        Country(code: "IN", utcOffsetHours: 5, residentialASN: 55836),
        Country(code: "BR", utcOffsetHours: -3, residentialASN: 28573),
        Country(code: "JP", utcOffsetHours: 9, residentialASN: 4713),
        Country(code: "KR", utcOffsetHours: 9, residentialASN: 4766),
        Country(code: "AU", utcOffsetHours: 10, residentialASN: 1221),
        Country(code: "NL", utcOffsetHours: 1, residentialASN: 1136),
        Country(code: "SG", utcOffsetHours: 8, residentialASN: 9506),
        Country(code: "PL", utcOffsetHours: 1, residentialASN: 5617),
        Country(code: "ES", utcOffsetHours: 1, residentialASN: 3352),
        Country(code: "MY", utcOffsetHours: 8, residentialASN: 4788),
        Country(code: "HK", utcOffsetHours: 8, residentialASN: 4760),
        Country(code: "CH", utcOffsetHours: 1, residentialASN: 3303),
    ]

    static func index(of code: String) -> Int {
        all.firstIndex { $0.code.description == code } ?? 0
    }

    var text: String { code.description }
}
