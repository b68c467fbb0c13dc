// A federation's figures: the sums of its units' figures, `people` included (SPEC §6).
import UnionCore

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
    /// The federation summary of `units`, named `unit` of type `unitType`.
    public static func merge(_ units: [Summary], unit: String, unitType: String, year: Int, asOf: Day) -> Summary {
        var s = Summary(year: year, asOf: asOf, unit: unit, unitType: unitType)
        for u in units {
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
            s.findings.errors += u.findings.errors
            s.findings.warnings += u.findings.warnings
            s.findings.byRule.merge(u.findings.byRule, uniquingKeysWith: +)
        }
        return s
    }
}
