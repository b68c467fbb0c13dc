// The TOML reader's messages in both languages: one table, one case per kind of error.

/// A text a person reads, in Chinese and English; a module picks the one of the language in force.
public struct LocalizedText: Sendable, Equatable {
    public let zh: String
    public let en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}

/// The type of a TOML value, named in messages ("expected a string, found an integer").
public enum TOMLValueType: String, Sendable, Equatable, CaseIterable {
    case string, integer, float, boolean, date, array, table

    /// The type's name with its article in English, and its Chinese word.
    public var text: LocalizedText {
        switch self {
        case .string: return LocalizedText(zh: "文字（字符串）", en: "a string")
        case .integer: return LocalizedText(zh: "整数", en: "an integer")
        case .float: return LocalizedText(zh: "小数", en: "a float")
        case .boolean: return LocalizedText(zh: "是非值（true/false）", en: "a boolean")
        case .date: return LocalizedText(zh: "日期", en: "a date")
        case .array: return LocalizedText(zh: "数组（[…]）", en: "an array")
        case .table: return LocalizedText(zh: "表（[…] 小节）", en: "a table")
        }
    }
}

extension TOMLError {
    /// What is wrong with a TOML text, with the parts a message names.
    public enum Kind: Sendable, Equatable {
        case unexpectedTextAfterValue
        case arraysOfTablesUnsupported
        case expectedHeaderClose
        case expectedEquals(key: String)
        case dottedKeyTooLong(parts: Int)
        case unquotedNonASCIIKey(start: String)
        case expectedKey
        case tableDefinedTwice(table: String, firstLine: Int)
        case keyDefinedTwice(key: String)
        case valueIsNotATable(key: String)
        case expectedValue
        case nestedTooDeep(levels: Int)
        case multiLineStringUnsupported
        case unterminatedString
        case badUnicodeEscape
        case unknownEscape(String)
        case expectedArraySeparator
        case expectedInlineEquals
        case expectedInlineSeparator
        case notAValue(String)

        public var text: LocalizedText {
            switch self {
            case .unexpectedTextAfterValue:
                return LocalizedText(zh: "值后面还有多余的文字（一行只写一个 键 = 值）", en: "unexpected text after the value")
            case .arraysOfTablesUnsupported:
                return LocalizedText(zh: "不支持 [[…]] 形式的表数组", en: "arrays of tables ([[…]]) are not supported here")
            case .expectedHeaderClose:
                return LocalizedText(zh: "小节标题缺少右方括号 ]", en: "expected ] to close the table header")
            case .expectedEquals(let key):
                return LocalizedText(zh: "键 \(key) 后面应有等号 =", en: "expected = after the key \(key)")
            case .dottedKeyTooLong(let parts):
                return LocalizedText(zh: "带点的键超过 \(parts) 段", en: "a dotted key of more than \(parts) parts")
            case .unquotedNonASCIIKey(let start):
                return LocalizedText(zh: "含中文等非英文字符的键要加英文双引号：\"\(start)…\" = …",
                                     en: "a key with Chinese or other non-ASCII text must be quoted: \"\(start)…\" = …")
            case .expectedKey:
                return LocalizedText(zh: "这里应是一个键（键 = 值）", en: "expected a key")
            case .tableDefinedTwice(let table, let firstLine):
                return LocalizedText(zh: "小节 [\(table)] 写了两次（第一次在第 \(firstLine) 行）",
                                     en: "the table [\(table)] is defined twice (first on line \(firstLine))")
            case .keyDefinedTwice(let key):
                return LocalizedText(zh: "键 \(key) 写了两次", en: "the key \(key) is defined twice")
            case .valueIsNotATable(let key):
                return LocalizedText(zh: "\(key) 已是一个值，不能再作为小节", en: "\(key) is a value, not a table")
            case .expectedValue:
                return LocalizedText(zh: "等号后面应有一个值", en: "expected a value")
            case .nestedTooDeep(let levels):
                return LocalizedText(zh: "数组和内联表嵌套超过 \(levels) 层", en: "arrays and inline tables nested more than \(levels) deep")
            case .multiLineStringUnsupported:
                return LocalizedText(zh: "不支持多行文字（\"\"\"…\"\"\"）", en: "multi-line strings are not supported here")
            case .unterminatedString:
                return LocalizedText(zh: "文字缺少结尾的引号", en: "unterminated string")
            case .badUnicodeEscape:
                return LocalizedText(zh: "\\u 转义有误", en: "bad \\u escape")
            case .unknownEscape(let e):
                return LocalizedText(zh: "无法识别的转义 \\\(e)（路径中的反斜杠请写成 \\\\ 或用单引号）", en: "unknown escape \\\(e)")
            case .expectedArraySeparator:
                return LocalizedText(zh: "数组中应有逗号 , 或右方括号 ]", en: "expected , or ] in the array")
            case .expectedInlineEquals:
                return LocalizedText(zh: "内联表中应有等号 =", en: "expected = in the inline table")
            case .expectedInlineSeparator:
                return LocalizedText(zh: "内联表中应有逗号 , 或右花括号 }", en: "expected , or } in the inline table")
            case .notAValue(let word):
                return LocalizedText(zh: "“\(word)”不是一个值（文字要加英文双引号）", en: "'\(word)' is not a value (strings need quotes)")
            }
        }
    }
}
