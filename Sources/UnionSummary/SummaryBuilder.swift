// Adds up the included rows of the checked files into a Summary, in integer fen.
import UnionCore
import UnionImport
import UnionRules

/// A dataset's amounts add up to more than 92 million million yuan: more than a total can hold in fen.
/// Only absurd cells (a wage of a million million yuan, many times over) get there.
public struct FiguresTooLarge: Error, Sendable {
    public let dataset: Dataset
    public let files: [String]
}

/// Each dataset's figures, added up as soon as its files are checked, so that their facts can go.
public struct DatasetFigures: Sendable {
    public var members: MemberFigures?
    public var payments: PaymentFigures?
    public var claims: ClaimFigures?
    public var enrollments: EnrollmentFigures?

    public init() {}

    /// Adds up the checked files of one dataset (all of them at once). Throws when its amounts, all of
    /// them, add up past what a total can hold: every figure is a part of that sum (amounts are never
    /// negative), so when it fits, so do they.
    public mutating func add(_ files: [CheckedFile], year: Int, asOf: Day, profile: RuleProfile) throws {
        guard let dataset = files.first?.dataset else { return }
        var sum: Int64 = 0
        func take(_ fen: Int64) -> Bool {
            guard fen != Absent.fen else { return true }
            let (next, overflow) = sum.addingReportingOverflow(fen)
            sum = next
            return !overflow
        }
        let fits = files.allSatisfy { file in
            file.members.allSatisfy { take($0.dues) } && file.payments.allSatisfy { take($0.amount) }
                && file.claims.allSatisfy { take($0.approved) } && file.enrollments.allSatisfy { take($0.premium) }
        }
        guard fits else { throw FiguresTooLarge(dataset: dataset, files: files.map(\.input.source.name)) }
        switch dataset {
        case .members: members = SummaryBuilder.members(files, year: year, asOf: asOf)
        case .payments: payments = SummaryBuilder.payments(files, profile: profile)
        case .claims: claims = SummaryBuilder.claims(files)
        case .enrollments: enrollments = SummaryBuilder.enrollments(files)
        }
    }
}

public enum SummaryBuilder {
    /// The summary from figures added up already; `checked` gives the inputs and findings (its facts may be gone).
    public static func build(year: Int, asOf: Day, unit: String, unitType: String, profile: RuleProfile,
                             checked: [CheckedFile], figures: DatasetFigures, other: [InputFigures],
                             fileFindings: [Finding]) -> Summary {
        var summary = Summary(year: year, asOf: asOf, unit: unit, unitType: unitType)
        summary.groupOrder = profile.groups.map(\.name)
        summary.groupCategories = Dictionary(profile.groups.map { ($0.name, $0.categories) }, uniquingKeysWith: { a, _ in a })
        for file in checked {
            summary.inputs.append(InputFigures(
                file: file.input.source.name, dataset: file.dataset, encoding: file.input.encoding.rawValue,
                delimiter: delimiterName(file.input.dialect.delimiter), sha256: file.input.sha256,
                rows: file.rowCount, included: file.includedCount, excluded: file.excluded.count,
                outsideYear: file.outsideYear.count, refused: false))
        }
        summary.inputs.append(contentsOf: other)
        summary.inputs.sort { $0.file < $1.file }

        summary.members = figures.members
        summary.payments = figures.payments
        summary.claims = figures.claims
        summary.enrollments = figures.enrollments

        for f in fileFindings + checked.flatMap(\.findings) {
            if f.severity == .error { summary.findings.errors += 1 } else { summary.findings.warnings += 1 }
            summary.findings.byRule[f.rule, default: 0] += 1
        }
        return summary
    }

    public static func delimiterName(_ d: UInt8) -> String {
        switch d {
        case 0x09: return "tab"
        case 0x3B: return ";"
        case 0x7C: return "|"
        default: return ","
        }
    }

