// .xlsx: the package's workbook, relationships, styles and shared strings, then each worksheet row by row.
import CWorksheetCells
import Foundation

/// Reads the parts an .xlsx sheet needs and writes each worksheet as CSV.
struct XLSXReader {
    let package: PackageParts
    /// Threads for parsing a large sheet in pieces; nil: one parser per sheet.
    let threads: SheetThreads?

    struct SheetEntry {
        let name: String
        let hidden: Bool
        let part: String
    }

    func transcode(into folder: String) throws -> [TranscodedSheet] {
        let workbookPart = try officeDocument()
        let relsPart = PartPath.relationships(of: workbookPart)
        let workbook = WorkbookHandler()
        try package.parse(workbookPart, with: workbook)
        let rels = RelationshipsHandler()
        if package.contains(relsPart) { try package.parse(relsPart, with: rels) }
        let base = PartPath.folder(of: workbookPart)

        var dateStyles: [Bool] = []
        if let stylesTarget = rels.targets(ofType: "/styles").first {
            let styles = StylesHandler()
            let part = PartPath.resolve(stylesTarget, from: base)
            if package.contains(part) { try package.parse(part, with: styles) }
            dateStyles = styles.dateStyles
        }
        var strings = SharedStrings()
        if let stringsTarget = rels.targets(ofType: "/sharedStrings").first {
            let part = PartPath.resolve(stringsTarget, from: base)
            if package.contains(part) {
                strings = try package.readSharedStrings(part, threads: threads)
            }
        }

        var result: [TranscodedSheet] = []
        for (i, sheet) in workbook.sheets.enumerated() {
            // Chart sheets and dialog sheets hold no rows: only worksheets are inputs.
            guard let target = rels.byID[sheet.relationshipID], target.type.hasSuffix("/worksheet") else { continue }
            let part = PartPath.resolve(target.target, from: base)
            let csvPath = folder + "/sheet-\(i + 1).csv"
            func read(merges: [Int: Int]?) throws -> WorksheetHandler {
                try package.readWorksheet(part, into: {
                    WorksheetHandler(sheet: sheet.name, strings: strings, dateStyles: dateStyles,
                                     base1904: workbook.date1904, writer: try SheetCSVWriter(path: csvPath), merges: merges)
                }, threads: threads)
            }
            var handler = try read(merges: nil)
            // Merges are listed after the rows: a sheet with values merged down is read once more knowing them.
            let down = handler.mergesDown
            if !down.isEmpty { handler = try read(merges: down) }
            try handler.writer.finish()
            result.append(TranscodedSheet(name: sheet.name, hidden: sheet.hidden, hiddenRows: handler.hiddenRows,
                                          csvPath: csvPath, cells: handler.writer.cellCount, notes: []))
        }
        return result
    }

    /// The workbook part the package's relationships name (xl/workbook.xml in every writer seen).
    private func officeDocument() throws -> String {
        let rels = RelationshipsHandler()
        if package.contains("_rels/.rels") { try package.parse("_rels/.rels", with: rels) }
        if let target = rels.targets(ofType: "/officeDocument").first {
            let part = PartPath.resolve(target, from: "")
            if package.contains(part) { return part }
        }
        guard package.contains("xl/workbook.xml") else { throw SpreadsheetProblem.missingPart("xl/workbook.xml") }
        return "xl/workbook.xml"
    }
}

/// Part names inside a package.
enum PartPath {
    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    static func relationships(of part: String) -> String {
        let folder = folder(of: part)
        return folder + "_rels/" + part.dropFirst(folder.count) + ".rels"
    }

    /// A relationship target: absolute (`/xl/worksheets/sheet1.xml`) or relative to `base`, with `..` resolved.
    static func resolve(_ target: String, from base: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : base + target
        var parts: [Substring] = []
        for p in joined.split(separator: "/") {
            if p == ".." { _ = parts.popLast() } else if p != "." { parts.append(p) }
        }
        return parts.joined(separator: "/")
    }
}

