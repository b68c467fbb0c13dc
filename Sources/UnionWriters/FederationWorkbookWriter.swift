// The federation's summary.xlsx: a row per grassroots union for every key figure, and the totals.
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
        let zh: String
        let en: String
        let money: Bool
        let value: @Sendable (Summary) -> Int64
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
        let zh = presenter.language == .zh
        let workbook = try Workbook(path: path)
        workbook.setProperties(created: (federation.asOf.year, federation.asOf.month, federation.asOf.day),
                               title: zh ? "\(federation.unit)\(federation.year)年度基层工会数据汇总" : "\(federation.unit) roll-up \(federation.year)",
                               author: "unionbatch")
        let styles = SheetStyles(workbook)
        styles.page = PageLabels(unit: federation.unit, year: federation.year, asOf: federation.asOf, zh: zh)  // print setup (SPEC §4.1)

        // 汇总: a row per unit, the totals as SUM formulas with their values stored.
        let sheet = try workbook.addWorksheet(zh ? "汇总" : "Units")
        let t = TableWriter(sheet, styles)
        try t.header((zh ? ["基层工会", "类型", "文件夹"] : ["Union", "Type", "Folder"]) + columns.map { zh ? $0.zh : $0.en }, 0)
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
                try t.text((zh ? "未汇总：" : "not rolled up: ") + (u.failure ?? ""), r, 3)
            }
            r += 1
        }
        let last = r - 1
        try t.text(zh ? "合计" : "Total", r, 0, styles.totalLabel)
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

        // 问题清单: every unit's findings, with its unit.
        let fsheet = try workbook.addWorksheet(zh ? "问题清单" : "Findings")
        let ft = TableWriter(fsheet, styles)
        try ft.header(zh ? ["基层工会", "文件", "行", "列", "字段", "值", "规则", "级别", "说明", "处理建议"]
                         : ["Union", "File", "Row", "Column", "Field", "Value", "Rule", "Severity", "Message", "Fix"], 0)
        var fr = 1
        for (unit, f) in findings.prefix(SummaryWorkbookWriter.findingRowLimit) {
            try ft.text(unit, fr, 0)
            try ft.text(f.file, fr, 1)
            if let row = f.row { try ft.integer(row, fr, 2) }
            try ft.text(presenter.columnLetter(f), fr, 3)
            try ft.text(f.field?.key ?? "", fr, 4)
            try ft.text(presenter.value(f), fr, 5)
            try ft.text(f.rule.rawValue, fr, 6)
            try ft.text(presenter.severityWord(f.severity), fr, 7)
            try ft.text(presenter.message(f), fr, 8)
            try ft.text(presenter.hint(f), fr, 9)
            fr += 1
        }
        if findings.count > SummaryWorkbookWriter.findingRowLimit {
            try ft.text(zh ? "另有 \(findings.count - SummaryWorkbookWriter.findingRowLimit) 条问题未列出，完整清单见 issues.csv"
                           : "\(findings.count - SummaryWorkbookWriter.findingRowLimit) more findings: see issues.csv", fr, 0, styles.totalLabel)
        }
        ft.maximumWidth = 60
        try ft.finish(headerRow: 0, lastRow: max(1, min(findings.count, SummaryWorkbookWriter.findingRowLimit)), lastColumn: 9)

        // Chart: members per unit.
        if last >= 1 {
            let chart = workbook.addChart(.bar)
            chart.addSeries(categories: Chart.range(sheet: sheet.name, firstRow: 1, firstColumn: 0, lastRow: last, lastColumn: 0),
                            values: Chart.range(sheet: sheet.name, firstRow: 1, firstColumn: 3, lastRow: last, lastColumn: 3),
                            name: zh ? "会员" : "Members")
            chart.setTitle(zh ? "各基层工会会员人数" : "Members per union")
            chart.hideLegend()
            try sheet.insertChart(chart, row: last + 3, column: 0, xScale: 1.5, yScale: 1.2)
        }
        try workbook.close()
    }
}
