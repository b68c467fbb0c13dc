// Worksheet: cells, column and row layout, panes, filters, printing, links and notes of one sheet.
import CXlsxWriter

/// One sheet of a `Workbook`. Rows and columns are zero-based, as in libxlsxwriter.
public final class Worksheet {
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384
    /// Excel's limit on the text of one cell, in characters.
    public static let maxStringLength = 32_767

    /// The name the sheet was given after sanitising (see `Workbook.addWorksheet`).
    public let name: String
    let pointer: UnsafeMutablePointer<lxw_worksheet>
    let core: WorkbookCore
    /// Its place among the workbook's sheets, from 1: the package part is `xl/worksheets/sheet<number>.xml`.
    let number: Int
    /// Kept because libxlsxwriter 1.1.4 accepts overlapping merges, which Excel rejects.
    private var mergedRanges: [SheetRange] = []

    init(name: String, pointer: UnsafeMutablePointer<lxw_worksheet>, core: WorkbookCore, number: Int) {
        self.name = name
        self.pointer = pointer
        self.core = core
        self.number = number
    }

    // MARK: Cell limits

    /// Whether `text` fits in one cell: at most 32,767 UTF-16 units (Excel's count)
    /// and Unicode scalars (libxlsxwriter's count).
    public static func fitsInCell(_ text: String) -> Bool {
        // Neither count can exceed the UTF-8 length, which native strings know at once.
        text.utf8.count <= maxStringLength
            || (text.utf16.count <= maxStringLength && text.unicodeScalars.count <= maxStringLength)
    }

    /// `text` cut at a character boundary so that it fits in one cell; unchanged if it fits.
    public static func truncatedToCellLimit(_ text: String) -> String {
        guard !fitsInCell(text) else { return text }
        var result = ""
        var utf16Count = 0
        var scalarCount = 0
        for character in text {
            let units = character.utf16.count
            let scalars = character.unicodeScalars.count
            guard utf16Count + units <= maxStringLength, scalarCount + scalars <= maxStringLength else { break }
            result.append(character)
            utf16Count += units
            scalarCount += scalars
        }
        return result
    }

    // MARK: Cells

    /// Writes `string` as a text cell, even when it starts with "=" (never a formula).
    /// An empty string writes a blank cell carrying `format`, or nothing without one.
    /// Throws if the text does not fit in a cell (see `truncatedToCellLimit`).
    public func write(_ string: String, row: Int, column: Int, format: Format? = nil) throws {
        func context() -> String { "writing text to \(cellName(row, column))" }
        let (sheet, cellRow, cellColumn, cellFormat) = try prepare(row, column, format, context)
        if string.isEmpty {
            // 1.1.4 misbehaves on empty strings in places; a blank cell is what we mean.
            if let cellFormat {
                try check(worksheet_write_blank(sheet, cellRow, cellColumn, cellFormat), context)
            }
            return
        }
        try checkFits(string, context)
        let error = XMLText.cell(string).withCString {
            worksheet_write_string(sheet, cellRow, cellColumn, $0, cellFormat)
        }
        try check(error, context)
    }

    /// Writes a number cell. NaN and infinities are refused: Excel cannot open them.
    public func write(number: Double, row: Int, column: Int, format: Format? = nil) throws {
        func context() -> String { "writing a number to \(cellName(row, column))" }
        let (sheet, cellRow, cellColumn, cellFormat) = try prepare(row, column, format, context)
        guard number.isFinite else { throw XlsxError.invalid(context() + ": \(number) is not a finite number") }
        try check(worksheet_write_number(sheet, cellRow, cellColumn, number, cellFormat), context)
    }

