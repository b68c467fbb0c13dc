// summary.xlsx: 概览, 会员, 帮扶慰问, 医疗互助, 参保, 问题清单, 说明.
import UnionCore
import UnionRules
import UnionSummary
import Xlsx

public struct SummaryWorkbookInput {
    public let summary: Summary
    public let findings: [Finding]
    public let layout: CheckedLayout
    /// Datasets that have a checked workbook this run (links point only there).
    public let checkedDatasets: Set<Dataset>
    /// Dataset of each input file, for the findings' links.
    public let datasetOfFile: [String: Dataset]
    public let presenter: FindingPresenter
    public let profileName: String
    public let options: [(String, String)]
    /// The rules and limits in effect, for 说明.
    public var policy: RulePolicy = RuleCatalog.defaultPolicy
    public var profile: RuleProfile = .standard
    /// Whether unionbatch.toml names the unit; else the title says 本单位工会 (SPEC §4.2).
    public var unitNamed = true
    /// Lines about the workbooks' sheets (hidden sheets and rows, .xls limits, sheets not used), for 说明.
    public var sheetNotes: [String] = []

    public init(summary: Summary, findings: [Finding], layout: CheckedLayout, checkedDatasets: Set<Dataset>,
                datasetOfFile: [String: Dataset], presenter: FindingPresenter, profileName: String, options: [(String, String)]) {
        self.summary = summary
        self.findings = findings
        self.layout = layout
        self.checkedDatasets = checkedDatasets
        self.datasetOfFile = datasetOfFile
        self.presenter = presenter
        self.profileName = profileName
        self.options = options
    }
}

public enum SummaryWorkbookWriter {
    /// 问题清单 lists at most this many findings, then points to issues.csv.
    public static let findingRowLimit = 65_000

    public static func write(path: String, input: SummaryWorkbookInput) throws {
        let s = input.summary
        let lang = input.presenter.language
        let workbook = try Workbook(path: path)
        workbook.setProperties(created: (s.asOf.year, s.asOf.month, s.asOf.day),
                               title: title(s, unitNamed: input.unitNamed).text(lang),
                               author: "unionbatch")
        let styles = SheetStyles(workbook)
        styles.page = PageLabels(unit: input.unitNamed ? s.unit : T.thisUnion.text(lang), year: s.year, asOf: s.asOf, language: lang)
        let names = SheetNames(lang)
        try overview(workbook, styles, input, names)
        try members(workbook, styles, s, names, lang)
        try payments(workbook, styles, s, names, lang)
        try claims(workbook, styles, s, names, lang)
        try breakdowns(workbook, styles, s, names, lang)
        try enrollments(workbook, styles, s, names, lang)
        try FundsSheetWriter.write(workbook, styles, s, language: lang)
        try findings(workbook, styles, input, names, lang)
        try notes(workbook, styles, input, names, lang)
        try workbook.close()
    }

    typealias T = WriterText.Summary

    struct SheetNames {
        let overview, members, payments, claims, breakdowns, enrollments, findings, notes: String
        init(_ lang: Language) {
            overview = T.overviewSheet.text(lang)
            members = T.membersSheet.text(lang)
            payments = T.paymentsSheet.text(lang)
            claims = T.claimsSheet.text(lang)
            breakdowns = T.breakdownsSheet.text(lang)
            enrollments = T.enrollmentsSheet.text(lang)
            findings = T.findingsSheet.text(lang)
            notes = T.notesSheet.text(lang)
        }
    }

    /// `SUM(C2:C9)` with its value stored.
    private static func sumFormula(_ column: Int, from first: Int, to last: Int) -> String {
        "=SUM(\(cellReference(row: first, column: column)):\(cellReference(row: last, column: column)))"
    }

    // MARK: 概览

    /// "东方机械有限公司工会2025年度工会数据汇总": the unit as the text names it.
    static func title(_ s: Summary, unitNamed: Bool) -> LocalizedText {
        T.title(unit: unitNamed ? LocalizedText(verbatim: s.unit) : T.thisUnionTitle, year: s.year)
    }

