// Bilingual texts made of parts: joining two, or a list with a separator, in each language at once.
import UnionCore

extension LocalizedText {
    /// No text, in either language.
    public static let empty = LocalizedText(zh: "", en: "")

    /// The same text in both languages: a name, a number, a file as written.
    public init(verbatim text: String) {
        self.init(zh: text, en: text)
    }

    public static func + (a: LocalizedText, b: LocalizedText) -> LocalizedText {
        LocalizedText(zh: a.zh + b.zh, en: a.en + b.en)
    }
}

extension Array where Element == LocalizedText {
    /// Each language's texts joined with that language's separator.
    public func joined(separator: LocalizedText) -> LocalizedText {
        LocalizedText(zh: map(\.zh).joined(separator: separator.zh), en: map(\.en).joined(separator: separator.en))
    }

    /// The texts in `language`, in order: a header row, a list of labels.
    public func text(_ language: Language) -> [String] {
        map { $0.text(language) }
    }
}
