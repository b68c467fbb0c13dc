// The federation's summary.xlsx: a row per union with the totals, the units' tables summed, 各单位经费, a sheet per union.
import UnionCore
import UnionRules
import UnionSummary
import Xlsx

/// One grassroots union in a roll-up.
public struct FederationUnit: Sendable {
    public let name: String
    public let type: String
    public let folder: String
    public let summary: Summary?
    /// Why the unit has no figures, when its run failed.
    public let failure: String?
    public let exitCode: Int32

    public init(name: String, type: String, folder: String, summary: Summary?, failure: String?, exitCode: Int32) {
        self.name = name
        self.type = type
        self.folder = folder
        self.summary = summary
        self.failure = failure
        self.exitCode = exitCode
    }
}

public enum FederationWorkbookWriter {
    /// The figures of the 汇总 sheet: title and value of a unit's summary; `money` marks yuan.
    struct Column: Sendable {
        let title: LocalizedText
        let money: Bool
        let value: @Sendable (Summary) -> Int64

        init(zh: String, en: String, money: Bool, value: @escaping @Sendable (Summary) -> Int64) {
            title = LocalizedText(zh: zh, en: en)
            self.money = money
            self.value = value
        }
    }

    static let columns: [Column] = [
        Column(zh: "会员", en: "Members", money: false) { Int64($0.members?.total ?? 0) },
        Column(zh: "女会员", en: "Women", money: false) { Int64($0.members?.female ?? 0) },
        Column(zh: "男会员", en: "Men", money: false) { Int64($0.members?.male ?? 0) },
        Column(zh: "会费（元）", en: "Dues (yuan)", money: true) { $0.members?.duesPaid.fen ?? 0 },
        Column(zh: "帮扶慰问笔数", en: "Payments", money: false) { Int64($0.payments?.all.count ?? 0) },
        Column(zh: "帮扶慰问人数", en: "People paid", money: false) { Int64($0.payments?.all.people ?? 0) },
        Column(zh: "帮扶慰问金额（元）", en: "Paid (yuan)", money: true) { $0.payments?.all.amount.fen ?? 0 },
        Column(zh: "工会经费支出（元）", en: "Union spending (yuan)", money: true) { $0.payments?.unionSpending.fen ?? 0 },
        Column(zh: "困难帮扶人数", en: "Hardship aid people", money: false) { Int64($0.payments?.byCategory[.hardship]?.people ?? 0) },
        Column(zh: "困难帮扶金额（元）", en: "Hardship aid (yuan)", money: true) { $0.payments?.byCategory[.hardship]?.amount.fen ?? 0 },
        Column(zh: "金秋助学人数", en: "Study grants", money: false) { Int64($0.payments?.byCategory[.education]?.count ?? 0) },
        Column(zh: "金秋助学金额（元）", en: "Study grants (yuan)", money: true) { $0.payments?.byCategory[.education]?.amount.fen ?? 0 },
        Column(zh: "医疗互助人次", en: "Claims", money: false) { Int64($0.claims?.all.count ?? 0) },
        Column(zh: "医疗互助报销（元）", en: "Approved (yuan)", money: true) { $0.claims?.all.amount.fen ?? 0 },
        Column(zh: "两癌参保人数", en: "两癌 enrolled", money: false) { Int64($0.enrollments?.byPlan["两癌"]?.people ?? 0) },
        Column(zh: "两癌保费（元）", en: "两癌 premium (yuan)", money: true) { $0.enrollments?.byPlan["两癌"]?.amount.fen ?? 0 },
        Column(zh: "错误", en: "Errors", money: false) { Int64($0.findings.errors) },
        Column(zh: "警告", en: "Warnings", money: false) { Int64($0.findings.warnings) },
    ]

