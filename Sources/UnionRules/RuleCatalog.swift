// The rule catalog: every rule's code, default severity, messages and fix hint, gathered from the family files.
import UnionCore

public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

/// One rule of the catalog (SPEC §3).
public struct RuleDefinition: Sendable {
    public let code: RuleCode
    /// `any`, `members`, `payments`, `claims`, `enrollments`, `ledger`, or several joined by `, `.
    public let scope: String
    public let defaultSeverity: Severity
    /// A short statement of the rule, in each language.
    public let summary: LocalizedText
    /// The fix a clerk can make, in each language.
    public let hint: LocalizedText
    /// The message of one finding, from its arguments, in both languages (a missing translation does not compile).
    let render: @Sendable (Finding) -> LocalizedText

    init(_ code: RuleCode, _ scope: String, _ severity: Severity, zh: String, en: String,
         hintZh: String, hintEn: String, render: @escaping @Sendable (Finding) -> LocalizedText) {
        self.code = code
        self.scope = scope
        self.defaultSeverity = severity
        self.summary = LocalizedText(zh: zh, en: en)
        self.hint = LocalizedText(zh: hintZh, en: hintEn)
        self.render = render
    }

    public func message(for finding: Finding, language: Language) -> String { render(finding).text(language) }

    /// The message of one finding in both languages.
    public func message(for finding: Finding) -> LocalizedText { render(finding) }
}

public enum RuleCatalog {
    /// Every rule, in catalog order.
    public static let all: [RuleDefinition] = {
        let defs = FileRules.definitions + RollupRules.definitions + ValueRules.definitions + MemberRules.definitions
            + CrossDatasetRules.definitions + PaymentRules.definitions + ClaimRules.definitions + EnrollmentRules.definitions
            + LedgerRules.definitions
        return defs.sorted { RuleCode.allCases.firstIndex(of: $0.code)! < RuleCode.allCases.firstIndex(of: $1.code)! }
    }()

    private static let byCode: [RuleCode: RuleDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    public static func definition(_ code: RuleCode) -> RuleDefinition { byCode[code]! }

    /// The policy of the built-in defaults: every rule on at its default severity.
    public static var defaultPolicy: RulePolicy {
        RulePolicy(severities: Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0.defaultSeverity) }))
    }

    public static func message(_ finding: Finding, _ language: Language) -> String {
        definition(finding.rule).message(for: finding, language: language)
    }

    public static func hint(_ finding: Finding, _ language: Language) -> String {
        definition(finding.rule).hint.text(language)
    }
}

/// A family's payload whose message the catalog renders (each family file says how).
protocol RenderedFinding: FindingPayload {
    /// The message; the finding gives the cell as written and its column.
    func message(for finding: Finding) -> LocalizedText
}

extension RenderedFinding {
    /// The message of a finding of this family.
    static func message(_ f: Finding) -> LocalizedText { Self(f)?.message(for: f) ?? .empty }
}

/// Helpers the family files use to phrase messages.
enum Phrase {
    /// The finding's column: its Chinese title, or its key in English.
    static func column(_ f: Finding) -> LocalizedText {
        guard let field = f.field else { return .empty }
        return fieldName(field)
    }

    static func fieldName(_ field: Field) -> LocalizedText {
        LocalizedText(zh: field.chineseTitle, en: field.key)
    }

    /// A dataset's name in each language.
    static func datasetName(_ d: Dataset) -> LocalizedText {
        LocalizedText(zh: d.chineseName, en: d.englishName)
    }
}
