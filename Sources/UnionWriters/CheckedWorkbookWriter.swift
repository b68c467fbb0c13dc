// checked-<dataset>.xlsx: every input row with normalised values, its status, and its failing cells marked.
import UnionCore
import UnionImport
import UnionRules
import Xlsx

/// Where each input file's rows land in its checked workbook: sheet names and rows, shared with
/// the summary's links.
public struct CheckedLayout: Sendable {
    /// Data rows per sheet before a file continues on the next one.
    public static let rowsPerSheet = 1_000_000
    /// Columns before the input's own: 状态, 问题, and 行号 (the row Calc shows in the input file,
    /// the row issues.csv names).
    public static let leadingColumns = 3
    /// The input's columns a sheet has room for beside the leading ones (Excel stops at 16,384); any past
    /// them stay in the input alone.
    public static let inputColumns = 16_384 - leadingColumns

    /// Sheet base names by input file name, unique within each dataset's workbook.
    public private(set) var sheetNames: [String: String] = [:]

    /// With `masking`, ID and mobile numbers in file names are masked in the sheet names (`--mask-all`):
    /// before the characters a sheet name cannot hold become `_`, and before the name is cut.
    public init(files: [(name: String, dataset: Dataset)], masking: Bool = false) {
        var taken: [Dataset: Set<String>] = [:]
        for (name, dataset) in files {
            var base = masking ? PatternMask.mask(name) : name
            // A worksheet input (`名册.xlsx[Sheet1]`): its workbook's name and the sheet's.
            var sheet = ""
            if base.hasSuffix("]"), let open = base.lastIndex(of: "[") {
                sheet = String(base[base.index(after: open)..<base.index(before: base.endIndex)])
                base = String(base[..<open])
            }
            if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
            if !sheet.isEmpty { base += "-" + sheet }
            base = String(base.map { "[]:*?/\\".contains($0) ? "_" : $0 })
            base = String(base.trimmingASCIIWhitespace().trimmingSingleQuotes().prefix(24))
            if base.isEmpty { base = dataset.rawValue }
            var candidate = base
            var n = 2
            while taken[dataset, default: []].contains(candidate.lowercased()) {
                candidate = String(base.prefix(20)) + " (\(n))"
                n += 1
            }
            taken[dataset, default: []].insert(candidate.lowercased())
            sheetNames[name] = candidate
        }
    }

    public static func fileName(_ dataset: Dataset) -> String { "checked-\(dataset.rawValue).xlsx" }

    /// The sheet holding record `index` of `file` (0-based record index).
    public func sheet(file: String, record: Int) -> String {
        let base = sheetNames[file] ?? file
        let part = record / CheckedLayout.rowsPerSheet
        return part == 0 ? base : base + " (\(part + 1))"
    }

    /// 0-based row of record `index` in its sheet (row 0 is the header).
    public static func sheetRow(record: Int) -> Int { record % rowsPerSheet + 1 }
}

extension String {
    fileprivate func trimmingSingleQuotes() -> String {
        var s = Substring(self)
        while s.first == "'" { s = s.dropFirst() }
        while s.last == "'" { s = s.dropLast() }
        return String(s)
    }
}

/// An input that changed between the rules' pass and the writer's: its checked workbook would not hold
/// what was checked, so nothing is written.
public struct InputChanged: Error, CustomStringConvertible {
    public let file: String
    public var description: String { "\(file) changed while its checked workbook was being written" }

    /// Throws when reading `input` again found it changed (the reader says so with a file-level F01).
    static func check(_ recorder: FindingRecorder, _ input: OpenedInput) throws {
        if recorder.findings.contains(where: { $0.rule == .F01 && $0.recordIndex == nil }) { throw InputChanged(file: input.source.name) }
    }
}

/// The unit and year a workbook's printed pages name in their header.
public struct PageHeading: Sendable {
    public let unit: String
    public let year: Int
    public init(unit: String, year: Int) {
        self.unit = unit
        self.year = year
    }
}

public enum CheckedWorkbookWriter {
    /// Notes per sheet: they are held in memory until the file closes.
    public static let noteLimit = 10_000

