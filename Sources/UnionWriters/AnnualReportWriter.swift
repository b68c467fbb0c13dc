// annual-report.txt: the numbered sections of the year-end report, in the report's own phrasing.
import UnionCore
import UnionRules
import UnionSummary

public enum AnnualReportWriter {
    public static func text(_ s: Summary, language: Language, inputsRead: Int, rowsRead: Int, excludedRows: Int, outsideRows: Int) -> String {
        var sections: [(String, [String])] = []
        let zh = language == .zh
        func yuan(_ m: Money) -> String { m.yuanText + (zh ? "元" : " yuan") }
        let asOf = zh ? "\(s.asOf.month)月\(s.asOf.day)日" : s.asOf.description

        if let m = s.members {
            var p: [String] = []
            if zh {
                var line = "截至\(s.year == s.asOf.year ? "" : "\(s.asOf.year)年")\(asOf)，\(s.unit)共有工会会员\(m.total)人"
                line += "，其中女会员\(m.female)人、男会员\(m.male)人"
                if let kept = m.byStatus["保留会籍"], kept > 0 { line += "，保留会籍\(kept)人" }
                p.append(line + "。")
                if m.byBranch.count > 1 {
                    let parts = m.byBranch.sorted { codePointOrder($0.key, $1.key) }.map { "\($0.key)\($0.value)人" }
                    p.append("按分会分：" + parts.joined(separator: "，") + "。")
                }
                p.append("本年度新入会\(m.joinedInYear)人，退会及转出\(m.leftInYear)人。")
                if m.duesPaid > .zero { p.append("全年收缴会费\(yuan(m.duesPaid))。") }
            } else {
                p.append("As of \(asOf), \(s.unit) has \(m.total) union members: \(m.female) women and \(m.male) men.")
                p.append("\(m.joinedInYear) joined and \(m.leftInYear) left or transferred out during the year.")
                if m.duesPaid > .zero { p.append("Dues collected in the year: \(yuan(m.duesPaid)).") }
            }
            sections.append((zh ? "会员基本情况" : "Membership", p))
        }
        let pay = s.payments
        if let t = pay?.byCategory[.hardship], t.count > 0 {
            sections.append((zh ? "困难帮扶" : "Hardship aid",
                             [zh ? "为\(t.people)名困难职工申请帮扶资金\(yuan(t.amount))。"
                                 : "Hardship aid of \(yuan(t.amount)) was granted to \(t.people) members in difficulty."]))
        }
        if let t = pay?.byCategory[.education], t.count > 0, let lo = t.minimum, let hi = t.maximum {
            let range = lo == hi ? yuan(lo) : (zh ? "\(lo.yuanText)到\(hi.yuanText)元不等" : "\(lo.yuanText) to \(hi.yuanText) yuan")
            sections.append((zh ? "金秋助学" : "Golden-autumn study grants",
                             [zh ? "给予\(t.count)名考入各类大中专院校的困难职工子女金秋助学，分别领到了\(range)的金秋助学金，共计\(yuan(t.amount))。"
                                 : "\(t.count) children of members in difficulty who entered college received grants of \(range), \(yuan(t.amount)) in all."]))
        }
        if let p = pay {
            var lines: [String] = []
            for group in s.groupOrder {
                guard let t = p.byGroup[group], t.count > 0 else { continue }
                if group == "生病及生育慰问" {
                    lines.append(zh ? "慰问探望生病及休产假员工\(t.people)人，共使用工会费用\(yuan(t.amount))。"
                                    : "Visits to \(t.people) members who were ill or on maternity leave cost \(yuan(t.amount)) of union funds.")
                } else {
                    lines.append(zh ? "\(group)\(t.people)人，共\(yuan(t.amount))。" : "\(group): \(t.people) people, \(yuan(t.amount)).")
                }
            }
            let inGroups = Set(s.groupCategories.values.joined())
            let others = PaymentCategory.allCases.filter {
                $0.isUnionSpending && $0 != .hardship && $0 != .education && !inGroups.contains($0)
            }
            var parts: [String] = []
            for c in others {
                guard let t = p.byCategory[c], t.count > 0 else { continue }
                parts.append(zh ? "\(c.rawValue)\(t.count)人次\(yuan(t.amount))" : "\(c.rawValue) \(t.count) payments, \(yuan(t.amount))")
            }
            if !parts.isEmpty {
                lines.append(zh ? "此外发放" + parts.joined(separator: "，") + "。" : "Also paid: " + parts.joined(separator: "; ") + ".")
            }
            if let t = p.byCategory[.pension], t.count > 0 {
                lines.append(zh ? "发放员工家属抚恤金\(yuan(t.amount))。" : "Survivors' pensions of \(yuan(t.amount)) were paid (employer funds).")
            }
            if !lines.isEmpty {
                lines.append(zh ? "全年帮扶慰问共使用工会经费\(yuan(p.unionSpending))。"
                                : "In all, subsidies and sympathy payments used \(yuan(p.unionSpending)) of union funds.")
                sections.append((zh ? "慰问" : "Sympathy payments", lines))
            }
        }
        if let c = s.claims, c.all.count > 0 {
            var line: String
            let planOrder = ["门诊", "住院", "重大疾病", "两癌", "意外", "住院津贴"]
            let parts = (planOrder + c.byPlan.keys.filter { !planOrder.contains($0) }.sorted(by: codePointOrder))
                .compactMap { plan -> String? in
                    guard let t = c.byPlan[plan], t.count > 0 else { return nil }
                    return zh ? "\(plan)费用\(yuan(t.amount))" : "\(plan) \(yuan(t.amount))"
                }
            if zh {
                line = "医疗互助保障报销费用共计报销\(yuan(c.all.amount))"
                if parts.count > 1 { line += "，其中报销" + parts.joined(separator: "，") }
                line += "，报销\(c.all.count)人次。"
            } else {
                line = "Medical mutual-aid claims reimbursed \(yuan(c.all.amount))"
                if parts.count > 1 { line += " (" + parts.joined(separator: ", ") + ")" }
                line += " in \(c.all.count) claims."
            }
            sections.append((zh ? "医疗互助保障" : "Medical mutual aid", [line]))
        }
        if let e = s.enrollments, let t = e.byPlan["两癌"], t.count > 0 {
            sections.append((zh ? "女职工工作" : "Women workers",
                             [zh ? "收缴妇女“两癌”保险\(t.people)人\(yuan(t.amount))。"
                                 : "两癌 (breast and cervical cancer) cover was collected for \(t.people) women, \(yuan(t.amount))."]))
        }
        // Data check.
        let f = s.findings
        var check: String
        if zh {
            check = "本次共核查\(inputsRead)个文件、\(rowsRead)行数据，发现错误\(f.errors)处、警告\(f.warnings)处"
            if excludedRows > 0 { check += "；有错误的\(excludedRows)行未计入以上数字" }
            if outsideRows > 0 { check += "；另有\(outsideRows)行不属于\(s.year)年度，未计入" }
            check += "。"
            if f.errors + f.warnings > 0 { check += "问题明细见 issues.csv 和 summary.xlsx 的“问题清单”。" }
        } else {
            check = "\(inputsRead) files and \(rowsRead) rows were checked: \(f.errors) errors and \(f.warnings) warnings"
            if excludedRows > 0 { check += "; \(excludedRows) rows with errors are left out of the figures above" }
            if outsideRows > 0 { check += "; \(outsideRows) rows outside \(s.year) are left out" }
            check += "."
            if f.errors + f.warnings > 0 { check += " See issues.csv and the findings sheet of summary.xlsx." }
        }
        sections.append((zh ? "数据核查情况" : "Data check", [check]))
        // Next year's plan: this year's spending as the base of each budget line.
        if let p = pay, p.all.count > 0 {
            var lines: [String] = [zh ? "\(s.year + 1)年度经费预算以本年度实际支出为基数：" : "Budget for \(s.year + 1), based on this year's spending:"]
            for c in PaymentCategory.allCases where c.isUnionSpending {
                guard let t = p.byCategory[c], t.count > 0 else { continue }
                lines.append(zh ? "\(c.rawValue)：本年度\(t.count)笔、\(t.people)人，支出\(yuan(t.amount))。"
                                : "\(c.rawValue): \(t.count) payments to \(t.people) people, \(yuan(t.amount)) this year.")
            }
            if let c = s.claims, c.all.count > 0 {
                lines.append(zh ? "医疗互助：本年度报销\(c.all.count)人次，\(yuan(c.all.amount))。" : "Medical mutual aid: \(c.all.count) claims, \(yuan(c.all.amount)) this year.")
            }
            if let e = s.enrollments, e.all.count > 0 {
                lines.append(zh ? "参保缴费：本年度\(e.all.people)人，\(yuan(e.all.amount))。" : "Insurance premiums: \(e.all.people) people, \(yuan(e.all.amount)) this year.")
            }
            sections.append((zh ? "下一年度工作计划" : "Plan for next year", lines))
        }
        var out = zh ? "\(s.unit)\(s.year)年度工会工作数据\n\n" : "\(s.unit): union figures for \(s.year)\n\n"
        for (i, (title, lines)) in sections.enumerated() {
            out += (zh ? chineseNumeral(i + 1) + "、" : String(i + 1) + ". ") + title + "\n"
            for line in lines { out += line + "\n" }
            out += "\n"
        }
        return out
    }

    public static func chineseNumeral(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        if n < 10 { return digits[n] }
        if n < 20 { return "十" + (n % 10 == 0 ? "" : digits[n % 10]) }
        return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10])
    }
}
