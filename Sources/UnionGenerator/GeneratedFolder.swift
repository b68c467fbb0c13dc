// What the generator wrote: the planted findings and the figures a correct run must report.
import UnionCore

/// How much to generate, from which seed.
public struct GeneratorOptions: Sendable, Equatable {
    public var seed: UInt64
    /// The reporting year; every clean date lies in it (members' join dates before or in it).
    public var year: Int
    /// Roster rows, payment rows, claim rows and enrolment rows (planted rows included).
    public var members: Int
    public var payments: Int
    public var claims: Int
    /// Enrolments are 两癌 cover for women: at most one per woman who is a member in the year.
    public var enrollments: Int
    /// Ledger entries (0: no ledger file); more are written when the dues and reconciled payment totals need them.
    public var ledger = 0
    /// The chance that a roster or payment row carries one planted problem (0 = a clean folder).
    public var problemRate: Double
    /// The roster's columns: the usual 15, or the 16 of an HR system's export with every money cell filled.
    public var shape: Shape = .standard
    /// The files' encoding: UTF-8 with BOM, or GB18030 as Chinese Windows Excel saves "CSV".
    public var encoding: FileEncoding = .utf8

    public enum Shape: String, Sendable, CaseIterable {
        case standard
        /// 会员编号 added, and wage, dues and months written for every row (0 where nothing is paid).
        case wide
    }

    public enum FileEncoding: String, Sendable, CaseIterable {
        case utf8 = "utf-8", gb18030
    }

    public init(seed: UInt64 = 1, year: Int = 2025, members: Int = 1_000, payments: Int = 2_000,
                claims: Int = 500, enrollments: Int = 200, problemRate: Double = 0) {
        self.seed = seed
        self.year = year
        self.members = members
        self.payments = payments
        self.claims = claims
        self.enrollments = enrollments
        self.problemRate = problemRate
    }

    /// Named sizes: `1M` is 1,000,000 members and payments, 500,000 claims, 200,000 enrolments; `100k` a tenth.
    public static func counts(forSize name: String) -> (members: Int, payments: Int, claims: Int, enrollments: Int)? {
        switch name.lowercased() {
        case "1m": return (1_000_000, 1_000_000, 500_000, 200_000)
        case "100k": return (100_000, 100_000, 50_000, 20_000)
        case "10k": return (10_000, 10_000, 5_000, 2_000)
        default: return nil
        }
    }

    /// The as-of date the expected figures assume: 31 December of the year.
    public var asOf: Day { Day(year: year, month: 12, day: 31)! }
}

/// One problem planted in a file, where a run must report it.
public struct PlantedFinding: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    /// The row Calc shows: the header is row 1, the first data row row 2 (no cell spans lines).
    public let row: Int
    /// Column letter, `A` for the first.
    public let column: String
    public let field: Field
    public let rule: RuleCode

    public init(file: String, row: Int, column: String, field: Field, rule: RuleCode) {
        self.file = file
        self.row = row
        self.column = column
        self.field = field
        self.rule = rule
    }

    public var description: String { "\(file):\(row):\(column) \(field.key) \(rule.rawValue)" }
}

/// Count, distinct people and money of a group of rows.
public struct ExpectedTally: Sendable, Equatable {
    public var count = 0
    public var people = 0
    public var amount = Money.zero

    public init(count: Int = 0, people: Int = 0, amount: Money = .zero) {
        self.count = count
        self.people = people
        self.amount = amount
    }
}

/// One input file as a run must count it.
public struct ExpectedInput: Sendable, Equatable {
    public let file: String
    public let dataset: Dataset
    public var rows = 0
    public var excluded = 0
    public var outsideYear = 0
    /// The encoding a run reports for the file (`UTF-8-BOM` or `GB18030`).
    public var encoding = "UTF-8-BOM"
}

public struct ExpectedMembers: Sendable, Equatable {
    public var total = 0
    public var female = 0
    public var male = 0
    public var byStatus: [String: Int] = [:]
    public var byBranch: [String: Int] = [:]
    public var joinedInYear = 0
    public var leftInYear = 0
    public var duesPaid = Money.zero
}

public struct ExpectedPayments: Sendable, Equatable {
    public var all = ExpectedTally()
    public var unionSpending = Money.zero
    /// Keyed by canonical category name.
    public var byCategory: [String: ExpectedTally] = [:]
    /// The default profile's group 生病及生育慰问 (生病住院慰问 + 生育慰问).
    public var byGroup: [String: ExpectedTally] = [:]
    /// Keyed `YYYY-MM` by payment date; `people` is not reported per month.
    public var byMonth: [String: ExpectedTally] = [:]
}

public struct ExpectedClaims: Sendable, Equatable {
    public var all = ExpectedTally()
    /// Keyed by canonical plan name; `amount` is the approved sum.
    public var byPlan: [String: ExpectedTally] = [:]
}

/// A ledger line as summary.json's `funds.by_line` gives it.
public struct ExpectedLedgerLine: Sendable, Equatable {
    public var group: String
    public var count = 0
    public var people = 0
    public var amount = Money.zero

    public init(group: String) { self.group = group }
}

/// `funds` of summary.json: income, expense, by group (count, amount) and by line.
public struct ExpectedFunds: Sendable, Equatable {
    public var income = Money.zero
    public var expense = Money.zero
    public var balance: Money { income - expense }
    public var byGroup: [String: ExpectedTally] = [:]
    public var byLine: [String: ExpectedLedgerLine] = [:]
}

public struct ExpectedEnrollments: Sendable, Equatable {
    public var all = ExpectedTally()
    /// Keyed by plan; `amount` is the premium sum.
    public var byPlan: [String: ExpectedTally] = [:]
}