    /// The key figures, then the rows per file and the findings by rule, each a table from a new page.
    private static func overview(_ wb: Workbook, _ st: SheetStyles, _ input: SummaryWorkbookInput, _ names: SheetNames) throws {
        let s = input.summary
        let lang = input.presenter.language
        let sheet = try wb.addWorksheet(names.overview)
        let t = TableWriter(sheet, st)
        t.printTitles = false
        // The title block: what, for when, and as of which day (the run's date: the same inputs give the same file).
        try sheet.write(title(s, unitNamed: input.unitNamed).text(lang), row: 0, column: 0, format: st.title)
        // When: the as-of date the figures are made for (a run's clock time would make two runs differ).
        try t.text(T.asOf.text(lang), 1, 0)
        try t.date(s.asOf, 1, 1)
        try t.text(T.unitType.text(lang), 1, 2)
        try t.text(s.unitType, 1, 3)
        let headerRow = 3
        try t.header(T.keyFiguresHeader.text(lang), headerRow)
        let key = KeyFigureLines(t, lang, row: headerRow + 1)
        try key.members(s.members)
        try key.payments(s.payments, groupOrder: s.groupOrder)
        try key.claimsAndEnrollments(s.claims, s.enrollments)
        try key.funds(s.funds)
        try key.line(T.errors, count: s.findings.errors)
        try key.line(T.warnings, count: s.findings.warnings)
        let lastKeyRow = key.r - 1
        var r = key.r
        try rowsPerFile(t, s, lang, &r)
        try findingsByRule(t, input, &r)
        t.maximumWidth = 40
        try t.finish(headerRow: headerRow, lastRow: lastKeyRow, lastColumn: 3, filter: false)
        sheet.activate()
    }

    /// The key figures of 概览, a line each: label, then count, people and amount where they apply.
    private final class KeyFigureLines {
        let t: TableWriter
        let lang: Language
        var r: Int

        init(_ t: TableWriter, _ lang: Language, row: Int) {
            self.t = t
            self.lang = lang
            r = row
        }

        func line(_ label: LocalizedText, count: Int? = nil, people: Int? = nil, amount: Money? = nil, missing: Bool = false) throws {
            try t.text(label.text(lang), r, 0)
            if let count { try t.integer(count, r, 1) }
            if let people { try t.integer(people, r, 2) }
            if let amount { try t.money(amount, r, 3) }
            if missing { try t.text(WriterText.notGiven.text(lang), r, 3) }
            r += 1
        }

        func tally(_ label: LocalizedText, _ v: Tally?) throws {
            let v = v ?? Tally()
            try line(label, count: v.count, people: v.people, amount: v.amount)
        }

        func members(_ m: MemberFigures?) throws {
            guard let m else { return }
            try line(T.membersTotal, people: m.total)
            try line(T.ofWhomWomen, people: m.female)
            try line(T.ofWhomMen, people: m.male)
            try line(T.joinedInYear, people: m.joinedInYear)
            try line(T.leftInYear, people: m.leftInYear)
            if m.duesGiven {
                try line(T.duesCollected, amount: m.duesPaid)
            } else {
                try line(T.duesCollected, missing: true)
            }
            try line(T.hardshipOnFile, people: m.byHardship.values.reduce(0, +))
        }

        func payments(_ p: PaymentFigures?, groupOrder: [String]) throws {
            guard let p else { return }
            try tally(T.paymentsAll, p.all)
            try line(T.ofWhichUnionSpending, amount: p.unionSpending)
            try tally(T.hardshipAid, p.byCategory[.hardship])
            try tally(T.studyGrants, p.byCategory[.education])
            for group in groupOrder {
                guard let g = p.byGroup[group] else { continue }
                try tally(LocalizedText(verbatim: group), g)
            }
            for c in PaymentCategory.allCases where c != .hardship && c != .education {
                guard let v = p.byCategory[c] else { continue }
                try tally(LocalizedText(verbatim: c.rawValue), v)
            }
        }

        func claimsAndEnrollments(_ c: ClaimFigures?, _ e: EnrollmentFigures?) throws {
            if let c {
                try tally(T.claimsApproved, c.all)
            }
            if let e {
                try tally(T.enrollments, e.all)
                for (plan, v) in e.byPlan.sorted(by: { codePointOrder($0.key, $1.key) }) {
                    try tally(T.ofWhich(plan), v)
                }
            }
        }

