// What the rules of a run need to know: the reporting year, the as-of date, the profile, the roster.
import UnionCore

public struct RuleContext: Sendable {
    public let year: Int
    public let asOf: Day
    public let profile: RuleProfile
    /// The roster of the run, when it has one (X01-X03 are skipped without).
    public let roster: RosterIndex?
    public let policy: RulePolicy

    public init(year: Int, asOf: Day, profile: RuleProfile, policy: RulePolicy, roster: RosterIndex?) {
        self.policy = policy
        self.year = year
        self.asOf = asOf
        self.profile = profile
        self.roster = roster
    }

    public func isInYear(_ day: Day) -> Bool { day.year == year }
}

/// The limits and groups a union applies (SPEC §3, built-in profile `default`).
public struct RuleProfile: Sendable {
    public var name: String
    /// Category groups the report speaks of, in report order.
    public var groups: [(name: String, categories: [PaymentCategory])]

    public static let builtIn = RuleProfile(
        name: "default",
        groups: [("生病及生育慰问", [.illness, .childbirth])]
    )
}