    /// Writes a dataset's workbook from checked files: a second pass reads each file again through the
    /// same importer; nothing but the findings is kept from the first.
    public static func write(path: String, dataset: Dataset, files: [CheckedFile], layout: CheckedLayout,
                             presenter: FindingPresenter, maskAll: Bool, created: Day, tempDirectory: String?,
                             heading: PageHeading? = nil, timings: StageTimings? = nil) throws {
        let workbook = try CheckedWorkbook(path: path, dataset: dataset, layout: layout, presenter: presenter, maskAll: maskAll,
                                           created: created, tempDirectory: tempDirectory, heading: heading, timings: timings)
        for file in files {
            try workbook.begin(file.input)
            let byRecord = FindingsByRecord(file.findings)
            var recorder = FindingRecorder(policy: RulePolicy(severities: [:]), file: file.input.source.name)
            var failure: Error?
            func add<Row: RowValues>(_ row: Row, _: inout FindingRecorder) {
                guard failure == nil else { return }
                do { try workbook.add(row, findings: byRecord[row.recordIndex]) } catch { failure = error }
            }
            var rows = RowDispatch(file.input.mapping)
            file.input.forEachRawRecord(recorder: &recorder) { raw, index, recorder in
                rows.read(raw, index, &recorder, clean: add, typed: add)
            }
            if let failure { throw failure }
            try InputChanged.check(recorder, file.input)
            try workbook.end()
        }
        TestPause.reach(.writing)
        try workbook.close()
    }

    /// Adds the records of `input` from text offset `split` on, read again here, to `workbook`: rows and
    /// records moved by `rowShift` and `recordShift`, each with its findings from `findings` (by moved index).
    public static func addRows(of input: OpenedInput, from split: Int, rowShift: Int, recordShift: Int,
                               findings: FindingsByRecord, to workbook: CheckedWorkbook) throws {
        var recorder = FindingRecorder(policy: RulePolicy(severities: [:]), file: input.source.name)
        var failure: Error?
        func add<Row: RowValues>(_ row: Row, _: inout FindingRecorder) {
            guard failure == nil else { return }
            let found = findings[row.recordIndex + recordShift]
            do {
                try workbook.add(row, record: row.recordIndex + recordShift, row: row.row + rowShift,
                                 findings: found.count > 1 ? inFileOrder(found) : found)
            } catch {
                failure = error
            }
        }
        var rows = RowDispatch(input.mapping)
        input.forEachRawRecord(from: split, recorder: &recorder) { raw, index, recorder in
            rows.read(raw, index, &recorder, clean: add, typed: add)
        }
        if let failure { throw failure }
        try InputChanged.check(recorder, input)
    }

    /// A record's findings in the order a checked file lists them: by column (file-wide ones first), then as found.
    public static func inFileOrder(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { a, b in
            let ca = a.element.column ?? -1, cb = b.element.column ?? -1
            return ca != cb ? ca < cb : a.offset < b.offset
        }.map(\.element)
    }
    /// A cell as its field reads it: dates as date cells, money as numbers, IDs and phones as text; a
    /// cell without a value (empty, or not readable as its field) as written.
    static func writeCell<Row: RowValues>(_ column: Int, field: Field?, row: Row, table t: TableWriter, r: Int, c: Int,
                                          fill: UInt32?, maskAll: Bool) throws {
        let styles = t.styles
        // Unfilled text takes the table's choice of format (see `TableWriter.text`).
        let textFormat = fill.map { styles.filled(CellFormat(numberFormat: "@"), $0) }
        if let field {
            switch field.kind {
            case .date, .dateOrMonth:
                if let d = row.date(field) {
                    try t.date(d, r, c, fill.map { styles.filled(CellFormat(numberFormat: SheetStyles.dateFormat, horizontalAlign: .left), $0) } ?? styles.date)
                    return
                }
            case .money:
                if let m = row.money(field) {
                    try t.money(m, r, c, fill.map { styles.filled(CellFormat(numberFormat: SheetStyles.moneyFormat), $0) } ?? styles.money)
                    return
                }
            case .count:
                if let n = row.count(field) {
                    try t.integer(n, r, c, fill.map { styles.filled(CellFormat(numberFormat: "0"), $0) } ?? styles.integer)
                    return
                }
            case .idNumber:
                if let id = row.id(field) {
                    try t.text(maskAll ? id.masked : id.text, r, c, textFormat)
                    return
                }
            case .phone:
                // The normalised number, or a malformed one as written.
                if let p = row.text(field) {
                    try t.text(maskAll ? PhoneNumber.mask(p) : p, r, c, textFormat)
                    return
                }
            case .text, .enumeration:
                if let s = row.text(field) {
                    try t.text(maskAll ? PatternMask.mask(s) : s, r, c, textFormat)
                    return
                }
            }
        }
        if row.isEmptyCell(column) {
            if let fill { try t.sheet.writeBlank(row: r, column: c, format: styles.filled(CellFormat(), fill)) }
            return
        }
        try t.text(maskAll ? masked(row.cell(column), as: field) : row.cell(column), r, c, textFormat)
    }

