// L01-L05: the union's funds ledger: accounts, directions, reconciliation with the payments and the dues, festival forms.
import UnionCore
import UnionImport

/// What an L finding says, with named parts: made where the rule fires, read back from a finding's
/// arguments for its message (a finding stores its arguments as text, in the order `arguments` gives).
public enum LedgerFinding: RenderedFinding {
    /// L01: the account is in no line of the chart (the cell is the finding's value).
    case unknownAccount
    /// L02: the row has both an income and an expense.
    case bothIncomeAndExpense
    /// L02: the row has no amount, or no direction.
    case noAmount
    /// L02: the row books `line` (of `group`) in the direction its line does not take.
    case wrongDirection(line: String, bookedAsIncome: Bool, group: String)
    /// L03: the ledger's `lines` and the payments of `categories` disagree (amounts in yuan as written).
    case reconciliation(lines: String, ledger: String, categories: String, paid: String, difference: String)
    /// L04: the ledger's 会费收入 and the roster's dues disagree (amounts in yuan as written).
    case dues(ledger: String, roster: String, difference: String)
    /// L05: festival welfare paid in a forbidden form.
    case festivalForm(festival: String, form: String)

    public var rule: RuleCode {
        switch self {
        case .unknownAccount: return .L01
        case .bothIncomeAndExpense, .noAmount, .wrongDirection: return .L02
        case .reconciliation: return .L03
        case .dues: return .L04
        case .festivalForm: return .L05
        }
    }

    /// The finding's arguments, as it stores them.
    public var arguments: [String] {
        switch self {
        case .unknownAccount: return []
        case .bothIncomeAndExpense: return ["both"]
        case .noAmount: return ["none"]
        case .wrongDirection(let line, let income, let group): return ["direction", line, income ? "收入" : "支出", group]
        case .reconciliation(let lines, let ledger, let categories, let paid, let difference): return [lines, ledger, categories, paid, difference]
        case .dues(let ledger, let roster, let difference): return [ledger, roster, difference]
        case .festivalForm(let festival, let form): return [festival, form]
        }
    }

    /// The payload of an L finding (an argument it lacks reads as empty); nil for another rule's.
    public init?(_ f: Finding) {
        let stored = StoredArguments(f)
        let a = { (i: Int) in stored[i] }
        switch f.rule {
        case .L01: self = .unknownAccount
        case .L02:
            switch a(0) {
            case "both": self = .bothIncomeAndExpense
            case "none": self = .noAmount
            default: self = .wrongDirection(line: a(1), bookedAsIncome: a(2) == "收入", group: a(3))
            }
        case .L03: self = .reconciliation(lines: a(0), ledger: a(1), categories: a(2), paid: a(3), difference: a(4))
        case .L04: self = .dues(ledger: a(0), roster: a(1), difference: a(2))
        case .L05: self = .festivalForm(festival: a(0), form: a(1))
        default: return nil
        }
    }

    /// The message; `value` is the cell as written.
    public func message(value: String) -> LocalizedText {
        switch self {
        case .unknownAccount:
            return LocalizedText(zh: "科目“\(value)”不在会计科目表中，该行不计入合计",
                                 en: "account \"\(value)\" is not in the chart of accounts: row left out of the totals")
        case .bothIncomeAndExpense:
            return LocalizedText(zh: "同一行既有收入又有支出", en: "the row has both an income and an expense")
        case .noAmount:
            return LocalizedText(zh: "该行没有收入或支出金额（或收支方向）", en: "the row has no income or expense amount (or no direction)")
        case .wrongDirection(let line, let income, let group):
            let said = income ? LocalizedText(zh: "收入", en: "an income") : LocalizedText(zh: "支出", en: "an expense")
            return LocalizedText(zh: "\(line)属于“\(group)”，不能记为\(said.zh)",
                                 en: "\(line) belongs to \(group) and cannot be booked as \(said.en)")
        case .reconciliation(let lines, let ledger, let categories, let paid, let difference):
            return LocalizedText(zh: "明细账“\(lines)”合计 \(ledger) 元，帮扶慰问发放中\(categories)合计 \(paid) 元，相差 \(difference) 元",
                                 en: "the ledger's \(lines) total \(ledger) yuan; the payments of \(categories) total \(paid) yuan, a difference of \(difference) yuan")
        case .dues(let ledger, let roster, let difference):
            return LocalizedText(zh: "明细账会费收入 \(ledger) 元，会员名册已缴会费 \(roster) 元，相差 \(difference) 元",
                                 en: "the ledger's 会费收入 is \(ledger) yuan, the roster's dues \(roster) yuan, a difference of \(difference) yuan")
        case .festivalForm(let festival, let form):
            return LocalizedText(zh: "\(festival)福利以“\(form)”形式发放", en: "\(festival) welfare paid as \(form)")
        }
    }

    /// The message of an L finding; its value is the cell as written.
    func message(for f: Finding) -> LocalizedText { message(value: f.value ?? "") }
}

