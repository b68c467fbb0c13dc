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

    /// The cell as written, masked when it is in an ID or phone column or holds one anywhere (§7.1).
    public func value(_ f: Finding) -> String {
        guard let v = f.value else { return "" }
        guard mask else { return v }
        switch f.field?.kind {
        case .idNumber?: return IDNumber.mask(v)
        case .phone?: return PhoneNumber.mask(v)
        default: return PatternMask.mask(v)
        }
    }

    /// The finding's field as a column title in Chinese (身份证号), as its key in English (id_number); issues.csv keeps the key.
    public func fieldName(_ f: Finding) -> String {
        guard let field = f.field else { return "" }
        return LocalizedText(zh: field.chineseTitle, en: field.key).text(language)
    }

    public func message(_ f: Finding) -> String {
        var shown = f
        shown.value = value(f)
        let text = RuleCatalog.message(shown, language)
        // Arguments (a name, a note, another row's cell) may hold an ID or a phone too.
        return mask ? PatternMask.mask(text) : text
    }

    public func hint(_ f: Finding) -> String {
        let text = RuleCatalog.hint(f, language)
        return mask ? PatternMask.mask(text) : text
    }

    public func severityWord(_ s: Severity) -> String {
        (s == .error ? WriterText.errorWord : WriterText.warningWord).text(language)
    }

    /// `file:row:column: rule: message`, the line standard error shows for a finding.
    public func line(_ f: Finding) -> String {
        var place = f.file
        if let r = f.row { place += ":" + String(r) }
        if f.column != nil { place += ":" + columnLetter(f) }
        // Cell text and file names never drive the terminal: control characters are replaced.
        return TerminalText.safe(place + ": " + f.rule.rawValue + ": " + message(f))
    }
}

/// Text that a spreadsheet would read as a formula (OWASP CSV injection): `=`, `+`, `-`, `@`, tab, CR.
public func looksLikeFormula(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first else { return false }
    return first == "=" || first == "+" || first == "-" || first == "@" || first == "\t" || first == "\r"
}
