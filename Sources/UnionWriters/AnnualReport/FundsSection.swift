// The 经费收支情况 section of annual-report.txt (SPEC §4.2): income by line, expense by group, the balance,
// and the sample report's sentences on 劳保用品 and staff training.
import UnionCore
import UnionSummary

enum FundsSection {
    static let name = "funds"

    static let zh = """
    {{#funds}}
    经费收支情况
    全年经费收入{{income}}元{{#income_text}}，其中{{income_text}}{{/income_text}}；经费支出{{expense}}元{{#expense_text}}，其中{{expense_text}}{{/expense_text}}；{{balance_text}}。
    {{#protection}}
    按季度购买劳保用品、发放防暑降温用品，费用共{{amount}}元。
    {{/protection}}
    {{#training}}
    {{#people}}共有{{people}}名员工参加培训，{{/people}}{{^people}}组织员工参加培训，{{/people}}报销培训费共{{amount}}元。
    {{/training}}
    {{#cadre_training}}
    工会干部参加业务培训{{#people}}{{people}}人次{{/people}}，支出培训费{{amount}}元。
    {{/cadre_training}}
    {{/funds}}
    """

    static let en = """
    {{#funds}}
    Union funds
    Income for the year was {{income}} yuan{{#income_text_en}} ({{income_text_en}}){{/income_text_en}}; expense was {{expense}} yuan{{#expense_text_en}} ({{expense_text_en}}){{/expense_text_en}}; {{balance_text_en}}.
    {{#protection}}
    Protective supplies bought each quarter and summer cooling supplies cost {{amount}} yuan.
    {{/protection}}
    {{#training}}
    {{#people}}{{people}} staff members were trained; training{{/people}}{{^people}}Training{{/people}} costs of {{amount}} yuan were reimbursed.
    {{/training}}
    {{#cadre_training}}
    Union cadres' training{{#people}} ({{people}} attendances){{/people}} cost {{amount}} yuan.
    {{/cadre_training}}
    {{/funds}}
    """

    /// What the section's template sees; nil without a ledger.
    static func context(_ f: FundsFigures) -> [String: Any] {
        var c: [String: Any] = ["income": f.income.yuanText, "expense": f.expense.yuanText, "balance": f.balance.yuanText]
        let incomeLines = f.lineOrder.compactMap { name in f.byLine[name].flatMap { f.isIncome(group: $0.group) ? (name, $0.amount) : nil } }
        let expenseGroups = f.groupOrder.compactMap { name in f.isIncome(group: name) ? nil : f.byGroup[name].map { (name, $0.amount) } }
        if !incomeLines.isEmpty {
            c["income_text"] = incomeLines.map { "\($0.0)\($0.1.yuanText)元" }.joined(separator: "，")
            c["income_text_en"] = incomeLines.map { "\($0.0) \($0.1.yuanText) yuan" }.joined(separator: ", ")
        }
        if !expenseGroups.isEmpty {
            c["expense_text"] = expenseGroups.map { "\($0.0)\($0.1.yuanText)元" }.joined(separator: "，")
            c["expense_text_en"] = expenseGroups.map { "\($0.0) \($0.1.yuanText) yuan" }.joined(separator: ", ")
        }
        let short = f.balance < .zero
        let gap = Money(fen: abs(f.balance.fen)).yuanText
        c["balance_text"] = short ? "支出超过收入\(gap)元" : "收支结余\(gap)元"
        c["balance_text_en"] = short ? "expense exceeded income by \(gap) yuan" : "a balance of \(gap) yuan remains"
        func line(_ name: String) -> [String: Any]? {
            guard let l = f.byLine[name], l.count > 0 else { return nil }
            var out: [String: Any] = ["count": l.count, "amount": l.amount.yuanText]
            if f.hasPeople && l.people > 0 { out["people"] = l.people }
            return out
        }
        c["protection"] = line("劳动保护费")
        // Staff training is 职工教育支出 (the sample's 25名员工…21410元); 培训费 is the union cadres' own.
        c["training"] = line("职工教育支出")
        c["cadre_training"] = line("培训费")
        return c
    }
}
