// Reads a unit's summary.json back into a Summary, for `rollup --from-summaries`.
import Foundation
import UnionCore
import UnionRules
import UnionSummary

public struct SummaryReadError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let message: String
    public var description: String { "\(file): \(message)" }

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }
}

public enum SummaryJSONReader {
    public static func read(path: String) throws -> Summary {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SummaryReadError(file: path, message: "cannot read the file")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SummaryReadError(file: path, message: "not a JSON object")
        }
        return try parse(object, file: path)
    }

    public static func parse(_ o: [String: Any], file: String) throws -> Summary {
        func fail(_ m: String) -> SummaryReadError { SummaryReadError(file: file, message: m) }
        guard o["schema"] as? String == SummaryJSON.schema else { throw fail("not a \(SummaryJSON.schema) file (schema key)") }
        guard let year = o["year"] as? Int, let asOfText = o["as_of"] as? String, let asOf = Day.parse(asOfText) else {
            throw fail("year or as_of missing")
        }
        var s = Summary(year: year, asOf: asOf, unit: o["unit"] as? String ?? "", unitType: o["unit_type"] as? String ?? "")
        for i in o["inputs"] as? [[String: Any]] ?? [] {
            s.inputs.append(InputFigures(file: i["file"] as? String ?? "", dataset: (i["dataset"] as? String).flatMap(Dataset.init(rawValue:)),
                                         encoding: i["encoding"] as? String, delimiter: nil, sha256: "",
                                         rows: try count(i["rows"], file), included: (try count(i["rows"], file)) - (try count(i["excluded"], file)) - (try count(i["outside_year"], file)),
                                         excluded: try count(i["excluded"], file), outsideYear: try count(i["outside_year"], file), refused: false))
        }
        if let m = o["members"] as? [String: Any] {
            var f = MemberFigures()
            f.total = try count(m["total"], file)
            f.female = try count(m["female"], file)
            f.male = try count(m["male"], file)
            f.byStatus = try counts(m["by_status"], file)
            f.byBranch = try counts(m["by_branch"], file)
            f.joinedInYear = try count(m["joined_in_year"], file)
            f.leftInYear = try count(m["left_in_year"], file)
            // null when the unit's roster has no dues column.
            f.duesGiven = m["dues_paid"] != nil && !(m["dues_paid"] is NSNull)
            if f.duesGiven { f.duesPaid = try money(m["dues_paid"], file) }
            f.byHardship = try counts(m["by_hardship"], file)
            if let d = m["id_digests"] {
                guard let texts = d as? [String] else { throw fail("members.id_digests is not a list of digests") }
                var digests: [MemberDigest] = []
                digests.reserveCapacity(texts.count)
                for t in texts {
                    guard let digest = MemberDigest(hex: t) else { throw fail("\(t) is not a member digest (32 hex digits)") }
                    digests.append(digest)
                }
                // As written they are sorted and distinct; a list that is not is made so.
                if !zip(digests, digests.dropFirst()).allSatisfy({ $0 < $1 }) { digests = Array(Set(digests)).sorted() }
                f.idDigests = digests
            }
            s.members = f
        }
        if let p = o["payments"] as? [String: Any] {
            var f = PaymentFigures()
            f.all = try tally(p, money: "amount", file)
            f.unionSpending = try money(p["union_spending"], file)
            for (k, v) in p["by_category"] as? [String: [String: Any]] ?? [:] {
                guard let c = PaymentCategory(rawValue: k) else { throw fail("unknown category \(k)") }
                f.byCategory[c] = try tally(v, money: "amount", file)
            }
            for (k, v) in p["by_group"] as? [String: [String: Any]] ?? [:] {
                f.byGroup[k] = try tally(v, money: "amount", file)
                if !s.groupOrder.contains(k) { s.groupOrder.append(k) }
            }
            for (k, v) in p["by_month"] as? [String: [String: Any]] ?? [:] { f.byMonth[k] = try tally(v, money: "amount", file) }
            for (k, v) in p["by_stage"] as? [String: [String: Any]] ?? [:] { f.byStage[k] = try tally(v, money: "amount", file) }
            for (k, v) in p["by_festival"] as? [String: [String: Any]] ?? [:] { f.byFestival[k] = try tally(v, money: "amount", file) }
            s.payments = f
            s.groupOrder.sort()
            // The built-in group of the report, so the text names it as a run would.
            if s.groupOrder.contains("生病及生育慰问") { s.groupCategories["生病及生育慰问"] = [.illness, .childbirth] }
        }
        if let c = o["claims"] as? [String: Any] {
            var f = ClaimFigures()
            f.all = try tally(c, money: "approved", file)
            for (k, v) in c["by_plan"] as? [String: [String: Any]] ?? [:] { f.byPlan[k] = try tally(v, money: "approved", file) }
            s.claims = f
        }
        if let e = o["enrollments"] as? [String: Any] {
            var f = EnrollmentFigures()
            f.all = try tally(e, money: "premium", file)
            for (k, v) in e["by_plan"] as? [String: [String: Any]] ?? [:] { f.byPlan[k] = try tally(v, money: "premium", file) }
            s.enrollments = f
        }
        if let funds = o["funds"] as? [String: Any] { s.funds = try self.funds(funds, file) }
        // A federation's summary (it has `units`) is a sub-federation: its grassroots unions by kind pass up.
        if let units = o["units"] as? [Any] {
            var f = FederationFigures(federations: try count(o["federations"], file))
            if o["grassroots"] != nil {
                f.grassroots = try counts(o["grassroots"], file)
            } else {
                for case let u as [String: Any] in units { f.grassroots[u["type"] as? String ?? "", default: 0] += 1 }
            }
            s.federation = f
        }
        if let f = o["findings"] as? [String: Any] {
            s.findings.errors = try count(f["errors"], file)
            s.findings.warnings = try count(f["warnings"], file)
            for (k, v) in try counts(f["by_rule"], file) {
                if let code = RuleCode(rawValue: k) { s.findings.byRule[code] = v }
            }
        }
        return s
    }

    /// The largest figure read: a count of a thousand thousand million, or a million million yuan. Far
    /// above any union's, and small enough that the figures of any number of units add up without overflow.
    static let largestCount = 1_000_000_000_000
    static let largestFen: Int64 = 100_000_000_000_000

    /// A JSON number of yuan with at most two decimals, as fen. The figures are far below 2^53,
    /// so rounding the double gives the written decimal exactly. Absent is zero; a negative, fractional
    /// or huge one is an error, not a figure.
    static func money(_ value: Any?, _ file: String) throws -> Money {
        guard let value else { return .zero }
        guard let n = value as? NSNumber, n.doubleValue.isFinite, n.doubleValue >= 0,
              n.doubleValue * 100 <= Double(largestFen) else {
            throw SummaryReadError(file: file, message: "\(value) is not an amount in yuan")
        }
        return Money(fen: Int64((n.doubleValue * 100).rounded()))
    }

    /// `funds` as SummaryJSON writes it; groups and lines in the order of the built-in chart, others after by name.
    static func funds(_ o: [String: Any], _ file: String) throws -> FundsFigures {
        var f = FundsFigures()
        f.income = try signedMoney(o["income"], file)
        f.expense = try signedMoney(o["expense"], file)
        for (k, v) in o["by_group"] as? [String: [String: Any]] ?? [:] {
            var t = Tally()
            t.count = try count(v["count"], file)
            t.amount = try signedMoney(v["amount"], file)
            f.byGroup[k] = t
        }
        for (k, v) in o["by_line"] as? [String: [String: Any]] ?? [:] {
            var line = FundsFigures.Line(group: v["group"] as? String ?? "")
            line.count = try count(v["count"], file)
            if v["people"] != nil { f.hasPeople = true }
            line.people = try count(v["people"], file)
            line.amount = try signedMoney(v["amount"], file)
            f.byLine[k] = line
        }
        let chart = RuleProfile.standard.chart
        func place(_ name: String, among names: [String]) -> Int { names.firstIndex(of: name) ?? names.count }
        f.groupOrder = f.byGroup.keys.sorted { (place($0, among: chart.groups), $0) < (place($1, among: chart.groups), $1) }
        let lineNames = chart.lines.map(\.name)
        f.lineOrder = f.byLine.keys.sorted { (place($0, among: lineNames), $0) < (place($1, among: lineNames), $1) }
        return f
    }

    /// An amount in yuan that may be negative (a ledger balance, a line of refunds).
    static func signedMoney(_ value: Any?, _ file: String) throws -> Money {
        if let n = value as? NSNumber, n.doubleValue < 0 { return Money(fen: -(try money(NSNumber(value: -n.doubleValue), file)).fen) }
        return try money(value, file)
    }

    /// A count: absent is zero; a negative, fractional or huge one is an error.
    static func count(_ value: Any?, _ file: String) throws -> Int {
        guard let value else { return 0 }
        guard let n = value as? Int, n >= 0, n <= largestCount else {
            throw SummaryReadError(file: file, message: "\(value) is not a count")
        }
        return n
    }

    static func counts(_ value: Any?, _ file: String) throws -> [String: Int] {
        guard let value else { return [:] }
        guard let map = value as? [String: Any] else { throw SummaryReadError(file: file, message: "\(value) is not a table of counts") }
        return try map.mapValues { try count($0, file) }
    }

    static func tally(_ o: [String: Any], money key: String, _ file: String) throws -> Tally {
        var t = Tally()
        t.count = try count(o["count"], file)
        t.people = try count(o["people"], file)
        t.amount = try money(o[key], file)
        return t
    }
}
