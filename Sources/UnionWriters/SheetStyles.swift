// The formats every workbook uses, and a table writer that tracks column widths for CJK text.
import UnionCore
import Xlsx

/// Fill colours of failing cells (Calc's own "bad" and "neutral" cell styles).
enum Fill {
    static let error: UInt32 = 0xFFC7CE
    static let warning: UInt32 = 0xFFEB9C
    static let header: UInt32 = 0xDDEBF7
}

/// The formats of one workbook, made once.
final class SheetStyles {
    let header: Format
    let text: Format
    let integer: Format
    let money: Format
    let date: Format
    let totalLabel: Format
    let totalInteger: Format
    let totalMoney: Format
    let title: Format
    let link: Format
    let wrapped: Format
    private let workbook: Workbook
    private var variants: [CellFormat: Format] = [:]

    static let moneyFormat = "#,##0.00"
    static let dateFormat = "yyyy-mm-dd"

    init(_ workbook: Workbook) {
        self.workbook = workbook
        header = workbook.format(CellFormat(bold: true, fillColor: Fill.header, verticalAlign: .center, border: true))
        text = workbook.format(CellFormat(numberFormat: "@"))
        integer = workbook.format(CellFormat(numberFormat: "0"))
        money = workbook.format(CellFormat(numberFormat: SheetStyles.moneyFormat))
        date = workbook.format(CellFormat(numberFormat: SheetStyles.dateFormat, horizontalAlign: .left))
        totalLabel = workbook.format(CellFormat(bold: true))
        totalInteger = workbook.format(CellFormat(bold: true, numberFormat: "0"))
        totalMoney = workbook.format(CellFormat(bold: true, numberFormat: SheetStyles.moneyFormat))
        title = workbook.format(CellFormat(bold: true, fontSize: 14))
        link = workbook.format(CellFormat(fontColor: 0x0563C1, underline: true))
        wrapped = workbook.format(CellFormat(wrap: true, verticalAlign: .top))
    }

    /// `base` with a fill colour (a failing cell keeps its number or date format).
    func filled(_ base: CellFormat, _ color: UInt32) -> Format {
        var spec = base
        spec.fillColor = color
        if let f = variants[spec] { return f }
        let f = workbook.format(spec)
        variants[spec] = f
        return f
    }
}

/// How wide text shows: CJK and other wide characters count two.
func displayWidth(_ text: String) -> Int {
    var width = 0
    for scalar in text.unicodeScalars {
        let v = scalar.value
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
        width += wide ? 2 : 1
    }
    return width
}

/// Writes a table's cells and remembers how wide each column must be.
final class TableWriter {
    let sheet: Worksheet
    let styles: SheetStyles
    private(set) var widths: [Int] = []
    /// Widths stop growing past this (long notes wrap instead).
    var maximumWidth = 50
    /// Rows whose text is measured for the column widths: a sample is enough, and measuring
    /// every cell of a million rows is not free.
    var measuredRows = 2_000

    init(_ sheet: Worksheet, _ styles: SheetStyles) {
        self.sheet = sheet
        self.styles = styles
    }

    func note(_ column: Int, width: Int) {
        while widths.count <= column { widths.append(0) }
        widths[column] = max(widths[column], min(width, maximumWidth))
    }

    /// Without a format of its own, a text cell gets the text format "@" only where a clerk typing it again
    /// would get something else: a number, a date, a formula, TRUE. Text that starts with a Chinese (or any
    /// non-ASCII) character cannot be read so, and goes without: a style less on most cells of a sheet,
    /// and an empty cell is not written at all.
    func text(_ value: String, _ row: Int, _ column: Int, _ format: Format? = nil) throws {
        let cut = Worksheet.truncatedToCellLimit(value)
        let retypedAsSomethingElse = cut.unicodeScalars.first.map { $0.isASCII } ?? false
        try sheet.write(cut, row: row, column: column, format: format ?? (retypedAsSomethingElse ? styles.text : nil))
        if row <= measuredRows {
            note(column, width: displayWidth(cut.utf8.count > 200 ? String(cut.prefix(100)) : cut))
        }
    }

    func integer(_ value: Int, _ row: Int, _ column: Int, _ format: Format? = nil) throws {
        try sheet.write(number: Double(value), row: row, column: column, format: format ?? styles.integer)
        if row <= measuredRows { note(column, width: String(value).count) }
    }

    func money(_ value: Money, _ row: Int, _ column: Int, _ format: Format? = nil) throws {
        try sheet.write(number: value.yuanDouble, row: row, column: column, format: format ?? styles.money)
        if row <= measuredRows { note(column, width: value.yuanFixed2.count + value.yuanFixed2.count / 4) }
    }

    func date(_ value: Day, _ row: Int, _ column: Int, _ format: Format? = nil) throws {
        try sheet.write(date: (value.year, value.month, value.day), row: row, column: column, format: format ?? styles.date)
        if row <= measuredRows { note(column, width: 10) }
    }

    /// A formula whose computed value is stored, so Calc shows it without recalculating.
    func formula(_ formula: String, value: Double, _ row: Int, _ column: Int, _ format: Format) throws {
        try sheet.write(formula: formula, cachedValue: value, row: row, column: column, format: format)
        note(column, width: 10)
    }

    func header(_ titles: [String], _ row: Int, firstColumn: Int = 0) throws {
        for (i, t) in titles.enumerated() {
            try sheet.write(t, row: row, column: firstColumn + i, format: styles.header)
            note(firstColumn + i, width: displayWidth(t) + 3)  // room for the filter button
        }
    }

    /// Column widths, and the frozen, filtered, printable header of a table sheet.
    func finish(headerRow: Int, lastRow: Int, lastColumn: Int, filter: Bool = true) throws {
        for (column, w) in widths.enumerated() {
            // CJK glyphs of the fallback fonts run a little wider than two digits.
            try sheet.setColumn(column, column, width: (Double(max(w, 4)) * 1.15 + 2).rounded())
        }
        sheet.freezePanes(row: headerRow + 1, column: 0)
        if filter && lastColumn >= 0 {
            try sheet.autofilter(firstRow: headerRow, firstColumn: 0, lastRow: max(lastRow, headerRow), lastColumn: lastColumn)
        }
        sheet.pageSetup(landscape: true, paperA4: true, repeatRows: headerRow...headerRow, fitToWidth: true)
    }
}