        /// The ledger's key figures: income, expense and balance, and the lines the text speaks of.
        func funds(_ f: FundsFigures?) throws {
            guard let f else { return }
            let lines = f.lineOrder.compactMap { f.byLine[$0] }
            let incomeEntries = lines.filter { f.isIncome(group: $0.group) }.map(\.count).reduce(0, +)
            let expenseEntries = lines.filter { !f.isIncome(group: $0.group) }.map(\.count).reduce(0, +)
            try line(T.fundsIncome, count: incomeEntries, amount: f.income)
            try line(T.fundsExpense, count: expenseEntries, amount: f.expense)
            try line(T.balance, amount: f.balance)
            for name in ["职工教育支出", "劳动保护费", "培训费"] {
                guard let l = f.byLine[name], l.count > 0 else { continue }
                try line(T.ofWhich(name), count: l.count, people: f.hasPeople ? l.people : nil, amount: l.amount)
            }
        }
    }

    /// What was left out, per file: a table of its own on a new page.
    private static func rowsPerFile(_ t: TableWriter, _ s: Summary, _ lang: Language, _ r: inout Int) throws {
        let st = t.styles
        r += 1
        t.pageBreaks.append(r)
        try t.caption(T.rowsPerFile.text(lang), r)
        r += 1
        try t.header(T.rowsPerFileHeader.text(lang), r)
        r += 1
        let firstFileRow = r
        for i in s.inputs {
            try t.text(i.file, r, 0)
            try t.text((i.dataset.map(WriterText.dataset) ?? WriterText.notReadDataset).text(lang), r, 1)
            try t.integer(i.rows, r, 2)
            try t.integer(i.included, r, 3)
            try t.integer(i.excluded, r, 4)
            try t.integer(i.outsideYear, r, 5)
            r += 1
        }
        if !s.inputs.isEmpty {
            try t.text(WriterText.total.text(lang), r, 0, st.totalLabel)
            let sums = [s.inputs.map(\.rows), s.inputs.map(\.included), s.inputs.map(\.excluded), s.inputs.map(\.outsideYear)]
            for (k, values) in sums.enumerated() {
                try t.formula(sumFormula(2 + k, from: firstFileRow, to: r - 1), value: Double(values.reduce(0, +)), r, 2 + k, st.totalInteger)
            }
            r += 1
        }
    }

    /// Findings by rule: why rows were excluded; a new page again.
    private static func findingsByRule(_ t: TableWriter, _ input: SummaryWorkbookInput, _ r: inout Int) throws {
        let s = input.summary
        let lang = input.presenter.language
        let st = t.styles
        r += 1
        t.pageBreaks.append(r)
        try t.caption(T.findingsByRule.text(lang), r)
        r += 1
        try t.header(T.findingsByRuleHeader.text(lang), r)
        r += 1
        let firstRuleRow = r
        let severities = Dictionary(input.findings.map { ($0.rule, $0.severity) }, uniquingKeysWith: { a, b in min(a, b) })
        for (rule, count) in s.findings.byRule.sorted(by: { $0.key < $1.key }) {
            let def = RuleCatalog.definition(rule)
            try t.text(rule.rawValue, r, 0)
            try t.text(def.summary.text(lang), r, 1)
            try t.text(input.presenter.severityWord(severities[rule] ?? def.defaultSeverity), r, 2)
            try t.integer(count, r, 3)
            r += 1
        }
        if r == firstRuleRow {
            try t.text(T.none.text(lang), r, 0)
            r += 1
        } else {
            try t.text(WriterText.total.text(lang), r, 0, st.totalLabel)
            try t.formula(sumFormula(3, from: firstRuleRow, to: r - 1), value: Double(s.findings.byRule.values.reduce(0, +)), r, 3, st.totalInteger)
            r += 1
        }
    }

    // MARK: 会员