    public static func write(path: String, federation: Summary, units: [FederationUnit], findings: [(unit: String, finding: Finding)],
                             presenter: FindingPresenter) throws {
        let language = presenter.language
        typealias T = WriterText.Federation
        let workbook = try Workbook(path: path)
        workbook.setProperties(created: (federation.asOf.year, federation.asOf.month, federation.asOf.day),
                               title: T.title(unit: federation.unit, year: federation.year).text(language),
                               author: "unionbatch")
        let styles = SheetStyles(workbook)
        styles.page = PageLabels(unit: federation.unit, year: federation.year, asOf: federation.asOf, language: language)  // print setup (SPEC §4.1)

        // 汇总: a row per unit, the totals as SUM formulas with their values stored.
        let sheet = try workbook.addWorksheet(T.unitsSheet.text(language))
        let t = TableWriter(sheet, styles)
        try t.header((T.unitsHeader + columns.map(\.title)).text(language), 0)
        var r = 1
        for u in units {
            try t.text(u.name, r, 0)
            try t.text(u.type, r, 1)
            try t.text(String(u.folder.split(separator: "/").last ?? Substring(u.folder)), r, 2)
            if let s = u.summary {
                for (i, c) in columns.enumerated() {
                    let v = c.value(s)
                    if c.money { try t.money(Money(fen: v), r, 3 + i) } else { try t.integer(Int(v), r, 3 + i) }
                }
            } else {
                try t.text(T.notRolledUp(u.failure ?? "").text(language), r, 3)
            }
            r += 1
        }
        let last = r - 1
        try t.text(WriterText.total.text(language), r, 0, styles.totalLabel)
        for (i, c) in columns.enumerated() {
            let total = c.value(federation)
            let column = 3 + i
            let formula = "=SUM(\(cellReference(row: 1, column: column)):\(cellReference(row: max(1, last), column: column)))"
            if c.money {
                try t.formula(formula, value: Money(fen: total).yuanDouble, r, column, styles.totalMoney)
            } else {
                try t.formula(formula, value: Double(total), r, column, styles.totalInteger)
            }
        }
        try t.finish(headerRow: 0, lastRow: last, lastColumn: 2 + columns.count)
        sheet.activate()

        // The unit workbook's category and plan tables, summed over the units.
        try breakdowns(workbook, styles, federation, language: language)
        try funds(workbook, styles, federation, units: units, language: language)

        // 问题清单: every unit's findings, with its unit.
        let fsheet = try workbook.addWorksheet(T.findingsSheet.text(language))
        let ft = TableWriter(fsheet, styles)
        try ft.header(T.findingsHeader.text(language), 0)
        var fr = 1
        for (unit, f) in findings.prefix(SummaryWorkbookWriter.findingRowLimit) {
            try ft.text(unit, fr, 0)
            try ft.text(f.file, fr, 1)
            if let row = f.row { try ft.integer(row, fr, 2) }
            try ft.text(presenter.columnLetter(f), fr, 3)
            try ft.text(presenter.fieldName(f), fr, 4)
            try ft.text(presenter.value(f), fr, 5)
            try ft.text(f.rule.rawValue, fr, 6)
            try ft.text(presenter.severityWord(f.severity), fr, 7)
            try ft.text(presenter.message(f), fr, 8)
            try ft.text(presenter.hint(f), fr, 9)
            fr += 1
        }
        if findings.count > SummaryWorkbookWriter.findingRowLimit {
            try ft.text(T.moreFindings(findings.count - SummaryWorkbookWriter.findingRowLimit).text(language), fr, 0, styles.totalLabel)
        }
        ft.maximumWidth = 60
        try ft.finish(headerRow: 0, lastRow: max(1, min(findings.count, SummaryWorkbookWriter.findingRowLimit)), lastColumn: 9)

        try membersChart(workbook, styles, units, language: language)
        // A sheet per union with its key figures, for up to unitSheetLimit units (SPEC §6).
        if units.count <= unitSheetLimit {
            for u in units { try unitSheet(workbook, styles, u, language: language) }
        }
        try workbook.close()
    }