    /// A cell as `--mask-all` shows it: an ID or phone column's by its column, any other by pattern (SPEC §4),
    /// as issues.csv shows a finding's value.
    static func masked(_ text: String, as field: Field?) -> String {
        switch field?.kind {
        case .idNumber?: IDNumber.mask(text)
        case .phone?: PhoneNumber.mask(text)
        default: PatternMask.mask(text)
        }
    }
}

/// One checked workbook being written, a row at a time, on one thread: `begin` a file, `add` its rows
/// in order with their findings, `end` it; `close` when every file is in.
public final class CheckedWorkbook {
    private let workbook: Workbook
    private let styles: SheetStyles
    private let layout: CheckedLayout
    private let presenter: FindingPresenter
    private let maskAll: Bool
    private let timings: StageTimings?
    private let name: String
    private let started: StageTimings.Start
    private let language: Language

    // The file being written.
    private var input: OpenedInput?
    private var titles: [String] = []
    private var table: TableWriter?
    private var sheetIndex = -1
    private var notes = 0
    private var lastRow = 0

    public init(path: String, dataset: Dataset, layout: CheckedLayout, presenter: FindingPresenter, maskAll: Bool,
                created: Day, tempDirectory: String?, heading: PageHeading? = nil, timings: StageTimings? = nil) throws {
        started = StageTimings.start()
        workbook = try Workbook(path: path, constantMemory: true, tempDirectory: tempDirectory)
        language = presenter.language
        workbook.setProperties(created: (created.year, created.month, created.day),
                               title: WriterText.Checked.title(dataset).text(language),
                               author: "unionbatch")
        styles = SheetStyles(workbook)
        let heading = heading ?? PageHeading(unit: "", year: created.year)
        styles.page = PageLabels(unit: maskAll ? PatternMask.mask(heading.unit) : heading.unit, year: heading.year, asOf: created, language: language)
        self.layout = layout
        // Under --mask-all the notes mask as issues.csv does: values by column, arguments by pattern.
        self.presenter = maskAll ? FindingPresenter(language: presenter.language, mask: true) : presenter
        self.maskAll = maskAll
        self.timings = timings
        name = CheckedLayout.fileName(dataset)
    }

    /// Starts the sheets of one input file.
    public func begin(_ input: OpenedInput) throws {
        self.input = input
        // A blank header cell is shown as such (SPEC §7.1: the column of an F12).
        titles = [WriterText.Checked.status, WriterText.Checked.findings, WriterText.Checked.row].text(language)
            + input.mapping.titles.prefix(CheckedLayout.inputColumns).map { $0.isEmpty ? WriterText.Checked.noTitle.text(language) : $0 }
        if maskAll { titles = titles.map(PatternMask.mask) }
        table = nil
        sheetIndex = -1
        try startSheet(0)
    }

    private func startSheet(_ index: Int) throws {
        guard let input else { return }
        if let t = table { try t.finish(headerRow: 0, lastRow: lastRow, lastColumn: titles.count - 1) }
        let sheetName = layout.sheet(file: input.source.name, record: index * CheckedLayout.rowsPerSheet)
        let sheet = try workbook.addWorksheet(sheetName)
        let t = TableWriter(sheet, styles)
        t.cutsLongText = true
        t.repeatedColumns = CheckedLayout.leadingColumns
        try t.header(titles, 0)
        table = t
        sheetIndex = index
        notes = 0
        lastRow = 0
    }

