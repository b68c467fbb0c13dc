// A rule profile: the limits, rates, schedules and groups a union applies, read from TOML.
import UnionCore

/// Retirement under the gradual reform in force from 2025-01-01 (SPEC §3).
public struct RetirementSchedule: Sendable, Equatable {
    /// Age for those born before `firstCohort`.
    public let baseYears: Int
    /// The first birth month whose retirement is delayed.
    public let firstCohort: (year: Int, month: Int)
    /// Birth months per cohort; each later cohort retires one month later.
    public let cohortMonths: Int
    /// The largest delay, in months.
    public let maximumDelay: Int

    public static func == (a: RetirementSchedule, b: RetirementSchedule) -> Bool {
        a.baseYears == b.baseYears && a.firstCohort == b.firstCohort && a.cohortMonths == b.cohortMonths && a.maximumDelay == b.maximumDelay
    }

    public static let men = RetirementSchedule(baseYears: 60, firstCohort: (1965, 1), cohortMonths: 4, maximumDelay: 36)
    public static let womenCadre = RetirementSchedule(baseYears: 55, firstCohort: (1970, 1), cohortMonths: 4, maximumDelay: 36)
    public static let womenWorker = RetirementSchedule(baseYears: 50, firstCohort: (1975, 1), cohortMonths: 2, maximumDelay: 60)

    /// The day someone born on `birth` reaches retirement age.
    public func retirementDate(born birth: Day) -> Day {
        let since = (birth.year - firstCohort.year) * 12 + (birth.month - firstCohort.month)
        let delay = since < 0 ? 0 : min(since / cohortMonths + 1, maximumDelay)
        return birth.adding(months: baseYears * 12 + delay)
    }
}

public struct RuleProfile: Sendable {
    public var name: String
    public var perPaymentLimit: [PaymentCategory: Money] = [:]
    public var yearlyLimit: [PaymentCategory: Money] = [:]
    public var educationBand: ClosedRange<Money> = Money(yuan: 800)...Money(yuan: 5000)
    /// Reimbursement rate on self-paid costs, by plan (C02).
    public var claimRates: [String: Rate] = [:]
    public var outpatientCap: Money = Money(yuan: 1000)
    public var standardPremiums: [String: Money] = [:]
    public var duesRate: Rate = Rate(numerator: 5, denominator: 1000)
    public var duesRoundDownTo: Money = Money(yuan: 10)
    public var minimumJoinAge = 16
    public var womenWorkerSchedule = false
    public var forbiddenForms: [PaymentCategory: [String]] = [:]
    public var allowedRelations: [PaymentCategory: [String]] = [:]
    public var hardshipCategories: [PaymentCategory] = []
    /// Category groups the report speaks of, in report order.
    public var groups: [(name: String, categories: [PaymentCategory])] = []
    /// The ledger's chart of accounts (`[chart]`, plus a unit's `[accounts]`).
    public var chart = ChartOfAccounts()
    /// Payment categories summed against ledger lines for L03 (`[reconcile]`).
    public var reconcile: [Reconciliation] = []

    public init(name: String) { self.name = name }

    public func retirementSchedule(for sex: Sex) -> RetirementSchedule {
        sex == .male ? .men : (womenWorkerSchedule ? .womenWorker : .womenCadre)
    }

    /// The built-in profiles by name.
    public static func builtIn(_ name: String) -> RuleProfile? {
        guard name == "default" else { return nil }
        // The text is part of the binary and tested; a failure here is a programming error.
        return try! RuleProfile(toml: try! TOMLParser.parse(BuiltInProfiles.defaultProfile), source: "default")
    }

    public static var builtInNames: [String] { ["default"] }

    public static let standard: RuleProfile = builtIn("default")!
}

/// A profile or a `[limits]` table that does not say what unionbatch understands.
public struct ProfileError: Error, Sendable {
    public let line: Int
    public let key: String
    public let kind: Kind

    /// What is wrong, in English (the text in both languages is `kind.text`).
    public var message: String { kind.text.en }
}

extension RuleProfile {
    /// A profile from its TOML table (the built-in text, or unionbatch.toml's `[limits]` over a base).
    public init(toml table: TOMLTable, source: String, base: RuleProfile? = nil) throws {
        self = base ?? RuleProfile(name: source)
        if base == nil { name = source }
        try apply(table, prefix: "")
    }