    /// Branches down; 男, 女 and each status across, with totals both ways (members at the as-of date);
    /// then joined, left, dues and the members in hardship, as a second table on a new page.
    private static func members(_ wb: Workbook, _ st: SheetStyles, _ s: Summary, _ names: SheetNames, _ lang: Language) throws {
        guard let m = s.members else { return }
        let sheet = try wb.addWorksheet(names.members)
        let t = TableWriter(sheet, st)
        var branches: [String] = []
        var statuses: [String] = []
        for k in m.byBranchSexStatus.keys {
            if !branches.contains(k.branch) { branches.append(k.branch) }
            if !statuses.contains(k.status) { statuses.append(k.status) }
        }
        branches.sort(by: codePointOrder)
        // 在册 first, then 保留会籍, then any other status as written.
        let statusOrder = ["在册", "保留会籍"]
        statuses.sort { a, b in
            let ia = statusOrder.firstIndex(of: a) ?? statusOrder.count, ib = statusOrder.firstIndex(of: b) ?? statusOrder.count
            return ia != ib ? ia < ib : codePointOrder(a, b)
        }
        let sexes: [Sex] = [.male, .female]
        try t.header(([T.branch] + sexes.map(T.sex) + statuses.map { LocalizedText(verbatim: $0) } + [WriterText.total]).text(lang), 0)
        let totalColumn = 1 + sexes.count + statuses.count
        var r = 1
        for branch in branches {
            try t.text(branch.isEmpty ? WriterText.noBranch.text(lang) : branch, r, 0)
            var total = 0
            for (i, sex) in sexes.enumerated() {
                let n = m.byBranchSexStatus.filter { $0.key.branch == branch && $0.key.sex == sex }.values.reduce(0, +)
                try t.integer(n, r, 1 + i)
                total += n
            }
            for (i, status) in statuses.enumerated() {
                let n = m.byBranchSexStatus.filter { $0.key.branch == branch && $0.key.status == status }.values.reduce(0, +)
                try t.integer(n, r, 1 + sexes.count + i)
            }
            try t.formula("=SUM(\(cellReference(row: r, column: 1)):\(cellReference(row: r, column: sexes.count)))",
                          value: Double(total), r, totalColumn, st.totalInteger)
            r += 1
        }
        let last = r - 1
        try t.text(WriterText.total.text(lang), r, 0, st.totalLabel)
        for column in 1...totalColumn {
            let value: Int
            if column <= sexes.count {
                value = m.byBranchSexStatus.filter { $0.key.sex == sexes[column - 1] }.values.reduce(0, +)
            } else if column < totalColumn {
                value = m.byBranchSexStatus.filter { $0.key.status == statuses[column - 1 - sexes.count] }.values.reduce(0, +)
            } else {
                value = m.byBranchSexStatus.values.reduce(0, +)
            }
            try t.formula(sumFormula(column, from: 1, to: max(1, last)), value: Double(value), r, column, st.totalInteger)
        }
        r += 2
        // A short branch table shares its page; a long one has its own pages, so the second table starts a new one.
        if last > 20 { t.pageBreaks.append(r) }
        t.printTitles = last > 20
        try t.caption(T.joinedLeftDues.text(lang), r); r += 1
        try t.header(T.joinedLeftDuesHeader.text(lang), r); r += 1
        try t.text(T.joinedInYear.text(lang), r, 0); try t.integer(m.joinedInYear, r, 1); r += 1
        try t.text(T.leftInYear.text(lang), r, 0); try t.integer(m.leftInYear, r, 1); r += 1
        try t.text(T.duesCollected.text(lang), r, 0)
        if m.duesGiven { try t.money(m.duesPaid, r, 2) } else { try t.text(WriterText.notGiven.text(lang), r, 2) }
        r += 1
        for (kind, n) in m.byHardship.sorted(by: { codePointOrder($0.key, $1.key) }) {
            try t.text(T.inHardship(kind).text(lang), r, 0); try t.integer(n, r, 1); r += 1
        }
        try t.finish(headerRow: 0, lastRow: last, lastColumn: totalColumn)
    }

    // MARK: 帮扶慰问