    /// The roster rows that are members at the as-of date (SPEC §7), with where they stand.
    public static func membersAtAsOf(_ files: [CheckedFile], asOf: Day) -> [(person: UInt64, file: String, row: Int)] {
        var result: [(UInt64, String, Int)] = []
        let asOfFact = Int32(asOf.daysSinceEpoch)
        for file in files where file.dataset == .members {
            let statuses = memberStatuses(file.pool)
            for f in file.members where !file.excluded.contains(Int(f.record)) && isMember(f, statuses, asOfFact) {
                result.append((f.person, file.input.source.name, Int(f.row)))
            }
        }
        return result
    }

    /// Pool ids of 在册 and 保留会籍.
    static func memberStatuses(_ pool: StringPool) -> (Int32?, Int32?) {
        (pool.strings.firstIndex(of: "在册").map(Int32.init), pool.strings.firstIndex(of: "保留会籍").map(Int32.init))
    }

    /// A member at the as-of date: status 在册 (or empty) or 保留会籍, joined by then, not left before.
    static func isMember(_ f: MemberFact, _ statuses: (Int32?, Int32?), _ asOf: Int32) -> Bool {
        (f.status == Absent.string || f.status == statuses.0 || f.status == statuses.1)
            && (f.join == Absent.day || f.join <= asOf)
            && (f.leave == Absent.day || f.leave >= asOf)
    }

    /// Members at the as-of date and the year's movements (SPEC §7).
    static func members(_ files: [CheckedFile], year: Int, asOf: Day) -> MemberFigures {
        var m = MemberFigures()
        let asOfFact = Int32(asOf.daysSinceEpoch)
        for file in files {
            let pool = file.pool
            let statuses = memberStatuses(pool)
            for f in file.members where !file.excluded.contains(Int(f.record)) {
                // An empty status is 在册 (SPEC §2.2).
                let status = f.status == Absent.string ? "在册" : pool[f.status]
                if let j = f.joinDay, j.year == year { m.joinedInYear += 1 }
                if status == "退会" || status == "转出", let l = f.leaveDay, l.year == year { m.leftInYear += 1 }
                if f.dues != Absent.fen { m.duesPaid += Money(fen: f.dues) }
                guard isMember(f, statuses, asOfFact) else { continue }
                m.total += 1
                if f.sex == .female { m.female += 1 } else if f.sex == .male { m.male += 1 }
                m.byStatus[status, default: 0] += 1
                let branch = f.branch == Absent.string ? "" : pool[f.branch]
                if !branch.isEmpty { m.byBranch[branch, default: 0] += 1 }
                if let sex = f.sex {
                    m.byBranchSexStatus[.init(branch: branch, sex: sex, status: status), default: 0] += 1
                }
                if f.hardship != Absent.string { m.byHardship[pool[f.hardship], default: 0] += 1 }
            }
        }
        return m
    }

    /// Count, people and amount of a group of rows, with the distinct people as packed ID numbers.
    struct Accumulator {
        var tally = Tally()
        var people: Set<UInt64> = []

        mutating func add(_ amount: Money, person: UInt64) {
            tally.count += 1
            tally.amount += amount
            if person != Absent.person, people.insert(person).inserted { tally.people += 1 }
            tally.minimum = min(tally.minimum ?? amount, amount)
            tally.maximum = max(tally.maximum ?? amount, amount)
        }
    }