    /// Applies the keys of `table` over this profile. `prefix` names the table in messages.
    public mutating func apply(_ table: TOMLTable, prefix: String) throws {
        func key(_ k: String) -> String { prefix.isEmpty ? k : prefix + "." + k }
        func fail(_ k: String, _ line: Int, _ kind: ProfileError.Kind) -> ProfileError { ProfileError(line: line, key: key(k), kind: kind) }
        func sub(_ k: String, _ e: TOMLTable.Entry) throws -> TOMLTable {
            guard case .table(let t) = e.value else { throw fail(k, e.line, .expectedTable(found: e.value.valueType)) }
            return t
        }
        func yuan(_ k: String, _ e: TOMLTable.Entry) throws -> Money {
            switch e.value {
            case .integer(let n) where n >= 0:
                // The bound Money.parse keeps, so yuan × 100 cannot overflow.
                guard n <= Money.largest.fen / 100 else { throw fail(k, e.line, .amountTooLarge) }
                return Money(yuan: n)
            case .float(let text):
                // inf, nan and 1e308 are TOML floats, but no amount.
                guard let plain = TOMLValue.plainDecimal(text), !plain.hasPrefix("-") else {
                    throw fail(k, e.line, .expectedAmountFoundText(text))
                }
                if (plain.split(separator: ".").first?.count ?? 0) > 15 { throw fail(k, e.line, .amountTooLarge) }
                if case .success(let m) = Money.parse(plain) { return m }
                throw fail(k, e.line, .amountWithTooManyDecimals)
            default: throw fail(k, e.line, .expectedAmount(found: e.value.valueType))
            }
        }
        func rate(_ k: String, _ e: TOMLTable.Entry) throws -> Rate {
            var parsed: Rate?
            switch e.value {
            case .integer(let n) where n >= 0: parsed = Rate(numerator: n, denominator: 1)
            case .float(let text): parsed = TOMLValue.plainDecimal(text).flatMap { Rate($0) }
            default: break
            }
            // A share of what was paid: more than all of it is no rate.
            guard let r = parsed, r.isAtMostOne else { throw fail(k, e.line, .expectedRate) }
            return r
        }
        /// `text` as a category; an error names the key it was found at (`per_payment.奖金`, `groups.慰问合计`).
        func category(_ text: String, at k: String, _ line: Int) throws -> PaymentCategory {
            guard let c = PaymentCategory(text: text) else { throw fail(k, line, .unknownCategory(text)) }
            return c
        }
        func strings(_ k: String, _ e: TOMLTable.Entry) throws -> [String] {
            guard case .array(let items) = e.value else { throw fail(k, e.line, .expectedStrings) }
            return try items.map { item in
                guard case .string(let s) = item else { throw fail(k, e.line, .expectedStrings) }
                return s
            }
        }
        func integer(_ k: String, _ e: TOMLTable.Entry) throws -> Int {
            guard case .integer(let n) = e.value, n >= 0, n < 200 else { throw fail(k, e.line, .expectedWholeNumber) }
            return Int(n)
        }

        for k in table.keys {
            let e = table[k]!
            switch k {
            case "name":
                guard case .string(let s) = e.value else { throw fail(k, e.line, .expectedString(found: e.value.valueType)) }
                name = s
            case "per_payment", "yearly":
                let t = try sub(k, e)
                for c in t.keys {
                    let v = try yuan(k + "." + c, t[c]!)
                    if k == "per_payment" { perPaymentLimit[try category(c, at: k + "." + c, t[c]!.line)] = v } else { yearlyLimit[try category(c, at: k + "." + c, t[c]!.line)] = v }
                }
            case "claims":
                let t = try sub(k, e)
                for ck in t.keys {
                    let ce = t[ck]!
                    switch ck {
                    case "outpatient_cap": outpatientCap = try yuan("claims.outpatient_cap", ce)
                    case "rates":
                        let rates = try sub("claims.rates", ce)
                        for plan in rates.keys {
                            guard Field.claimPlan.knownValues?[plan] == plan else { throw fail("claims.rates." + plan, rates[plan]!.line, .unknownPlan(plan)) }
                            claimRates[plan] = try rate("claims.rates." + plan, rates[plan]!)
                        }
                    default: throw fail("claims." + ck, ce.line, .unknownKey)
                    }
                }
            case "education":
                let t = try sub(k, e)
                var lo = educationBand.lowerBound, hi = educationBand.upperBound
                for ek in t.keys {
                    switch ek {
                    case "min": lo = try yuan("education.min", t[ek]!)
                    case "max": hi = try yuan("education.max", t[ek]!)
                    default: throw fail("education." + ek, t[ek]!.line, .unknownKey)
                    }
                }
                guard lo <= hi else { throw fail("education", e.line, .minimumAboveMaximum) }
                educationBand = lo...hi
            case "premiums":
                let t = try sub(k, e)
                for plan in t.keys {
                    guard Field.enrollPlan.knownValues?[plan] == plan else { throw fail("premiums." + plan, t[plan]!.line, .unknownPlan(plan)) }
                    standardPremiums[plan] = try yuan("premiums." + plan, t[plan]!)
                }
            case "dues":
                let t = try sub(k, e)
                for dk in t.keys {
                    switch dk {
                    case "rate": duesRate = try rate("dues.rate", t[dk]!)
                    case "round_down_to":
                        duesRoundDownTo = try yuan("dues.round_down_to", t[dk]!)
                        guard duesRoundDownTo.fen > 0 else { throw fail("dues.round_down_to", t[dk]!.line, .mustBeAboveZero) }
                    default: throw fail("dues." + dk, t[dk]!.line, .unknownKey)
                    }
                }
            case "members":
                let t = try sub(k, e)
                for mk in t.keys {
                    switch mk {
                    case "min_join_age": minimumJoinAge = try integer("members.min_join_age", t[mk]!)
                    case "women_retirement":
                        guard case .string(let s) = t[mk]!.value, s == "cadre" || s == "worker" else {
                            throw fail("members.women_retirement", t[mk]!.line, .expectedRetirementSchedule)
                        }
                        womenWorkerSchedule = s == "worker"
                    default: throw fail("members." + mk, t[mk]!.line, .unknownKey)
                    }
                }
            case "forms", "relations":
                let t = try sub(k, e)
                for fk in t.keys {
                    let expected = k == "forms" ? "forbidden" : "allowed"
                    guard fk == expected else { throw fail(k + "." + fk, t[fk]!.line, .unknownKey) }
                    let inner = try sub(k + "." + fk, t[fk]!)
                    for c in inner.keys {
                        let values = try strings(k + "." + fk + "." + c, inner[c]!)
                        let field: Field = k == "forms" ? .form : .relation
                        for v in values where field.knownValues?[v] == nil {
                            throw fail(k + "." + fk + "." + c, inner[c]!.line, .unknownValue(v))
                        }
                        if k == "forms" { forbiddenForms[try category(c, at: k + "." + fk + "." + c, inner[c]!.line)] = values }
                        else { allowedRelations[try category(c, at: k + "." + fk + "." + c, inner[c]!.line)] = values }
                    }
                }
            case "hardship":
                let t = try sub(k, e)
                for hk in t.keys {
                    guard hk == "categories" else { throw fail("hardship." + hk, t[hk]!.line, .unknownKey) }
                    hardshipCategories = try strings("hardship.categories", t[hk]!).map { try category($0, at: "hardship.categories", t[hk]!.line) }
                }
            case "chart":
                // [chart."group"] "line" = ["alias", …]: groups and lines in chart order.
                let t = try sub(k, e)
                for g in t.keys {
                    let lines = try sub("chart." + g, t[g]!)
                    let group = chart.group(g)
                    for l in lines.keys {
                        let line = chart.addLine(l, group: group)
                        for alias in try strings("chart." + g + "." + l, lines[l]!) { chart.addName(alias, line: line) }
                    }
                }
            case "accounts":
                // A unit's own account names: "name" = "line".
                let t = try sub(k, e)
                for name in t.keys {
                    guard case .string(let target) = t[name]!.value else { throw fail(k + "." + name, t[name]!.line, .expectedLedgerLine) }
                    guard let line = chart.line(named: target) else {
                        throw fail(k + "." + name, t[name]!.line, .unknownLedgerLine(target))
                    }
                    chart.addName(name, line: line)
                }
            case "reconcile":
                // "line + line" = ["category", …]; given in a config, it replaces the profile's.
                let t = try sub(k, e)
                var result: [Reconciliation] = []
                for key in t.keys {
                    var lines: [Int] = []
                    for part in key.split(separator: "+") {
                        let name = String(part).trimmingASCIIWhitespace()
                        guard let line = chart.line(named: name) else {
                            throw fail(k + "." + key, t[key]!.line, .unknownLedgerLine(name))
                        }
                        lines.append(line)
                    }
                    let categories = try strings(k + "." + key, t[key]!).map { try category($0, at: k + "." + key, t[key]!.line) }
                    result.append(Reconciliation(lines: lines, categories: categories))
                }
                reconcile = result
            case "groups":
                let t = try sub(k, e)
                var result: [(String, [PaymentCategory])] = []
                for g in t.keys {
                    result.append((g, try strings("groups." + g, t[g]!).map { try category($0, at: "groups." + g, t[g]!.line) }))
                }
                // Groups given in a config replace the profile's, so their order is the report's.
                groups = result
            default:
                throw fail(k, e.line, .unknownKey)
            }
        }
    }
}