// MARK: Handlers of the small parts

final class RelationshipsHandler: XMLEventHandler {
    struct Target { let type: String; let target: String }
    private(set) var byID: [String: Target] = [:]
    private var order: [String] = []

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        guard XMLName.local(name, is: "Relationship"), let id = attributes.string("Id"),
              let type = attributes.string("Type"), let target = attributes.string("Target") else { return }
        if byID[id] == nil { order.append(id) }
        byID[id] = Target(type: type, target: target)
    }

    func targets(ofType suffix: String) -> [String] {
        order.compactMap { byID[$0] }.filter { $0.type.hasSuffix(suffix) }.map(\.target)
    }
}

final class WorkbookHandler: XMLEventHandler {
    struct Sheet { let name: String; let hidden: Bool; let relationshipID: String }
    private(set) var sheets: [Sheet] = []
    private(set) var date1904 = false

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        if XMLName.local(name, is: "sheet") {
            guard let sheetName = attributes.string("name"), let id = attributes.string("id") else { return }
            let state = attributes.string("state")
            sheets.append(Sheet(name: sheetName, hidden: state == "hidden" || state == "veryHidden", relationshipID: id))
        } else if XMLName.local(name, is: "workbookPr") {
            if let v = attributes.string("date1904") { date1904 = v == "1" || v == "true" }
        }
    }
}

/// Which cell styles (cellXfs, by index) show a date.
final class StylesHandler: XMLEventHandler {
    private var customDate: [Int: Bool] = [:]
    private var inCellXfs = false
    private(set) var dateStyles: [Bool] = []

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        if XMLName.local(name, is: "numFmt") {
            if let id = attributes.int("numFmtId"), let code = attributes.string("formatCode") {
                customDate[id] = CellText.isDateFormat(code)
            }
        } else if XMLName.local(name, is: "cellXfs") {
            inCellXfs = true
        } else if inCellXfs && XMLName.local(name, is: "xf") {
            let id = attributes.int("numFmtId") ?? 0
            dateStyles.append(customDate[id] ?? CellText.isBuiltInDateFormat(id))
        }
    }

    override func end(_ name: UnsafePointer<CChar>) {
        if XMLName.local(name, is: "cellXfs") { inCellXfs = false }
    }
}

/// The shared strings of a workbook, held as one byte buffer and offsets: a string costs its bytes and 4.
final class SharedStrings: PieceReader {
    /// A large part is cut into pieces at `<si`.
    var parser: @Sendable () -> OpaquePointer? { { wc_strings_create() } }
    var cut: PieceCut { .sharedString }

    private(set) var bytes: [UInt8] = []
    private(set) var ends: [UInt32] = []
    var count: Int { ends.count }

    func append(_ text: [UInt8]) {
        bytes += text
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    /// The WC_STRING records of a batch (worksheet_cells.h), in order; at a WC_JOIN, `join` reads the piece
    /// parsed apart that goes there.
    func read(_ batch: wc_batch, join: () throws -> Void) throws {
        guard batch.count > 0 else { return }
        for record in UnsafeBufferPointer(start: batch.records, count: batch.count) {
            if record.kind == UInt8(WC_JOIN.rawValue) { try join(); continue }
            guard record.kind == UInt8(WC_STRING.rawValue) else { continue }
            let start = Int(record.start), length = Int(record.length)
            guard bytes.count + length <= Int(UInt32.max) else {
                throw SpreadsheetProblem.damagedPackage(reason: "shared strings past 4 GiB")
            }
            // A batch of empty strings alone has no text buffer at all.
            if length > 0, let text = batch.text { bytes.append(contentsOf: UnsafeBufferPointer(start: text + start, count: length)) }
            ends.append(UInt32(bytes.count))
        }
    }

    func withString<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = i == 0 ? 0 : Int(ends[i - 1])
        let end = Int(ends[i])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}
