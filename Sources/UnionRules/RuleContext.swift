// What the rules of a run need to know: the reporting year, the as-of date, the profile, the roster.
import UnionCore

public struct RuleContext: Sendable {
    public let year: Int
    public let asOf: Day
    public let profile: RuleProfile
    /// The roster of the run, when it has one (X01-X03 are skipped without).
    public let roster: RosterIndex?
    public let policy: RulePolicy
    /// Keep every typed row in the checked files (tests and small inspections only: it costs memory).
    public var retainRows = false
    /// The payments of the year by category (included rows), when the run has a payments dataset: L03.
    public var paymentTotals: [PaymentCategory: Money]?
    /// The roster's dues (members.dues_paid), when the roster has a dues column: L04.
    public var rosterDues: Money?

    public init(year: Int, asOf: Day, profile: RuleProfile, policy: RulePolicy, roster: RosterIndex?) {
        self.policy = policy
        self.year = year
        self.asOf = asOf
        self.profile = profile
        self.roster = roster
    }

    public func isInYear(_ day: Day) -> Bool { day.year == year }
}

