// unionbatch.toml: the unit, the year, the profile and its limits, rule severities, headers, pinned files.
import Foundation
import UnionCore
import UnionImport
import UnionRules
import UnionWriters

/// What a folder's unionbatch.toml (or --config) sets. Everything is optional.
public struct RunConfiguration: Sendable {
    public var unit: String?
    public var unitType: String?
    public var year: Int?
    public var asOf: Day?
    public var profile: RuleProfile = .standard
    public var policy: RulePolicy = RuleCatalog.defaultPolicy
    /// Extra header names (normalised) and the fields they map to.
    public var extraAliases: [String: [Field]] = [:]
    /// File names pinned to a dataset.
    public var pinned: [String: Dataset] = [:]
    /// `[plan]`: next year's budget growth, fixed budgets and plan items for the annual text.
    public var plan = BudgetPlan()
    /// The file it came from, when there was one.
    public var source: String?
    /// `[federation] key`: the secret the federation hands its units; with it, summary.json carries the members' keyed digests.
    public var federationKey: String?

    public init() {}

    public static let fileName = "unionbatch.toml"
    public static let unitTypes = ["企业", "机关", "事业", "社区", "非公企业", "联合"]
}

/// A configuration that cannot be used: the file, line and key, and what is wrong (exit status 2).
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let key: String
    public let kind: Kind

    /// `file:line: key: what is wrong` in `language`.
    public func text(_ language: Language) -> String {
        let message = kind.text.text(language)
        return key.isEmpty ? "\(file):\(line): \(message)" : "\(file):\(line): \(key): \(message)"
    }

    /// What is wrong, in English.
    public var message: String { kind.text.en }
    public var description: String { text(.en) }
}

