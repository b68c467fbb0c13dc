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
    public var funds: FundsFigures?

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
                && file.ledger.allSatisfy { take(abs($0.amount)) }
        }
        guard fits else { throw FiguresTooLarge(dataset: dataset, files: files.map(\.input.source.name)) }
        switch dataset {
        case .members: members = SummaryBuilder.members(files, year: year, asOf: asOf)
        case .payments: payments = SummaryBuilder.payments(files, profile: profile)
        case .claims: claims = SummaryBuilder.claims(files)
        case .enrollments: enrollments = SummaryBuilder.enrollments(files)
        case .ledger: funds = SummaryBuilder.funds(files, chart: profile.chart)
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
        summary.funds = figures.funds

        // Counted where they are: a joined copy of a million findings would be 128 MB more at once.
        for findings in [fileFindings] + checked.map(\.findings) {
            for f in findings {
                if f.severity == .error { summary.findings.errors += 1 } else { summary.findings.warnings += 1 }
                summary.findings.byRule[f.rule, default: 0] += 1
            }
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
            let excluded = file.leftOut(outsideYearToo: false)
            for f in file.members where !excluded.contains(Int(f.record)) && isMember(f, statuses, asOfFact) {
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

    /// Members at the as-of date and the year's movements (SPEC §7). Rows are counted by the pool ids of
    /// their strings, file by file; the strings are looked at once an id.
    static func members(_ files: [CheckedFile], year: Int, asOf: Day) -> MemberFigures {
        var m = MemberFigures()
        let asOfFact = Int32(asOf.daysSinceEpoch)
        // The year's first and last days as facts: a date fact is in the year when it lies between them.
        let first = Int32(Day(year: year, month: 1, day: 1)!.daysSinceEpoch)
        let last = Int32(Day(year: year, month: 12, day: 31)!.daysSinceEpoch)
        func inYear(_ fact: Int32) -> Bool { fact != Absent.day && fact >= first && fact <= last }
        for file in files {
            let pool = file.pool
            let statuses = memberStatuses(pool)
            // Index 0 is "absent"; pool id i is at i + 1.
            let leaving = [false] + pool.strings.map { $0 == "退会" || $0 == "转出" }
            var byStatus = [Int](repeating: 0, count: pool.strings.count + 1)
            var byBranch = [Int](repeating: 0, count: pool.strings.count + 1)
            var byHardship = [Int](repeating: 0, count: pool.strings.count + 1)
            // Branch × sex × status counted in a table when the file's strings are few (they are: a handful of
            // branches and statuses), else by key.
            let strings = pool.strings.count + 1
            let tabled = strings * strings <= 1 << 16
            var branchSexStatusTable = [Int](repeating: 0, count: tabled ? strings * 2 * strings : 0)
            var byBranchSexStatus: [Int64: Int] = [:]
            let excluded = file.leftOut(outsideYearToo: false)
            for f in file.members where !excluded.contains(Int(f.record)) {
                let status = Int(f.status) + 1
                if inYear(f.join) { m.joinedInYear += 1 }
                if leaving[status], inYear(f.leave) { m.leftInYear += 1 }
                if f.dues != Absent.fen {
                    m.duesPaid += Money(fen: f.dues)
                    m.duesGiven = true
                }
                guard isMember(f, statuses, asOfFact) else { continue }
                m.total += 1
                if f.sex == .female { m.female += 1 } else if f.sex == .male { m.male += 1 }
                byStatus[status] += 1
                byBranch[Int(f.branch) + 1] += 1
                if let sex = f.sex {
                    let female = sex == .female ? 1 : 0
                    if tabled {
                        branchSexStatusTable[(Int(f.branch + 1) * 2 + female) * strings + status] += 1
                    } else {
                        byBranchSexStatus[Int64(f.branch + 1) << 33 | Int64(female) << 32 | Int64(status), default: 0] += 1
                    }
                }
                if f.hardship != Absent.string { byHardship[Int(f.hardship) + 1] += 1 }
            }
            // An empty status is 在册 (SPEC §2.2); an empty branch is not a branch.
            func text(_ index: Int) -> String { index == 0 ? "" : pool[Int32(index - 1)] }
            for (i, n) in byStatus.enumerated() where n > 0 { m.byStatus[i == 0 ? "在册" : text(i), default: 0] += n }
            for (i, n) in byBranch.enumerated() where n > 0 && i != 0 && !text(i).isEmpty { m.byBranch[text(i), default: 0] += n }
            for (i, n) in byHardship.enumerated() where n > 0 { m.byHardship[text(i), default: 0] += n }
            for (i, n) in branchSexStatusTable.enumerated() where n > 0 {
                let branchSex = i / strings
                byBranchSexStatus[Int64(branchSex / 2) << 33 | Int64(branchSex % 2) << 32 | Int64(i % strings)] = n
            }
            for (key, n) in byBranchSexStatus {
                let status = Int(key & 0xFFFF_FFFF)
                let cell = MemberFigures.BranchSexStatus(branch: text(Int(key >> 33)), sex: (key >> 32) & 1 == 1 ? .female : .male,
                                                         status: status == 0 ? "在册" : text(status))
                m.byBranchSexStatus[cell, default: 0] += n
            }
        }
        return m
    }

    static func payments(_ files: [CheckedFile], profile: RuleProfile) -> PaymentFigures {
        var all = Tally()
        var unionSpending = Money.zero
        var byCategory: [PaymentCategory: Tally] = [:]
        var byGroup: [String: Tally] = [:]
        var byMonth: [Int: Tally] = [:]
        var byCategoryMonth: [Int: Tally] = [:]
        var byBranch: [String: Tally] = [:]
        // 金秋助学 stages and 节日慰问 festivals: category ordinal << 8 | detail.
        var byDetail: [Int: Tally] = [:]
        // Groups by number; a name given twice is one group, as it is one key of by_group.
        var groupNames: [String] = []
        let groupsOf: [PaymentCategory: [Int]] = {
            var map: [PaymentCategory: [Int]] = [:]
            for g in profile.groups {
                let i = groupNames.firstIndex(of: g.name) ?? groupNames.count
                if i == groupNames.count { groupNames.append(g.name) }
                for c in g.categories { map[c, default: []].append(i) }
            }
            return map
        }()
        let branches = NamesAcrossFiles(files)
        var counted: [Place] = []
        for (i, file) in files.enumerated() {
            var branchTallies: [Int32: Tally] = [:]
            let leftOut = file.leftOut(outsideYearToo: true)
            for (j, f) in file.payments.enumerated() where !leftOut.contains(Int(f.record)) {
                guard let amount = f.money, let date = f.day, let category = f.category else { continue }
                counted.append(Place(i, j))
                all.add(row: amount)
                if category.isUnionSpending { unionSpending += amount }
                byCategory[category, default: Tally()].add(row: amount)
                for group in groupsOf[category] ?? [] { byGroup[groupNames[group], default: Tally()].add(row: amount) }
                let month = date.year * 12 + date.month - 1
                byMonth[month, default: Tally()].add(row: amount)
                byCategoryMonth[month * 16 + category.ordinal, default: Tally()].add(row: amount)
                branchTallies[f.branch, default: Tally()].add(row: amount)
                if f.detail > 0 { byDetail[category.ordinal << 8 | Int(f.detail), default: Tally()].add(row: amount) }
            }
            for (id, acc) in branchTallies {
                byBranch[branches.names[branches.number(file: i, id)], default: Tally()].add(acc)
            }
        }
        // The people of each group, counted from the same rows.
        func fact(at place: Place) -> PaymentFact { files[place.file].payments[place.index] }
        let people = DistinctPeople(counted.map { fact(at: $0).person })
        func fact(_ k: Int) -> PaymentFact { fact(at: counted[k]) }
        all.people = people.count { _ in 0 }[0] ?? 0
        let categoryPeople = people.count { fact($0).category!.ordinal }
        for (category, _) in byCategory { byCategory[category]!.people = categoryPeople[category.ordinal] ?? 0 }
        let groupPeople = people.count(inGroups: { groupsOf[fact($0).category!] ?? [] })
        for (i, name) in groupNames.enumerated() where byGroup[name] != nil { byGroup[name]!.people = groupPeople[i] ?? 0 }
        func month(_ k: Int) -> Int { let d = fact(k).day!; return d.year * 12 + d.month - 1 }
        let monthPeople = people.count { month($0) }
        for (m, _) in byMonth { byMonth[m]!.people = monthPeople[m] ?? 0 }
        let categoryMonthPeople = people.count { month($0) * 16 + fact($0).category!.ordinal }
        for (key, _) in byCategoryMonth { byCategoryMonth[key]!.people = categoryMonthPeople[key] ?? 0 }
        let branchPeople = people.count { branches.number(file: counted[$0].file, fact($0).branch) }
        for (name, _) in byBranch { byBranch[name]!.people = branchPeople[branches.numbers[name]!] ?? 0 }

        let detailPeople = people.count(inGroups: { k in fact(k).detail > 0 ? [fact(k).category!.ordinal << 8 | Int(fact(k).detail)] : [] })
        for (key, _) in byDetail { byDetail[key]!.people = detailPeople[key] ?? 0 }

        var p = PaymentFigures()
        for (key, acc) in byDetail {
            let detail = key & 0xFF - 1
            if PaymentCategory.allCases[key >> 8] == .education {
                p.byStage[PaymentDetail.stages[detail]] = acc
            } else {
                p.byFestival[PaymentDetail.festivals[detail]] = acc
            }
        }
        p.all = all
        p.unionSpending = unionSpending
        p.byCategory = byCategory
        p.byGroup = byGroup
        for (month, acc) in byMonth { p.byMonth[monthKey(month)] = acc }
        for (key, acc) in byCategoryMonth {
            let category = PaymentCategory.allCases[key % 16]
            p.byCategoryMonth[.init(category: category, month: monthKey(key / 16))] = acc
        }
        p.byBranch = byBranch
        return p
    }


    /// The ledger's included entries of the year, by line and group of the chart (SPEC §4 `funds`).
    static func funds(_ files: [CheckedFile], chart: ChartOfAccounts) -> FundsFigures {
        var f = FundsFigures()
        f.hasPeople = files.contains { $0.input.mapping.columnOfField[.people] != nil }
        var lines = [FundsFigures.Line?](repeating: nil, count: chart.lines.count)
        for file in files {
            let leftOut = file.leftOut(outsideYearToo: true)
            for e in file.ledger where !leftOut.contains(Int(e.record)) {
                let amount = Money(fen: e.amount)
                if e.isIncome { f.income += amount } else { f.expense += amount }
                let i = Int(e.line)
                var line = lines[i] ?? FundsFigures.Line(group: chart.groupName(i))
                line.count += 1
                line.people += Int(e.people)
                line.amount += amount
                lines[i] = line
            }
        }
        for (i, line) in lines.enumerated() {
            guard let line else { continue }
            let name = chart.lines[i].name
            f.byLine[name] = line
            f.lineOrder.append(name)
            var group = f.byGroup[line.group] ?? Tally()
            group.count += line.count
            group.amount += line.amount
            f.byGroup[line.group] = group
            if !f.groupOrder.contains(line.group) { f.groupOrder.append(line.group) }
        }
        return f
    }

    /// `2025-03` from year × 12 + month − 1.
    static func monthKey(_ m: Int) -> String {
        let month = m % 12 + 1
        return String(m / 12) + "-" + (month < 10 ? "0" : "") + String(month)
    }

    static func claims(_ files: [CheckedFile]) -> ClaimFigures {
        var all = Tally()
        var byPlan: [String: Tally] = [:]
        var byPlanMonth: [ClaimFigures.PlanMonth: Tally] = [:]
        // Plans by number across files, in their canonical spelling.
        let plans = NamesAcrossFiles(files) { Field.claimPlan.knownValues?[$0] ?? $0 }
        var counted: [Place] = []
        for (i, file) in files.enumerated() {
            var local: [Int64: Tally] = [:]
            let leftOut = file.leftOut(outsideYearToo: true)
            for (j, f) in file.claims.enumerated() where !leftOut.contains(Int(f.record)) {
                guard let approved = f.money, let date = f.paidDay else { continue }
                counted.append(Place(i, j))
                all.add(row: approved)
                local[Int64(plans.number(file: i, f.plan)) << 32 | Int64(date.year * 12 + date.month - 1), default: Tally()].add(row: approved)
            }
            for (key, acc) in local {
                let plan = plans.names[Int(key >> 32)]
                byPlan[plan, default: Tally()].add(acc)
                byPlanMonth[.init(plan: plan, month: monthKey(Int(key & 0xFFFF_FFFF))), default: Tally()].add(acc)
            }
        }
        func fact(_ k: Int) -> ClaimFact { files[counted[k].file].claims[counted[k].index] }
        let people = DistinctPeople(counted.indices.map { fact($0).person })
        func plan(_ k: Int) -> Int { plans.number(file: counted[k].file, fact(k).plan) }
        all.people = people.count { _ in 0 }[0] ?? 0
        let planPeople = people.count { plan($0) }
        for (name, _) in byPlan { byPlan[name]!.people = planPeople[plans.numbers[name]!] ?? 0 }
        // Plan and month in one key: months (year × 12 + month) stay far below 2^20.
        let planMonthPeople = people.count { k in
            let d = fact(k).paidDay!
            return plan(k) << 20 | (d.year * 12 + d.month - 1)
        }
        for (key, _) in byPlanMonth {
            let parts = key.month.split(separator: "-")
            let m = Int(parts[0])! * 12 + Int(parts[1])! - 1
            byPlanMonth[key]!.people = planMonthPeople[plans.numbers[key.plan]! << 20 | m] ?? 0
        }
        var c = ClaimFigures()
        c.all = all
        c.byPlan = byPlan
        c.byPlanMonth = byPlanMonth
        return c
    }

    static func enrollments(_ files: [CheckedFile]) -> EnrollmentFigures {
        var all = Tally()
        var byPlan: [String: Tally] = [:]
        let plans = NamesAcrossFiles(files) { Field.enrollPlan.knownValues?[$0] ?? $0 }
        var counted: [Place] = []
        for (i, file) in files.enumerated() {
            let leftOut = file.leftOut(outsideYearToo: true)
            for (j, f) in file.enrollments.enumerated() where !leftOut.contains(Int(f.record)) {
                guard let premium = f.money else { continue }
                counted.append(Place(i, j))
                all.add(row: premium)
                byPlan[plans.names[plans.number(file: i, f.plan)], default: Tally()].add(row: premium)
            }
        }
        let people = DistinctPeople(counted.map { files[$0.file].enrollments[$0.index].person })
        all.people = people.count { _ in 0 }[0] ?? 0
        let planPeople = people.count { k in
            let f = files[counted[k].file].enrollments[counted[k].index]
            return plans.number(file: counted[k].file, f.plan)
        }
        for (name, _) in byPlan { byPlan[name]!.people = planPeople[plans.numbers[name]!] ?? 0 }
        var e = EnrollmentFigures()
        e.all = all
        e.byPlan = byPlan
        return e
    }
}

/// One number for each distinct name across a dataset's files (branches, plans), from each file's string
/// pool: rows are tallied by number and their names looked at once a number.
struct NamesAcrossFiles {
    let names: [String]
    let numbers: [String: Int]
    /// By file, the number of pool id `i` at `i + 1`; at 0, the number of no name ("").
    private let ofFile: [[Int]]

    /// `spelling` gives the name a pool string is counted under (a plan's canonical spelling).
    init(_ files: [CheckedFile], spelling: (String) -> String = { $0 }) {
        var names: [String] = []
        var numbers: [String: Int] = [:]
        ofFile = files.map { file in
            ([""] + file.pool.strings).map { text in
                let name = spelling(text)
                if let n = numbers[name] { return n }
                numbers[name] = names.count
                names.append(name)
                return names.count - 1
            }
        }
        self.names = names
        self.numbers = numbers
    }

    /// The number of the pool string `id` (or `Absent.string`) of file `file`.
    func number(file: Int, _ id: Int32) -> Int { ofFile[file][Int(id) + 1] }
}

/// Where a counted fact is: its file and its index among that file's facts, in 8 bytes.
struct Place {
    private let packed: UInt64
    init(_ file: Int, _ index: Int) { packed = UInt64(file) << 32 | UInt64(index) }
    var file: Int { Int(packed >> 32) }
    var index: Int { Int(packed & 0xFFFF_FFFF) }
}

/// Distinct people of groups of rows, counted by sorting (group, person) pairs: 8 bytes a row at a time,
/// where a hash set a group held every person of every group at once.
struct DistinctPeople {
    /// Each row's person as a number below the count of distinct people; `none` for a row without one.
    private let numbers: [UInt32]
    static let none = UInt32.max

    /// `persons`: the packed ID number of each row (`Absent.person` for none).
    init(_ persons: [UInt64]) {
        var distinct = persons.filter { $0 != Absent.person }
        distinct.radixSort()
        var unique = 0
        for p in distinct where unique == 0 || distinct[unique - 1] != p {
            distinct[unique] = p
            unique += 1
        }
        distinct.removeSubrange(unique...)
        numbers = persons.map { p in
            guard p != Absent.person else { return DistinctPeople.none }
            var lo = 0, hi = distinct.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if distinct[mid] < p { lo = mid + 1 } else { hi = mid }
            }
            return UInt32(lo)
        }
    }

    /// The distinct people of each group, a row in the group `group(row)`. Group numbers are below 2^32.
    func count(_ group: (Int) -> Int) -> [Int: Int] {
        var pairs: [UInt64] = []
        pairs.reserveCapacity(numbers.count)
        for (row, person) in numbers.enumerated() where person != DistinctPeople.none {
            pairs.append(UInt64(group(row)) << 32 | UInt64(person))
        }
        return DistinctPeople.tally(&pairs)
    }

    /// The same, a row in any number of groups.
    func count(inGroups groups: (Int) -> [Int]) -> [Int: Int] {
        var pairs: [UInt64] = []
        for (row, person) in numbers.enumerated() where person != DistinctPeople.none {
            for group in groups(row) { pairs.append(UInt64(group) << 32 | UInt64(person)) }
        }
        return DistinctPeople.tally(&pairs)
    }

    private static func tally(_ pairs: inout [UInt64]) -> [Int: Int] {
        pairs.radixSort()
        // Sorted, a group's pairs are one run; a person repeated in it, neighbours.
        var result: [Int: Int] = [:]
        var i = 0
        while i < pairs.count {
            let group = pairs[i] >> 32
            var distinct = 0
            while i < pairs.count && pairs[i] >> 32 == group {
                if i == 0 || pairs[i - 1] != pairs[i] { distinct += 1 }
                i += 1
            }
            result[Int(group)] = distinct
        }
        return result
    }
}

extension Tally {
    /// Counts one row of `amount` (its count, amount, smallest and largest); people are counted apart.
    mutating func add(row amount: Money) {
        count += 1
        self.amount += amount
        minimum = min(minimum ?? amount, amount)
        maximum = max(maximum ?? amount, amount)
    }
}

