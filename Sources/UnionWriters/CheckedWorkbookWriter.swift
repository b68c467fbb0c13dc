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

    /// Sheet base names by input file name, unique within each dataset's workbook.
    public private(set) var sheetNames: [String: String] = [:]

    public init(files: [(name: String, dataset: Dataset)]) {
        var taken: [Dataset: Set<String>] = [:]
        for (name, dataset) in files {
            var base = name
            if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
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

public enum CheckedWorkbookWriter {
    /// Notes per sheet: they are held in memory until the file closes.
    public static let noteLimit = 10_000

    public static func write(path: String, dataset: Dataset, files: [CheckedFile], layout: CheckedLayout,
                             presenter: FindingPresenter, maskAll: Bool, created: Day, tempDirectory: String?,
                             timings: StageTimings? = nil) throws {
        let started = StageTimings.now()
        let name = CheckedLayout.fileName(dataset)
        let workbook = try Workbook(path: path, constantMemory: true, tempDirectory: tempDirectory)
        workbook.setProperties(created: (created.year, created.month, created.day),
                               title: presenter.language == .zh ? "核查后的\(dataset.chineseName)" : "Checked \(dataset.englishName)",
                               author: "unionbatch")
        let styles = SheetStyles(workbook)
        for file in files {
            try writeFile(file, workbook: workbook, styles: styles, layout: layout, presenter: presenter, maskAll: maskAll)
        }
        timings?.record("write \(name): rows", since: started)
        let closing = StageTimings.now()
        try workbook.close()
        timings?.record("write \(name): close and zip", since: closing)
    }

    private static func writeFile(_ file: CheckedFile, workbook: Workbook, styles: SheetStyles, layout: CheckedLayout,
                                  presenter: FindingPresenter, maskAll: Bool) throws {
        let zh = presenter.language == .zh
        let mapping = file.input.mapping
        let titles = [zh ? "状态" : "Status", zh ? "问题" : "Findings", zh ? "行号" : "Row"] + mapping.titles
        // Findings by record, and the worst severity of each (record, column).
        var byRecord: [Int: [Finding]] = [:]
        for f in file.findings { if let r = f.recordIndex { byRecord[r, default: []].append(f) } }

        var table: TableWriter?
        var sheetIndex = -1
        var notes = 0
        var lastRow = 0
        func startSheet(_ index: Int) throws {
            if let t = table { try t.finish(headerRow: 0, lastRow: lastRow, lastColumn: titles.count - 1) }
            let name = layout.sheet(file: file.input.source.name, record: index * CheckedLayout.rowsPerSheet)
            let sheet = try workbook.addWorksheet(name)
            let t = TableWriter(sheet, styles)
            try t.header(titles, 0)
            table = t
            sheetIndex = index
            notes = 0
            lastRow = 0
        }
        try startSheet(0)
        var recorder = FindingRecorder(policy: RulePolicy(severities: [:]), file: file.input.source.name)
        var failure: Error?
        // Second pass: the same importer reads the file again; nothing but the findings is kept from the first.
        file.input.forEachRow(recorder: &recorder) { row, _ in
            guard failure == nil else { return }
            do {
                let part = row.recordIndex / CheckedLayout.rowsPerSheet
                if part != sheetIndex { try startSheet(part) }
                guard let t = table else { return }
                let r = CheckedLayout.sheetRow(record: row.recordIndex)
                lastRow = r
                let findings = byRecord[row.recordIndex] ?? []
                var worst: [Int: Severity] = [:]
                for f in findings {
                    let column = f.column.map { $0 + CheckedLayout.leadingColumns } ?? 0
                    worst[column] = min(worst[column] ?? .warning, f.severity)
                }
                let status: Severity? = findings.map(\.severity).min()
                let statusText: String
                switch status {
                case .error?: statusText = zh ? "错误" : "error"
                case .warning?: statusText = zh ? "警告" : "warning"
                case nil: statusText = zh ? "正常" : "OK"
                }
                let statusFill = status.map { $0 == .error ? Fill.error : Fill.warning }
                try t.text(statusText, r, 0, statusFill.map { styles.filled(CellFormat(numberFormat: "@"), $0) })
                let codes = findings.map(\.rule.rawValue)
                var uniqueCodes: [String] = []
                for c in codes where !uniqueCodes.contains(c) { uniqueCodes.append(c) }
                try t.text(uniqueCodes.joined(separator: " "), r, 1)
                try t.integer(row.row, r, 2)
                for (column, cell) in row.cells.enumerated() {
                    let target = column + CheckedLayout.leadingColumns
                    let fill = worst[target].map { $0 == .error ? Fill.error : Fill.warning }
                    let field = column < mapping.fieldOfColumn.count ? mapping.fieldOfColumn[column] : nil
                    try writeCell(cell, field: field, row: row, table: t, r: r, c: target, fill: fill, maskAll: maskAll)
                }
                // Notes on the failing cells, each with rule, message and fix.
                var noted: Set<Int> = []
                for f in findings where notes < noteLimit {
                    let column = f.column.map { $0 + CheckedLayout.leadingColumns } ?? 0
                    guard noted.insert(column).inserted else { continue }
                    let text = findings.filter { ($0.column.map { $0 + CheckedLayout.leadingColumns } ?? 0) == column }
                        .map { "\($0.rule.rawValue) \(presenter.severityWord($0.severity))：\(presenter.message($0))\n\(zh ? "处理" : "Fix")：\(presenter.hint($0))" }
                        .joined(separator: "\n\n")
                    try t.sheet.writeComment(Worksheet.truncatedToCellLimit(text), row: r, column: column, author: "unionbatch")
                    notes += 1
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        if let t = table { try t.finish(headerRow: 0, lastRow: lastRow, lastColumn: titles.count - 1) }
    }

    /// A cell as its field reads it: dates as date cells, money as numbers, IDs and phones as text.
    private static func writeCell(_ cell: String, field: Field?, row: TypedRow, table t: TableWriter, r: Int, c: Int,
                                  fill: UInt32?, maskAll: Bool) throws {
        let styles = t.styles
        func format(_ base: CellFormat) -> Format { fill.map { styles.filled(base, $0) } ?? styles.filled(base, 0xFFFFFF) }
        let textFormat = fill.map { styles.filled(CellFormat(numberFormat: "@"), $0) } ?? styles.text
        guard let field, let value = row[field] else {
            if cell.isEmpty {
                if let fill { try t.sheet.writeBlank(row: r, column: c, format: styles.filled(CellFormat(), fill)) }
                return
            }
            try t.text(cell, r, c, textFormat)
            return
        }
        switch value {
        case .date(let d):
            try t.date(d, r, c, fill.map { styles.filled(CellFormat(numberFormat: SheetStyles.dateFormat, horizontalAlign: .left), $0) } ?? styles.date)
        case .money(let m):
            try t.money(m, r, c, fill.map { styles.filled(CellFormat(numberFormat: SheetStyles.moneyFormat), $0) } ?? styles.money)
        case .count(let n):
            try t.integer(n, r, c, fill.map { styles.filled(CellFormat(numberFormat: "0"), $0) } ?? styles.integer)
        case .id(let id):
            try t.text(maskAll ? id.masked : id.text, r, c, textFormat)
        case .phone(let p):
            try t.text(maskAll ? PhoneNumber.mask(p) : p, r, c, textFormat)
        case .text(let s), .known(let s), .unknown(let s):
            try t.text(s, r, c, textFormat)
        }
        _ = format
    }
}
