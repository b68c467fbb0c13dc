// The 经费收支 sheet of summary.xlsx (SPEC §4.1, with a ledger): income by line, expense by group and
// line, their totals, the balance, and a chart of expense by group below them.
import UnionCore
import UnionRules
import UnionSummary
import Xlsx

enum FundsSheetWriter {
    static func write(_ wb: Workbook, _ st: SheetStyles, _ s: Summary, language: Language) throws {
        guard let f = s.funds else { return }
        typealias T = WriterText.Funds
        let sheet = try wb.addWorksheet(T.sheet.text(language))
        let t = TableWriter(sheet, st)
        let titles = T.header.text(language)
        try t.header(titles, 0)
        var r = 1
        /// Rows of lines, then a total row whose count and amount are SUM formulas; the total's row.
        func lines(_ names: [String], label: String, total: Money) throws -> Int {
            let first = r
            for name in names {
                let line = f.byLine[name]!
                try t.text(line.group, r, 0); try t.text(name, r, 1)
                try t.integer(line.count, r, 2)
                if f.hasPeople { try t.integer(line.people, r, 3) }
                try t.money(line.amount, r, 4)
                r += 1
            }
            let last = max(first, r - 1)
            try t.text(label, r, 0, st.totalLabel)
            try t.formula("=SUM(\(cellReference(row: first, column: 2)):\(cellReference(row: last, column: 2)))",
                          value: Double(names.reduce(0) { $0 + f.byLine[$1]!.count }), r, 2, st.totalInteger)
            try t.formula("=SUM(\(cellReference(row: first, column: 4)):\(cellReference(row: last, column: 4)))",
                          value: total.yuanDouble, r, 4, st.totalMoney)
            r += 1
            return r - 1
        }
        let incomeNames = f.lineOrder.filter { f.isIncome(group: f.byLine[$0]!.group) }
        let expenseNames = f.lineOrder.filter { !f.isIncome(group: f.byLine[$0]!.group) }
        let incomeTotal = try lines(incomeNames, label: T.incomeTotal.text(language), total: f.income)
        let lastDetail = r
        r += 1
        let expenseTotal = try lines(expenseNames, label: T.expenseTotal.text(language), total: f.expense)
        r += 1
        try t.text(T.balance.text(language), r, 0, st.totalLabel)
        try t.formula("=\(cellReference(row: incomeTotal, column: 4))-\(cellReference(row: expenseTotal, column: 4))",
                      value: f.balance.yuanDouble, r, 4, st.totalMoney)
        r += 2

        // Expense by group, with its chart: a page of its own, with its own title and header (SPEC §4.1: the
        // sheet holds two tables, so neither header repeats as print titles).
        t.printTitles = false
        t.pageBreaks.append(r)
        try t.caption(T.byGroup.text(language), r); r += 1
        try t.header(T.byGroupHeader.text(language), r)
        r += 1
        let firstGroup = r
        for group in f.groupOrder where !f.isIncome(group: group) {
            let g = f.byGroup[group]!
            try t.text(group, r, 0)
            try t.integer(expenseNames.filter { f.byLine[$0]!.group == group }.count, r, 1)
            try t.integer(g.count, r, 2)
            if f.hasPeople { try t.integer(expenseNames.filter { f.byLine[$0]!.group == group }.reduce(0) { $0 + f.byLine[$1]!.people }, r, 3) }
            try t.money(g.amount, r, 4)
            r += 1
        }
        let lastGroup = r - 1
        try t.finish(headerRow: 0, lastRow: lastDetail, lastColumn: 4, filter: false)
        if lastGroup >= firstGroup {
            let chart = wb.addChart(.column)
            chart.addSeries(categories: Chart.range(sheet: sheet.name, firstRow: firstGroup, firstColumn: 0, lastRow: lastGroup, lastColumn: 0),
                            values: Chart.range(sheet: sheet.name, firstRow: firstGroup, firstColumn: 4, lastRow: lastGroup, lastColumn: 4),
                            name: WriterText.amountYuan.text(language), labels: "#,##0")
            chart.setTitle(T.chartTitle.text(language))
            chart.setYAxisName(WriterText.yuan.text(language))
            chart.setYAxisNumberFormat("#,##0")
            chart.hideLegend()
            // Below its table, not beside it: the page keeps the table's width and its scale (SPEC §4.1).
            try sheet.insertChart(chart, row: lastGroup + 2, column: 0, xScale: 1.2, yScale: 1.1)
        }
    }
}
