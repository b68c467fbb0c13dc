// Reads a unit's summary.json back into a Summary, for `rollup --from-summaries`.
import Foundation
import UnionCore
import UnionSummary

public struct SummaryReadError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let message: String
    public var description: String { "\(file): \(message)" }
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
                                         rows: i["rows"] as? Int ?? 0, included: (i["rows"] as? Int ?? 0) - (i["excluded"] as? Int ?? 0) - (i["outside_year"] as? Int ?? 0),
                                         excluded: i["excluded"] as? Int ?? 0, outsideYear: i["outside_year"] as? Int ?? 0, refused: false))
        }
        if let m = o["members"] as? [String: Any] {
            var f = MemberFigures()
            f.total = m["total"] as? Int ?? 0
            f.female = m["female"] as? Int ?? 0
            f.male = m["male"] as? Int ?? 0
            f.byStatus = m["by_status"] as? [String: Int] ?? [:]
            f.byBranch = m["by_branch"] as? [String: Int] ?? [:]
            f.joinedInYear = m["joined_in_year"] as? Int ?? 0
            f.leftInYear = m["left_in_year"] as? Int ?? 0
            f.duesPaid = money(m["dues_paid"])
            s.members = f
        }
        if let p = o["payments"] as? [String: Any] {
            var f = PaymentFigures()
            f.all = tally(p, money: "amount")
            f.unionSpending = money(p["union_spending"])
            for (k, v) in p["by_category"] as? [String: [String: Any]] ?? [:] {
                guard let c = PaymentCategory(rawValue: k) else { throw fail("unknown category \(k)") }
                f.byCategory[c] = tally(v, money: "amount")
            }
            for (k, v) in p["by_group"] as? [String: [String: Any]] ?? [:] {
                f.byGroup[k] = tally(v, money: "amount")
                if !s.groupOrder.contains(k) { s.groupOrder.append(k) }
            }
            for (k, v) in p["by_month"] as? [String: [String: Any]] ?? [:] { f.byMonth[k] = tally(v, money: "amount") }
            s.payments = f
            s.groupOrder.sort()
            // The built-in group of the report, so the text names it as a run would.
            if s.groupOrder.contains("生病及生育慰问") { s.groupCategories["生病及生育慰问"] = [.illness, .childbirth] }
        }
        if let c = o["claims"] as? [String: Any] {
            var f = ClaimFigures()
            f.all = tally(c, money: "approved")
            for (k, v) in c["by_plan"] as? [String: [String: Any]] ?? [:] { f.byPlan[k] = tally(v, money: "approved") }
            s.claims = f
        }
        if let e = o["enrollments"] as? [String: Any] {
            var f = EnrollmentFigures()
            f.all = tally(e, money: "premium")
            for (k, v) in e["by_plan"] as? [String: [String: Any]] ?? [:] { f.byPlan[k] = tally(v, money: "premium") }
            s.enrollments = f
        }
        if let f = o["findings"] as? [String: Any] {
            s.findings.errors = f["errors"] as? Int ?? 0
            s.findings.warnings = f["warnings"] as? Int ?? 0
            for (k, v) in f["by_rule"] as? [String: Int] ?? [:] {
                if let code = RuleCode(rawValue: k) { s.findings.byRule[code] = v }
            }
        }
        return s
    }

    /// A JSON number of yuan with at most two decimals, as fen. The figures are far below 2^53,
    /// so rounding the double gives the written decimal exactly.
    static func money(_ value: Any?) -> Money {
        guard let n = value as? NSNumber else { return .zero }
        return Money(fen: Int64((n.doubleValue * 100).rounded()))
    }

    static func tally(_ o: [String: Any], money key: String) -> Tally {
        var t = Tally()
        t.count = o["count"] as? Int ?? 0
        t.people = o["people"] as? Int ?? 0
        t.amount = money(o[key])
        return t
    }
}
