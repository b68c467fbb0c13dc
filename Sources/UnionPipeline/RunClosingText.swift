// The run's closing lines and its wrong-year notice, in both languages: one table.
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

enum RunClosingText {
    static func read(_ t: RowTally, year: Int) -> LocalizedText {
        var zh = "读取 \(t.files) 个文件，共 \(t.rows) 行：计入 \(t.included) 行，排除 \(t.excluded) 行（有错误"
        var en = "Read \(t.files) files, \(t.rows) rows: \(t.included) included, \(t.excluded) excluded (errors"
        if t.afterAsOf > 0 {
            zh += "，其中 \(t.afterAsOf) 行日期晚于截止日期"
            en += "; \(t.afterAsOf) of them dated after the as-of date"
        }
        zh += "），非\(year)年度 \(t.outsideYear) 行。"
        en += "), \(t.outsideYear) outside \(year)."
        return LocalizedText(zh: zh, en: en)
    }

    static func findings(errors: Int, warnings: Int) -> LocalizedText {
        LocalizedText(zh: "发现错误 \(errors) 处、警告 \(warnings) 处。", en: "\(errors) errors and \(warnings) warnings.")
    }

    static func unread(_ u: UnreadFiles) -> LocalizedText {
        var zh: [String] = [], en: [String] = []
        if u.refused > 0 { zh.append("无法读取 \(u.refused) 个（原因见问题清单）"); en.append("\(u.refused) refused (see the findings for why)") }
        if u.empty > 0 { zh.append("空文件 \(u.empty) 个"); en.append("\(u.empty) empty") }
        if u.formats > 0 { zh.append("格式无法读取 \(u.formats) 个（F09，另存为 .xlsx 或 .csv 即可）"); en.append("\(u.formats) in a format that cannot be read (F09: save as .xlsx or .csv)") }
        if u.unusedSheets > 0 { zh.append("未使用的工作表 \(u.unusedSheets) 个"); en.append("\(u.unusedSheets) sheets not used") }
        if u.lockFiles > 0 { zh.append("Office 锁定文件 \(u.lockFiles) 个"); en.append("\(u.lockFiles) Office lock files") }
        return LocalizedText(zh: "另有 \(u.total) 个文件或工作表未读取：" + zh.joined(separator: "，") + "。",
                             en: "\(u.total) files or sheets not read: " + en.joined(separator: ", ") + ".")
    }

    static func kept(_ k: KeptEdit) -> LocalizedText {
        LocalizedText(zh: "上次输出的 \(k.original) 被修改过，已另存为 \(k.keptAs)。",
                      en: "\(k.original) was edited since the last run and was kept as \(k.keptAs).")
    }

    static func written(_ folder: String) -> LocalizedText {
        LocalizedText(zh: "输出已写入 \(folder)", en: "Outputs written to \(folder)")
    }

    static let whereToStart = LocalizedText(zh: "先看 summary.xlsx 的“概览”，再看“问题清单”或 issues.csv。",
                                            en: "Start with summary.xlsx's 概览 (overview), then 问题清单 (findings) or issues.csv.")

    static let checkOnlyStart = LocalizedText(zh: "问题清单见 issues.csv。", en: "The findings are in issues.csv.")

    static func year(_ n: YearNotice) -> LocalizedText {
        LocalizedText(zh: "注意：发放和报销的 \(n.dates) 个日期中只有 \(n.inYear) 个在统计年度 \(n.year) 年，\(n.inDatesYear) 个在 \(n.datesYear) 年。"
                          + "如要核查 \(n.datesYear) 年度，请加 --year \(n.datesYear)（或在 unionbatch.toml 中设 year = \(n.datesYear)）。",
                      en: "note: of \(n.dates) payment and claim dates only \(n.inYear) are in the reporting year \(n.year); \(n.inDatesYear) are in \(n.datesYear). "
                          + "To check \(n.datesYear), add --year \(n.datesYear) (or set year = \(n.datesYear) in unionbatch.toml).")
    }
}
