// What the run's closing lines count: rows by what became of them, files not read, and the wrong-year notice's figures.
import UnionCore
import UnionRules

/// Rows of the run by what became of them, for the closing lines.
public struct RowTally: Sendable, Equatable {
    public var files = 0
    public var rows = 0
    public var included = 0
    /// Rows dated outside the reporting year (V04), whether or not they also have an error.
    public var otherYear = 0
    /// Rows dated after the as-of date (V05) and not outside the year.
    public var afterAsOf = 0
    /// Rows left out for their other errors.
    public var otherErrors = 0

    /// The tally of `checked`: every row is in exactly one of included, otherYear, afterAsOf, otherErrors.
    static func of(_ checked: [CheckedFile]) -> RowTally {
        var t = RowTally()
        t.files = checked.count
        for file in checked {
            t.rows += file.rowCount
            t.included += file.includedCount
            t.otherYear += file.outsideYear.count
            // Only excluded rows need their findings looked at: which of them are of another year or after the as-of date.
            guard !file.excluded.isEmpty else { continue }
            var v04: Set<Int> = [], v05: Set<Int> = []
            for f in file.findings where f.severity == .error || f.rule == .V04 {
                guard let r = f.recordIndex, file.excluded.contains(r) else { continue }
                if f.rule == .V04 { v04.insert(r) } else if f.rule == .V05 { v05.insert(r) }
            }
            // Both sets hold excluded rows only, and `outsideYear` holds none.
            let afterAsOf = v05.subtracting(v04).count
            t.otherYear += v04.count
            t.afterAsOf += afterAsOf
            t.otherErrors += file.excluded.count - v04.count - afterAsOf
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