    /// Writes a formula with its computed value stored, so viewers that do not
    /// recalculate still show it. The leading "=" is optional.
    public func write(formula: String, cachedValue: Double, row: Int, column: Int, format: Format? = nil) throws {
        func context() -> String { "writing a formula to \(cellName(row, column))" }
        let (sheet, cellRow, cellColumn, cellFormat) = try prepare(row, column, format, context)
        guard !formula.isEmpty, formula != "=" else { throw XlsxError.invalid(context() + ": the formula is empty") }
        guard cachedValue.isFinite else {
            throw XlsxError.invalid(context() + ": cached value \(cachedValue) is not a finite number")
        }
        let error = formula.withCString {
            worksheet_write_formula_num(sheet, cellRow, cellColumn, $0, cellFormat, cachedValue)
        }
        try check(error, context)
    }

    /// Writes a date cell (an Excel serial day number); `format` supplies the date
    /// display, e.g. `CellFormat(numberFormat: "yyyy-mm-dd")`. Years 1900...9999.
    public func write(date: (year: Int, month: Int, day: Int), row: Int, column: Int, format: Format) throws {
        func context() -> String { "writing a date to \(cellName(row, column))" }
        let (sheet, cellRow, cellColumn, cellFormat) = try prepare(row, column, format, context)
        guard let day = CalendarDay(date, years: 1900...9999) else {
            throw XlsxError.invalid(context() + ": \(date.year)-\(date.month)-\(date.day) is not a date Excel can hold")
        }
        var datetime = lxw_datetime(year: Int32(day.year), month: Int32(day.month), day: Int32(day.day),
                                    hour: 0, min: 0, sec: 0)
        try check(worksheet_write_datetime(sheet, cellRow, cellColumn, &datetime, cellFormat), context)
    }

    /// A cell with a format and no value; without a format nothing is written.
    public func writeBlank(row: Int, column: Int, format: Format?) throws {
        func context() -> String { "writing a blank cell to \(cellName(row, column))" }
        let (sheet, cellRow, cellColumn, cellFormat) = try prepare(row, column, format, context)
        try check(worksheet_write_blank(sheet, cellRow, cellColumn, cellFormat), context)
    }

    /// Writes a hyperlink cell showing `text` (the link itself when nil; an empty text
    /// gives a blank, still linked, cell). `format` nil uses Excel's blue underline.
    ///
    /// Link forms that libxlsxwriter 1.1.4 understands:
    /// - `https://…`, `http://…`, `ftp://…`, `mailto:…`: web and mail links;
    /// - `internal:'Sheet name'!A1`: a cell of this workbook (quote the sheet with
    ///   `quotedSheetName`);
    /// - `external:other.xlsx#'Sheet name'!C5`: a cell of another workbook, relative to
    ///   this file's folder; "/" in the file part is turned into "\", and a path with
    ///   ":" or starting "\\" becomes a `file:///` link.
    /// The link may hold at most 2,079 characters (Excel), and a sheet 65,530 links.
    public func write(url: String, text: String?, row: Int, column: Int, format: Format? = nil) throws {
        func context() -> String { "writing a link to \(cellName(row, column))" }
        let (sheet, cellRow, cellColumn, cellFormat) = try prepare(row, column, format, context)
        try Worksheet.checkLink(url, context)
        guard core.sheetLinks[number] == nil else {
            throw XlsxError.invalid(context() + ": the sheet's other links were written with write(link:)")
        }
        if let text { try checkFits(text, context) }
        let error = url.withCString { cURL in
            withOptionalCString(text.map(XMLText.cell)) { cText in
                // Both strings are copied by libxlsxwriter before it returns.
                worksheet_write_url_opt(sheet, cellRow, cellColumn, cURL, cellFormat, cText, nil)
            }
        }
        try check(error, context)
    }