    /// Members per union on a sheet of its own, its table above its chart: below the 汇总 table, as wide as
    /// many pages, a chart was cut into slivers, one on each page to the right (SPEC §4.1). Past
    /// `chartUnitLimit` units no bar could be read, and there is none.
    static func membersChart(_ workbook: Workbook, _ st: SheetStyles, _ units: [FederationUnit], language: Language) throws {
        let shown = units.filter { $0.summary != nil }
        guard !shown.isEmpty, shown.count <= chartUnitLimit else { return }
        typealias T = WriterText.Federation
        let sheet = try workbook.addWorksheet(T.membersSheet.text(language))
        let t = TableWriter(sheet, st)
        try t.header([T.union, T.membersPeople].text(language), 0)
        for (i, u) in shown.enumerated() {
            try t.text(u.name, i + 1, 0)
            try t.integer(u.summary?.members?.total ?? 0, i + 1, 1)
        }
        let last = shown.count
        let chart = workbook.addChart(.bar)
        chart.addSeries(categories: Chart.range(sheet: sheet.name, firstRow: 1, firstColumn: 0, lastRow: last, lastColumn: 0),
                        values: Chart.range(sheet: sheet.name, firstRow: 1, firstColumn: 1, lastRow: last, lastColumn: 1),
                        name: T.membersPeople.text(language), labels: "#,##0")
        chart.setTitle(T.membersChartTitle.text(language))
        chart.setXAxisName(T.membersAxis.text(language))
        chart.setXAxisNumberFormat("#,##0")
        chart.hideLegend()
        // A bar a union, tall enough that every union keeps its label.
        let rows = max(15, 6 + last * 3 / 2)
        try sheet.insertChart(chart, row: last + 2, column: 0, xScale: 1.3, yScale: Double(rows) / 14.4)
        try t.finish(headerRow: 0, lastRow: last, lastColumn: 1, filter: false)
    }

    /// Past this many units the members chart is left out: its bars could not be told apart.
    public static let chartUnitLimit = 30

    /// Per-union sheets are written for at most this many units; past it, the 汇总 table alone (SPEC §6).
    public static let unitSheetLimit = 200

    /// A table of tallies (label, count, people, money) with its SUM total; the next free row.
    static func tallyTable(_ t: TableWriter, _ st: SheetStyles, from row: Int, titles: [String], rows: [(String, Tally)], total: Tally,
                           language: Language) throws -> Int {
        var r = row
        try t.header(titles, r)
        r += 1
        let first = r
        for (label, v) in rows {
            try t.text(label, r, 0)
            try t.integer(v.count, r, 1)
            try t.integer(v.people, r, 2)
            try t.money(v.amount, r, 3)
            r += 1
        }
        let last = max(first, r - 1)
        try t.text(WriterText.total.text(language), r, 0, st.totalLabel)
        try t.formula("=SUM(\(cellReference(row: first, column: 1)):\(cellReference(row: last, column: 1)))", value: Double(total.count),
                      r, 1, st.totalInteger)
        // People are a plain value: a person may be in several rows.
        try t.integer(total.people, r, 2, st.totalInteger)
        try t.formula("=SUM(\(cellReference(row: first, column: 3)):\(cellReference(row: last, column: 3)))", value: total.amount.yuanDouble,
                      r, 3, st.totalMoney)
        return r + 1
    }

    /// 帮扶慰问 by category, 医疗互助 and 参保 by plan: each a sheet of its own, as in a unit's workbook.
    static func breakdowns(_ workbook: Workbook, _ st: SheetStyles, _ s: Summary, language: Language) throws {
        typealias T = WriterText.Federation
        if let p = s.payments {
            let t = TableWriter(try workbook.addWorksheet(T.paymentsSheet.text(language)), st)
            let rows = PaymentCategory.allCases.compactMap { c in p.byCategory[c].map { (c.rawValue, $0) } }
            let last = try tallyTable(t, st, from: 0, titles: T.categoryHeader.text(language),
                                      rows: rows, total: p.all, language: language)
            try t.finish(headerRow: 0, lastRow: last - 2, lastColumn: 3)
        }
        if let c = s.claims {
            let t = TableWriter(try workbook.addWorksheet(T.claimsSheet.text(language)), st)
            let rows = c.byPlan.keys.sorted(by: codePointOrder).map { ($0, c.byPlan[$0]!) }
            let last = try tallyTable(t, st, from: 0, titles: T.claimsHeader.text(language),
                                      rows: rows, total: c.all, language: language)
            try t.finish(headerRow: 0, lastRow: last - 2, lastColumn: 3)
        }
        if let e = s.enrollments {
            let t = TableWriter(try workbook.addWorksheet(T.enrollmentsSheet.text(language)), st)
            let rows = e.byPlan.keys.sorted(by: codePointOrder).map { ($0, e.byPlan[$0]!) }
            let last = try tallyTable(t, st, from: 0, titles: T.enrollmentsHeader.text(language),
                                      rows: rows, total: e.all, language: language)
            try t.finish(headerRow: 0, lastRow: last - 2, lastColumn: 3)
        }
    }

