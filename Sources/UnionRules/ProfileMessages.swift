// The rule profile's messages (a `[limits]` table, a built-in profile) in both languages: one table.
import UnionCore

extension LocalizedText {
    /// The text in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .zh: return zh
        case .en: return en
        }
    }
}

extension ProfileError {
    /// What is wrong with a profile key, with the parts a message names.
    public enum Kind: Sendable, Equatable {
        case expectedTable(found: TOMLValueType)
        case expectedString(found: TOMLValueType)
        case expectedAmount(found: TOMLValueType)
        /// A float that is no amount (inf, nan, a negative one), as written.
        case expectedAmountFoundText(String)
        case amountTooLarge
        case amountWithTooManyDecimals
        case expectedRate
        case unknownCategory(String)
        case expectedStrings
        case expectedWholeNumber
        case unknownPlan(String)
        case unknownKey
        case minimumAboveMaximum
        case mustBeAboveZero
        case expectedRetirementSchedule
        case unknownValue(String)
        case expectedLedgerLine
        case unknownLedgerLine(String)

        public var text: LocalizedText {
            switch self {
            case .expectedTable(let found):
                return LocalizedText(zh: "应为一个小节（表），这里是\(found.text.zh)", en: "expected a table, found \(found.text.en)")
            case .expectedString(let found):
                return LocalizedText(zh: "应为加英文双引号的文字，这里是\(found.text.zh)", en: "expected a string")
            case .expectedAmount(let found):
                return LocalizedText(zh: "应为以元计的金额（如 300），这里是\(found.text.zh)", en: "expected an amount in yuan, found \(found.text.en)")
            case .expectedAmountFoundText(let text):
                return LocalizedText(zh: "应为以元计的金额（如 300），这里是 \(text)", en: "expected an amount in yuan, found \(text)")
            case .amountTooLarge:
                return LocalizedText(zh: "金额过大", en: "expected an amount in yuan, found one too large")
            case .amountWithTooManyDecimals:
                return LocalizedText(zh: "金额以元计，最多两位小数", en: "expected an amount in yuan with at most two decimals")
            case .expectedRate:
                return LocalizedText(zh: "应为 0 到 1 之间的比例，如 0.5", en: "expected a rate from 0 to 1, such as 0.5")
            case .unknownCategory(let c):
                return LocalizedText(zh: "无法识别的发放类别“\(c)”", en: "unknown payment category \"\(c)\"")
            case .expectedStrings:
                return LocalizedText(zh: "应为文字的列表，如 [\"甲\", \"乙\"]", en: "expected an array of strings")
            case .expectedWholeNumber:
                return LocalizedText(zh: "应为整数", en: "expected a whole number")
            case .unknownPlan(let plan):
                return LocalizedText(zh: "无法识别的险种“\(plan)”", en: "unknown plan \"\(plan)\"")
            case .unknownKey:
                return LocalizedText(zh: "无法识别的设置项（请检查拼写）", en: "unknown key")
            case .minimumAboveMaximum:
                return LocalizedText(zh: "下限 min 高于上限 max", en: "min is above max")
            case .mustBeAboveZero:
                return LocalizedText(zh: "应大于 0", en: "must be above 0")
            case .expectedRetirementSchedule:
                return LocalizedText(zh: "应为 \"cadre\"（干部）或 \"worker\"（工人）", en: "expected \"cadre\" or \"worker\"")
            case .unknownValue(let v):
                return LocalizedText(zh: "无法识别的值“\(v)”", en: "unknown value \"\(v)\"")
            case .expectedLedgerLine:
                return LocalizedText(zh: "应为经费科目的名称", en: "expected the name of a ledger line")
            case .unknownLedgerLine(let name):
                return LocalizedText(zh: "无法识别的经费科目“\(name)”", en: "unknown ledger line \"\(name)\"")
            }
        }
    }
}