    /// By category × month, the one table of its sheet (it can run past a page).
    private static func payments(_ wb: Workbook, _ st: SheetStyles, _ s: Summary, _ names: SheetNames, _ lang: Language) throws {
        guard let p = s.payments else { return }
        let sheet = try wb.addWorksheet(names.payments)
        let t = TableWriter(sheet, st)
        try t.header(T.paymentsHeader.text(lang), 0)
        var r = 1
        let cells = p.byCategoryMonth.keys.sorted { a, b in
            a.category != b.category ? a.category.ordinal < b.category.ordinal : a.month < b.month
        }
        for k in cells {
            let v = p.byCategoryMonth[k]!
            try t.text(k.category.rawValue, r, 0)
            try t.text(k.month, r, 1)
            try t.integer(v.count, r, 2)
            try t.integer(v.people, r, 3)
            try t.money(v.amount, r, 4)
            r += 1
        }
        let lastDetail = r - 1
        try totalRow(t, r, label: WriterText.total.text(lang), first: 1, last: lastDetail, count: p.all.count, people: p.all.people, amount: p.all.amount,
                     countColumn: 2, peopleColumn: 3, amountColumn: 4)
        try t.finish(headerRow: 0, lastRow: lastDetail, lastColumn: 4)
    }

    // MARK: 分类汇总

    /// The short tables: payments by category, by month and by branch, and claims by plan, each on a page of its
    /// own with its title and header row, the two charts below their tables.
    private static func breakdowns(_ wb: Workbook, _ st: SheetStyles, _ s: Summary, _ names: SheetNames, _ lang: Language) throws {
        guard s.payments != nil || s.claims != nil else { return }
        let b = BreakdownSheet(wb, try wb.addWorksheet(names.breakdowns), st, lang)
        if let p = s.payments {
            try b.paymentsByCategory(p)
            try b.paymentsByMonth(p)
            try b.paymentsByBranch(p)
        }
        if let c = s.claims { try b.claimsByPlan(c) }
        b.t.printedColumns = 5
        try b.t.finish(headerRow: 1, lastRow: 1, lastColumn: 4, filter: false)
    }

    /// 分类汇总 being written: its tables one below the other, `r` the next free row.
    private final class BreakdownSheet {
        let wb: Workbook
        let sheet: Worksheet
        let t: TableWriter
        let st: SheetStyles
        let lang: Language
        var r = 0

        init(_ wb: Workbook, _ sheet: Worksheet, _ st: SheetStyles, _ lang: Language) {
            self.wb = wb
            self.sheet = sheet
            self.st = st
            self.lang = lang
            t = TableWriter(sheet, st)
            t.printTitles = false
            t.largestScale = 85
        }

        /// Starts a table on a new page (but the first): its title, then its header.
        func start(_ title: LocalizedText, _ header: [LocalizedText]) throws {
            if r > 0 {
                r += 1
                t.pageBreaks.append(r)
            }
            try t.caption(title.text(lang), r); r += 1
            try t.header(header.text(lang), r); r += 1
        }

        /// A column chart of the amounts in rows `first...last` below the table, its labels in yuan with thousands separators.
        /// `columns`: the label and amount columns the chart reads (the table's own, or its chart data).
        func chart(_ title: LocalizedText, first: Int, last: Int, bar: Bool, columns: (Int, Int) = (0, 4)) throws {
            guard last >= first else { return }
            let chart = wb.addChart(bar ? .bar : .column)
            chart.addSeries(categories: Chart.range(sheet: sheet.name, firstRow: first, firstColumn: columns.0, lastRow: last, lastColumn: columns.0),
                            values: Chart.range(sheet: sheet.name, firstRow: first, firstColumn: columns.1, lastRow: last, lastColumn: columns.1),
                            name: WriterText.amountYuan.text(lang), labels: "#,##0")
            chart.setTitle(title.text(lang))
            if bar {
                chart.setXAxisName(WriterText.yuan.text(lang))
                chart.setXAxisNumberFormat("#,##0")
            } else {
                chart.setYAxisName(WriterText.yuan.text(lang))
                chart.setYAxisNumberFormat("#,##0")
            }
            chart.hideLegend()
            r += 1
            // A bar a category, tall enough that every category keeps its label.
            let rows = bar ? max(15, 6 + (last - first + 1) * 3 / 2) : 15
            try sheet.insertChart(chart, row: r, column: 0, xScale: 1.3, yScale: Double(rows) / 14.4)
            r += rows  // 288 pixels of chart over 20-pixel rows
        }

