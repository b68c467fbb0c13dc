// L01-L05: the union's funds ledger: accounts, directions, reconciliation with the payments and the dues, festival forms.
import UnionCore
import UnionImport

enum LedgerRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.L01, "ledger", .error, zh: "科目不在会计科目表中", en: "account not in the profile's chart of accounts",
                       hintZh: "改为科目表中的科目（见 unionbatch rules），或在 unionbatch.toml 的 [accounts] 中把本单位的科目名对应到科目",
                       hintEn: "Use an account of the chart (see unionbatch rules), or map the unit's own account name under [accounts] in unionbatch.toml") { f in
            LocalizedText(zh: "科目“\(f.value ?? "")”不在会计科目表中，该行不计入合计",
                          en: "account \"\(f.value ?? "")\" is not in the chart of accounts: row left out of the totals")
        },
        RuleDefinition(.L02, "ledger", .error, zh: "收支方向不明或与科目不符", en: "both income and expense, neither, or a direction that contradicts the account",
                       hintZh: "每行只填收入或支出之一（退款填负数）；收入科目记收入，支出科目记支出",
                       hintEn: "Fill in either the income or the expense of a row (a refund as a negative amount); income accounts take income, spending accounts expense") { f in
            switch Phrase.arg(f, 0) {
            case "both": return LocalizedText(zh: "同一行既有收入又有支出", en: "the row has both an income and an expense")
            case "none": return LocalizedText(zh: "该行没有收入或支出金额（或收支方向）", en: "the row has no income or expense amount (or no direction)")
            default:
                let said = Phrase.arg(f, 2) == "收入" ? LocalizedText(zh: "收入", en: "an income") : LocalizedText(zh: "支出", en: "an expense")
                return LocalizedText(zh: "\(Phrase.arg(f, 1))属于“\(Phrase.arg(f, 3))”，不能记为\(said.zh)",
                                     en: "\(Phrase.arg(f, 1)) belongs to \(Phrase.arg(f, 3)) and cannot be booked as \(said.en)")
            }
        },
        RuleDefinition(.L03, "ledger", .warning, zh: "明细账科目合计与帮扶慰问发放不符", en: "the ledger's line and the payments dataset disagree",
                       hintZh: "核对明细账与帮扶慰问发放表：是否有漏记、重记或记错科目的款项",
                       hintEn: "Compare the ledger with the payments list: an entry missing, booked twice or on another line") { f in
            LocalizedText(zh: "明细账“\(Phrase.arg(f, 0))”合计 \(Phrase.arg(f, 1)) 元，帮扶慰问发放中\(Phrase.arg(f, 2))合计 \(Phrase.arg(f, 3)) 元，相差 \(Phrase.arg(f, 4)) 元",
                          en: "the ledger's \(Phrase.arg(f, 0)) total \(Phrase.arg(f, 1)) yuan; the payments of \(Phrase.arg(f, 2)) total \(Phrase.arg(f, 3)) yuan, a difference of \(Phrase.arg(f, 4)) yuan")
        },
        RuleDefinition(.L04, "ledger", .warning, zh: "会费收入与会员名册的已缴会费不符", en: "会费收入 in the ledger differs from the dues in the roster",
                       hintZh: "核对明细账的会费收入与会员名册的已缴会费", hintEn: "Compare the ledger's 会费收入 with the roster's dues") { f in
            LocalizedText(zh: "明细账会费收入 \(Phrase.arg(f, 0)) 元，会员名册已缴会费 \(Phrase.arg(f, 1)) 元，相差 \(Phrase.arg(f, 2)) 元",
                          en: "the ledger's 会费收入 is \(Phrase.arg(f, 0)) yuan, the roster's dues \(Phrase.arg(f, 1)) yuan, a difference of \(Phrase.arg(f, 2)) yuan")
        },
        RuleDefinition(.L05, "ledger", .error, zh: "节日慰问以购物卡、代金券或现金发放", en: "festival welfare paid in a forbidden form",
                       hintZh: "节日慰问应发放实物，不得发放购物卡、代金券或现金",
                       hintEn: "Festival welfare must be given in kind, never as shopping cards, vouchers or cash") { f in
            LocalizedText(zh: "\(Phrase.arg(f, 0))福利以“\(Phrase.arg(f, 1))”形式发放",
                          en: "\(Phrase.arg(f, 0)) welfare paid as \(Phrase.arg(f, 1))")
        },
    ]

    /// What a ledger row books: its line, its direction and its amount (negative for a refund).
    struct Entry {
        let line: Int
        let isIncome: Bool
        let amount: Money
    }

    static let festivals = ["春节", "元旦", "端午", "中秋", "国庆", "节日"]
    static let forbiddenForms = ["购物卡", "代金券", "现金"]
    static let welfareLine = "职工集体福利支出"

    /// L01, L02 and L05: the rules of one ledger row. The entry it books, when it books one.
    static func checkRow<Row: RowValues>(_ row: Row, mapping: HeaderMapping, context: RuleContext,
                                         recorder: inout FindingRecorder) -> Entry? {
        let chart = context.profile.chart
        func flag(_ rule: RuleCode, _ field: Field, _ arguments: [String]) {
            let c = mapping.columnOfField[field]
            recorder.rowFinding(rule, record: row.recordIndex, row: row.row, column: c, field: field,
                                value: c.map { row.cell($0) }, arguments: arguments)
        }
        var line: Int?
        var account: String?
        if let text = row.text(.account) {
            account = text
            line = chart.line(forAccount: text)
            if line == nil { flag(.L01, .account, []) }
        }
        // The amount and its direction; a cell written but unreadable (V03, V06) raises no L02.
        func written(_ field: Field) -> Bool { mapping.columnOfField[field].map { !row.isEmptyCell($0) } ?? false }
        func amount(_ field: Field) -> Money? { row.money(field).flatMap { $0.fen == 0 ? nil : $0 } }
        var booked: (isIncome: Bool, amount: Money)?
        if mapping.columnOfField[.income] != nil || mapping.columnOfField[.expense] != nil {
            if written(.income) && row.money(.income) == nil || written(.expense) && row.money(.expense) == nil { return nil }
            switch (amount(.income), amount(.expense)) {
            case (let i?, nil): booked = (true, i)
            case (nil, let e?): booked = (false, e)
            case (_?, _?): flag(.L02, .expense, ["both"]); return nil
            case (nil, nil): flag(.L02, .income, ["none"]); return nil
            }
        } else {
            if written(.ledgerAmount) && row.money(.ledgerAmount) == nil { return nil }
            guard let a = amount(.ledgerAmount) else { flag(.L02, .ledgerAmount, ["none"]); return nil }
            guard let direction = row.known(.direction) else { flag(.L02, .direction, ["none"]); return nil }
            booked = (direction == "收入", a)
        }
        guard let line, let booked else { return nil }
        if chart.isIncome(line) != booked.isIncome {
            flag(.L02, mapping.columnOfField[.direction] != nil ? .direction : booked.isIncome ? .income : .expense,
                 ["direction", chart.lines[line].name, booked.isIncome ? "收入" : "支出", chart.groupName(line)])
            return nil
        }
        checkFestivalForm(row, line: chart.lines[line].name, account: account ?? "", flag: flag)
        return Entry(line: line, isIncome: booked.isIncome, amount: booked.amount)
    }

    /// L05: festival welfare (a 职工集体福利支出 row whose summary names a festival, or booked as 节日慰问)
    /// paid as a shopping card, a voucher or cash (the form column, or those words in the summary).
    private static func checkFestivalForm<Row: RowValues>(_ row: Row, line: String, account: String,
                                                         flag: (RuleCode, Field, [String]) -> Void) {
        guard line == welfareLine else { return }
        let summary = row.text(.summary) ?? ""
        let festival = account.hasSuffix("节日慰问") ? "节日慰问" : festivals.first { summary.contains($0) }
        guard let festival else { return }
        if let form = row.text(.ledgerForm), let word = forbiddenForms.first(where: { form.contains($0) }) {
            flag(.L05, .ledgerForm, [festival, word])
        } else if let word = forbiddenForms.first(where: { summary.contains($0) }) {
            flag(.L05, .summary, [festival, word])
        }
    }

    /// L03 and L04 over the year's included ledger entries (`lineTotals`, signed fen by line), one finding
    /// each on the ledger's first file.
    static func checkTotals(lineTotals: [Int: Int64], context: RuleContext, recorder: inout FindingRecorder) {
        let chart = context.profile.chart
        if let payments = context.paymentTotals {
            for r in context.profile.reconcile {
                let ledger = r.lines.reduce(Int64(0)) { $0 + (lineTotals[$1] ?? 0) }
                let paid = r.categories.reduce(Int64(0)) { $0 + (payments[$1]?.fen ?? 0) }
                guard ledger != paid else { continue }
                recorder.fileFinding(.L03, r.lines.map { chart.lines[$0].name }.joined(separator: "+"), Money(fen: ledger).yuanText,
                                     r.categories.map(\.rawValue).joined(separator: "、"), Money(fen: paid).yuanText,
                                     Money(fen: abs(ledger - paid)).yuanText)
            }
        }
        if let dues = context.rosterDues, let line = chart.line(named: "会费收入") {
            let ledger = lineTotals[line] ?? 0
            if ledger != dues.fen {
                recorder.fileFinding(.L04, Money(fen: ledger).yuanText, dues.yuanText, Money(fen: abs(ledger - dues.fen)).yuanText)
            }
        }
    }
}
