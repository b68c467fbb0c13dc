// summary.json (schema unionbatch.summary/1), keys in the order SPEC §4 shows.
import UnionCore
import UnionSummary

public enum SummaryJSON {
    public static let schema = "unionbatch.summary/1"

    public static func document(_ s: Summary) -> JSONValue {
        var top: [(String, JSONValue)] = [
            ("schema", .string(schema)),
            ("year", .integer(s.year)),
            ("as_of", .string(s.asOf.description)),
            ("unit", .string(s.unit)),
            ("unit_type", .string(s.unitType)),
            ("inputs", .array(s.inputs.map { i in
                .object([
                    ("file", .string(i.file)),
                    ("dataset", i.dataset.map { .string($0.rawValue) } ?? .null),
                    ("encoding", i.encoding.map { .string($0) } ?? .null),
                    ("rows", .integer(i.rows)),
                    ("excluded", .integer(i.excluded)),
                    ("outside_year", .integer(i.outsideYear)),
                ])
            })),
        ]
        if let m = s.members {
            var members: [(String, JSONValue)] = [
                ("total", .integer(m.total)),
                ("female", .integer(m.female)),
                ("male", .integer(m.male)),
                ("by_status", counts(m.byStatus)),
                ("by_branch", counts(m.byBranch)),
                ("joined_in_year", .integer(m.joinedInYear)),
                ("left_in_year", .integer(m.leftInYear)),
                ("dues_paid", m.duesGiven ? .money(m.duesPaid) : .null),
                ("by_hardship", counts(m.byHardship)),
            ]
            // Only with `[federation] key`: without one, no digest is written anywhere.
            if let d = m.idDigests { members.append(("id_digests", .array(d.map { .string($0.hex) }))) }
            top.append(("members", .object(members)))
        }
        if let p = s.payments {
            top.append(("payments", .object([
                ("count", .integer(p.all.count)),
                ("people", .integer(p.all.people)),
                ("amount", .money(p.all.amount)),
                ("union_spending", .money(p.unionSpending)),
                ("by_category", tallies(Dictionary(uniqueKeysWithValues: p.byCategory.map { ($0.key.rawValue, $0.value) }), money: "amount")),
                ("by_group", tallies(p.byGroup, money: "amount")),
                ("by_month", .object(p.byMonth.sorted { codePointOrder($0.key, $1.key) }.map { key, t in
                    (key, .object([("count", .integer(t.count)), ("amount", .money(t.amount))]))
                })),
                ("by_stage", tallies(p.byStage, money: "amount")),
                ("by_festival", tallies(p.byFestival, money: "amount")),
            ])))
        }
        if let c = s.claims {
            top.append(("claims", .object([
                ("count", .integer(c.all.count)),
                ("people", .integer(c.all.people)),
                ("approved", .money(c.all.amount)),
                ("by_plan", tallies(c.byPlan, money: "approved")),
            ])))
        }
        if let e = s.enrollments {
            top.append(("enrollments", .object([
                ("count", .integer(e.all.count)),
                ("people", .integer(e.all.people)),
                ("premium", .money(e.all.amount)),
                ("by_plan", tallies(e.byPlan, money: "premium")),
            ])))
        }
        if let f = s.funds { top.append(("funds", funds(f))) }
        top.append(("findings", .object([
            ("errors", .integer(s.findings.errors)),
            ("warnings", .integer(s.findings.warnings)),
            ("by_rule", .object(s.findings.byRule.sorted { $0.key < $1.key }.map { ($0.key.rawValue, .integer($0.value)) })),
        ])))
        return .object(top)
    }

    public static func text(_ s: Summary) -> String { document(s).rendered() + "\n" }

    /// `funds` (SPEC §4): income, expense, balance, by_group {count, amount}, by_line {group, count, people, amount};
    /// a line's people only when the ledger has a people column.
    static func funds(_ f: FundsFigures) -> JSONValue {
        .object([
            ("income", .money(f.income)),
            ("expense", .money(f.expense)),
            ("balance", .money(f.balance)),
            ("by_group", .object(f.byGroup.sorted { codePointOrder($0.key, $1.key) }.map { key, t in
                (key, .object([("count", .integer(t.count)), ("amount", .money(t.amount))]))
            })),
            ("by_line", .object(f.byLine.sorted { codePointOrder($0.key, $1.key) }.map { key, line in
                var fields: [(String, JSONValue)] = [("group", .string(line.group)), ("count", .integer(line.count))]
                if f.hasPeople { fields.append(("people", .integer(line.people))) }
                fields.append(("amount", .money(line.amount)))
                return (key, .object(fields))
            })),
        ])
    }

    static func counts(_ map: [String: Int]) -> JSONValue {
        .object(map.sorted { codePointOrder($0.key, $1.key) }.map { ($0.key, .integer($0.value)) })
    }

    static func tallies(_ map: [String: Tally], money: String) -> JSONValue {
        .object(map.sorted { codePointOrder($0.key, $1.key) }.map { key, t in
            (key, .object([("count", .integer(t.count)), ("people", .integer(t.people)), (money, .money(t.amount))]))
        })
    }
}
