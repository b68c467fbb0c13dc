// The run's options as 说明 shows them: each key's label and each value's word, in both languages.
import UnionCore
import UnionRules

/// The options of a run (manifest.json's keys and values) as a clerk reads them.
public enum RunOptionText {
    /// The label of an option key; a key without one is shown as it is.
    public static func label(_ key: String, _ language: Language) -> String {
        labels[key]?.text(language) ?? key
    }

    /// The word for a value of `key`; a value without one (a year, a date) is shown as it is.
    public static func value(_ value: String, of key: String, _ language: Language) -> String {
        (values[key + "=" + value] ?? values[value])?.text(language) ?? value
    }

    static let labels: [String: LocalizedText] = [
        "year": LocalizedText(zh: "统计年度", en: "year"),
        "as_of": LocalizedText(zh: "截止日期", en: "as_of"),
        "lang": LocalizedText(zh: "语言", en: "lang"),
        "mask": LocalizedText(zh: "遮挡方式", en: "mask"),
        "summary_only": LocalizedText(zh: "只写汇总", en: "summary_only"),
    ]

    static let values: [String: LocalizedText] = [
        "true": LocalizedText(zh: "是", en: "true"),
        "false": LocalizedText(zh: "否", en: "false"),
        "lang=zh": LocalizedText(zh: "中文", en: "zh"),
        "lang=en": LocalizedText(zh: "英文", en: "en"),
        "mask=standard": LocalizedText(zh: "标准", en: "standard"),
        "mask=none": LocalizedText(zh: "不遮挡", en: "none"),
        "mask=all": LocalizedText(zh: "全部遮挡", en: "all"),
    ]
}