        /// A payments table's row: its label and note, then payments, people and amount.
        func tallyRow(_ label: String, _ note: LocalizedText, _ v: Tally) throws {
            try t.text(label, r, 0)
            try t.text(note.text(lang), r, 1)
            try t.integer(v.count, r, 2); try t.integer(v.people, r, 3); try t.money(v.amount, r, 4)
            r += 1
        }

        func total(first: Int, last: Int, _ all: Tally) throws {
            try totalRow(t, r, label: WriterText.total.text(lang), first: first, last: last, count: all.count, people: all.people,
                         amount: all.amount, countColumn: 2, peopleColumn: 3, amountColumn: 4)
            r += 1
        }

        func paymentsByCategory(_ p: PaymentFigures) throws {
            try start(T.paymentsByCategory, T.paymentHeader(T.category))
            let firstCategory = r
            for c in PaymentCategory.allCases {
                guard let v = p.byCategory[c] else { continue }
                try tallyRow(c.rawValue, c.isUnionSpending ? T.unionFunds : T.notUnionFunds, v)
            }
            try total(first: firstCategory, last: r - 1, p.all)
            // The chart's own data beside the table, outside the print area: categories too small to see are one 其他 there.
            let chartColumns = SummaryWorkbookWriter.chartColumns
            let entries = chartEntries(PaymentCategory.allCases.compactMap { c in p.byCategory[c].map { (c.rawValue, $0.amount) } },
                                       other: PaymentCategory.other.rawValue)
            try sheet.write(T.chartCategory.text(lang), row: firstCategory - 1, column: chartColumns.0, format: st.header)
            try sheet.write(T.chartAmount.text(lang), row: firstCategory - 1, column: chartColumns.1, format: st.header)
            for (k, entry) in entries.enumerated() {
                try sheet.write(entry.label, row: firstCategory + k, column: chartColumns.0)
                try sheet.write(number: entry.amount.yuanDouble, row: firstCategory + k, column: chartColumns.1, format: st.money)
            }
            try chart(T.paymentsByCategoryChart, first: firstCategory, last: firstCategory + entries.count - 1, bar: true, columns: chartColumns)
        }

        func paymentsByMonth(_ p: PaymentFigures) throws {
            try start(T.paymentsByMonth, T.paymentHeader(T.month))
            let firstMonth = r
            for (month, v) in p.byMonth.sorted(by: { $0.key < $1.key }) {
                try tallyRow(month, T.byDatePaid, v)
            }
            let lastMonth = r - 1
            try total(first: firstMonth, last: lastMonth, p.all)
            try chart(T.paymentsByMonthChart, first: firstMonth, last: lastMonth, bar: false)
        }

        func paymentsByBranch(_ p: PaymentFigures) throws {
            try start(T.paymentsByBranch, T.paymentHeader(T.branch))
            let firstBranch = r
            for (branch, v) in p.byBranch.sorted(by: { codePointOrder($0.key, $1.key) }) {
                try tallyRow(branch.isEmpty ? WriterText.noBranch.text(lang) : branch, T.rostersBranch, v)
            }
            try total(first: firstBranch, last: r - 1, p.all)
        }

        func claimsByPlan(_ c: ClaimFigures) throws {
            try start(T.claimsByPlan, T.claimsByPlanHeader)
            let first = r
            for (plan, v) in c.byPlan.sorted(by: { codePointOrder($0.key, $1.key) }) {
                try tallyRow(plan, T.approved, v)
            }
            try total(first: first, last: r - 1, c.all)
        }
    }

    /// Where 分类汇总 keeps its charts' data: to the right of the tables, beyond the print area.
    static let chartColumns = (7, 8)

    /// A chart's bars: each entry, but the ones under 2% of the total are summed into one `other` bar (with
    /// `other` itself) when there are two or more of them; a single small one keeps its own bar.
    static func chartEntries(_ entries: [(String, Money)], other: String) -> [(label: String, amount: Money)] {
        let total = entries.map(\.1.fen).reduce(0, +)
        func tiny(_ e: (String, Money)) -> Bool { e.1.fen * 50 < total }
        let small = entries.filter { tiny($0) || $0.0 == other }
        guard small.filter(tiny).count >= 2 else { return entries.map { ($0.0, $0.1) } }
        return entries.filter { !tiny($0) && $0.0 != other }.map { ($0.0, $0.1) }
            + [(other, Money(fen: small.map(\.1.fen).reduce(0, +)))]
    }