    /// Writes a cell showing `text` that links to a cell of another workbook in the same folder: the
    /// same cell, link and file as `write(url: "external:<file>#<location>", …)`, but the link is kept
    /// by this layer until `Workbook.close()` (libxlsxwriter holds about 2 KB a link at close; see
    /// `SheetLinks`). A file name libxlsxwriter would change (escapes, `/`, `:`) goes through `write(url:)`.
    /// A sheet's links are either all of this kind or all `write(url:)`'s, so the relationships stay
    /// numbered as libxlsxwriter numbers them; the sheet may have no chart, image or note.
    public func write(link: WorkbookLink, text: String, row: Int, column: Int, format: Format? = nil) throws {
        guard link.isPlain, pointer.pointee.hlink_count == 0 else {
            try write(url: "external:" + link.file + "#" + link.location, text: text, row: row, column: column, format: format)
            return
        }
        func context() -> String { "writing a link to \(cellName(row, column))" }
        let (sheet, cellRow, cellColumn, cellFormat) = try prepare(row, column, format, context)
        guard !XMLText.hasForbidden(link.location) else { throw XlsxError.invalid(context() + ": the link holds control characters") }
        let links = core.sheetLinks[number] ?? SheetLinks()
        // libxlsxwriter's own limit, checked as it checks it.
        guard links.count <= 65_530 else { throw XlsxError(LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED, context: context()) }
        // As libxlsxwriter writes an external link's text: "/" turned into "\\", the link style by default.
        let shown = text.contains("/") ? String(text.map { $0 == "/" ? "\\" : $0 }) : text
        try checkFits(shown, context)
        let error = XMLText.cell(shown).withCString {
            worksheet_write_string(sheet, cellRow, cellColumn, $0, cellFormat ?? sheet.pointee.default_url_format)
        }
        try check(error, context)
        links.add(row: cellRow, column: cellColumn, link: link)
        core.sheetLinks[number] = links
    }

    /// libxlsxwriter finds "internal:" and "external:" anywhere in the link and then
    /// strips nine characters from its start, so those words are allowed only in front.
    static func checkLink(_ url: String, _ context: () -> String) throws {
        guard !url.isEmpty else { throw XlsxError.invalid(context() + ": the link is empty") }
        guard !XMLText.hasForbidden(url) else {
            throw XlsxError.invalid(context() + ": the link holds control characters")
        }
        for scheme in ["internal:", "external:"] {
            let occurrences = url.ranges(of: scheme)
            if occurrences.isEmpty { continue }
            guard occurrences.count == 1, occurrences[0].lowerBound == url.startIndex else {
                throw XlsxError.invalid(context() + ": \"\(scheme)\" may appear only at the start of a link")
            }
            guard url.count > scheme.count else {
                throw XlsxError.invalid(context() + ": nothing follows \"\(scheme)\"")
            }
        }
        if url.hasPrefix("internal:") && url.contains("external:") {
            throw XlsxError.invalid(context() + ": a link cannot be both internal and external")
        }
    }

    /// Adds a note (comment) to a cell; `author` defaults to none.
    public func writeComment(_ text: String, row: Int, column: Int, author: String? = nil) throws {
        func context() -> String { "adding a note to \(cellName(row, column))" }
        let (sheet, cellRow, cellColumn, _) = try prepare(row, column, nil, context)
        try checkFits(text, context)
        var options = lxw_comment_options()
        // Notes are written without escaping, so control characters must go first.
        let error = XMLText.markup(text).withCString { cText in
            withOptionalCString(author.map(XMLText.markup)) { cAuthor in
                options.author = cAuthor  // copied by libxlsxwriter
                return worksheet_write_comment_opt(sheet, cellRow, cellColumn, cText, &options)
            }
        }
        try check(error, context)
    }

    /// Merges a block into one cell showing `text` in `format`.
    /// A single cell or a block overlapping an earlier merge is refused.
    public func mergeRange(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int,
                           text: String, format: Format? = nil) throws {
        func context() -> String { "merging \(rangeName(firstRow, firstColumn, lastRow, lastColumn))" }
        let (sheet, top, left, cellFormat) = try prepare(firstRow, firstColumn, format, context)
        let (bottom, right) = try index(lastRow, lastColumn, context)
        guard firstRow <= lastRow, firstColumn <= lastColumn else {
            throw XlsxError.invalid(context() + ": the first cell must be above and left of the last")
        }
        guard firstRow != lastRow || firstColumn != lastColumn else {
            throw XlsxError.invalid(context() + ": a single cell cannot be merged")
        }
        let block = SheetRange(sheet: name, firstRow: firstRow, firstColumn: firstColumn,
                               lastRow: lastRow, lastColumn: lastColumn)
        if let clash = mergedRanges.first(where: { Worksheet.overlap($0, block) }) {
            throw XlsxError.invalid(context() + ": it overlaps the merged block "
                + rangeName(clash.firstRow, clash.firstColumn, clash.lastRow, clash.lastColumn))
        }
        try checkFits(text, context)
        let error = XMLText.cell(text).withCString {
            worksheet_merge_range(sheet, top, left, bottom, right, $0, cellFormat)
        }
        try check(error, context)
        mergedRanges.append(block)
    }

