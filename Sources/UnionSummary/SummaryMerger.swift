// A federation's figures: the sums of its units' figures, `people` included (SPEC §6).
import UnionCore
import UnionRules

extension Tally {
    /// Adds another group's figures. People are summed: a member belongs to one grassroots union.
    public mutating func add(_ other: Tally) {
        count += other.count
        people += other.people
        amount += other.amount
        if let lo = other.minimum { minimum = Swift.min(minimum ?? lo, lo) }
        if let hi = other.maximum { maximum = Swift.max(maximum ?? hi, hi) }
    }
}

public enum SummaryMerger {
    /// Whether the units' totals, and so every figure of theirs (each a part of a total), add up without
    /// overflow: the amounts of each dataset and every count.
    public static func totalsAddUp(_ units: [Summary]) -> Bool {
        var sums: [Int64] = Array(repeating: 0, count: 8)
        func take(_ i: Int, _ value: Int64) -> Bool {
            guard value >= 0 else { return false }
            let (next, overflow) = sums[i].addingReportingOverflow(value)
            sums[i] = next
            return !overflow
        }
        return units.allSatisfy { u in
            take(0, u.members?.duesPaid.fen ?? 0) && take(1, u.payments?.all.amount.fen ?? 0)
                && take(2, u.claims?.all.amount.fen ?? 0) && take(3, u.enrollments?.all.amount.fen ?? 0)
                && take(4, Int64(u.payments?.all.count ?? 0) + Int64(u.claims?.all.count ?? 0) + Int64(u.enrollments?.all.count ?? 0)
                        + Int64(u.members?.total ?? 0))
                && take(5, Int64(u.findings.errors) + Int64(u.findings.warnings))
                // A ledger's lines may hold refunds: their sizes bound every sum of them.
                && take(6, u.funds.map { $0.byLine.values.reduce(Int64(0)) { $0 + abs($1.amount.fen) } } ?? 0)
                && take(7, u.funds.map { abs($0.income.fen) + abs($0.expense.fen) } ?? 0)
        }
    }

    /// The federation summary of `units`, named `unit` of type `unitType`.
    public static func merge(_ units: [Summary], unit: String, unitType: String, year: Int, asOf: Day) -> Summary {
        var s = Summary(year: year, asOf: asOf, unit: unit, unitType: unitType)
        var federation = FederationFigures()
        var digests: [MemberDigest]?
        for u in units {
            // A sub-federation counts once and passes its grassroots unions up; a grassroots union counts by its kind.
            if let f = u.federation {
                federation.federations += 1
                federation.grassroots.merge(f.grassroots, uniquingKeysWith: +)
            } else {
                federation.grassroots[u.unitType, default: 0] += 1
            }
            if let d = u.members?.idDigests {
                if digests == nil { digests = [] }
                digests!.append(contentsOf: d)
            }
            s.inputs += u.inputs.map { i in
                var i = i
                i.file = u.unit + "/" + i.file
                return i
            }
            for g in u.groupOrder where !s.groupOrder.contains(g) { s.groupOrder.append(g) }
            s.groupCategories.merge(u.groupCategories) { a, _ in a }
            if let m = u.members {
                var t = s.members ?? MemberFigures()
                t.total += m.total
                t.female += m.female
                t.male += m.male
                t.byStatus.merge(m.byStatus, uniquingKeysWith: +)
                t.byBranch.merge(m.byBranch, uniquingKeysWith: +)
                t.joinedInYear += m.joinedInYear
                t.leftInYear += m.leftInYear
                t.duesPaid += m.duesPaid
                t.duesGiven = t.duesGiven || m.duesGiven
                t.byBranchSexStatus.merge(m.byBranchSexStatus, uniquingKeysWith: +)
                t.byHardship.merge(m.byHardship, uniquingKeysWith: +)
                s.members = t
            }
            if let p = u.payments {
                var t = s.payments ?? PaymentFigures()
                t.all.add(p.all)
                t.unionSpending += p.unionSpending
                for (k, v) in p.byCategory { t.byCategory[k, default: Tally()].add(v) }
                for (k, v) in p.byGroup { t.byGroup[k, default: Tally()].add(v) }
                for (k, v) in p.byMonth { t.byMonth[k, default: Tally()].add(v) }
                for (k, v) in p.byCategoryMonth { t.byCategoryMonth[k, default: Tally()].add(v) }
                for (k, v) in p.byBranch { t.byBranch[k, default: Tally()].add(v) }
                for (k, v) in p.byStage { t.byStage[k, default: Tally()].add(v) }
                for (k, v) in p.byFestival { t.byFestival[k, default: Tally()].add(v) }
                s.payments = t
            }
            if let c = u.claims {
                var t = s.claims ?? ClaimFigures()
                t.all.add(c.all)
                for (k, v) in c.byPlan { t.byPlan[k, default: Tally()].add(v) }
                for (k, v) in c.byPlanMonth { t.byPlanMonth[k, default: Tally()].add(v) }
                s.claims = t
            }
            if let e = u.enrollments {
                var t = s.enrollments ?? EnrollmentFigures()
                t.all.add(e.all)
                for (k, v) in e.byPlan { t.byPlan[k, default: Tally()].add(v) }
                s.enrollments = t
            }
            if let f = u.funds { s.funds = merged(s.funds ?? FundsFigures(), f) }
            s.findings.errors += u.findings.errors
            s.findings.warnings += u.findings.warnings
            s.findings.byRule.merge(u.findings.byRule, uniquingKeysWith: +)
        }
        s.federation = federation
        // The federation passes its units' digests up, so a roll-up above it finds a person in two of its units' unions.
        if var d = digests, s.members != nil {
            d.sort()
            var distinct: [MemberDigest] = []
            distinct.reserveCapacity(d.count)
            for x in d where distinct.last != x { distinct.append(x) }
            s.members?.idDigests = distinct
        }
        return s
    }

    /// A federation's funds: the units' that have one, line by line; groups and lines in chart order.
    static func merged(_ total: FundsFigures, _ f: FundsFigures) -> FundsFigures {
        var t = total
        t.income += f.income
        t.expense += f.expense
        t.hasPeople = t.hasPeople || f.hasPeople
        for (k, v) in f.byGroup {
            var g = t.byGroup[k] ?? Tally()
            g.count += v.count
            g.amount += v.amount
            t.byGroup[k] = g
        }
        for (k, v) in f.byLine {
            var l = t.byLine[k] ?? FundsFigures.Line(group: v.group)
            l.count += v.count
            l.people += v.people
            l.amount += v.amount
            t.byLine[k] = l
        }
        let chart = RuleProfile.standard.chart
        let lineNames = chart.lines.map(\.name)
        func inChartOrder(_ names: some Sequence<String>, _ chartNames: [String]) -> [String] {
            Set(names).sorted { a, b in
                let (i, j) = (chartNames.firstIndex(of: a) ?? chartNames.count, chartNames.firstIndex(of: b) ?? chartNames.count)
                return i != j ? i < j : codePointOrder(a, b)
            }
        }
        t.groupOrder = inChartOrder(t.groupOrder + f.groupOrder, chart.groups)
        t.lineOrder = inChartOrder(t.lineOrder + f.lineOrder, lineNames)
        return t
    }
}
