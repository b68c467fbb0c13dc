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
                               title: zh ? "\(s.unit)\(s.year)年度工会数据汇总" : "\(s.unit) union figures \(s.year)",
                               author: "unionbatch")
        let styles = SheetStyles(workbook)
        let names = SheetNames(zh: zh)
        try overview(workbook, styles, input, names)
        try members(workbook, styles, s, names, zh)
        try payments(workbook, styles, s, names, zh)
        try claims(workbook, styles, s, names, zh)
        try enrollments(workbook, styles, s, names, zh)
        try FundsSheetWriter.write(workbook, styles, s, zh: zh)
        try findings(workbook, styles, input, names, zh)
        try notes(workbook, styles, input, names, zh)
        try workbook.close()
    }

    struct SheetNames {
        let overview, members, payments, claims, enrollments, findings, notes: String
        init(zh: Bool) {
            overview = zh ? "概览" : "Overview"
            members = zh ? "会员" : "Members"
            payments = zh ? "帮扶慰问" : "Payments"
            claims = zh ? "医疗互助" : "Claims"
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

    private static func overview(_ wb: Workbook, _ st: SheetStyles, _ input: SummaryWorkbookInput, _ names: SheetNames) throws {
        let s = input.summary
        let zh = input.presenter.language == .zh
        let sheet = try wb.addWorksheet(names.overview)
        let t = TableWriter(sheet, st)
        try t.header([zh ? "项目" : "Item", zh ? "数值" : "Value"], 0)
        var r = 1
        func line(_ label: String, _ write: (Int) throws -> Void) throws {
            try t.text(label, r, 0)
            try write(r)
            r += 1
        }
        try line(zh ? "单位" : "Unit") { try t.text(s.unit, $0, 1) }
        try line(zh ? "单位类型" : "Unit type") { try t.text(s.unitType, $0, 1) }
        try line(zh ? "报告年度" : "Year") { try t.integer(s.year, $0, 1) }
        try line(zh ? "截止日期" : "As of") { try t.date(s.asOf, $0, 1) }
        if let m = s.members {
            try line(zh ? "会员总数（人）" : "Members") { try t.integer(m.total, $0, 1) }
            try line(zh ? "其中女会员（人）" : "of whom women") { try t.integer(m.female, $0, 1) }
            try line(zh ? "其中男会员（人）" : "of whom men") { try t.integer(m.male, $0, 1) }
            try line(zh ? "本年新入会（人）" : "Joined in the year") { try t.integer(m.joinedInYear, $0, 1) }
            try line(zh ? "本年退会及转出（人）" : "Left in the year") { try t.integer(m.leftInYear, $0, 1) }
            try line(zh ? "全年会费（元）" : "Dues collected (yuan)") { try t.money(m.duesPaid, $0, 1) }
        }
        if let p = s.payments {
            try line(zh ? "帮扶慰问笔数" : "Payments") { try t.integer(p.all.count, $0, 1) }
            try line(zh ? "帮扶慰问人数" : "People paid") { try t.integer(p.all.people, $0, 1) }
            try line(zh ? "帮扶慰问金额（元）" : "Amount paid (yuan)") { try t.money(p.all.amount, $0, 1) }
            try line(zh ? "其中工会经费支出（元）" : "of which union spending (yuan)") { try t.money(p.unionSpending, $0, 1) }
            for group in s.groupOrder {
                guard let g = p.byGroup[group] else { continue }
                try line(zh ? "\(group)（人/元）" : "\(group) (people / yuan)") { row in
                    try t.text("\(g.people)人 \(g.amount.yuanText)元", row, 1)
                }
            }
        }
        if let c = s.claims {
            try line(zh ? "医疗互助报销人次" : "Claims") { try t.integer(c.all.count, $0, 1) }
            try line(zh ? "医疗互助报销金额（元）" : "Approved (yuan)") { try t.money(c.all.amount, $0, 1) }
        }
        if let e = s.enrollments {
            try line(zh ? "参保人数" : "Enrolled people") { try t.integer(e.all.people, $0, 1) }
            try line(zh ? "保费合计（元）" : "Premiums (yuan)") { try t.money(e.all.amount, $0, 1) }
        }
        try line(zh ? "错误" : "Errors") { try t.integer(s.findings.errors, $0, 1) }
        try line(zh ? "警告" : "Warnings") { try t.integer(s.findings.warnings, $0, 1) }
        let lastKeyRow = r - 1

        // What was left out, per file.
        r += 1
        try t.text(zh ? "各文件行数：计入、排除（有错误）、非本年度" : "Rows per file: included, excluded (errors), outside the year", r, 0, st.totalLabel)
        r += 1
        let fileHeaderRow = r
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
        _ = fileHeaderRow
        // Findings by rule: why rows were excluded.
        r += 1
        try t.text(zh ? "问题按规则统计" : "Findings by rule", r, 0, st.totalLabel)
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
        try t.finish(headerRow: 0, lastRow: lastKeyRow, lastColumn: 1, filter: false)
        sheet.activate()
    }

    // MARK: 会员

    private static func members(_ wb: Workbook, _ st: SheetStyles, _ s: Summary, _ names: SheetNames, _ zh: Bool) throws {
        guard let m = s.members else { return }
        let sheet = try wb.addWorksheet(names.members)
        let t = TableWriter(sheet, st)
        try t.header(zh ? ["分会", "性别", "会籍状态", "人数"] : ["Branch", "Sex", "Status", "Members"], 0)
        var r = 1
        let keys = m.byBranchSexStatus.keys.sorted { a, b in
            if a.branch != b.branch { return codePointOrder(a.branch, b.branch) }
            if a.sex != b.sex { return a.sex == .female }
            return codePointOrder(a.status, b.status)
        }
        for k in keys {
            try t.text(k.branch.isEmpty ? (zh ? "（未填）" : "(none)") : k.branch, r, 0)
            try t.text(zh ? k.sex.rawValue : (k.sex == .female ? "female" : "male"), r, 1)
            try t.text(k.status, r, 2)
            try t.integer(m.byBranchSexStatus[k]!, r, 3)
            r += 1
        }
        let last = r - 1
        try t.text(zh ? "合计" : "Total", r, 0, st.totalLabel)
        try t.formula(sumFormula(3, from: 1, to: max(1, last)), value: Double(m.byBranchSexStatus.values.reduce(0, +)), r, 3, st.totalInteger)
        r += 2
        try t.text(zh ? "本年新入会（人）" : "Joined in the year", r, 0); try t.integer(m.joinedInYear, r, 3); r += 1
        try t.text(zh ? "本年退会及转出（人）" : "Left in the year", r, 0); try t.integer(m.leftInYear, r, 3); r += 1
        try t.text(zh ? "全年会费（元）" : "Dues collected (yuan)", r, 0); try t.money(m.duesPaid, r, 3); r += 1
        if !m.byHardship.isEmpty {
            r += 1
            try t.text(zh ? "困难职工" : "Members in hardship", r, 0, st.totalLabel); r += 1
            for (kind, n) in m.byHardship.sorted(by: { codePointOrder($0.key, $1.key) }) {
                try t.text(kind, r, 0); try t.integer(n, r, 3); r += 1
            }
        }
        try t.finish(headerRow: 0, lastRow: last, lastColumn: 3)
    }

    // MARK: 帮扶慰问

    private static func payments(_ wb: Workbook, _ st: SheetStyles, _ s: Summary, _ names: SheetNames, _ zh: Bool) throws {
        guard let p = s.payments else { return }
        let sheet = try wb.addWorksheet(names.payments)
        let t = TableWriter(sheet, st)
        try t.header(zh ? ["类别", "月份", "笔数", "人数", "金额（元）"] : ["Category", "Month", "Payments", "People", "Amount (yuan)"], 0)
        var r = 1
        let order = PaymentCategory.allCases
        let cells = p.byCategoryMonth.keys.sorted { a, b in
            a.category != b.category ? order.firstIndex(of: a.category)! < order.firstIndex(of: b.category)! : a.month < b.month
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
        r += 2

        // By category (the chart's source).
        try t.text(zh ? "按类别" : "By category", r, 0, st.totalLabel); r += 1
        try t.header(zh ? ["类别", "", "笔数", "人数", "金额（元）"] : ["Category", "", "Payments", "People", "Amount (yuan)"], r); r += 1
        let firstCategory = r
        for c in order {
            guard let v = p.byCategory[c] else { continue }
            try t.text(c.rawValue, r, 0)
            try t.text(c.isUnionSpending ? "" : (zh ? "非工会经费" : "not union funds"), r, 1)
            try t.integer(v.count, r, 2); try t.integer(v.people, r, 3); try t.money(v.amount, r, 4)
            r += 1
        }
        let lastCategory = r - 1
        try totalRow(t, r, label: zh ? "合计" : "Total", first: firstCategory, last: lastCategory, count: p.all.count, people: p.all.people,
                     amount: p.all.amount, countColumn: 2, peopleColumn: 3, amountColumn: 4)
        r += 2

        // By month.
        try t.text(zh ? "按月份" : "By month", r, 0, st.totalLabel); r += 1
        try t.header(zh ? ["月份", "", "笔数", "人数", "金额（元）"] : ["Month", "", "Payments", "People", "Amount (yuan)"], r); r += 1
        let firstMonth = r
        for (month, v) in p.byMonth.sorted(by: { $0.key < $1.key }) {
            try t.text(month, r, 0)
            try t.integer(v.count, r, 2); try t.integer(v.people, r, 3); try t.money(v.amount, r, 4)
            r += 1
        }
        let lastMonth = r - 1
        try totalRow(t, r, label: zh ? "合计" : "Total", first: firstMonth, last: lastMonth, count: p.all.count, people: p.all.people,
                     amount: p.all.amount, countColumn: 2, peopleColumn: 3, amountColumn: 4)
        r += 2

        // By branch.
        try t.text(zh ? "按分会" : "By branch", r, 0, st.totalLabel); r += 1
        try t.header(zh ? ["分会", "", "笔数", "人数", "金额（元）"] : ["Branch", "", "Payments", "People", "Amount (yuan)"], r); r += 1
        let firstBranch = r
        for (branch, v) in p.byBranch.sorted(by: { codePointOrder($0.key, $1.key) }) {
            try t.text(branch.isEmpty ? (zh ? "（未填）" : "(none)") : branch, r, 0)
            try t.integer(v.count, r, 2); try t.integer(v.people, r, 3); try t.money(v.amount, r, 4)
            r += 1
        }
        try totalRow(t, r, label: zh ? "合计" : "Total", first: firstBranch, last: r - 1, count: p.all.count, people: p.all.people,
                     amount: p.all.amount, countColumn: 2, peopleColumn: 3, amountColumn: 4)
        try t.finish(headerRow: 0, lastRow: lastDetail, lastColumn: 4)

        // Charts: by category and by month, beside the tables.
        if lastCategory >= firstCategory {
            let chart = wb.addChart(.column)
            chart.addSeries(categories: Chart.range(sheet: sheet.name, firstRow: firstCategory, firstColumn: 0, lastRow: lastCategory, lastColumn: 0),
                            values: Chart.range(sheet: sheet.name, firstRow: firstCategory, firstColumn: 4, lastRow: lastCategory, lastColumn: 4),
                            name: zh ? "金额（元）" : "Amount (yuan)")
            chart.setTitle(zh ? "帮扶慰问金额（按类别）" : "Payments by category")
            chart.hideLegend()
            try sheet.insertChart(chart, row: 1, column: 6, xScale: 1.4, yScale: 1.2)
        }
        if lastMonth >= firstMonth {
            let chart = wb.addChart(.column)
            chart.addSeries(categories: Chart.range(sheet: sheet.name, firstRow: firstMonth, firstColumn: 0, lastRow: lastMonth, lastColumn: 0),
                            values: Chart.range(sheet: sheet.name, firstRow: firstMonth, firstColumn: 4, lastRow: lastMonth, lastColumn: 4),
                            name: zh ? "金额（元）" : "Amount (yuan)")
            chart.setTitle(zh ? "帮扶慰问金额（按月份）" : "Payments by month")
            chart.hideLegend()
            try sheet.insertChart(chart, row: 20, column: 6, xScale: 1.4, yScale: 1.2)
        }
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
        r += 2
        try t.text(zh ? "按保障项目" : "By plan", r, 0, st.totalLabel); r += 1
        try t.header(zh ? ["保障项目", "", "人次", "人数", "报销金额（元）"] : ["Plan", "", "Claims", "People", "Approved (yuan)"], r); r += 1
        let first = r
        for (plan, v) in c.byPlan.sorted(by: { codePointOrder($0.key, $1.key) }) {
            try t.text(plan, r, 0)
            try t.integer(v.count, r, 2); try t.integer(v.people, r, 3); try t.money(v.amount, r, 4)
            r += 1
        }
        try totalRow(t, r, label: zh ? "合计" : "Total", first: first, last: r - 1, count: c.all.count, people: c.all.people, amount: c.all.amount,
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
            try t.text(f.field?.key ?? "", r, 3)
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
        t.maximumWidth = 60
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
        r += 1
        try t.text(zh ? "运行参数" : "Options", r, 0, st.totalLabel); r += 1
        try t.text(zh ? "规则配置" : "Profile", r, 0); try t.text(input.profileName, r, 1); r += 1
        for (k, v) in input.options {
            try t.text(k, r, 0); try t.text(v, r, 1); r += 1
        }
        r += 1
        try t.text(zh ? "规则（本次生效的级别与限额）" : "Rules (severities and limits in effect)", r, 0, st.totalLabel); r += 1
        for def in RuleCatalog.all {
            try t.text(def.code.rawValue, r, 0)
            try t.text(def.summary[input.presenter.language] ?? "", r, 1)
            let severity = input.policy.severity(of: def.code).map { input.presenter.severityWord($0) } ?? (zh ? "关闭" : "off")
            try t.text(severity, r, 2)
            if let limits = RuleCatalogText.limitsText(def.code, input.profile, zh) { try t.text(limits, r, 3) }
            r += 1
        }
        t.maximumWidth = 40
        try t.finish(headerRow: 0, lastRow: last, lastColumn: 8)
    }
}
