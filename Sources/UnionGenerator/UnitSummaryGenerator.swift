// Many grassroots unions' summary.json files, for measuring a federation's roll-up from summaries (SPEC §6: 10,000 units).
import Foundation
import UnionCore

public enum UnitSummaryGenerator {
    static let kinds = ["社区", "机关", "事业", "企业", "非公企业"]
    static let categories = ["困难帮扶", "金秋助学", "生病住院慰问", "生育慰问", "节日慰问"]
    static let plans = ["门诊", "住院", "重大疾病"]

    /// Writes `<folder>/u00001/summary.json` … one a unit, the same files for the same seed. With `key`, each unit
    /// carries its members' digests, and about `sharedRate` of its members are also members of another unit.
    /// The units' member totals summed.
    @discardableResult
    public static func write(to folder: String, units: Int, seed: UInt64, year: Int, key: String?, sharedRate: Double = 0.01) throws -> Int {
        var random = SplitMix64(seed: seed, stream: 77)
        var total = 0
        for i in 1...max(1, units) {
            let unitFolder = FilePath.join(folder, String(format: "u%05d", i))
            try FileManager.default.createDirectory(atPath: unitFolder, withIntermediateDirectories: true)
            let (json, members) = summary(index: i, units: units, year: year, key: key, sharedRate: sharedRate, random: &random)
            total += members
            try Data((json.rendered() + "\n").utf8).write(to: URL(fileURLWithPath: FilePath.join(unitFolder, "summary.json")))
        }
        return total
    }

    static func summary(index: Int, units: Int, year: Int, key: String?, sharedRate: Double,
                        random: inout SplitMix64) -> (JSONValue, Int) {
        let members = random.int(20...200)
        let female = random.below(members + 1)
        let paymentsCount = random.int(0...members)
        func money(_ maxYuan: Int) -> Money { Money(fen: Int64(random.int(0...maxYuan * 100))) }
        var byCategory: [(String, JSONValue)] = []
        var paid = Money.zero
        for c in categories where random.chance(0.7) {
            let count = random.int(1...max(1, paymentsCount / 3 + 1))
            let amount = money(count * 1000)
            paid += amount
            byCategory.append((c, .object([("count", .integer(count)), ("people", .integer(count)), ("amount", .money(amount))])))
        }
        let paymentCount = byCategory.reduce(0) { r, c in
            if case .object(let o) = c.1, case .integer(let n) = o[0].1 { return r + n }
            return r
        }
        var byMonth: [(String, JSONValue)] = []
        for m in 1...12 where paymentCount > 0 {
            byMonth.append((String(format: "%04d-%02d", year, m), .object([("count", .integer(paymentCount / 12)), ("amount", .money(Money(fen: paid.fen / 12)))])))
        }
        let claims = random.int(0...members / 4)
        let approved = money(claims * 800)
        var membersObject: [(String, JSONValue)] = [
            ("total", .integer(members)), ("female", .integer(female)), ("male", .integer(members - female)),
            ("by_status", .object([("在册", .integer(members))])),
            ("by_branch", .object([("一分会", .integer(members / 2)), ("二分会", .integer(members - members / 2))])),
            ("joined_in_year", .integer(random.below(10))), ("left_in_year", .integer(random.below(10))),
            ("dues_paid", .money(random.chance(0.9) ? money(members * 300) : .zero)),
        ]
        if let key {
            // Person numbers unique to the unit, but for a few drawn from the whole federation's range.
            let ids = (0..<members).map { m -> String in
                let person = random.chance(sharedRate) ? random.below(units * 200) : index * 200 + m
                return String(format: "330100%012d", person)
            }
            membersObject.append(("id_digests", .array(MemberDigest.digests(key: key, idNumbers: ids).map { .string($0.hex) })))
        }
        let json: JSONValue = .object([
            ("schema", .string("unionbatch.summary/1")),
            ("year", .integer(year)), ("as_of", .string("\(year)-12-31")),
            ("unit", .string("第\(index)基层工会")), ("unit_type", .string(kinds[index % kinds.count])),
            ("inputs", .array([.object([("file", .string("members.csv")), ("dataset", .string("members")), ("encoding", .string("UTF-8")),
                                        ("rows", .integer(members)), ("excluded", .integer(0)), ("outside_year", .integer(0))])])),
            ("members", .object(membersObject)),
            ("payments", .object([("count", .integer(paymentCount)), ("people", .integer(paymentCount)), ("amount", .money(paid)),
                                  ("union_spending", .money(paid)), ("by_category", .object(byCategory)), ("by_group", .object([])),
                                  ("by_month", .object(byMonth))])),
            ("claims", .object([("count", .integer(claims)), ("people", .integer(claims)), ("approved", .money(approved)),
                                ("by_plan", .object([(plans[index % plans.count], .object([("count", .integer(claims)), ("people", .integer(claims)),
                                                                                           ("approved", .money(approved))]))]))])),
            ("findings", .object([("errors", .integer(0)), ("warnings", .integer(0)), ("by_rule", .object([]))])),
        ])
        return (json, members)
    }
}
