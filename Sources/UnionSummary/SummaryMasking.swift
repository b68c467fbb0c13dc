// The summary as the shared outputs show it: ID and mobile numbers found in its names masked (SPEC §7.1).
import UnionCore

extension Summary {
    /// This summary with every name taken from the data (unit, branches, statuses, hardship kinds, plans)
    /// masked by pattern. Two names that mask alike are one entry, their figures added; the writers sort
    /// keys when they write, so the order is that of the masked names.
    public func maskedByPattern() -> Summary {
        var s = self
        s.unit = PatternMask.mask(unit)
        if var m = members {
            m.byStatus = Self.masked(m.byStatus, +)
            m.byBranch = Self.masked(m.byBranch, +)
            m.byHardship = Self.masked(m.byHardship, +)
            var cross: [MemberFigures.BranchSexStatus: Int] = [:]
            for (key, n) in m.byBranchSexStatus {
                let shown = MemberFigures.BranchSexStatus(branch: PatternMask.mask(key.branch), sex: key.sex,
                                                          status: PatternMask.mask(key.status))
                cross[shown, default: 0] += n
            }
            m.byBranchSexStatus = cross
            s.members = m
        }
        if var p = payments {
            p.byBranch = Self.masked(p.byBranch, Tally.combined)
            s.payments = p
        }
        if var c = claims {
            c.byPlan = Self.masked(c.byPlan, Tally.combined)
            var byPlanMonth: [ClaimFigures.PlanMonth: Tally] = [:]
            for (key, t) in c.byPlanMonth {
                let shown = ClaimFigures.PlanMonth(plan: PatternMask.mask(key.plan), month: key.month)
                byPlanMonth[shown] = byPlanMonth[shown].map { Tally.combined($0, t) } ?? t
            }
            c.byPlanMonth = byPlanMonth
            s.claims = c
        }
        if var e = enrollments {
            e.byPlan = Self.masked(e.byPlan, Tally.combined)
            s.enrollments = e
        }
        return s
    }

    static func masked<V>(_ map: [String: V], _ combine: (V, V) -> V) -> [String: V] {
        var out: [String: V] = [:]
        out.reserveCapacity(map.count)
        for (key, value) in map {
            let shown = PatternMask.mask(key)
            out[shown] = out[shown].map { combine($0, value) } ?? value
        }
        return out
    }
}

extension Tally {
    /// Two groups shown as one: counts and amounts added, people added (the groups are told apart only by
    /// a masked name, so a person in both is rare), the extremes of both.
    static func combined(_ a: Tally, _ b: Tally) -> Tally {
        var t = a
        t.count += b.count
        t.people += b.people
        t.amount = t.amount + b.amount
        t.minimum = [a.minimum, b.minimum].compactMap { $0 }.min()
        t.maximum = [a.maximum, b.maximum].compactMap { $0 }.max()
        return t
    }
}