enum LedgerRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.L01, "ledger", .error, zh: "科目不在会计科目表中", en: "account not in the profile's chart of accounts",
                       hintZh: "改为科目表中的科目（见 unionbatch rules），或在 unionbatch.toml 的 [accounts] 中把本单位的科目名对应到科目",
                       hintEn: "Use an account of the chart (see unionbatch rules), or map the unit's own account name under [accounts] in unionbatch.toml",
                       render: LedgerFinding.message),
        RuleDefinition(.L02, "ledger", .error, zh: "收支方向不明或与科目不符", en: "both income and expense, neither, or a direction that contradicts the account",
                       hintZh: "每行只填收入或支出之一（退款填负数）；收入科目记收入，支出科目记支出",
                       hintEn: "Fill in either the income or the expense of a row (a refund as a negative amount); income accounts take income, spending accounts expense",
                       render: LedgerFinding.message),
        RuleDefinition(.L03, "ledger", .warning, zh: "明细账科目合计与帮扶慰问发放不符", en: "the ledger's line and the payments dataset disagree",
                       hintZh: "核对明细账与帮扶慰问发放表：是否有漏记、重记或记错科目的款项",
                       hintEn: "Compare the ledger with the payments list: an entry missing, booked twice or on another line",
                       render: LedgerFinding.message),
        RuleDefinition(.L04, "ledger", .warning, zh: "会费收入与会员名册的已缴会费不符", en: "会费收入 in the ledger differs from the dues in the roster",
                       hintZh: "核对明细账的会费收入与会员名册的已缴会费", hintEn: "Compare the ledger's 会费收入 with the roster's dues",
                       render: LedgerFinding.message),
        RuleDefinition(.L05, "ledger", .error, zh: "节日慰问以购物卡、代金券或现金发放", en: "festival welfare paid in a forbidden form",
                       hintZh: "节日慰问应发放实物，不得发放购物卡、代金券或现金",
                       hintEn: "Festival welfare must be given in kind, never as shopping cards, vouchers or cash",
                       render: LedgerFinding.message),
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
        func flag(_ finding: LedgerFinding, _ field: Field) {
            let c = mapping.columnOfField[field]
            recorder.rowFinding(finding, record: row.recordIndex, row: row.row, column: c, field: field, value: c.map { row.cell($0) })
        }
        var line: Int?
        var account: String?
        if let text = row.text(.account) {
            account = text
            line = chart.line(forAccount: text)
            if line == nil { flag(.unknownAccount, .account) }
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
            case (_?, _?): flag(.bothIncomeAndExpense, .expense); return nil
            case (nil, nil): flag(.noAmount, .income); return nil
            }
        } else {
            if written(.ledgerAmount) && row.money(.ledgerAmount) == nil { return nil }
            guard let a = amount(.ledgerAmount) else { flag(.noAmount, .ledgerAmount); return nil }
            guard let direction = row.known(.direction) else { flag(.noAmount, .direction); return nil }
            booked = (direction == "收入", a)
        }
        guard let line, let booked else { return nil }
        if chart.isIncome(line) != booked.isIncome {
            flag(.wrongDirection(line: chart.lines[line].name, bookedAsIncome: booked.isIncome, group: chart.groupName(line)),
                 mapping.columnOfField[.direction] != nil ? .direction : booked.isIncome ? .income : .expense)
            return nil
        }
        checkFestivalForm(row, line: chart.lines[line].name, account: account ?? "", flag: flag)
        return Entry(line: line, isIncome: booked.isIncome, amount: booked.amount)
    }

    /// L05: festival welfare (a 职工集体福利支出 row whose summary names a festival, or booked as 节日慰问)
    /// paid as a shopping card, a voucher or cash (the form column, or those words in the summary).
    private static func checkFestivalForm<Row: RowValues>(_ row: Row, line: String, account: String,
                                                         flag: (LedgerFinding, Field) -> Void) {
        guard line == welfareLine else { return }
        let summary = row.text(.summary) ?? ""
        let festival = account.hasSuffix("节日慰问") ? "节日慰问" : festivals.first { summary.contains($0) }
        guard let festival else { return }
        if let form = row.text(.ledgerForm), let word = forbiddenForms.first(where: { form.contains($0) }) {
            flag(.festivalForm(festival: festival, form: word), .ledgerForm)
        } else if let word = forbiddenForms.first(where: { summary.contains($0) }) {
            flag(.festivalForm(festival: festival, form: word), .summary)
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
                recorder.fileFinding(LedgerFinding.reconciliation(lines: r.lines.map { chart.lines[$0].name }.joined(separator: "+"),
                                                                  ledger: Money(fen: ledger).yuanText,
                                                                  categories: r.categories.map(\.rawValue).joined(separator: "、"),
                                                                  paid: Money(fen: paid).yuanText,
                                                                  difference: Money(fen: abs(ledger - paid)).yuanText))
            }
        }
        if let dues = context.rosterDues, let line = chart.line(named: "会费收入") {
            let ledger = lineTotals[line] ?? 0
            if ledger != dues.fen {
                recorder.fileFinding(LedgerFinding.dues(ledger: Money(fen: ledger).yuanText, roster: dues.yuanText,
                                                        difference: Money(fen: abs(ledger - dues.fen)).yuanText))
            }
        }
    }
}