    static func overlap(_ a: SheetRange, _ b: SheetRange) -> Bool {
        a.firstRow <= b.lastRow && b.firstRow <= a.lastRow
            && a.firstColumn <= b.lastColumn && b.firstColumn <= a.lastColumn
    }

    // MARK: Layout

    /// Width (in characters of the default font) and style of columns `first...last`.
    public func setColumn(_ first: Int, _ last: Int, width: Double, format: Format? = nil, hidden: Bool = false) throws {
        func context() -> String { "setting columns \(columnName(first))…\(columnName(last)) of \(name)" }
        let sheet = try open(context)
        guard (0..<Worksheet.maxColumns).contains(first), (first..<Worksheet.maxColumns).contains(last) else {
            throw XlsxError(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, context: context())
        }
        guard width.isFinite, (0...255).contains(width) else {
            throw XlsxError.invalid(context() + ": width \(width) is outside 0…255")
        }
        let cellFormat = try formatPointer(format, context)
        var options = lxw_row_col_options()
        options.hidden = hidden ? 1 : 0
        let error = worksheet_set_column_opt(sheet, lxw_col_t(first), lxw_col_t(last), width, cellFormat, &options)
        try check(error, context)
    }

    /// Height in points (nil keeps Excel's default of 15) and style of one row.
    public func setRow(_ row: Int, height: Double?, format: Format?) throws {
        func context() -> String { "setting row \(row + 1) of \(name)" }
        let sheet = try open(context)
        guard (0..<Worksheet.maxRows).contains(row) else {
            throw XlsxError(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, context: context())
        }
        let points = height ?? Worksheet.defaultRowHeight
        guard points.isFinite, (0...409).contains(points) else {
            throw XlsxError.invalid(context() + ": height \(points) is outside 0…409")
        }
        let cellFormat = try formatPointer(format, context)
        try check(worksheet_set_row(sheet, lxw_row_t(row), points, cellFormat), context)
    }

    /// libxlsxwriter's LXW_DEF_ROW_HEIGHT, a cast macro Swift does not import.
    static let defaultRowHeight = 15.0

    /// Keeps the rows above `row` and the columns left of `column` in view;
    /// `freezePanes(row: 1, column: 0)` freezes a header row; (0, 0) freezes nothing.
    /// An index out of range is reported by `Workbook.close()`.
    public func freezePanes(row: Int, column: Int) {
        guard let sheet = openOrNil() else { return }
        guard (0..<Worksheet.maxRows).contains(row), (0..<Worksheet.maxColumns).contains(column) else {
            core.record(XlsxError(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE,
                                  context: "freezing panes of \(name) at row \(row), column \(column)"))
            return
        }
        // (0, 0) freezes nothing; libxlsxwriter would still write an empty frozen pane.
        guard row > 0 || column > 0 else { return }
        worksheet_freeze_panes(sheet, lxw_row_t(row), lxw_col_t(column))
    }

    /// Filter buttons on the header row `firstRow` of the block.
    public func autofilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws {
        func context() -> String { "adding a filter to \(rangeName(firstRow, firstColumn, lastRow, lastColumn))" }
        let (sheet, top, left, _) = try prepare(firstRow, firstColumn, nil, context)
        let (bottom, right) = try index(lastRow, lastColumn, context)
        try check(worksheet_autofilter(sheet, top, left, bottom, right), context)
    }

