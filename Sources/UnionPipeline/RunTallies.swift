// What the run's closing lines count: rows by what became of them, files not read, and the wrong-year notice's figures.
import UnionCore
import UnionRules

/// Rows of the run by what became of them, for the closing lines: the same figures as manifest.json's `inputs`,
/// 概览's table of rows and the annual text's data check (a row outside the year that also has an error is
/// excluded, SPEC §7), so the terminal never tells the clerk other numbers than the outputs.
public struct RowTally: Sendable, Equatable {
    public var files = 0
    public var rows = 0
    public var included = 0
    /// Rows left out for an error (manifest.json's `excluded`).
    public var excluded = 0
    /// Of `excluded`, the rows dated after the as-of date (V05): said apart, since a wrong year or as-of date
    /// is what usually causes them.
    public var afterAsOf = 0
    /// Rows dated outside the reporting year with no error (manifest.json's `outside_year`).
    public var outsideYear = 0

    /// The tally of `checked`: every row is in exactly one of included, excluded, outsideYear.
    static func of(_ checked: [CheckedFile]) -> RowTally {
        var t = RowTally()
        t.files = checked.count
        for file in checked {
            t.rows += file.rowCount
            t.included += file.includedCount
            t.excluded += file.excluded.count
            t.outsideYear += file.outsideYear.count
            guard !file.excluded.isEmpty else { continue }
            var late: Set<Int> = []
            for f in file.findings where f.rule == .V05 {
                if let r = f.recordIndex, file.excluded.contains(r) { late.insert(r) }
            }
            t.afterAsOf += late.count
        }
        return t
    }
}

/// Files of the folder not read, by why.
public struct UnreadFiles: Sendable, Equatable {
    /// Refused: not decodable, a required column missing, changed while read, a workbook that cannot be opened.
    public var refused = 0
    /// Empty, or a header alone.
    public var empty = 0
    /// Spreadsheets in a format that cannot be read (F09).
    public var formats = 0
    /// Sheets of workbooks that hold no data set.
    public var unusedSheets = 0
    /// Office lock files (~$name.xlsx).
    public var lockFiles = 0

    public init(refused: Int = 0, empty: Int = 0, formats: Int = 0, unusedSheets: Int = 0, lockFiles: Int = 0) {
        self.refused = refused
        self.empty = empty
        self.formats = formats
        self.unusedSheets = unusedSheets
        self.lockFiles = lockFiles
    }

    public var total: Int { refused + empty + formats + unusedSheets + lockFiles }
}

/// Most payment and claim dates fall in another year than the reporting year.
public struct YearNotice: Sendable, Equatable {
    public let year: Int
    /// The year most dates are in, and how many are.
    public let datesYear: Int
    public let inDatesYear: Int
    public let inYear: Int
    public let dates: Int

    public init(year: Int, datesYear: Int, inDatesYear: Int, inYear: Int, dates: Int) {
        self.year = year
        self.datesYear = datesYear
        self.inDatesYear = inDatesYear
        self.inYear = inYear
        self.dates = dates
    }

    /// Whether more than half of the payment and claim rows are dated outside the year (V04).
    static func mostRowsOutside(_ checked: [CheckedFile]) -> Bool {
        var rows = 0, outside = 0
        for file in checked where file.input.dataset == .payments || file.input.dataset == .claims {
            rows += file.rowCount
            outside += Set(file.findings.lazy.filter { $0.rule == .V04 }.compactMap(\.recordIndex)).count
        }
        return rows > 0 && outside * 2 > rows
    }

    /// The notice when fewer than half of `counts`' dates are in `year`; nil otherwise.
    static func check(year: Int, counts: [Int: Int]) -> YearNotice? {
        let dates = counts.values.reduce(0, +)
        let inYear = counts[year] ?? 0
        guard dates > 0, inYear * 2 < dates,
              let top = counts.max(by: { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }), top.key != year else { return nil }
        return YearNotice(year: year, datesYear: top.key, inDatesYear: top.value, inYear: inYear, dates: dates)
    }
}
