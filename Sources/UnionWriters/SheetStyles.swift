// The formats every workbook uses, and a table writer that tracks column widths for CJK text.
import UnionCore
import UnionRules
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
    /// The page header and footer of every sheet; nil keeps the plain print setup (`convert`).
    var page: PageLabels?
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

    /// `base` wrapping its text within the column, top-aligned.
    func wrapping(_ base: CellFormat) -> Format {
        var spec = base
        spec.wrap = true
        spec.verticalAlign = .top
        if let f = variants[spec] { return f }
        let f = workbook.format(spec)
        variants[spec] = f
        return f
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

/// What the header and footer of every printed page say (SPEC §4.1): unit, year and as-of date
/// above; the file name and "page N of M" below.
struct PageLabels {
    let header: [String]
    let pageWords: [String]

    init(unit: String, year: Int, asOf: Day, language: Language) {
        header = WriterText.Page.header(unit: unit, year: year, asOf: asOf).text(language)
        pageWords = WriterText.Page.pageWords.text(language)
    }
}

/// Printing on A4 landscape (SPEC §4.1): the usable width of the page, and the smallest scale allowed.
enum PrintPage {
    /// 297 mm less libxlsxwriter's default margins of 0.7 inch each side, in points.
    /// (Less 2% for Calc's rounding of column widths.)
    static let usableWidth = (841.9 - 2 * 0.7 * 72) * 0.98
    /// Below this, Calc's 11-point text prints under 9 points high.
    static let minimumScale = 75
    /// Column widths stop here when printed (longer text wraps, or is cut in the checked workbooks).
    static let columnCap = 40

    /// A column of `width` characters in points as Calc prints it (measured: about 7.05 points a character
    /// with its default fonts, wider than Excel's 7 pixels).
    /// libxlsxwriter stores a width `w` as `w + 0.71` (Excel's padding).
    static func points(_ width: Double) -> Double { (width + 0.71) * 7.05 }

    /// The largest scale, from 75 to 100%, at which the columns fit the page's width; 75% when none does
    /// (the table then continues on pages to the right, its first columns repeated).
    static func scale(columnWidths: [Double]) -> Int {
        let total = columnWidths.map(points).reduce(0, +)
        guard total > 0 else { return 100 }
        return min(100, max(minimumScale, Int((usableWidth * 100 / total).rounded(.down))))
    }

    /// How many columns of its own each page across holds at `scale`, the first `repeated` columns printed
    /// again on every page after the first (as Calc lays them out: as many whole columns as fit).
    static func columnsPerPage(_ widths: [Double], repeated: Int, scale: Int) -> [Int] {
        // The page's full width here: Calc fills it to the last whole column (measured), unlike the fitting
        // estimate above, which keeps 2% in hand.
        let room = (841.9 - 2 * 0.7 * 72) * 100 / Double(scale)
        let titles = widths.prefix(repeated).map(points).reduce(0, +)
        var pages: [Int] = []
        var used = 0.0, count = 0
        for (i, w) in widths.enumerated() {
            let width = points(w)
            if count > 0 && used + width > room {
                pages.append(count)
                used = titles
                count = 0
            }
            used += width
            if i >= repeated || pages.isEmpty { count += 1 }
        }
        if count > 0 { pages.append(count) }
        return pages
    }

    /// `scale`, or the nearest other from 75 to 100% (smaller ones first) at which no page across holds a
    /// single column of its own (SPEC §4.1: no page one column wide).
    static func avoidingLoneColumns(_ widths: [Double], repeated: Int, scale: Int) -> Int {
        let candidates = Array(stride(from: scale, through: minimumScale, by: -1)) + Array((scale + 1)...max(scale + 1, 100))
        for candidate in candidates where candidate <= 100 {
            let pages = columnsPerPage(widths, repeated: repeated, scale: candidate)
            // Three by this estimate: Calc may fit one column more on the page before.
            if pages.count == 1 || pages.last! >= 3 { return candidate }
        }
        return scale
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
    /// The last row written, for the page layout.
    private(set) var lastWrittenRow = 0
    /// Rows that start a printed page: each table after the first on a sheet of short tables.
    var pageBreaks: [Int] = []
    /// Whether the header row repeats on every page: only a sheet that holds one table has print titles.
    var printTitles = true
    /// Leading columns repeated on each page to the right (the label column; 状态, 问题, 行号).
    var repeatedColumns = 1
    /// Columns printed when fewer than those written (data kept beside the tables for the charts).
    var printedColumns: Int?
    /// A sheet whose pages hold tall charts prints smaller, so a table and its chart share a page.
    var largestScale = 100
    /// The checked workbooks cut a long cell's shown text at the print area; summary tables wrap it.
    var cutsLongText = false
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
        let width = row <= measuredRows || styles.page != nil
            ? displayWidth(cut.utf8.count > 200 ? String(cut.prefix(100)) : cut) : 0
        var chosen = format ?? (retypedAsSomethingElse ? styles.text : nil)
        if format == nil, styles.page != nil, !cutsLongText, width > PrintPage.columnCap || cut.contains("\n") {
            chosen = styles.wrapping(retypedAsSomethingElse ? CellFormat(numberFormat: "@") : CellFormat())
        }
        try sheet.write(cut, row: row, column: column, format: chosen)
        lastWrittenRow = max(lastWrittenRow, row)
        if row <= measuredRows { note(column, width: width) }
    }

    func integer(_ value: Int, _ row: Int, _ column: Int, _ format: Format? = nil) throws {
        try sheet.write(number: Double(value), row: row, column: column, format: format ?? styles.integer)
        lastWrittenRow = max(lastWrittenRow, row)
        if row <= measuredRows { note(column, width: String(value).count) }
    }

    func money(_ value: Money, _ row: Int, _ column: Int, _ format: Format? = nil) throws {
        try sheet.write(number: value.yuanDouble, row: row, column: column, format: format ?? styles.money)
        lastWrittenRow = max(lastWrittenRow, row)
        if row <= measuredRows { note(column, width: value.yuanFixed2.count + value.yuanFixed2.count / 4) }
    }

    func date(_ value: Day, _ row: Int, _ column: Int, _ format: Format? = nil) throws {
        try sheet.write(date: (value.year, value.month, value.day), row: row, column: column, format: format ?? styles.date)
        lastWrittenRow = max(lastWrittenRow, row)
        if row <= measuredRows { note(column, width: 10) }
    }

    /// A formula whose computed value is stored, so Calc shows it without recalculating.
    func formula(_ formula: String, value: Double, _ row: Int, _ column: Int, _ format: Format) throws {
        try sheet.write(formula: formula, cachedValue: value, row: row, column: column, format: format)
        lastWrittenRow = max(lastWrittenRow, row)
        note(column, width: 10)
    }

    /// A table's title row: bold, and not measured, so the label column keeps the width of its labels.
    func caption(_ title: String, _ row: Int) throws {
        try sheet.write(title, row: row, column: 0, format: styles.totalLabel)
        lastWrittenRow = max(lastWrittenRow, row)
    }

    func header(_ titles: [String], _ row: Int, firstColumn: Int = 0) throws {
        for (i, t) in titles.enumerated() {
            try sheet.write(t, row: row, column: firstColumn + i, format: styles.header)
            lastWrittenRow = max(lastWrittenRow, row)
            note(firstColumn + i, width: displayWidth(t) + 3)  // room for the filter button
        }
    }

    /// Column widths, and the frozen, filtered, printable header of a table sheet.
    func finish(headerRow: Int, lastRow: Int, lastColumn: Int, filter: Bool = true) throws {
        var printed: [Double] = []
        for (column, w) in widths.enumerated() {
            // CJK glyphs of the fallback fonts run a little wider than two digits.
            let shown = styles.page == nil ? max(w, 4) : min(max(w, 4), PrintPage.columnCap)
            let width = (Double(shown) * 1.15 + 2).rounded()
            try sheet.setColumn(column, column, width: width)
            if column < (printedColumns ?? Int.max) { printed.append(width) }
        }
        // A sheet of several short tables has no one header to keep in view.
        if printTitles || styles.page == nil { sheet.freezePanes(row: headerRow + 1, column: 0) }
        if filter && lastColumn >= 0 {
            try sheet.autofilter(firstRow: headerRow, firstColumn: 0, lastRow: max(lastRow, headerRow), lastColumn: lastColumn)
        }
        guard let page = styles.page else {
            sheet.pageSetup(landscape: true, paperA4: true, repeatRows: headerRow...headerRow, fitToWidth: true)
            return
        }
        var setup = Worksheet.PrintSetup()
        setup.scale = min(PrintPage.scale(columnWidths: printed), largestScale)
        if printTitles { setup.repeatRows = headerRow...headerRow }
        let fits = printed.map(PrintPage.points).reduce(0, +) * Double(setup.scale ?? 100) / 100 <= PrintPage.usableWidth
        if !fits && repeatedColumns > 0 && lastColumn >= repeatedColumns {
            setup.repeatColumns = 0...(repeatedColumns - 1)
            setup.scale = PrintPage.avoidingLoneColumns(printed, repeated: repeatedColumns, scale: setup.scale ?? 100)
        }
        setup.header = page.header
        setup.footerFileName = true
        setup.pageWords = page.pageWords
        setup.rowBreaks = pageBreaks
        if cutsLongText && lastColumn >= 0 { setup.area = [0, 0, max(lastWrittenRow, lastRow, headerRow), lastColumn] }
        if let columns = printedColumns { setup.area = [0, 0, max(lastWrittenRow, lastRow, headerRow), columns - 1] }
        sheet.setPrint(setup)
    }
}