    /// Writes one record with its findings (in the order `CheckedWorkbookWriter.inFileOrder` gives).
    public func add<Row: RowValues>(_ row: Row, findings: [Finding]) throws {
        try add(row, record: row.recordIndex, row: row.row, findings: findings)
    }

    /// Writes one record as record `record` of the file, at row `inputRow` of the input (a record of the
    /// second half of a file read again is counted from that half's start).
    public func add<Row: RowValues>(_ row: Row, record: Int, row inputRow: Int, findings: [Finding]) throws {
        guard let input else { return }
        let mapping = input.mapping
        let part = record / CheckedLayout.rowsPerSheet
        if part != sheetIndex { try startSheet(part) }
        guard let t = table else { return }
        let r = CheckedLayout.sheetRow(record: record)
        lastRow = r
        // The worst severity of each failing cell.
        var worst: [Int: Severity] = [:]
        for f in findings {
            let column = f.column.map { $0 + CheckedLayout.leadingColumns } ?? 0
            worst[column] = min(worst[column] ?? .warning, f.severity)
        }
        let status: Severity? = findings.map(\.severity).min()
        let statusText: String
        switch status {
        case .error?: statusText = WriterText.errorWord.text(language)
        case .warning?: statusText = WriterText.warningWord.text(language)
        case nil: statusText = WriterText.Checked.ok.text(language)
        }
        let statusFill = status.map { $0 == .error ? Fill.error : Fill.warning }
        try t.text(statusText, r, 0, statusFill.map { styles.filled(CellFormat(numberFormat: "@"), $0) })
        var uniqueCodes: [String] = []
        for c in findings.map(\.rule.rawValue) where !uniqueCodes.contains(c) { uniqueCodes.append(c) }
        try t.text(uniqueCodes.joined(separator: " "), r, 1)
        try t.integer(inputRow, r, 2)
        for column in 0..<min(row.cellCount, CheckedLayout.inputColumns) {
            let target = column + CheckedLayout.leadingColumns
            let fill = worst[target].map { $0 == .error ? Fill.error : Fill.warning }
            let field = column < mapping.fieldOfColumn.count ? mapping.fieldOfColumn[column] : nil
            try CheckedWorkbookWriter.writeCell(column, field: field, row: row, table: t, r: r, c: target, fill: fill, maskAll: maskAll)
        }
        // Notes on the failing cells, each with rule, message and fix.
        var noted: Set<Int> = []
        for f in findings where notes < CheckedWorkbookWriter.noteLimit {
            let column = f.column.map { $0 + CheckedLayout.leadingColumns } ?? 0
            guard column < CheckedLayout.inputColumns + CheckedLayout.leadingColumns, noted.insert(column).inserted else { continue }
            let text = findings.filter { ($0.column.map { $0 + CheckedLayout.leadingColumns } ?? 0) == column }
                .map { "\($0.rule.rawValue) \(presenter.severityWord($0.severity))：\(presenter.message($0))\n\(WriterText.Checked.fix.text(language))：\(presenter.hint($0))" }
                .joined(separator: "\n\n")
            try t.sheet.writeComment(Worksheet.truncatedToCellLimit(text), row: r, column: column, author: "unionbatch")
            notes += 1
        }
    }

    /// Ends the file begun last.
    public func end() throws {
        if let t = table, sheetIndex == 0, lastRow == 0 {
            // A file with no data rows (header only, or only rows that are not records): one line says so,
            // so its printed page is not a bare header.
            try t.text(WriterText.Checked.noDataRows.text(language), 1, 0)
            lastRow = 1
        }
        if let t = table { try t.finish(headerRow: 0, lastRow: lastRow, lastColumn: titles.count - 1) }
        table = nil
        input = nil
    }

    /// Closes (and zips) the workbook.
    public func close() throws {
        timings?.record("write \(name): rows", since: started)
        let closing = StageTimings.start()
        try workbook.close()
        timings?.record("write \(name): close and zip", since: closing)
    }
}
