// The figures of a run: what summary.json holds, plus the breakdowns the workbooks and the text use.
import UnionCore

/// Count, distinct people and money of a group of rows.
public struct Tally: Sendable, Equatable {
    public var count = 0
    public var people = 0
    public var amount = Money.zero
    /// Smallest and largest single amount (for ranges such as 800到4000元).
    public var minimum: Money?
    public var maximum: Money?

    public init() {}
}

public struct InputFigures: Sendable {
    public var file: String
    public var dataset: Dataset?
    public var encoding: String?
    public var delimiter: String?
    public var sha256: String
    public var rows: Int
    public var included: Int
    public var excluded: Int
    public var outsideYear: Int
    /// True when the file was not read (F01, F04).
    public var refused: Bool

    public init(file: String, dataset: Dataset?, encoding: String?, delimiter: String?, sha256: String,
                rows: Int, included: Int, excluded: Int, outsideYear: Int, refused: Bool) {
        self.file = file
        self.dataset = dataset
        self.encoding = encoding
        self.delimiter = delimiter
        self.sha256 = sha256
        self.rows = rows
        self.included = included
        self.excluded = excluded
        self.outsideYear = outsideYear
        self.refused = refused
    }
}

public struct MemberFigures: Sendable {
    public init() {}
    public var total = 0
    public var female = 0
    public var male = 0
    public var byStatus: [String: Int] = [:]
    public var byBranch: [String: Int] = [:]
    public var joinedInYear = 0
    public var leftInYear = 0
    public var duesPaid = Money.zero
    /// False when no roster row gives dues (no dues column): 未提供, never 0.
    public var duesGiven = false
    /// Members at the as-of date by branch, sex and status (the 会员 sheet).
    public var byBranchSexStatus: [BranchSexStatus: Int] = [:]
    /// Members at the as-of date with a hardship status, by kind.
    public var byHardship: [String: Int] = [:]
    /// Keyed digests of the members' ID numbers at the as-of date, sorted and distinct; nil without `[federation] key`.
    public var idDigests: [MemberDigest]?

    public struct BranchSexStatus: Hashable, Sendable {
        public let branch: String
        public let sex: Sex
        public let status: String
    }
}

public struct PaymentFigures: Sendable {
    public init() {}
    public var all = Tally()
    public var unionSpending = Money.zero
    public var byCategory: [PaymentCategory: Tally] = [:]
    public var byGroup: [String: Tally] = [:]
    public var byMonth: [String: Tally] = [:]
    public var byCategoryMonth: [CategoryMonth: Tally] = [:]
    public var byBranch: [String: Tally] = [:]
    /// 金秋助学 by stage, and 节日慰问 by festival (summary.json `by_stage`, `by_festival`).
    public var byStage: [String: Tally] = [:]
    public var byFestival: [String: Tally] = [:]

    public struct CategoryMonth: Hashable, Sendable {
        public let category: PaymentCategory
        public let month: String
    }
}

public struct ClaimFigures: Sendable {
    public init() {}
    public var all = Tally()
    public var byPlan: [String: Tally] = [:]
    public var byPlanMonth: [PlanMonth: Tally] = [:]

    public struct PlanMonth: Hashable, Sendable {
        public let plan: String
        public let month: String
    }
}

public struct EnrollmentFigures: Sendable {
    public init() {}
    public var all = Tally()
    public var byPlan: [String: Tally] = [:]
}

/// The union's funds from its ledger (SPEC §4 `funds`): the year's income and expense by group and line.
public struct FundsFigures: Sendable, Equatable {
    public init() {}
    public var income = Money.zero
    public var expense = Money.zero
    public var balance: Money { income - expense }
    /// By group, in chart order; `people` is not counted for groups.
    public var byGroup: [String: Tally] = [:]
    /// By line (canonical names); `people` is the sum of the ledger's people column.
    public var byLine: [String: Line] = [:]
    /// Whether the ledger has a people column (`by_line[].people` is written only then).
    public var hasPeople = false
    /// Groups and lines in chart order, for the sheet and the text.
    public var groupOrder: [String] = []
    public var lineOrder: [String] = []

    public struct Line: Sendable, Equatable {
        public var group: String
        public var count = 0
        public var people = 0
        public var amount = Money.zero

        public init(group: String) { self.group = group }
    }

    /// The income group's name: every other group is spending.
    public static let incomeGroup = "收入"
    public func isIncome(group: String) -> Bool { group == FundsFigures.incomeGroup }
}

public struct FindingFigures: Sendable {
    public init() {}
    public var errors = 0
    public var warnings = 0
    public var byRule: [RuleCode: Int] = [:]
}

/// Everything summary.json says, and the breakdowns behind the workbooks.
public struct Summary: Sendable {
    public var year: Int
    public var asOf: Day
    public var unit: String
    public var unitType: String
    public var inputs: [InputFigures] = []
    public var members: MemberFigures?
    public var payments: PaymentFigures?
    public var claims: ClaimFigures?
    public var enrollments: EnrollmentFigures?
    /// Present with a ledger.
    public var funds: FundsFigures?
    public var findings = FindingFigures()
    /// Category groups in report order (from the profile).
    public var groupOrder: [String] = []
    /// The categories of each group.
    public var groupCategories: [String: [PaymentCategory]] = [:]
    /// What a federation's summary says of the unions below it; nil for a grassroots union.
    public var federation: FederationFigures?

    public init(year: Int, asOf: Day, unit: String, unitType: String) {
        self.year = year
        self.asOf = asOf
        self.unit = unit
        self.unitType = unitType
    }
}

/// A federation's unions (SPEC §6): its direct sub-federations, and its grassroots unions by kind at every depth below.
public struct FederationFigures: Sendable, Equatable {
    /// Sub-federations rolled up directly into this one.
    public var federations = 0
    /// Grassroots unions by unit_type, passed up through every sub-federation.
    public var grassroots: [String: Int] = [:]

    public init(federations: Int = 0, grassroots: [String: Int] = [:]) {
        self.federations = federations
        self.grassroots = grassroots
    }

    public var grassrootsTotal: Int { grassroots.values.reduce(0, +) }
}
