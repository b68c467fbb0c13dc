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
        let r = ProfileTableReader(prefix: prefix)
        for k in table.keys {
            let e = table[k]!
            switch k {
            case "name":
                guard case .string(let s) = e.value else { throw r.fail(k, e.line, .expectedString(found: e.value.valueType)) }
                name = s
            case "per_payment", "yearly":
                let t = try r.sub(k, e)
                for c in t.keys {
                    let v = try r.yuan(k + "." + c, t[c]!)
                    if k == "per_payment" { perPaymentLimit[try r.category(c, at: k + "." + c, t[c]!.line)] = v } else { yearlyLimit[try r.category(c, at: k + "." + c, t[c]!.line)] = v }
                }
            case "claims": try applyClaims(r.sub(k, e), r)
            case "education": try applyEducation(r.sub(k, e), line: e.line, r)
            case "premiums":
                let t = try r.sub(k, e)
                for plan in t.keys {
                    guard Field.enrollPlan.knownValues?[plan] == plan else { throw r.fail("premiums." + plan, t[plan]!.line, .unknownPlan(plan)) }
                    standardPremiums[plan] = try r.yuan("premiums." + plan, t[plan]!)
                }
            case "dues": try applyDues(r.sub(k, e), r)
            case "members": try applyMembers(r.sub(k, e), r)
            case "forms", "relations": try applyFormsOrRelations(k, r.sub(k, e), r)
            case "hardship":
                let t = try r.sub(k, e)
                for hk in t.keys {
                    guard hk == "categories" else { throw r.fail("hardship." + hk, t[hk]!.line, .unknownKey) }
                    hardshipCategories = try r.strings("hardship.categories", t[hk]!).map { try r.category($0, at: "hardship.categories", t[hk]!.line) }
                }
            case "chart": try applyChart(r.sub(k, e), r)
            case "accounts": try applyAccounts(k, r.sub(k, e), r)
            case "reconcile":
                // Given in a config, it replaces the profile's.
                reconcile = try reconciliations(k, r.sub(k, e), r)
            case "groups":
                let t = try r.sub(k, e)
                var result: [(String, [PaymentCategory])] = []
                for g in t.keys {
                    result.append((g, try r.strings("groups." + g, t[g]!).map { try r.category($0, at: "groups." + g, t[g]!.line) }))
                }
                // Groups given in a config replace the profile's, so their order is the report's.
                groups = result
            default:
                throw r.fail(k, e.line, .unknownKey)
            }
        }
    }

    /// `[claims]`: the outpatient cap, and the share of what was paid by claim plan.
    private mutating func applyClaims(_ t: TOMLTable, _ r: ProfileTableReader) throws {
        for ck in t.keys {
            let ce = t[ck]!
            switch ck {
            case "outpatient_cap": outpatientCap = try r.yuan("claims.outpatient_cap", ce)
            case "rates":
                let rates = try r.sub("claims.rates", ce)
                for plan in rates.keys {
                    guard Field.claimPlan.knownValues?[plan] == plan else { throw r.fail("claims.rates." + plan, rates[plan]!.line, .unknownPlan(plan)) }
                    claimRates[plan] = try r.rate("claims.rates." + plan, rates[plan]!)
                }
            default: throw r.fail("claims." + ck, ce.line, .unknownKey)
            }
        }
    }

    /// `[education]`: the band of an education grant, `min` to `max`.
    private mutating func applyEducation(_ t: TOMLTable, line: Int, _ r: ProfileTableReader) throws {
        var lo = educationBand.lowerBound, hi = educationBand.upperBound
        for ek in t.keys {
            switch ek {
            case "min": lo = try r.yuan("education.min", t[ek]!)
            case "max": hi = try r.yuan("education.max", t[ek]!)
            default: throw r.fail("education." + ek, t[ek]!.line, .unknownKey)
            }
        }
        guard lo <= hi else { throw r.fail("education", line, .minimumAboveMaximum) }
        educationBand = lo...hi
    }

    /// `[dues]`: the dues rate and the amount it is rounded down to.
    private mutating func applyDues(_ t: TOMLTable, _ r: ProfileTableReader) throws {
        for dk in t.keys {
            switch dk {
            case "rate": duesRate = try r.rate("dues.rate", t[dk]!)
            case "round_down_to":
                duesRoundDownTo = try r.yuan("dues.round_down_to", t[dk]!)
                guard duesRoundDownTo.fen > 0 else { throw r.fail("dues.round_down_to", t[dk]!.line, .mustBeAboveZero) }
            default: throw r.fail("dues." + dk, t[dk]!.line, .unknownKey)
            }
        }
    }

    /// `[members]`: the youngest joining age, and the women's retirement schedule.
    private mutating func applyMembers(_ t: TOMLTable, _ r: ProfileTableReader) throws {
        for mk in t.keys {
            switch mk {
            case "min_join_age": minimumJoinAge = try r.integer("members.min_join_age", t[mk]!)
            case "women_retirement":
                guard case .string(let s) = t[mk]!.value, s == "cadre" || s == "worker" else {
                    throw r.fail("members.women_retirement", t[mk]!.line, .expectedRetirementSchedule)
                }
                womenWorkerSchedule = s == "worker"
            default: throw r.fail("members." + mk, t[mk]!.line, .unknownKey)
            }
        }
    }

    /// `[forms.forbidden]` or `[relations.allowed]`: values of the form or relation column by category.
    private mutating func applyFormsOrRelations(_ k: String, _ t: TOMLTable, _ r: ProfileTableReader) throws {
        for fk in t.keys {
            let expected = k == "forms" ? "forbidden" : "allowed"
            guard fk == expected else { throw r.fail(k + "." + fk, t[fk]!.line, .unknownKey) }
            let inner = try r.sub(k + "." + fk, t[fk]!)
            for c in inner.keys {
                let values = try r.strings(k + "." + fk + "." + c, inner[c]!)
                let field: Field = k == "forms" ? .form : .relation
                for v in values where field.knownValues?[v] == nil {
                    throw r.fail(k + "." + fk + "." + c, inner[c]!.line, .unknownValue(v))
                }
                if k == "forms" { forbiddenForms[try r.category(c, at: k + "." + fk + "." + c, inner[c]!.line)] = values }
                else { allowedRelations[try r.category(c, at: k + "." + fk + "." + c, inner[c]!.line)] = values }
            }
        }
    }

    /// `[chart."group"] "line" = ["alias", …]`: groups and lines in chart order.
    private mutating func applyChart(_ t: TOMLTable, _ r: ProfileTableReader) throws {
        for g in t.keys {
            let lines = try r.sub("chart." + g, t[g]!)
            let group = chart.group(g)
            for l in lines.keys {
                let line = chart.addLine(l, group: group)
                for alias in try r.strings("chart." + g + "." + l, lines[l]!) { chart.addName(alias, line: line) }
            }
        }
    }

    /// `[accounts]`: a unit's own account names, `"name" = "line"`.
    private mutating func applyAccounts(_ k: String, _ t: TOMLTable, _ r: ProfileTableReader) throws {
        for name in t.keys {
            guard case .string(let target) = t[name]!.value else { throw r.fail(k + "." + name, t[name]!.line, .expectedLedgerLine) }
            guard let line = chart.line(named: target) else {
                throw r.fail(k + "." + name, t[name]!.line, .unknownLedgerLine(target))
            }
            chart.addName(name, line: line)
        }
    }

    /// `[reconcile]`: `"line + line" = ["category", …]`.
    private func reconciliations(_ k: String, _ t: TOMLTable, _ r: ProfileTableReader) throws -> [Reconciliation] {
        var result: [Reconciliation] = []
        for key in t.keys {
            var lines: [Int] = []
            for part in key.split(separator: "+") {
                let name = String(part).trimmingASCIIWhitespace()
                guard let line = chart.line(named: name) else {
                    throw r.fail(k + "." + key, t[key]!.line, .unknownLedgerLine(name))
                }
                lines.append(line)
            }
            let categories = try r.strings(k + "." + key, t[key]!).map { try r.category($0, at: k + "." + key, t[key]!.line) }
            result.append(Reconciliation(lines: lines, categories: categories))
        }
        return result
    }
}

/// Reads the values of a profile table, its errors naming the key under `prefix`.
private struct ProfileTableReader {
    let prefix: String

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
}
