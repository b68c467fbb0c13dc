// What a V finding says (V01-V06, values), with named parts: raised by the importer and the rules, so it lives
// below both; its messages are in UnionRules. The column and the cell are the finding's field and value.

public enum ValueFinding: FindingPayload {
    /// V01: a required cell is empty.
    case empty
    /// V02: the cell is no date.
    case notADate
    /// V03: the cell is no amount of money.
    case notMoney
    /// V03: the amount is negative.
    case negative
    /// V03: the amount has more than two decimals.
    case tooManyDecimals
    /// V03: the count is no whole number.
    case notACount
    /// V04: `date` is outside the reporting `year`.
    case outsideYear(date: Day, year: Int)
    /// V05: `date` is after the as-of date `asOf`.
    case afterAsOf(date: Day, asOf: Day)
    /// V06: `written` is not among the field's known values.
    case unknownValue(written: String)

    public var rule: RuleCode {
        switch self {
        case .empty: return .V01
        case .notADate: return .V02
        case .notMoney, .negative, .tooManyDecimals, .notACount: return .V03
        case .outsideYear: return .V04
        case .afterAsOf: return .V05
        case .unknownValue: return .V06
        }
    }

    public var arguments: [String] {
        switch self {
        case .empty, .notADate: return []
        case .notMoney: return ["form"]
        case .negative: return ["negative"]
        case .tooManyDecimals: return ["decimals"]
        case .notACount: return ["count"]
        case .outsideYear(let date, let year): return [date.description, String(year)]
        case .afterAsOf(let date, let asOf): return [date.description, asOf.description]
        case .unknownValue(let written): return [written]
        }
    }

    public init?(_ f: Finding) {
        let a = StoredArguments(f)
        switch f.rule {
        case .V01: self = .empty
        case .V02: self = .notADate
        case .V03:
            switch a[0] {
            case "negative": self = .negative
            case "decimals": self = .tooManyDecimals
            case "count": self = .notACount
            default: self = .notMoney
            }
        case .V04:
            guard let date = a.day(0) else { return nil }
            self = .outsideYear(date: date, year: a.int(1))
        case .V05:
            guard let date = a.day(0), let asOf = a.day(1) else { return nil }
            self = .afterAsOf(date: date, asOf: asOf)
        case .V06: self = .unknownValue(written: a[0])
        default: return nil
        }
    }
}