    /// Print setup: landscape (else the default portrait), A4 paper (type 9; otherwise the printer's default),
    /// rows repeated at the top of every page, and scaling to one page wide (any
    /// number of pages tall). An invalid row range is reported by `Workbook.close()`.
    public func pageSetup(landscape: Bool, paperA4: Bool, repeatRows: ClosedRange<Int>?, fitToWidth: Bool) {
        guard let sheet = openOrNil() else { return }
        if landscape { worksheet_set_landscape(sheet) }  // portrait is the default
        if paperA4 { worksheet_set_paper(sheet, 9) }
        if fitToWidth { worksheet_fit_to_pages(sheet, 1, 0) }
        if let rows = repeatRows {
            let context = "repeating rows \(rows.lowerBound + 1)…\(rows.upperBound + 1) on the pages of \(name)"
            guard rows.lowerBound >= 0, rows.upperBound < Worksheet.maxRows else {
                core.record(XlsxError(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, context: context))
                return
            }
            let error = worksheet_repeat_rows(sheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound))
            if error != LXW_NO_ERROR { core.record(XlsxError(error, context: context)) }
        }
    }

    /// How a sheet prints (see `setPrint`). Rows and columns are zero-based.
    public struct PrintSetup: Equatable, Sendable {
        public var landscape = true
        public var paperA4 = true
        /// Percent, 10…400; nil leaves the printer's 100%.
        public var scale: Int?
        /// Rows and columns printed again on every page (the print titles).
        public var repeatRows: ClosedRange<Int>?
        public var repeatColumns: ClosedRange<Int>?
        /// Plain texts of the page header: left, centre, right (empty ones are left out).
        public var header: [String] = []
        /// The footer: the file name on the left, and the page number on the right as
        /// `pageWords[0]` N `pageWords[1]` M `pageWords[2]` ("第 ", " 页，共 ", " 页").
        public var footerFileName = false
        public var pageWords: [String]?
        /// Rows that start a new page (a manual break above each).
        public var rowBreaks: [Int] = []
        /// The block printed (first row, first column, last row, last column); nil prints what has content.
        public var area: [Int]?

        public init() {}

        /// A literal text in a header or footer: "&" starts a code there, and Excel takes 255
        /// characters for the whole line.
        static func field(_ text: String) -> String {
            String(XMLText.markup(text).prefix(70)).replacingOccurrences(of: "&", with: "&&")
        }

        var headerText: String? {
            guard header.contains(where: { !$0.isEmpty }) else { return nil }
            return zip(["&L", "&C", "&R"], header).map { $0 + PrintSetup.field($1) }.joined()
        }

        var footerText: String? {
            var text = footerFileName ? "&L&F" : ""
            if let w = pageWords, w.count == 3 {
                text += "&R" + PrintSetup.field(w[0]) + "&P" + PrintSetup.field(w[1]) + "&N" + PrintSetup.field(w[2])
            }
            return text.isEmpty ? nil : text
        }
    }

    /// Print setup of the whole sheet at once: orientation, paper, scale (which, unlike
    /// fitting to pages, keeps manual page breaks), print titles, header and footer, page
    /// breaks and print area. Errors are reported by `Workbook.close()`.
    public func setPrint(_ setup: PrintSetup) {
        guard let sheet = openOrNil() else { return }
        func record(_ error: lxw_error, _ what: String) {
            if error != LXW_NO_ERROR { core.record(XlsxError(error, context: "\(what) of \(name)")) }
        }
        if setup.landscape { worksheet_set_landscape(sheet) }
        if setup.paperA4 { worksheet_set_paper(sheet, 9) }
        if let scale = setup.scale {
            guard (10...400).contains(scale) else {
                core.record(.invalid("setting the print scale of \(name): \(scale)% is outside 10…400%"))
                return
            }
            worksheet_set_print_scale(sheet, UInt16(scale))
        }
        if let rows = setup.repeatRows {
            guard rows.lowerBound >= 0, rows.upperBound < Worksheet.maxRows else {
                core.record(XlsxError(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, context: "repeating rows of \(name)"))
                return
            }
            record(worksheet_repeat_rows(sheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)), "repeating rows")
        }
        if let columns = setup.repeatColumns {
            guard columns.lowerBound >= 0, columns.upperBound < Worksheet.maxColumns else {
                core.record(XlsxError(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, context: "repeating columns of \(name)"))
                return
            }
            record(worksheet_repeat_columns(sheet, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound)),
                   "repeating columns")
        }
        if let header = setup.headerText {
            record(header.withCString { worksheet_set_header(sheet, $0) }, "setting the page header")
        }
        if let footer = setup.footerText {
            record(footer.withCString { worksheet_set_footer(sheet, $0) }, "setting the page footer")
        }
        // Excel takes at most 1,023 manual breaks; row 0 is no break.
        let breaks = Array(Set(setup.rowBreaks.filter { $0 > 0 && $0 < Worksheet.maxRows }).sorted().prefix(1_023))
        if !breaks.isEmpty {
            var list = breaks.map { lxw_row_t($0) } + [0]
            record(list.withUnsafeMutableBufferPointer { worksheet_set_h_pagebreaks(sheet, $0.baseAddress) },
                   "setting page breaks")
        }
        if let area = setup.area, area.count == 4 {
            guard area[0] >= 0, area[1] >= 0, area[0] <= area[2], area[1] <= area[3],
                  area[2] < Worksheet.maxRows, area[3] < Worksheet.maxColumns else {
                core.record(XlsxError(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, context: "setting the print area of \(name)"))
                return
            }
            record(worksheet_print_area(sheet, lxw_row_t(area[0]), lxw_col_t(area[1]), lxw_row_t(area[2]), lxw_col_t(area[3])),
                   "setting the print area")
        }
    }

    /// Hides the sheet. Excel needs a visible sheet to show: the first sheet is shown
    /// anyway unless another sheet is `activate()`d.
    public func hide() {
        guard let sheet = openOrNil() else { return }
        worksheet_hide(sheet)
    }

    /// The sheet shown when the file is opened.
    public func activate() {
        guard let sheet = openOrNil() else { return }
        worksheet_activate(sheet)
    }

    /// The leftmost visible tab, when many tabs scroll.
    public func setFirstSheet() {
        guard let sheet = openOrNil() else { return }
        worksheet_set_first_sheet(sheet)
    }

    // MARK: Charts and validation

    /// Places `chart` with its top-left corner in a cell, scaled from 480 × 288 pixels.
    /// A chart can be placed once, and only in a sheet of its own workbook.
    public func insertChart(_ chart: Chart, row: Int, column: Int, xScale: Double = 1, yScale: Double = 1) throws {
        func context() -> String { "placing a chart at \(cellName(row, column))" }
        let (sheet, cellRow, cellColumn, _) = try prepare(row, column, nil, context)
        guard chart.core === core else {
            throw XlsxError.invalid(context() + ": the chart belongs to another workbook")
        }
        guard let chartPointer = chart.pointer else {
            throw XlsxError(LXW_ERROR_MEMORY_MALLOC_FAILED, context: context() + ": the chart could not be created")
        }
        guard xScale.isFinite, yScale.isFinite, xScale > 0, yScale > 0 else {
            throw XlsxError.invalid(context() + ": scales must be positive")
        }
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        try check(worksheet_insert_chart_opt(sheet, cellRow, cellColumn, chartPointer, &options), context)
    }

    /// Restricts a block to the values listed in a range, shown as a drop-down:
    /// `listFormula` like `='Lists'!$A$1:$A$20` (see `Chart.range`). Only the range form
    /// is offered: 1.1.4 overflows a buffer on literal lists longer than 255 bytes.
    public func dataValidationList(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int,
                                   listFormula: String) throws {
        func context() -> String { "adding a list check to \(rangeName(firstRow, firstColumn, lastRow, lastColumn))" }
        let (sheet, top, left, _) = try prepare(firstRow, firstColumn, nil, context)
        let (bottom, right) = try index(lastRow, lastColumn, context)
        guard !listFormula.isEmpty, listFormula != "=", !XMLText.hasForbidden(listFormula) else {
            throw XlsxError.invalid(context() + ": the list formula is empty or holds control characters")
        }
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
        let error = listFormula.withCString { cFormula in
            validation.value_formula = UnsafeMutablePointer(mutating: cFormula)  // copied by libxlsxwriter
            return worksheet_data_validation_range(sheet, top, left, bottom, right, &validation)
        }
        try check(error, context)
    }

    // MARK: Plumbing
    //
    // Error contexts arrive as functions and are turned into text only when a call
    // fails: a million-row sheet must not pay for one message per cell.

    /// The sheet pointer while the workbook is open.
    private func open(_ context: () -> String) throws -> UnsafeMutablePointer<lxw_worksheet> {
        guard core.pointer != nil else { throw XlsxError.invalid(context() + ": the workbook is closed") }
        return pointer
    }

    private func openOrNil() -> UnsafeMutablePointer<lxw_worksheet>? {
        core.pointer == nil ? nil : pointer
    }

    /// The C row and column, or a throw when out of Excel's grid.
    private func index(_ row: Int, _ column: Int, _ context: () -> String) throws -> (lxw_row_t, lxw_col_t) {
        guard (0..<Worksheet.maxRows).contains(row), (0..<Worksheet.maxColumns).contains(column) else {
            throw XlsxError(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, context: context())
        }
        return (lxw_row_t(row), lxw_col_t(column))
    }

    /// The format pointer, refusing formats of other workbooks (their style numbers
    /// mean nothing here and libxlsxwriter would write a broken file).
    private func formatPointer(_ format: Format?, _ context: () -> String) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let format else { return nil }
        guard format.core === core else {
            throw XlsxError.invalid(context() + ": the format belongs to another workbook")
        }
        return format.pointer
    }

    private func prepare(_ row: Int, _ column: Int, _ format: Format?, _ context: () -> String) throws
        -> (UnsafeMutablePointer<lxw_worksheet>, lxw_row_t, lxw_col_t, UnsafeMutablePointer<lxw_format>?) {
        let sheet = try open(context)
        let (cellRow, cellColumn) = try index(row, column, context)
        return (sheet, cellRow, cellColumn, try formatPointer(format, context))
    }

    private func checkFits(_ text: String, _ context: () -> String) throws {
        guard Worksheet.fitsInCell(text) else {
            throw XlsxError(LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED,
                            context: context() + ": \(text.utf16.count) characters, at most \(Worksheet.maxStringLength) fit")
        }
    }

    private func check(_ error: lxw_error, _ context: () -> String) throws {
        guard error != LXW_NO_ERROR else { return }
        if error == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE && core.constantMemory {
            throw XlsxError(error, context: context()
                + ": in constant-memory mode each row must be written before any later row")
        }
        throw XlsxError(error, context: context())
    }

    /// "Sheet!B3", or the raw numbers when they are off the grid.
    private func cellName(_ row: Int, _ column: Int) -> String {
        guard row >= 0, column >= 0 else { return "\(name) row \(row), column \(column)" }
        return "\(name)!\(cellReference(row: row, column: column))"
    }

    private func rangeName(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int) -> String {
        guard firstRow >= 0, firstColumn >= 0, lastRow >= 0, lastColumn >= 0 else {
            return "\(name) rows \(firstRow)…\(lastRow), columns \(firstColumn)…\(lastColumn)"
        }
        return "\(name)!\(cellReference(row: firstRow, column: firstColumn)):"
            + cellReference(row: lastRow, column: lastColumn)
    }

    private func columnName(_ column: Int) -> String {
        column >= 0 ? columnLetters(column) : "column \(column)"
    }
}
