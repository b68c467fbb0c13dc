// Adds up the included rows of the checked files into a Summary, in integer fen.
import UnionCore
import UnionImport
import UnionRules

public enum SummaryBuilder {
    public static func build(year: Int, asOf: Day, unit: String, unitType: String, profile: RuleProfile,
                             checked: [CheckedFile], other: [InputFigures], fileFindings: [Finding]) -> Summary {
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

        let byDataset = Dictionary(grouping: checked, by: \.dataset)
        if let files = byDataset[.members] { summary.members = members(files, year: year, asOf: asOf) }
        if let files = byDataset[.payments] { summary.payments = payments(files, profile: profile) }
        if let files = byDataset[.claims] { summary.claims = claims(files) }
        if let files = byDataset[.enrollments] { summary.enrollments = enrollments(files) }

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

    /// Members at the as-of date and the year's movements (SPEC §7).
    static func members(_ files: [CheckedFile], year: Int, asOf: Day) -> MemberFigures {
        var m = MemberFigures()
        for file in files {
            for row in file.rows where !file.excluded.contains(row.recordIndex) {
                let status = row.known(.status) ?? (row.text(.status)?.isEmpty == false ? row.text(.status)! : "在册")
                let join = row.date(.joinDate)
                let leave = row.date(.leaveDate)
                if let j = join, j.year == year { m.joinedInYear += 1 }
                if status == "退会" || status == "转出", let l = leave, l.year == year { m.leftInYear += 1 }
                if let dues = row.money(.duesPaid) { m.duesPaid += dues }
                let counts = (status == "在册" || status == "保留会籍")
                    && (join.map { $0 <= asOf } ?? true)
                    && (leave.map { !($0 < asOf) } ?? true)
                guard counts else { continue }
                let sex: Sex? = row.known(.gender).flatMap(Sex.init(rawValue:)) ?? row.id(.memberID)?.sex
                m.total += 1
                if sex == .female { m.female += 1 } else if sex == .male { m.male += 1 }
                m.byStatus[status, default: 0] += 1
                let branch = row.text(.memberBranch) ?? ""
                if !branch.isEmpty { m.byBranch[branch, default: 0] += 1 }
                if let s = sex {
                    m.byBranchSexStatus[.init(branch: branch, sex: s, status: status), default: 0] += 1
                }
                if let h = row.known(.hardship), h != "否" { m.byHardship[h, default: 0] += 1 }
            }
        }
        return m
    }

    /// Distinct people per key, counted as rows are added.
    struct PeopleCounter<Key: Hashable> {
        var seen: [Key: Set<IDNumber>] = [:]
        mutating func add(_ key: Key, _ id: IDNumber?) -> Bool {
            guard let id else { return false }
            return seen[key, default: []].insert(id).inserted
        }
    }

    static func add(_ tally: inout Tally, _ amount: Money, newPerson: Bool) {
        tally.count += 1
        tally.amount += amount
        if newPerson { tally.people += 1 }
        tally.minimum = min(tally.minimum ?? amount, amount)
        tally.maximum = max(tally.maximum ?? amount, amount)
    }

    static func payments(_ files: [CheckedFile], profile: RuleProfile) -> PaymentFigures {
        var p = PaymentFigures()
        var allPeople = PeopleCounter<Int>()
        var categoryPeople = PeopleCounter<PaymentCategory>()
        var groupPeople = PeopleCounter<String>()
        var monthPeople = PeopleCounter<String>()
        var cellPeople = PeopleCounter<PaymentFigures.CategoryMonth>()
        var branchPeople = PeopleCounter<String>()
        for file in files {
            for row in file.rows where file.isIncluded(row.recordIndex) {
                guard let amount = row.money(.amount), let date = row.date(.paidDate),
                      let category = file.categories[row.recordIndex] else { continue }
                let id = row.id(.payeeID)
                add(&p.all, amount, newPerson: allPeople.add(0, id))
                if category.isUnionSpending { p.unionSpending += amount }
                add(&p.byCategory[category, default: Tally()], amount, newPerson: categoryPeople.add(category, id))
                for group in profile.groups where group.categories.contains(category) {
                    add(&p.byGroup[group.name, default: Tally()], amount, newPerson: groupPeople.add(group.name, id))
                }
                let month = date.monthKey
                add(&p.byMonth[month, default: Tally()], amount, newPerson: monthPeople.add(month, id))
                let cm = PaymentFigures.CategoryMonth(category: category, month: month)
                add(&p.byCategoryMonth[cm, default: Tally()], amount, newPerson: cellPeople.add(cm, id))
                let branch = row.text(.paymentBranch) ?? ""
                add(&p.byBranch[branch, default: Tally()], amount, newPerson: branchPeople.add(branch, id))
            }
        }
        return p
    }

    static func claims(_ files: [CheckedFile]) -> ClaimFigures {
        var c = ClaimFigures()
        var allPeople = PeopleCounter<Int>()
        var planPeople = PeopleCounter<String>()
        var cellPeople = PeopleCounter<ClaimFigures.PlanMonth>()
        for file in files {
            for row in file.rows where file.isIncluded(row.recordIndex) {
                guard let approved = row.money(.approved), let date = row.date(.claimPaidDate) else { continue }
                let plan = row.text(.claimPlan) ?? ""
                let id = row.id(.claimantID)
                add(&c.all, approved, newPerson: allPeople.add(0, id))
                add(&c.byPlan[plan, default: Tally()], approved, newPerson: planPeople.add(plan, id))
                let pm = ClaimFigures.PlanMonth(plan: plan, month: date.monthKey)
                add(&c.byPlanMonth[pm, default: Tally()], approved, newPerson: cellPeople.add(pm, id))
            }
        }
        return c
    }

    static func enrollments(_ files: [CheckedFile]) -> EnrollmentFigures {
        var e = EnrollmentFigures()
        var allPeople = PeopleCounter<Int>()
        var planPeople = PeopleCounter<String>()
        for file in files {
            for row in file.rows where file.isIncluded(row.recordIndex) {
                guard let premium = row.money(.premium) else { continue }
                let plan = row.text(.enrollPlan) ?? ""
                let id = row.id(.enrolleeID)
                add(&e.all, premium, newPerson: allPeople.add(0, id))
                add(&e.byPlan[plan, default: Tally()], premium, newPerson: planPeople.add(plan, id))
            }
        }
        return e
    }
}