    /// With a ledger in some unit: 经费收支, the unit workbook's funds tables summed over the units (income by line,
    /// expense by group and line, the balance, the chart); then 各单位经费, income, expense and balance per unit
    /// with their sums, a unit without a ledger saying 未提供 (a sheet of its own: it runs past a page).
    static func funds(_ workbook: Workbook, _ st: SheetStyles, _ s: Summary, units: [FederationUnit], language: Language) throws {
        guard let f = s.funds else { return }
        try FundsSheetWriter.write(workbook, st, s, language: language)
        let t = TableWriter(try workbook.addWorksheet(WriterText.Federation.fundsSheet.text(language)), st)
        try t.header(WriterText.Federation.fundsHeader.text(language), 0)
        var r = 1
        for u in units {
            guard let us = u.summary else { continue }
            try t.text(u.name, r, 0)
            if let uf = us.funds {
                try t.money(uf.income, r, 1)
                try t.money(uf.expense, r, 2)
                try t.money(uf.balance, r, 3)
            } else {
                for column in 1...3 { try t.text(WriterText.notGiven.text(language), r, column) }
            }
            r += 1
        }
        let last = max(1, r - 1)
        try t.text(WriterText.total.text(language), r, 0, st.totalLabel)
        for (column, value) in [(1, f.income), (2, f.expense), (3, f.balance)] {
            try t.formula("=SUM(\(cellReference(row: 1, column: column)):\(cellReference(row: last, column: column)))",
                          value: value.yuanDouble, r, column, st.totalMoney)
        }
        try t.finish(headerRow: 0, lastRow: last, lastColumn: 3)
    }

    /// A union's sheet: its key figures, one a row, then its payments by category.
    static func unitSheet(_ workbook: Workbook, _ st: SheetStyles, _ u: FederationUnit, language: Language) throws {
        typealias T = WriterText.Federation
        let t = TableWriter(try workbook.addWorksheet(u.name), st)
        try t.text(u.name + (u.type.isEmpty ? "" : T.unitType(u.type).text(language)), 0, 0, st.totalLabel)
        try t.header(T.figureHeader.text(language), 1)
        var r = 2
        guard let s = u.summary else {
            try t.text(T.notRolledUp(u.failure ?? "").text(language), r, 0)
            try t.finish(headerRow: 1, lastRow: r, lastColumn: 1)
            return
        }
        if let f = s.federation {
            try t.text(T.grassrootsUnions.text(language), r, 0)
            try t.integer(f.grassrootsTotal, r, 1)
            r += 1
        }
        for c in columns {
            try t.text(c.title.text(language), r, 0)
            let v = c.value(s)
            if c.money { try t.money(Money(fen: v), r, 1) } else { try t.integer(Int(v), r, 1) }
            r += 1
        }
        let lastFigure = r - 1
        if let p = s.payments, !p.byCategory.isEmpty {
            r += 1
            // Its own header row, not a print title: the sheet's print title is the key figures' header.
            try t.header(T.categoryHeader.text(language), r)
            r += 1
            for c in PaymentCategory.allCases {
                guard let v = p.byCategory[c] else { continue }
                try t.text(c.rawValue, r, 0)
                try t.integer(v.count, r, 1)
                try t.integer(v.people, r, 2)
                try t.money(v.amount, r, 3)
                r += 1
            }
        }
        try t.finish(headerRow: 1, lastRow: lastFigure, lastColumn: 1)
    }
}
