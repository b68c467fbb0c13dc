// .ods: content.xml's tables row by row, with repeated rows and cells expanded only where they hold
// values (Calc writes 1024 empty columns and a million empty rows as single repeated elements).
import Foundation

struct ODSReader {
    let package: PackageParts

    func transcode(into folder: String) throws -> [TranscodedSheet] {
        let handler = try package.parse("content.xml") { ODSContentHandler(folder: folder) }
        if let error = handler.writeError { throw error }
        return handler.sheets
    }
}

final class ODSContentHandler: XMLEventHandler {
    private let folder: String
    private(set) var sheets: [TranscodedSheet] = []
    private(set) var writeError: Error?

    /// Table styles that hide a sheet (`table:display="false"`).
    private var hiddenTableStyles: Set<String> = []
    private var styleName: String?

    private var writer: SheetCSVWriter?
    private var sheetName = ""
    private var sheetHidden = false
    private var hiddenRows = 0
    private var tableDepth = 0

    /// The next row's number (1-based) and how many rows the current row element stands for.
    private var nextRow = 1
    private var rowRepeat = 1
    private var rowHidden = false
    private var rowCells: [(column: Int, text: [UInt8], down: Int)] = []
    private var nextColumn = 1

    // The current cell.
    private var inCell = false
    private var cellRepeat = 1
    private var cellValue: [UInt8]?
    private var cellDown = 1
    private var isStringCell = false
    private var paragraphs = 0
    private var inParagraph = 0
    private var text: [UInt8] = []

    init(folder: String) { self.folder = folder }

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        let local = XMLLocal(name)
        if inCell {
            if local.is("p") || local.is("h") {
                if paragraphs > 0 { text.append(0x0A) }
                paragraphs += 1
                inParagraph += 1
            } else if local.is("s") {
                text.append(contentsOf: repeatElement(0x20, count: min(attributes.int("c") ?? 1, 1024)))
            } else if local.is("tab") {
                text.append(0x09)
            } else if local.is("line-break") {
                text.append(0x0A)
            } else if local.is("annotation") {
                // A comment's text is not the cell's.
                inParagraph -= 1_000_000
            }
            return
        }
        if local.is("table-cell") || local.is("covered-table-cell") {
            guard writer != nil else { return }
            inCell = true
            cellRepeat = max(1, min(attributes.int("number-columns-repeated") ?? 1, SheetCSVWriter.maxColumns))
            cellDown = local.is("table-cell") ? max(1, attributes.int("number-rows-spanned") ?? 1) : 1
            text.removeAll(keepingCapacity: true)
            paragraphs = 0
            inParagraph = 0
            cellValue = nil
            isStringCell = false
            if local.is("covered-table-cell") { return }
            switch attributes.string("value-type") {
            case "float", "percentage", "currency":
                if let v = attributes.value("value") {
                    let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(v).assumingMemoryBound(to: UInt8.self), count: strlen(v)))
                    cellValue = CellText.isPlainShortNumber(bytes) ? bytes : CellText.number(bytes)
                }
            case "date":
                if let v = attributes.string("date-value") { cellValue = Array(v.utf8.prefix(10)) }
            case "boolean":
                if let v = attributes.string("boolean-value") { cellValue = Array((v == "true" ? "TRUE" : "FALSE").utf8) }
            case nil:
                break
            default:
                // string, time: the text Calc shows.
                isStringCell = true
            }
        } else if local.is("table-row") {
            guard writer != nil else { return }
            rowRepeat = max(1, attributes.int("number-rows-repeated") ?? 1)
            let visibility = attributes.string("visibility")
            rowHidden = visibility == "collapse" || visibility == "filter"
            rowCells.removeAll(keepingCapacity: true)
            nextColumn = 1
        } else if local.is("table") {
            tableDepth += 1
            // A table inside a cell (rare) is not a sheet.
            guard tableDepth == 1 else { return }
            sheetName = attributes.string("name") ?? "Sheet\(sheets.count + 1)"
            sheetHidden = attributes.string("style-name").map { hiddenTableStyles.contains($0) } ?? false
            hiddenRows = 0
            nextRow = 1
            do {
                writer = try SheetCSVWriter(path: folder + "/sheet-\(sheets.count + 1).csv")
            } catch {
                writeError = error
                fail(.damagedPackage(reason: "cannot write a sheet"))
            }
        } else if local.is("style") {
            styleName = attributes.string("family") == "table" ? attributes.string("name") : nil
        } else if local.is("table-properties") {
            if let styleName, attributes.string("display") == "false" { hiddenTableStyles.insert(styleName) }
        }
    }

    override func end(_ name: UnsafePointer<CChar>) {
        let local = XMLLocal(name)
        if inCell {
            if local.is("p") || local.is("h") { inParagraph -= 1; return }
            if local.is("annotation") { inParagraph += 1_000_000; return }
            guard local.is("table-cell") || local.is("covered-table-cell") else { return }
            inCell = false
            let value = isStringCell ? (text.isEmpty ? nil : text) : cellValue
            if let value {
                for k in 0..<cellRepeat where nextColumn + k <= SheetCSVWriter.maxColumns {
                    rowCells.append((nextColumn + k, value, cellDown))
                }
            }
            nextColumn += cellRepeat
            return
        }
        if local.is("table-row") {
            guard let writer else { return }
            if !rowCells.isEmpty {
                if rowHidden { hiddenRows += min(rowRepeat, SheetCSVWriter.maxRows) }
                var r = nextRow
                while r < nextRow + rowRepeat && r <= SheetCSVWriter.maxRows {
                    for c in rowCells {
                        if c.down > 1 && r == nextRow { writer.fillDown(column: c.column, fromRow: r, toRow: r + c.down - 1, value: c.text) }
                        writer.cell(row: r, column: c.column, c.text)
                    }
                    r += 1
                }
            }
            nextRow += rowRepeat
        } else if local.is("table") {
            tableDepth -= 1
            guard tableDepth == 0, let writer else { return }
            do {
                try writer.finish()
            } catch {
                writeError = error
                fail(.damagedPackage(reason: "cannot write a sheet"))
                return
            }
            sheets.append(TranscodedSheet(name: sheetName, hidden: sheetHidden, hiddenRows: hiddenRows, csvPath: writer.path,
                                          cells: writer.cellCount, notes: []))
            self.writer = nil
        } else if local.is("style") {
            styleName = nil
        }
    }

    override func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inCell && inParagraph > 0 && isStringCell { text.append(contentsOf: bytes) }
    }
}
