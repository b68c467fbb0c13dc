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
        let zh = input.presenter.language == .zh
        let workbook = try Workbook(path: path)
        workbook.setProperties(created: (s.asOf.year, s.asOf.month, s.asOf.day),
                               title: title(s, unitNamed: input.unitNamed, zh: zh),
                               author: "unionbatch")
        let styles = SheetStyles(workbook)
        styles.page = PageLabels(unit: input.unitNamed ? s.unit : (zh ? "本单位工会" : "this union"), year: s.year, asOf: s.asOf, zh: zh)
        let names = SheetNames(zh: zh)
        try overview(workbook, styles, input, names)
        try members(workbook, styles, s, names, zh)
        try payments(workbook, styles, s, names, zh)
        try claims(workbook, styles, s, names, zh)
        try breakdowns(workbook, styles, s, names, zh)
        try enrollments(workbook, styles, s, names, zh)
        try FundsSheetWriter.write(workbook, styles, s, zh: zh)
        try findings(workbook, styles, input, names, zh)
        try notes(workbook, styles, input, names, zh)
        try workbook.close()
    }

    struct SheetNames {
        let overview, members, payments, claims, breakdowns, enrollments, findings, notes: String
        init(zh: Bool) {
            overview = zh ? "概览" : "Overview"
            members = zh ? "会员" : "Members"
            payments = zh ? "帮扶慰问" : "Payments"
            claims = zh ? "医疗互助" : "Claims"
            breakdowns = zh ? "分类汇总" : "Breakdowns"
            enrollments = zh ? "参保" : "Enrolments"
            findings = zh ? "问题清单" : "Findings"
            notes = zh ? "说明" : "About"
        }
    }

    /// `SUM(C2:C9)` with its value stored.
    private static func sumFormula(_ column: Int, from first: Int, to last: Int) -> String {
        "=SUM(\(cellReference(row: first, column: column)):\(cellReference(row: last, column: column)))"
    }

    // MARK: 概览

    /// "东方机械有限公司工会2025年度工会数据汇总": the unit as the text names it.
    static func title(_ s: Summary, unitNamed: Bool, zh: Bool) -> String {
        let unit = unitNamed ? s.unit : (zh ? "本单位工会" : "This union")
        return zh ? "\(unit)\(s.year)年度工会数据汇总" : "\(unit): union figures \(s.year)"
    }

    private static func overview(_ wb: Workbook, _ st: SheetStyles, _ input: SummaryWorkbookInput, _ names: SheetNames) throws {
        let s = input.summary
        let zh = input.presenter.language == .zh
        let sheet = try wb.addWorksheet(names.overview)
        let t = TableWriter(sheet, st)
        t.printTitles = false
        // The title block: what, for when, and as of which day (the run's date: the same inputs give the same file).
        try sheet.write(title(s, unitNamed: input.unitNamed, zh: zh), row: 0, column: 0, format: st.title)
        // When: the as-of date the figures are made for (a run's clock time would make two runs differ).
        try t.text(zh ? "截至日期" : "As of", 1, 0)
        try t.date(s.asOf, 1, 1)
        try t.text(zh ? "单位类型" : "Unit type", 1, 2)
        try t.text(s.unitType, 1, 3)
        let headerRow = 3
        try t.header(zh ? ["项目", "笔数（人次）", "人数", "金额（元）"] : ["Item", "Count", "People", "Amount (yuan)"], headerRow)
        var r = headerRow + 1
        func line(_ label: String, count: Int? = nil, people: Int? = nil, amount: Money? = nil, missing: Bool = false) throws {
            try t.text(label, r, 0)
            if let count { try t.integer(count, r, 1) }
            if let people { try t.integer(people, r, 2) }
            if let amount { try t.money(amount, r, 3) }
            if missing { try t.text(zh ? "未提供" : "not given", r, 3) }
            r += 1
        }
        func tally(_ label: String, _ v: Tally?) throws {
            let v = v ?? Tally()
            try line(label, count: v.count, people: v.people, amount: v.amount)
        }
        if let m = s.members {
            try line(zh ? "会员总数" : "Members", people: m.total)
            try line(zh ? "其中女会员" : "of whom women", people: m.female)
            try line(zh ? "其中男会员" : "of whom men", people: m.male)
            try line(zh ? "本年新入会" : "Joined in the year", people: m.joinedInYear)
            try line(zh ? "本年退会及转出" : "Left in the year", people: m.leftInYear)
            if m.duesGiven {
                try line(zh ? "全年会费" : "Dues collected", amount: m.duesPaid)
            } else {
                try line(zh ? "全年会费" : "Dues collected", missing: true)
            }
            try line(zh ? "困难职工在档" : "Members in hardship on file", people: m.byHardship.values.reduce(0, +))
        }
        if let p = s.payments {
            try tally(zh ? "帮扶慰问合计" : "Payments, all", p.all)
            try line(zh ? "其中工会经费支出" : "of which union spending", amount: p.unionSpending)
            try tally(zh ? "困难帮扶" : "Hardship aid", p.byCategory[.hardship])
            try tally(zh ? "金秋助学" : "Study grants", p.byCategory[.education])
            for group in s.groupOrder {
                guard let g = p.byGroup[group] else { continue }
                try tally(group, g)
            }
            for c in PaymentCategory.allCases where c != .hardship && c != .education {
                guard let v = p.byCategory[c] else { continue }
                try tally(c.rawValue, v)
            }
        }
        if let c = s.claims {
            try tally(zh ? "医疗互助报销" : "Claims approved", c.all)
        }
        if let e = s.enrollments {
            try tally(zh ? "参保缴费" : "Enrolments", e.all)
            for (plan, v) in e.byPlan.sorted(by: { codePointOrder($0.key, $1.key) }) {
                try tally((zh ? "其中" : "of which ") + plan, v)
            }
        }
        if let f = s.funds {
            // The ledger's key figures: income, expense and balance, and the lines the text speaks of.
            let lines = f.lineOrder.compactMap { f.byLine[$0] }
            let incomeEntries = lines.filter { f.isIncome(group: $0.group) }.map(\.count).reduce(0, +)
            let expenseEntries = lines.filter { !f.isIncome(group: $0.group) }.map(\.count).reduce(0, +)
            try line(zh ? "经费收入" : "Funds income", count: incomeEntries, amount: f.income)
            try line(zh ? "经费支出" : "Funds expense", count: expenseEntries, amount: f.expense)
            try line(zh ? "收支结余" : "Balance", amount: f.balance)
            for name in ["职工教育支出", "劳动保护费", "培训费"] {
                guard let l = f.byLine[name], l.count > 0 else { continue }
                try line((zh ? "其中" : "of which ") + name, count: l.count, people: f.hasPeople ? l.people : nil, amount: l.amount)
            }
        }
        try line(zh ? "错误" : "Errors", count: s.findings.errors)
        try line(zh ? "警告" : "Warnings", count: s.findings.warnings)
        let lastKeyRow = r - 1

        // What was left out, per file: a table of its own on a new page.
        r += 1
        t.pageBreaks.append(r)
        try t.caption(zh ? "各文件行数：计入、排除（有错误）、非本年度" : "Rows per file: included, excluded (errors), outside the year", r)
        r += 1
        try t.header(zh ? ["文件", "数据集", "行数", "计入", "排除", "非本年度"] : ["File", "Dataset", "Rows", "Included", "Excluded", "Outside year"], r)
        r += 1
        let firstFileRow = r
        for i in s.inputs {
            try t.text(i.file, r, 0)
            try t.text(i.dataset.map { zh ? $0.chineseName : $0.englishName } ?? (zh ? "未读取" : "not read"), r, 1)
            try t.integer(i.rows, r, 2)
            try t.integer(i.included, r, 3)
            try t.integer(i.excluded, r, 4)
            try t.integer(i.outsideYear, r, 5)
            r += 1
        }
        if !s.inputs.isEmpty {
            try t.text(zh ? "合计" : "Total", r, 0, st.totalLabel)
            let sums = [s.inputs.map(\.rows), s.inputs.map(\.included), s.inputs.map(\.excluded), s.inputs.map(\.outsideYear)]
            for (k, values) in sums.enumerated() {
                try t.formula(sumFormula(2 + k, from: firstFileRow, to: r - 1), value: Double(values.reduce(0, +)), r, 2 + k, st.totalInteger)
            }
            r += 1
        }
        // Findings by rule: why rows were excluded; a new page again.
        r += 1
        t.pageBreaks.append(r)
        try t.caption(zh ? "问题按规则统计" : "Findings by rule", r)
        r += 1
        try t.header(zh ? ["规则", "说明", "级别", "数量"] : ["Rule", "Description", "Severity", "Count"], r)
        r += 1
        let firstRuleRow = r
        let severities = Dictionary(input.findings.map { ($0.rule, $0.severity) }, uniquingKeysWith: { a, b in min(a, b) })
        for (rule, count) in s.findings.byRule.sorted(by: { $0.key < $1.key }) {
            let def = RuleCatalog.definition(rule)
            try t.text(rule.rawValue, r, 0)
            try t.text(def.summary[input.presenter.language] ?? "", r, 1)
            try t.text(input.presenter.severityWord(severities[rule] ?? def.defaultSeverity), r, 2)
            try t.integer(count, r, 3)
            r += 1
        }
        if r == firstRuleRow {
            try t.text(zh ? "无" : "none", r, 0)
            r += 1
        } else {
            try t.text(zh ? "合计" : "Total", r, 0, st.totalLabel)
            try t.formula(sumFormula(3, from: firstRuleRow, to: r - 1), value: Double(s.findings.byRule.values.reduce(0, +)), r, 3, st.totalInteger)
            r += 1
        }
        t.maximumWidth = 40
        try t.finish(headerRow: headerRow, lastRow: lastKeyRow, lastColumn: 3, filter: false)
        sheet.activate()
    }

    // MARK: 会员

    /// Branches down; 男, 女 and each status across, with totals both ways (members at the as-of date);
    /// then joined, left, dues and the members in hardship, as a second table on a new page.
    private static func members(_ wb: Workbook, _ st: SheetStyles, _ s: Summary, _ names: SheetNames, _ zh: Bool) throws {
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
        try t.header([zh ? "分会" : "Branch"] + sexes.map { zh ? $0.rawValue : ($0 == .female ? "Women" : "Men") }
                        + statuses + [zh ? "合计" : "Total"], 0)
        let totalColumn = 1 + sexes.count + statuses.count
        var r = 1
        for branch in branches {
            try t.text(branch.isEmpty ? (zh ? "（未填）" : "(none)") : branch, r, 0)
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
        try t.text(zh ? "合计" : "Total", r, 0, st.totalLabel)
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
        try t.caption(zh ? "入会、退会与会费" : "Joined, left and dues", r); r += 1
        try t.header(zh ? ["项目", "人数", "金额（元）"] : ["Item", "People", "Amount (yuan)"], r); r += 1
        try t.text(zh ? "本年新入会" : "Joined in the year", r, 0); try t.integer(m.joinedInYear, r, 1); r += 1
        try t.text(zh ? "本年退会及转出" : "Left in the year", r, 0); try t.integer(m.leftInYear, r, 1); r += 1
        try t.text(zh ? "全年会费" : "Dues collected", r, 0)
        if m.duesGiven { try t.money(m.duesPaid, r, 2) } else { try t.text(zh ? "未提供" : "not given", r, 2) }
        r += 1
        for (kind, n) in m.byHardship.sorted(by: { codePointOrder($0.key, $1.key) }) {
            try t.text((zh ? "困难职工：" : "In hardship: ") + kind, r, 0); try t.integer(n, r, 1); r += 1
        }
        try t.finish(headerRow: 0, lastRow: last, lastColumn: totalColumn)
    }

    // MARK: 帮扶慰问

    /// By category × month, the one table of its sheet (it can run past a page).
    private static func payments(_ wb: Workbook, _ st: SheetStyles, _ s: Summary, _ names: SheetNames, _ zh: Bool) throws {
        guard let p = s.payments else { return }
        let sheet = try wb.addWorksheet(names.payments)
        let t = TableWriter(sheet, st)
        try t.header(zh ? ["类别", "月份", "笔数", "人数", "金额（元）"] : ["Category", "Month", "Payments", "People", "Amount (yuan)"], 0)
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
        try totalRow(t, r, label: zh ? "合计" : "Total", first: 1, last: lastDetail, count: p.all.count, people: p.all.people, amount: p.all.amount,
                     countColumn: 2, peopleColumn: 3, amountColumn: 4)
        try t.finish(headerRow: 0, lastRow: lastDetail, lastColumn: 4)
    }

    // MARK: 分类汇总

    /// The short tables: payments by category, by month and by branch, and claims by plan, each on a page of its
    /// own with its title and header row, the two charts below their tables.
    private static func breakdowns(_ wb: Workbook, _ st: SheetStyles, _ s: Summary, _ names: SheetNames, _ zh: Bool) throws {
        guard s.payments != nil || s.claims != nil else { return }
        let sheet = try wb.addWorksheet(names.breakdowns)
        let chartColumns = SummaryWorkbookWriter.chartColumns
        let t = TableWriter(sheet, st)
        t.printTitles = false
        t.largestScale = 85
        var r = 0
        /// Starts a table on a new page (but the first): its title, then its header.
        func start(_ title: String, _ header: [String]) throws {
            if r > 0 {
                r += 1
                t.pageBreaks.append(r)
            }
            try t.caption(title, r); r += 1
            try t.header(header, r); r += 1
        }
        /// A column chart of the amounts in rows `first...last` below the table, its labels in yuan with thousands separators.
        /// `columns`: the label and amount columns the chart reads (the table's own, or its chart data).
        func chart(_ title: String, first: Int, last: Int, bar: Bool, columns: (Int, Int) = (0, 4)) throws {
            guard last >= first else { return }
            let chart = wb.addChart(bar ? .bar : .column)
            chart.addSeries(categories: Chart.range(sheet: sheet.name, firstRow: first, firstColumn: columns.0, lastRow: last, lastColumn: columns.0),
                            values: Chart.range(sheet: sheet.name, firstRow: first, firstColumn: columns.1, lastRow: last, lastColumn: columns.1),
                            name: zh ? "金额（元）" : "Amount (yuan)", labels: "#,##0")
            chart.setTitle(title)
            if bar {
                chart.setXAxisName(zh ? "元" : "yuan")
                chart.setXAxisNumberFormat("#,##0")
            } else {
                chart.setYAxisName(zh ? "元" : "yuan")
                chart.setYAxisNumberFormat("#,##0")
            }
            chart.hideLegend()
            r += 1
            // A bar a category, tall enough that every category keeps its label.
            let rows = bar ? max(15, 6 + (last - first + 1) * 3 / 2) : 15
            try sheet.insertChart(chart, row: r, column: 0, xScale: 1.3, yScale: Double(rows) / 14.4)
            r += rows  // 288 pixels of chart over 20-pixel rows
        }
        let paymentHeader = { (first: String) in
            zh ? [first, "说明", "笔数", "人数", "金额（元）"] : [first, "Note", "Payments", "People", "Amount (yuan)"]
        }
        if let p = s.payments {
            try start(zh ? "帮扶慰问按类别" : "Payments by category", paymentHeader(zh ? "类别" : "Category"))
            let firstCategory = r
            for c in PaymentCategory.allCases {
                guard let v = p.byCategory[c] else { continue }
                try t.text(c.rawValue, r, 0)
                try t.text(c.isUnionSpending ? (zh ? "工会经费" : "union funds") : (zh ? "非工会经费" : "not union funds"), r, 1)
                try t.integer(v.count, r, 2); try t.integer(v.people, r, 3); try t.money(v.amount, r, 4)
                r += 1
            }
            let lastCategory = r - 1
            try totalRow(t, r, label: zh ? "合计" : "Total", first: firstCategory, last: lastCategory, count: p.all.count, people: p.all.people,
                         amount: p.all.amount, countColumn: 2, peopleColumn: 3, amountColumn: 4)
            r += 1
            // The chart's own data beside the table, outside the print area: categories too small to see are one 其他 there.
            let entries = chartEntries(PaymentCategory.allCases.compactMap { c in p.byCategory[c].map { (c.rawValue, $0.amount) } },
                                       other: PaymentCategory.other.rawValue)
            try sheet.write(zh ? "图表类别" : "Chart category", row: firstCategory - 1, column: chartColumns.0, format: st.header)
            try sheet.write(zh ? "图表金额（元）" : "Chart amount (yuan)", row: firstCategory - 1, column: chartColumns.1, format: st.header)
            for (k, entry) in entries.enumerated() {
                try sheet.write(entry.label, row: firstCategory + k, column: chartColumns.0)
                try sheet.write(number: entry.amount.yuanDouble, row: firstCategory + k, column: chartColumns.1, format: st.money)
            }
            try chart(zh ? "帮扶慰问金额（按类别，元）" : "Payments by category (yuan)", first: firstCategory,
                      last: firstCategory + entries.count - 1, bar: true, columns: chartColumns)

            try start(zh ? "帮扶慰问按月份" : "Payments by month", paymentHeader(zh ? "月份" : "Month"))
            let firstMonth = r
            for (month, v) in p.byMonth.sorted(by: { $0.key < $1.key }) {
                try t.text(month, r, 0)
                try t.text(zh ? "按发放日期" : "by date paid", r, 1)
                try t.integer(v.count, r, 2); try t.integer(v.people, r, 3); try t.money(v.amount, r, 4)
                r += 1
            }
            let lastMonth = r - 1
            try totalRow(t, r, label: zh ? "合计" : "Total", first: firstMonth, last: lastMonth, count: p.all.count, people: p.all.people,
                         amount: p.all.amount, countColumn: 2, peopleColumn: 3, amountColumn: 4)
            r += 1
            try chart(zh ? "帮扶慰问金额（按月份，元）" : "Payments by month (yuan)", first: firstMonth, last: lastMonth, bar: false)

            try start(zh ? "帮扶慰问按分会" : "Payments by branch", paymentHeader(zh ? "分会" : "Branch"))
            let firstBranch = r
            for (branch, v) in p.byBranch.sorted(by: { codePointOrder($0.key, $1.key) }) {
                try t.text(branch.isEmpty ? (zh ? "（未填）" : "(none)") : branch, r, 0)
                try t.text(zh ? "按会员名册所在分会" : "the roster's branch", r, 1)
                try t.integer(v.count, r, 2); try t.integer(v.people, r, 3); try t.money(v.amount, r, 4)
                r += 1
            }
            try totalRow(t, r, label: zh ? "合计" : "Total", first: firstBranch, last: r - 1, count: p.all.count, people: p.all.people,
                         amount: p.all.amount, countColumn: 2, peopleColumn: 3, amountColumn: 4)
            r += 1
        }
        if let c = s.claims {
            try start(zh ? "医疗互助按保障项目" : "Claims by plan", zh ? ["保障项目", "说明", "人次", "人数", "报销金额（元）"]
                                                                    : ["Plan", "Note", "Claims", "People", "Approved (yuan)"])
            let first = r
            for (plan, v) in c.byPlan.sorted(by: { codePointOrder($0.key, $1.key) }) {
                try t.text(plan, r, 0)
                try t.text(zh ? "已核准" : "approved", r, 1)
                try t.integer(v.count, r, 2); try t.integer(v.people, r, 3); try t.money(v.amount, r, 4)
                r += 1
            }
            try totalRow(t, r, label: zh ? "合计" : "Total", first: first, last: r - 1, count: c.all.count, people: c.all.people, amount: c.all.amount,
                         countColumn: 2, peopleColumn: 3, amountColumn: 4)
            r += 1
        }
        t.printedColumns = 5
        try t.finish(headerRow: 1, lastRow: 1, lastColumn: 4, filter: false)
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

    private static func claims(_ wb: Workbook, _ st: SheetStyles, _ s: Summary, _ names: SheetNames, _ zh: Bool) throws {
        guard let c = s.claims else { return }
        let sheet = try wb.addWorksheet(names.claims)
        let t = TableWriter(sheet, st)
        try t.header(zh ? ["保障项目", "月份", "人次", "人数", "报销金额（元）"] : ["Plan", "Month", "Claims", "People", "Approved (yuan)"], 0)
        var r = 1
        for k in c.byPlanMonth.keys.sorted(by: { $0.plan != $1.plan ? codePointOrder($0.plan, $1.plan) : $0.month < $1.month }) {
            let v = c.byPlanMonth[k]!
            try t.text(k.plan, r, 0); try t.text(k.month, r, 1)
            try t.integer(v.count, r, 2); try t.integer(v.people, r, 3); try t.money(v.amount, r, 4)
            r += 1
        }
        let last = r - 1
        try totalRow(t, r, label: zh ? "合计" : "Total", first: 1, last: last, count: c.all.count, people: c.all.people, amount: c.all.amount,
                     countColumn: 2, peopleColumn: 3, amountColumn: 4)
        try t.finish(headerRow: 0, lastRow: last, lastColumn: 4)
    }

    // MARK: 参保

    private static func enrollments(_ wb: Workbook, _ st: SheetStyles, _ s: Summary, _ names: SheetNames, _ zh: Bool) throws {
        guard let e = s.enrollments else { return }
        let sheet = try wb.addWorksheet(names.enrollments)
        let t = TableWriter(sheet, st)
        try t.header(zh ? ["险种", "参保笔数", "人数", "保费（元）"] : ["Plan", "Enrolments", "People", "Premium (yuan)"], 0)
        var r = 1
        for (plan, v) in e.byPlan.sorted(by: { codePointOrder($0.key, $1.key) }) {
            try t.text(plan, r, 0)
            try t.integer(v.count, r, 1); try t.integer(v.people, r, 2); try t.money(v.amount, r, 3)
            r += 1
        }
        let last = r - 1
        try totalRow(t, r, label: zh ? "合计" : "Total", first: 1, last: last, count: e.all.count, people: e.all.people, amount: e.all.amount,
                     countColumn: 1, peopleColumn: 2, amountColumn: 3)
        try t.finish(headerRow: 0, lastRow: last, lastColumn: 3)
    }

    // MARK: 问题清单

    private static func findings(_ wb: Workbook, _ st: SheetStyles, _ input: SummaryWorkbookInput, _ names: SheetNames, _ zh: Bool) throws {
        let sheet = try wb.addWorksheet(names.findings)
        let t = TableWriter(sheet, st)
        let p = input.presenter
        try t.header(zh ? ["文件", "行", "列", "字段", "值", "规则", "级别", "说明", "处理建议", "定位"]
                        : ["File", "Row", "Column", "Field", "Value", "Rule", "Severity", "Message", "Fix", "Go to"], 0)
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
                try sheet.write(url: target, text: zh ? "查看" : "open", row: r, column: 9, format: st.link)
                t.note(9, width: 6)
            }
            r += 1
        }
        if input.findings.count > findingRowLimit {
            try t.text(zh ? "另有 \(input.findings.count - findingRowLimit) 条问题未列出，完整清单见 issues.csv"
                          : "\(input.findings.count - findingRowLimit) more findings are not listed here: see issues.csv for all", r, 0, st.totalLabel)
        }
        t.maximumWidth = 40
        try t.finish(headerRow: 0, lastRow: max(1, min(input.findings.count, findingRowLimit)), lastColumn: 9)
    }

    // MARK: 说明

    private static func notes(_ wb: Workbook, _ st: SheetStyles, _ input: SummaryWorkbookInput, _ names: SheetNames, _ zh: Bool) throws {
        let s = input.summary
        let sheet = try wb.addWorksheet(names.notes)
        let t = TableWriter(sheet, st)
        try t.header(zh ? ["文件", "数据集", "编码", "分隔符", "行数", "计入", "排除", "非本年度", "SHA-256"]
                        : ["File", "Dataset", "Encoding", "Delimiter", "Rows", "Included", "Excluded", "Outside year", "SHA-256"], 0)
        var r = 1
        for i in s.inputs {
            try t.text(i.file, r, 0)
            try t.text(i.dataset.map { zh ? $0.chineseName : $0.englishName } ?? (zh ? "未读取" : "not read"), r, 1)
            try t.text(i.encoding ?? "", r, 2)
            try t.text(i.delimiter.map { $0 == "tab" ? (zh ? "制表符" : "tab") : $0 } ?? "", r, 3)
            try t.integer(i.rows, r, 4); try t.integer(i.included, r, 5); try t.integer(i.excluded, r, 6); try t.integer(i.outsideYear, r, 7)
            try t.text(i.sha256, r, 8)
            r += 1
        }
        let last = r - 1
        // The options and the rule catalog: tables of their own, each from a new page.
        t.printTitles = false
        r += 1
        t.pageBreaks.append(r)
        try t.caption(zh ? "运行参数" : "Options", r); r += 1
        try t.header(zh ? ["参数", "取值"] : ["Option", "Value"], r); r += 1
        try t.text(zh ? "规则配置" : "Profile", r, 0); try t.text(input.profileName, r, 1); r += 1
        let language = input.presenter.language
        for (k, v) in input.options {
            try t.text(RunOptionText.label(k, language), r, 0); try t.text(RunOptionText.value(v, of: k, language), r, 1); r += 1
        }
        r += 1
        if !input.sheetNotes.isEmpty {
            t.pageBreaks.append(r)
            try t.caption(zh ? "工作表" : "Sheets", r); r += 1
            for note in input.sheetNotes { try t.text(note, r, 0); r += 1 }
            r += 1
        }
        t.pageBreaks.append(r)
        try t.caption(zh ? "规则（本次生效的级别与限额）" : "Rules (severities and limits in effect)", r); r += 1
        try t.header(zh ? ["规则", "说明", "级别", "限额"] : ["Rule", "Description", "Severity", "Limits"], r); r += 1
        for def in RuleCatalog.all {
            try t.text(def.code.rawValue, r, 0)
            try t.text(def.summary[input.presenter.language] ?? "", r, 1)
            let severity = input.policy.severity(of: def.code).map { input.presenter.severityWord($0) } ?? (zh ? "关闭" : "off")
            try t.text(severity, r, 2)
            try t.text(RuleCatalogText.limitsText(def.code, input.profile, zh) ?? "—", r, 3)
            r += 1
        }
        t.maximumWidth = 40
        try t.finish(headerRow: 0, lastRow: last, lastColumn: 8)
    }
}