    /// A bold total row: counts and amounts as SUM formulas with stored values, people as a value.
    private static func totalRow(_ t: TableWriter, _ r: Int, label: String, first: Int, last: Int, count: Int, people: Int?,
                                 amount: Money, countColumn: Int, peopleColumn: Int?, amountColumn: Int) throws {
        try t.text(label, r, 0, t.styles.totalLabel)
        let lastRow = max(first, last)
        try t.formula(sumFormula(countColumn, from: first, to: lastRow), value: Double(count), r, countColumn, t.styles.totalInteger)
        if let people, let pc = peopleColumn { try t.integer(people, r, pc, t.styles.totalInteger) }
        try t.formula(sumFormula(amountColumn, from: first, to: lastRow), value: amount.yuanDouble, r, amountColumn, t.styles.totalMoney)
    }

    // MARK: 医疗互助

    private static func claims(_ wb: Workbook, _ st: SheetStyles, _ s: Summary, _ names: SheetNames, _ lang: Language) throws {
        guard let c = s.claims else { return }
        let sheet = try wb.addWorksheet(names.claims)
        let t = TableWriter(sheet, st)
        try t.header(T.claimsHeader.text(lang), 0)
        var r = 1
        for k in c.byPlanMonth.keys.sorted(by: { $0.plan != $1.plan ? codePointOrder($0.plan, $1.plan) : $0.month < $1.month }) {
            let v = c.byPlanMonth[k]!
            try t.text(k.plan, r, 0); try t.text(k.month, r, 1)
            try t.integer(v.count, r, 2); try t.integer(v.people, r, 3); try t.money(v.amount, r, 4)
            r += 1
        }
        let last = r - 1
        try totalRow(t, r, label: WriterText.total.text(lang), first: 1, last: last, count: c.all.count, people: c.all.people, amount: c.all.amount,
                     countColumn: 2, peopleColumn: 3, amountColumn: 4)
        try t.finish(headerRow: 0, lastRow: last, lastColumn: 4)
    }

    // MARK: 参保

    private static func enrollments(_ wb: Workbook, _ st: SheetStyles, _ s: Summary, _ names: SheetNames, _ lang: Language) throws {
        guard let e = s.enrollments else { return }
        let sheet = try wb.addWorksheet(names.enrollments)
        let t = TableWriter(sheet, st)
        try t.header(WriterText.Federation.enrollmentsHeader.text(lang), 0)
        var r = 1
        for (plan, v) in e.byPlan.sorted(by: { codePointOrder($0.key, $1.key) }) {
            try t.text(plan, r, 0)
            try t.integer(v.count, r, 1); try t.integer(v.people, r, 2); try t.money(v.amount, r, 3)
            r += 1
        }
        let last = r - 1
        try totalRow(t, r, label: WriterText.total.text(lang), first: 1, last: last, count: e.all.count, people: e.all.people, amount: e.all.amount,
                     countColumn: 1, peopleColumn: 2, amountColumn: 3)
        try t.finish(headerRow: 0, lastRow: last, lastColumn: 3)
    }

    // MARK: 问题清单