/// The figures of SPEC §4/§7 for the folder, from the generator's own record of its clean rows.
public struct ExpectedFigures: Sendable, Equatable {
    public var year: Int
    public var asOf: Day
    /// In file-name order.
    public var inputs: [ExpectedInput] = []
    public var members: ExpectedMembers?
    public var payments: ExpectedPayments?
    public var claims: ExpectedClaims?
    public var enrollments: ExpectedEnrollments?
    public var funds: ExpectedFunds?
    public var errors = 0
    public var warnings = 0
    public var byRule: [RuleCode: Int] = [:]
}

/// A generated folder: where it is, what was planted, what a correct run reports.
public struct GeneratedFolder: Sendable {
    public let folder: String
    public let options: GeneratorOptions
    /// Every planted finding, in file and row order.
    public let planted: [PlantedFinding]
    public let expected: ExpectedFigures
}

extension ExpectedFigures {
    /// The figures as JSON in summary.json's shape and key order (money as shortest yuan decimals),
    /// followed by the planted findings when given.
    public func jsonText(planted: [PlantedFinding] = []) -> String {
        func quote(_ s: String) -> String { JSONValue.quoted(s) }
        func sortedKeys<V>(_ map: [String: V]) -> [String] {
            map.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
        }
        func counts(_ map: [String: Int]) -> String {
            "{" + sortedKeys(map).map { quote($0) + ": " + String(map[$0]!) }.joined(separator: ", ") + "}"
        }
        func tally(_ t: ExpectedTally, money: String, people: Bool = true) -> String {
            "{\"count\": \(t.count), " + (people ? "\"people\": \(t.people), " : "") + "\"\(money)\": \(t.amount.yuanText)}"
        }
        func tallies(_ map: [String: ExpectedTally], money: String, people: Bool = true) -> String {
            "{" + sortedKeys(map).map { quote($0) + ": " + tally(map[$0]!, money: money, people: people) }.joined(separator: ", ") + "}"
        }
        var lines: [String] = []
        lines.append("  \"schema\": \"unionbatch.expected/1\"")
        lines.append("  \"year\": \(year)")
        lines.append("  \"as_of\": \(quote(asOf.description))")
        let inputItems = inputs.map {
            "    {\"file\": \(quote($0.file)), \"dataset\": \(quote($0.dataset.rawValue)), \"rows\": \($0.rows), "
                + "\"excluded\": \($0.excluded), \"outside_year\": \($0.outsideYear), \"encoding\": \(quote($0.encoding))}"
        }
        lines.append("  \"inputs\": [\n" + inputItems.joined(separator: ",\n") + "\n  ]")
        if let m = members {
            lines.append("  \"members\": {\"total\": \(m.total), \"female\": \(m.female), \"male\": \(m.male), "
                + "\"by_status\": \(counts(m.byStatus)), \"by_branch\": \(counts(m.byBranch)), "
                + "\"joined_in_year\": \(m.joinedInYear), \"left_in_year\": \(m.leftInYear), \"dues_paid\": \(m.duesPaid.yuanText)}")
        }
        if let p = payments {
            lines.append("  \"payments\": {\"count\": \(p.all.count), \"people\": \(p.all.people), \"amount\": \(p.all.amount.yuanText), "
                + "\"union_spending\": \(p.unionSpending.yuanText), \"by_category\": \(tallies(p.byCategory, money: "amount")), "
                + "\"by_group\": \(tallies(p.byGroup, money: "amount")), \"by_month\": \(tallies(p.byMonth, money: "amount", people: false))}")
        }
        if let c = claims {
            lines.append("  \"claims\": {\"count\": \(c.all.count), \"people\": \(c.all.people), \"approved\": \(c.all.amount.yuanText), "
                + "\"by_plan\": \(tallies(c.byPlan, money: "approved"))}")
        }
        if let e = enrollments {
            lines.append("  \"enrollments\": {\"count\": \(e.all.count), \"people\": \(e.all.people), \"premium\": \(e.all.amount.yuanText), "
                + "\"by_plan\": \(tallies(e.byPlan, money: "premium"))}")
        }
        if let f = funds {
            let groups = sortedKeys(f.byGroup).map { quote($0) + ": " + tally(f.byGroup[$0]!, money: "amount", people: false) }
            let byLine = sortedKeys(f.byLine).map { name -> String in
                let l = f.byLine[name]!
                return quote(name) + ": {\"group\": \(quote(l.group)), \"count\": \(l.count), \"people\": \(l.people), \"amount\": \(l.amount.yuanText)}"
            }
            lines.append("  \"funds\": {\"income\": \(f.income.yuanText), \"expense\": \(f.expense.yuanText), \"balance\": \(f.balance.yuanText), "
                + "\"by_group\": {" + groups.joined(separator: ", ") + "}, \"by_line\": {" + byLine.joined(separator: ", ") + "}}")
        }
        let rules = byRule.keys.sorted().map { quote($0.rawValue) + ": " + String(byRule[$0]!) }.joined(separator: ", ")
        lines.append("  \"findings\": {\"errors\": \(errors), \"warnings\": \(warnings), \"by_rule\": {\(rules)}}")
        if !planted.isEmpty {
            let items = planted.map {
                "    {\"file\": \(quote($0.file)), \"row\": \($0.row), \"column\": \(quote($0.column)), "
                    + "\"field\": \(quote($0.field.key)), \"rule\": \(quote($0.rule.rawValue))}"
            }
            lines.append("  \"planted\": [\n" + items.joined(separator: ",\n") + "\n  ]")
        }
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }
}
