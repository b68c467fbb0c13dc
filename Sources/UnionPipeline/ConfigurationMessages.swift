// unionbatch.toml's messages in both languages: one table, one case per kind of error.
import UnionCore
import UnionRules

extension ConfigurationError {
    /// What is wrong with unionbatch.toml, with the parts a message names.
    public enum Kind: Sendable, Equatable {
        case noSuchFile
        case cannotRead(String)
        /// The text is not TOML (the reader's own kind).
        case syntax(TOMLError.Kind)
        /// A `[limits]`, `[groups]`, `[accounts]` or `[reconcile]` key the profile does not take.
        case profile(ProfileError.Kind)
        case expectedString(found: TOMLValueType)
        case unknownProfile(String, builtIn: [String])
        case expectedUnitType([String])
        case expectedYear
        case expectedDate
        case expectedTable
        case unknownRuleCode
        case fixedRule(String)
        case expectedSeverity
        case unknownField(String)
        case expectedDataset
        case unknownKey
        case expectedSecret
        case expectedGrowth(found: TOMLValueType)
        case growthOutOfRange
        case expectedSentences(found: TOMLValueType?)
        case unknownBudgetLine
        case expectedBudgetAmount

        public var text: LocalizedText {
            switch self {
            case .noSuchFile:
                return LocalizedText(zh: "找不到这个文件", en: "no such file")
            case .cannotRead(let reason):
                return LocalizedText(zh: "无法读取（\(reason)）", en: "cannot read: \(reason)")
            case .syntax(let kind):
                return kind.text
            case .profile(let kind):
                return kind.text
            case .expectedString(let found):
                return LocalizedText(zh: "应为加英文双引号的文字，这里是\(found.text.zh)", en: "expected a string, found \(found.text.en)")
            case .unknownProfile(let name, let builtIn):
                return LocalizedText(zh: "没有名为“\(name)”的规则方案（内置：\(builtIn.joined(separator: "、"))）",
                                     en: "unknown profile \"\(name)\" (built in: \(builtIn.joined(separator: ", ")))")
            case .expectedUnitType(let types):
                return LocalizedText(zh: "应为以下之一：\(types.joined(separator: "、"))", en: "expected one of \(types.joined(separator: "、"))")
            case .expectedYear:
                return LocalizedText(zh: "应为年份，如 2025（不加引号）", en: "expected a year such as 2025")
            case .expectedDate:
                return LocalizedText(zh: "应为日期，如 2025-12-31", en: "expected a date such as 2025-12-31")
            case .expectedTable:
                return LocalizedText(zh: "应为一个小节（表），如 [rules]", en: "expected a table")
            case .unknownRuleCode:
                return LocalizedText(zh: "没有这个规则代码（unionbatch rules 列出全部规则）", en: "unknown rule code")
            case .fixedRule(let code):
                return LocalizedText(zh: "\(code) 不能关闭或更改：没有它，数据行无法读取",
                                     en: "\(code) cannot be switched off or changed: without it a row cannot be read")
            case .expectedSeverity:
                return LocalizedText(zh: "应为 \"error\"（错误）、\"warning\"（提醒）或 \"off\"（关闭）",
                                     en: "expected \"error\", \"warning\" or \"off\"")
            case .unknownField(let target):
                return LocalizedText(zh: "无法识别的字段“\(target)”（如 id_number 或 members.id_number）",
                                     en: "unknown field \"\(target)\" (e.g. id_number or members.id_number)")
            case .expectedDataset:
                return LocalizedText(zh: "应为 members（会员名册）、payments（慰问发放）、claims（医疗互助）、enrollments（参保）或 ledger（经费收支）",
                                     en: "expected members, payments, claims, enrollments or ledger")
            case .unknownKey:
                return LocalizedText(zh: "无法识别的设置项（请检查拼写）", en: "unknown key")
            case .expectedSecret:
                return LocalizedText(zh: "密钥不能为空", en: "expected a non-empty secret")
            case .expectedGrowth(let found):
                return LocalizedText(zh: "应为增长比例，如 0.05，这里是\(found.text.zh)", en: "expected a rate such as 0.05, found \(found.text.en)")
            case .growthOutOfRange:
                return LocalizedText(zh: "增长比例应不小于 -1，最多 4 位小数，如 0.05",
                                     en: "expected a rate of at least -1 with at most 4 decimals, such as 0.05")
            case .expectedSentences(let found):
                return LocalizedText(zh: "应为若干句文字的列表，如 [\"第一句\", \"第二句\"]" + (found.map { "，这里有\($0.text.zh)" } ?? ""),
                                     en: "expected a list of sentences" + (found.map { ", found \($0.text.en)" } ?? ""))
            case .unknownBudgetLine:
                return LocalizedText(zh: "无法识别的类别（请用标准名称，如 节日慰问、困难帮扶、门诊）",
                                     en: "unknown category (canonical names such as 节日慰问, 困难帮扶, 门诊)")
            case .expectedBudgetAmount:
                return LocalizedText(zh: "应为以元计的金额，如 12000", en: "expected an amount in yuan such as 12000")
            }
        }
    }
}