    static func payments(_ files: [CheckedFile], profile: RuleProfile) -> PaymentFigures {
        var all = Accumulator()
        var unionSpending = Money.zero
        var byCategory: [PaymentCategory: Accumulator] = [:]
        var byGroup: [String: Accumulator] = [:]
        var byMonth: [Int: Accumulator] = [:]
        var byCategoryMonth: [Int: Accumulator] = [:]
        var byBranch: [String: Accumulator] = [:]
        let groupsOf: [PaymentCategory: [String]] = {
            var map: [PaymentCategory: [String]] = [:]
            for g in profile.groups { for c in g.categories { map[c, default: []].append(g.name) } }
            return map
        }()
        for file in files {
            var branchAccumulators: [Int32: Accumulator] = [:]
            for f in file.payments where file.isIncluded(Int(f.record)) {
                guard let amount = f.money, let date = f.day, let category = f.category else { continue }
                all.add(amount, person: f.person)
                if category.isUnionSpending { unionSpending += amount }
                byCategory[category, default: Accumulator()].add(amount, person: f.person)
                for group in groupsOf[category] ?? [] { byGroup[group, default: Accumulator()].add(amount, person: f.person) }
                let month = date.year * 12 + date.month - 1
                byMonth[month, default: Accumulator()].add(amount, person: f.person)
                byCategoryMonth[month * 16 + categoryIndex(category), default: Accumulator()].add(amount, person: f.person)
                branchAccumulators[f.branch, default: Accumulator()].add(amount, person: f.person)
            }
            for (id, acc) in branchAccumulators {
                let name = id == Absent.string ? "" : file.pool[id]
                byBranch[name, default: Accumulator()].merge(acc)
            }
        }
        var p = PaymentFigures()
        p.all = all.tally
        p.unionSpending = unionSpending
        p.byCategory = byCategory.mapValues(\.tally)
        p.byGroup = byGroup.mapValues(\.tally)
        for (month, acc) in byMonth { p.byMonth[monthKey(month)] = acc.tally }
        for (key, acc) in byCategoryMonth {
            let category = PaymentCategory.allCases[key % 16]
            p.byCategoryMonth[.init(category: category, month: monthKey(key / 16))] = acc.tally
        }
        p.byBranch = byBranch.mapValues(\.tally)
        return p
    }

    static func categoryIndex(_ c: PaymentCategory) -> Int { PaymentCategory.allCases.firstIndex(of: c)! }

    /// `2025-03` from year × 12 + month − 1.
    static func monthKey(_ m: Int) -> String {
        let month = m % 12 + 1
        return String(m / 12) + "-" + (month < 10 ? "0" : "") + String(month)
    }

    static func claims(_ files: [CheckedFile]) -> ClaimFigures {
        var all = Accumulator()
        var byPlan: [String: Accumulator] = [:]
        var byPlanMonth: [ClaimFigures.PlanMonth: Accumulator] = [:]
        for file in files {
            var local: [Int64: Accumulator] = [:]
            for f in file.claims where file.isIncluded(Int(f.record)) {
                guard let approved = f.money, let date = f.paidDay else { continue }
                all.add(approved, person: f.person)
                local[Int64(f.plan) << 32 | Int64(date.year * 12 + date.month - 1), default: Accumulator()].add(approved, person: f.person)
            }
            for (key, acc) in local {
                let planID = Int32(truncatingIfNeeded: key >> 32)
                let text = planID == Absent.string ? "" : file.pool[planID]
                let plan = Field.claimPlan.knownValues?[text] ?? text
                let month = monthKey(Int(key & 0xFFFF_FFFF))
                byPlan[plan, default: Accumulator()].merge(acc)
                byPlanMonth[.init(plan: plan, month: month), default: Accumulator()].merge(acc)
            }
        }
        var c = ClaimFigures()
        c.all = all.tally
        c.byPlan = byPlan.mapValues(\.tally)
        c.byPlanMonth = byPlanMonth.mapValues(\.tally)
        return c
    }

    static func enrollments(_ files: [CheckedFile]) -> EnrollmentFigures {
        var all = Accumulator()
        var byPlan: [String: Accumulator] = [:]
        for file in files {
            for f in file.enrollments where file.isIncluded(Int(f.record)) {
                guard let premium = f.money else { continue }
                all.add(premium, person: f.person)
                let text = f.plan == Absent.string ? "" : file.pool[f.plan]
                byPlan[Field.enrollPlan.knownValues?[text] ?? text, default: Accumulator()].add(premium, person: f.person)
            }
        }
        var e = EnrollmentFigures()
        e.all = all.tally
        e.byPlan = byPlan.mapValues(\.tally)
        return e
    }
}

extension SummaryBuilder.Accumulator {
    /// Adds another group's rows: people are counted once across both.
    mutating func merge(_ other: SummaryBuilder.Accumulator) {
        tally.count += other.tally.count
        tally.amount += other.tally.amount
        for p in other.people where people.insert(p).inserted { tally.people += 1 }
        if let lo = other.tally.minimum { tally.minimum = min(tally.minimum ?? lo, lo) }
        if let hi = other.tally.maximum { tally.maximum = max(tally.maximum ?? hi, hi) }
    }
}
