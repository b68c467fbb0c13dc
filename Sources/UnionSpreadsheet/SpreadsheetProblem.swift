// Why a workbook, or one of its parts, cannot be read: each becomes F01 (or F09) with its kind and details.

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

    /// The F01 arguments: a kind, then its details.
    public var findingArguments: [String] {
        switch self {
        case .encrypted: return ["encrypted"]
        case .damagedPackage(let reason): return ["damaged", reason]
        case .missingPart(let part): return ["damaged", "missing part " + part]
        case .zipBomb(let part): return ["zipbomb", part]
        case .badXML(let part, let line, let reason): return ["damaged", "\(part) line \(line): \(reason)"]
        case .doctype: return ["doctype", "?"]
        case .doctypeIn(let part): return ["doctype", part]
        case .sharedStringOutOfRange(let sheet, let cell, let index): return ["sharedstring", sheet, cell, String(index)]
        case .cellOutOfRange(let sheet, let cell): return ["cellrange", sheet, cell]
        case .xlsUnreadable(let code): return ["damaged", "libfreexl error \(code)"]
        }
    }
}