public enum ConfigurationLoader {
    /// The configuration of `folder`: `explicit` if given, else `folder/unionbatch.toml` if present.
    public static func load(folder: String, explicit: String?) throws -> RunConfiguration {
        let path = explicit ?? (folder.hasSuffix("/") ? folder : folder + "/") + RunConfiguration.fileName
        guard FileManager.default.fileExists(atPath: path) else {
            if explicit != nil { throw ConfigurationError(file: path, line: 0, key: "", kind: .noSuchFile) }
            return RunConfiguration()
        }
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path: path) } catch {
            throw ConfigurationError(file: path, line: 0, key: "", kind: .cannotRead(String(describing: error)))
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> RunConfiguration {
        let table: TOMLTable
        do { table = try TOMLParser.parse(text) } catch let e as TOMLError {
            throw ConfigurationError(file: file, line: e.line, key: "", kind: .syntax(e.kind))
        }
        let fail: Fail = { key, line, kind in ConfigurationError(file: file, line: line, key: key, kind: kind) }
        func string(_ key: String, _ e: TOMLTable.Entry) throws -> String { try Self.string(key, e, fail) }
        var config = RunConfiguration()
        config.source = file
        // The profile first: [limits] and [groups] apply over it wherever they stand in the file.
        if let e = table["profile"] {
            let name = try string("profile", e)
            guard let p = RuleProfile.builtIn(name) else {
                throw fail("profile", e.line, .unknownProfile(name, builtIn: RuleProfile.builtInNames))
            }
            config.profile = p
        }
        for key in table.keys {
            let e = table[key]!
            switch key {
            case "profile": break
            case "unit":
                config.unit = try string(key, e)
            case "unit_type":
                let t = try string(key, e)
                guard RunConfiguration.unitTypes.contains(t) else {
                    throw fail(key, e.line, .expectedUnitType(RunConfiguration.unitTypes))
                }
                config.unitType = t
            case "year":
                guard case .integer(let y) = e.value, (1900...2999).contains(y) else { throw fail(key, e.line, .expectedYear) }
                config.year = Int(y)
            case "as_of":
                config.asOf = try asOf(key, e, fail)
            case "limits", "groups", "accounts", "reconcile":
                guard case .table(let t) = e.value else { throw fail(key, e.line, .expectedTable) }
                try applyProfileTable(key, t, line: e.line, to: &config.profile, fail)
            case "rules":
                guard case .table(let t) = e.value else { throw fail(key, e.line, .expectedTable) }
                try applyRules(t, to: &config.policy, fail)
            case "headers":
                guard case .table(let t) = e.value else { throw fail(key, e.line, .expectedTable) }
                try addHeaders(t, to: &config.extraAliases, fail)
            case "files":
                guard case .table(let t) = e.value else { throw fail(key, e.line, .expectedTable) }
                for name in t.keys {
                    let d = try string("files." + name, t[name]!)
                    guard let dataset = Dataset(rawValue: d) else {
                        throw fail("files." + name, t[name]!.line, .expectedDataset)
                    }
                    config.pinned[name] = dataset
                }
            case "federation":
                guard case .table(let t) = e.value else { throw fail(key, e.line, .expectedTable) }
                for name in t.keys {
                    guard name == "key" else { throw fail("federation." + name, t[name]!.line, .unknownKey) }
                    let secret = try string("federation.key", t[name]!)
                    guard !secret.isEmpty else { throw fail("federation.key", t[name]!.line, .expectedSecret) }
                    config.federationKey = secret
                }
            case "plan":
                guard case .table(let t) = e.value else { throw fail(key, e.line, .expectedTable) }
                config.plan = try plan(t, ledgerLines: config.profile.chart.expenseLineNames, fail)
            default:
                throw fail(key, e.line, .unknownKey)
            }
        }
        return config
    }

    /// Makes the error of a key at a line.
    typealias Fail = (String, Int, ConfigurationError.Kind) -> ConfigurationError

    /// The string value of an entry.
    static func string(_ key: String, _ e: TOMLTable.Entry, _ fail: Fail) throws -> String {
        guard case .string(let s) = e.value else { throw fail(key, e.line, .expectedString(found: e.value.valueType)) }
        return s
    }

    /// `as_of`: a TOML date, or a string holding one.
    static func asOf(_ key: String, _ e: TOMLTable.Entry, _ fail: Fail) throws -> Day {
        switch e.value {
        case .date(let d): return d
        case .string(let s):
            guard let d = Day.parse(s) else { throw fail(key, e.line, .expectedDate) }
            return d
        default: throw fail(key, e.line, .expectedDate)
        }
    }

    /// `[limits]`, `[groups]`, `[accounts]` or `[reconcile]` over the profile.
    static func applyProfileTable(_ key: String, _ t: TOMLTable, line: Int, to profile: inout RuleProfile, _ fail: Fail) throws {
        do {
            if key == "limits" { try profile.apply(t, prefix: "limits") } else {
                var wrapper = TOMLTableBuilder()
                wrapper.add(key, .table(t), line: line)
                try profile.apply(wrapper.table, prefix: "")
            }
        } catch let p as ProfileError {
            throw fail(p.key, p.line, .profile(p.kind))
        }
    }

    /// `[rules]`: a severity, or off, for each rule code that can be changed.
    static func applyRules(_ t: TOMLTable, to policy: inout RulePolicy, _ fail: Fail) throws {
        for code in t.keys {
            let ce = t[code]!
            guard let rule = RuleCode(rawValue: code) else { throw fail("rules." + code, ce.line, .unknownRuleCode) }
            let setting = try string("rules." + code, ce, fail)
            guard !rule.isFixed else {
                throw fail("rules." + code, ce.line, .fixedRule(code))
            }
            switch setting {
            case "off": policy.severities[rule] = nil
            case "error": policy.severities[rule] = .error
            case "warning": policy.severities[rule] = .warning
            default: throw fail("rules." + code, ce.line, .expectedSeverity)
            }
            policy.configured.insert(rule)
        }
    }

    /// `[headers]`: more column names for a field (`id_number`) or a dataset's field (`members.id_number`).
    static func addHeaders(_ t: TOMLTable, to aliases: inout [String: [Field]], _ fail: Fail) throws {
        for header in t.keys {
            let target = try string("headers." + header, t[header]!, fail)
            let fields = Field.allCases.filter { $0.rawValue == target || $0.key == target }
            guard !fields.isEmpty else {
                throw fail("headers." + header, t[header]!.line, .unknownField(target))
            }
            aliases[HeaderMatcher.normalise(header), default: []] += fields
        }
    }

    /// `[plan]`: `growth` (a rate with at most 4 decimals, such as 0.05), `items` (a list of sentences) and
    /// `[plan.budget]` (fixed amounts in yuan by canonical category, claim plan or ledger expense line name).
    static func plan(_ t: TOMLTable, ledgerLines: [String], _ fail: Fail) throws -> BudgetPlan {
        var plan = BudgetPlan()
        plan.ledgerLines = ledgerLines
        for key in t.keys {
            let e = t[key]!
            let name = "plan." + key
            switch key {
            case "growth":
                let text: String
                switch e.value {
                case .float(let f): text = f
                case .integer(let i): text = String(i)
                default: throw fail(name, e.line, .expectedGrowth(found: e.value.valueType))
                }
                guard let g = BudgetPlan.growth(text) else {
                    throw fail(name, e.line, .growthOutOfRange)
                }
                plan.growthTenThousandths = g
            case "items":
                guard case .array(let values) = e.value else { throw fail(name, e.line, .expectedSentences(found: nil)) }
                for v in values {
                    guard case .string(let sentence) = v else { throw fail(name, e.line, .expectedSentences(found: v.valueType)) }
                    let trimmed = sentence.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !trimmed.isEmpty { plan.items.append(trimmed) }
                }
            case "budget":
                guard case .table(let budgets) = e.value else { throw fail(name, e.line, .expectedTable) }
                let known = Set(PaymentCategory.allCases.map(\.rawValue)).union((Field.claimPlan.knownValues ?? [:]).values)
                    .union(ledgerLines)
                for line in budgets.keys {
                    let be = budgets[line]!
                    let lineKey = name + "." + line
                    guard known.contains(line) else {
                        throw fail(lineKey, be.line, .unknownBudgetLine)
                    }
                    let amount: Money?
                    switch be.value {
                    case .integer(let i): amount = i >= 0 && i <= 1_000_000_000 ? Money(yuan: i) : nil
                    case .float(let f): amount = (try? Money.parse(f).get()).flatMap { $0.fen >= 0 && $0.fen <= 100_000_000_000 ? $0 : nil }
                    default: amount = nil
                    }
                    guard let amount else { throw fail(lineKey, be.line, .expectedBudgetAmount) }
                    plan.fixed[line] = amount
                }
            default:
                throw fail(name, e.line, .unknownKey)
            }
        }
        return plan
    }
}

/// Builds a TOML table in code (to hand `[groups]` to the profile as if it stood in it).
struct TOMLTableBuilder {
    var table = TOMLTable(line: 0)
    mutating func add(_ key: String, _ value: TOMLValue, line: Int) {
        table.insert(key, value, line: line)
    }
}
