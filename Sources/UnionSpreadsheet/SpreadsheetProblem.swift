// Why a workbook, or one of its parts, cannot be read: each becomes F01 (or F09) with its kind and details.
import UnionCore

public enum SpreadsheetProblem: Error, Equatable, Sendable {
    /// An Office file protected by a password (OLE2 with an EncryptedPackage, or a BIFF FILEPASS).
    case encrypted
    /// The ZIP package cannot be opened or one of its parts cannot be inflated.
    case damagedPackage(reason: String)
    /// A part the format needs is not in the package.
    case missingPart(String)
    /// A part that inflates past both 100× its compressed size and 256 MiB.
    case zipBomb(part: String)
    /// A part that is not well-formed XML.
    case badXML(part: String, line: Int, reason: String)
    /// A part with a document type declaration (external entities, entity expansion).
    case doctype
    case doctypeIn(part: String)
    /// A cell names a shared string that is not in the table.
    case sharedStringOutOfRange(sheet: String, cell: String, index: Int)
    /// A cell reference past Excel's last row or column (XFD1048576).
    case cellOutOfRange(sheet: String, cell: String)
    /// libfreexl could not read the .xls file (its error code).
    case xlsUnreadable(code: Int32)

    func `in`(_ part: String) -> SpreadsheetProblem {
        if case .doctype = self { return .doctypeIn(part: part) }
        return self
    }

    /// The F01 finding it becomes.
    public var finding: FileFinding {
        switch self {
        case .encrypted: return .encrypted
        case .damagedPackage(let reason): return .damaged(detail: reason)
        case .missingPart(let part): return .damaged(detail: "missing part " + part)
        case .zipBomb(let part): return .zipBomb(part: part)
        case .badXML(let part, let line, let reason): return .damaged(detail: "\(part) line \(line): \(reason)")
        case .doctype: return .doctype(part: "?")
        case .doctypeIn(let part): return .doctype(part: part)
        case .sharedStringOutOfRange(let sheet, let cell, let index): return .missingSharedString(sheet: sheet, cell: cell, index: index)
        case .cellOutOfRange(let sheet, let cell): return .cellOutOfRange(sheet: sheet, cell: cell)
        case .xlsUnreadable(let code): return .damaged(detail: "libfreexl error \(code)")
        }
    }
}