    private static func findings(_ wb: Workbook, _ st: SheetStyles, _ input: SummaryWorkbookInput, _ names: SheetNames, _ lang: Language) throws {
        let sheet = try wb.addWorksheet(names.findings)
        let t = TableWriter(sheet, st)
        let p = input.presenter
        try t.header((WriterText.findingColumns + [T.goTo]).text(lang), 0)
        var r = 1
        let errorText = st.filled(CellFormat(numberFormat: "@"), Fill.error)
        let warningText = st.filled(CellFormat(numberFormat: "@"), Fill.warning)
        for f in input.findings.prefix(findingRowLimit) {
            try t.text(f.file, r, 0)
            if let row = f.row { try t.integer(row, r, 1) }
            try t.text(p.columnLetter(f), r, 2)
            try t.text(p.fieldName(f), r, 3)
            try t.text(p.value(f), r, 4)
            try t.text(f.rule.rawValue, r, 5)
            try t.text(p.severityWord(f.severity), r, 6, f.severity == .error ? errorText : warningText)
            try t.text(p.message(f), r, 7)
            try t.text(p.hint(f), r, 8)
            if let dataset = input.datasetOfFile[f.file], input.checkedDatasets.contains(dataset) {
                let record = f.recordIndex ?? 0
                let sheetName = input.layout.sheet(file: f.file, record: record)
                let row = f.recordIndex.map { CheckedLayout.sheetRow(record: $0) } ?? 0
                let column = f.recordIndex == nil ? 0 : (f.column.map { $0 + CheckedLayout.leadingColumns } ?? 0)
                let target = "external:\(CheckedLayout.fileName(dataset))#\(quotedSheetName(sheetName))!\(cellReference(row: row, column: column))"
                try sheet.write(url: target, text: T.open.text(lang), row: r, column: 9, format: st.link)
                t.note(9, width: 6)
            }
            r += 1
        }
        if input.findings.count > findingRowLimit {
            try t.text(WriterText.moreFindings(input.findings.count - findingRowLimit).text(lang), r, 0, st.totalLabel)
        }
        t.maximumWidth = 40
        try t.finish(headerRow: 0, lastRow: max(1, min(input.findings.count, findingRowLimit)), lastColumn: 9)
    }

    // MARK: 说明

    private static func notes(_ wb: Workbook, _ st: SheetStyles, _ input: SummaryWorkbookInput, _ names: SheetNames, _ lang: Language) throws {
        let s = input.summary
        let sheet = try wb.addWorksheet(names.notes)
        let t = TableWriter(sheet, st)
        try t.header(T.inputsHeader.text(lang), 0)
        var r = 1
        for i in s.inputs {
            try t.text(i.file, r, 0)
            try t.text((i.dataset.map(WriterText.dataset) ?? WriterText.notReadDataset).text(lang), r, 1)
            try t.text(i.encoding ?? "", r, 2)
            try t.text(i.delimiter.map { $0 == "tab" ? T.tab.text(lang) : $0 } ?? "", r, 3)
            try t.integer(i.rows, r, 4); try t.integer(i.included, r, 5); try t.integer(i.excluded, r, 6); try t.integer(i.outsideYear, r, 7)
            try t.text(i.sha256, r, 8)
            r += 1
        }
        let last = r - 1
        // The options and the rule catalog: tables of their own, each from a new page.
        t.printTitles = false
        r += 1
        t.pageBreaks.append(r)
        try t.caption(T.options.text(lang), r); r += 1
        try t.header(T.optionsHeader.text(lang), r); r += 1
        try t.text(T.profile.text(lang), r, 0); try t.text(T.profileName(input.profileName).text(lang), r, 1); r += 1
        for (k, v) in input.options {
            try t.text(RunOptionText.label(k, lang), r, 0); try t.text(RunOptionText.value(v, of: k, lang), r, 1); r += 1
        }
        r += 1
        if !input.sheetNotes.isEmpty {
            t.pageBreaks.append(r)
            try t.caption(T.sheets.text(lang), r); r += 1
            for note in input.sheetNotes { try t.text(note, r, 0); r += 1 }
            r += 1
        }
        t.pageBreaks.append(r)
        try t.caption(T.rules.text(lang), r); r += 1
        try t.header(T.rulesHeader.text(lang), r); r += 1
        for def in RuleCatalog.all {
            try t.text(def.code.rawValue, r, 0)
            try t.text(def.summary.text(lang), r, 1)
            let severity = input.policy.severity(of: def.code).map { input.presenter.severityWord($0) } ?? WriterText.Catalog.off.text(lang)
            try t.text(severity, r, 2)
            try t.text(RuleCatalogText.limitsText(def.code, input.profile)?.text(lang) ?? "—", r, 3)
            r += 1
        }
        t.maximumWidth = 40
        try t.finish(headerRow: 0, lastRow: last, lastColumn: 8)
    }
}
