// What a file is by its bytes (SPEC §7.1), and a workbook's sheets transcoded to private CSV files.
import Foundation

/// The formats a workbook is read in; the raw value is the encoding reported for its sheets.
public enum WorkbookFormat: String, Sendable, Hashable {
    case xlsx = "XLSX"
    case xls = "XLS"
    case ods = "ODS"
}

/// One worksheet written as UTF-8 CSV in a private folder.
public struct TranscodedSheet: Sendable {
    public let name: String
    public let hidden: Bool
    public let hiddenRows: Int
    public let csvPath: String
    /// Cells with a value; 0 for an empty sheet.
    public let cells: Int
    public let notes: [String]
}

/// What a file's first bytes say it is.
public enum FileKind: Equatable, Sendable {
    case text
    case workbook(WorkbookFormat)
    /// OLE2 with an EncryptedPackage stream: a password-protected .xlsx.
    case encrypted
    /// HTML, as some systems and old Excel save "xls".
    case html
    /// A ZIP or OLE2 container that is no workbook (a .docx, a .doc), or another binary format: its name.
    case other(String)

    /// Classifies the file at `path` by its bytes. Throws only when it cannot be opened.
    public static func classify(path: String) -> FileKind {
        guard let f = fopen(path, "rb") else { return .text }
        defer { fclose(f) }
        var head = [UInt8](repeating: 0, count: 512)
        let n = fread(&head, 1, head.count, f)
        head.removeSubrange(n...)
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return zipKind(path: path)
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return OLE2Directory.kind(path: path)
        }
        if looksLikeHTML(head) { return .html }
        return .text
    }

    private static func zipKind(path: String) -> FileKind {
        // A ZIP whose directory cannot be read (cut short, damaged) is taken for the workbook it was meant
        // to be, so reading it says what is wrong (F01) rather than what it is not.
        guard let package = try? PackageParts(path: path) else { return .workbook(.xlsx) }
        if package.contains("mimetype"), let m = try? package.bytes("mimetype", limit: 256),
           String(decoding: m, as: UTF8.self).hasPrefix("application/vnd.oasis.opendocument.spreadsheet") {
            return .workbook(.ods)
        }
        if let types = try? package.bytes("[Content_Types].xml") {
            let text = String(decoding: types, as: UTF8.self)
            if text.contains("spreadsheetml.sheet.main") || text.contains("ms-excel.sheet.macroEnabled.main")
                || text.contains("spreadsheetml.template.main") || text.contains("ms-excel.template.macroEnabled.main") {
                return .workbook(.xlsx)
            }
            if text.contains("wordprocessingml") { return .other("Word (.docx)") }
            if text.contains("presentationml") { return .other("PowerPoint (.pptx)") }
        }
        if package.contains("xl/workbook.xml") { return .workbook(.xlsx) }
        return .other("ZIP")
    }

    private static func looksLikeHTML(_ head: [UInt8]) -> Bool {
        var start = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < head.count, head[start] == 0x20 || head[start] == 0x09 || head[start] == 0x0A || head[start] == 0x0D { start += 1 }
        let text = String(decoding: head[start...].prefix(64), as: UTF8.self).lowercased()
        return text.hasPrefix("<!doctype html") || text.hasPrefix("<html") || text.hasPrefix("<table")
            || (text.hasPrefix("<?xml") && String(decoding: head, as: UTF8.self).contains("urn:schemas-microsoft-com:office:spreadsheet"))
    }
}

public enum WorkbookTranscoder {
    /// Every worksheet of the workbook at `path` as CSV in `folder`, in the workbook's order. With `threads`
    /// a large .xlsx sheet is parsed by two parsers at once; without, by one.
    public static func transcode(path: String, format: WorkbookFormat, into folder: String,
                                 threads: SheetThreads? = nil) throws -> [TranscodedSheet] {
        switch format {
        case .xlsx: return try XLSXReader(package: PackageParts(path: path), threads: threads).transcode(into: folder)
        case .ods: return try ODSReader(package: PackageParts(path: path)).transcode(into: folder)
        case .xls: return try XLSReader(path: path).transcode(into: folder)
        }
    }
}
