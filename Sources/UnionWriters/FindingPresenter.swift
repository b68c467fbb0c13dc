// How a finding is shown to the clerk: column letter, masked value, message and hint in the run's language.
import UnionCore
import UnionRules
import Xlsx

/// Which outputs mask ID numbers and phones (SPEC §4).
public enum MaskMode: String, Sendable {
    /// summary.xlsx, issues.csv and annual-report.txt masked; checked workbooks in full.
    case standard
    /// Nothing masked.
    case none
    /// The checked workbooks masked too.
    case all
}

public struct FindingPresenter: Sendable {
    public let language: Language
    public let mask: Bool

    public init(language: Language, mask: Bool) {
        self.language = language
        self.mask = mask
    }

    public func columnLetter(_ f: Finding) -> String { f.column.map(columnLetters) ?? "" }

    /// The cell as written, masked when it holds an ID number or a phone.
    public func value(_ f: Finding) -> String {
        guard let v = f.value else { return "" }
        guard mask, let field = f.field else { return v }
        switch field.kind {
        case .idNumber: return IDNumber.mask(v)
        case .phone: return PhoneNumber.mask(v)
        default: return v
        }
    }

    public func message(_ f: Finding) -> String {
        var shown = f
        shown.value = value(f)
        return RuleCatalog.message(shown, language)
    }

    public func hint(_ f: Finding) -> String { RuleCatalog.hint(f, language) }

    public func severityWord(_ s: Severity) -> String {
        switch (s, language) {
        case (.error, .zh): return "错误"
        case (.warning, .zh): return "警告"
        case (.error, .en): return "error"
        case (.warning, .en): return "warning"
        }
    }

    /// `file:row:column: rule: message`, the line standard error shows for a finding.
    public func line(_ f: Finding) -> String {
        var place = f.file
        if let r = f.row { place += ":" + String(r) }
        if f.column != nil { place += ":" + columnLetter(f) }
        return place + ": " + f.rule.rawValue + ": " + message(f)
    }
}

/// Text that a spreadsheet would read as a formula (OWASP CSV injection): `=`, `+`, `-`, `@`, tab, CR.
public func looksLikeFormula(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first else { return false }
    return first == "=" || first == "+" || first == "-" || first == "@" || first == "\t" || first == "\r"
}
