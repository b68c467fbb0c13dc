// annual-report.txt: the sections rendered from Mustache templates, numbered 一、二、… where they have data.
import Foundation
import Mustache
import UnionCore
import UnionRules
import UnionSummary

/// A template that cannot be used: its file and line (exit status 2).
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String
    public var description: String { "\(file):\(line): \(message)" }
}

/// The counts the data-check section states, besides the summary.
public struct ReportCounts: Sendable {
    public let files: Int
    public let rows: Int
    public let excluded: Int
    public let outside: Int
    /// For a federation: the kind (unit_type) of each unit rolled up into it.
    public let unitTypes: [String]?
    /// For a federation: each unit rolled up into it, by name, in order (grassroots unions and sub-federations).
    public let units: [(name: String, summary: Summary)]
    /// Whether unionbatch.toml names the unit; else the text says 本单位工会 (SPEC §4.2).
    public var unitNamed = true
    /// Rows counted in the figures although they have warnings, by rule: (rule, its summary, rows).
    public var warnedRows: [(rule: String, summary: String, rows: Int)] = []
    /// `[plan]`: next year's budget and the plan items.
    public var plan = BudgetPlan()

    public init(files: Int, rows: Int, excluded: Int, outside: Int, unitTypes: [String]? = nil,
                units: [(name: String, summary: Summary)] = []) {
        self.files = files
        self.rows = rows
        self.excluded = excluded
        self.outside = outside
        self.unitTypes = unitTypes
        self.units = units
    }
}

public struct AnnualReportRenderer: Sendable {
    let templates: [String: MustacheTemplate]
    let language: Language

    /// The built-in templates, each replaced by `<overrides>/<name>.mustache` (or `.en.mustache`) when present.
    public init(language: Language, overrides: String?) throws {
        self.language = language
        let english = language == .en
        var loaded: [String: MustacheTemplate] = [:]
        for section in BuiltInTemplates.sections {
            let name = BuiltInTemplates.fileName(section, english: english)
            var text = BuiltInTemplates.text(section, english: english)!
            var file = "built-in \(name)"
            if let dir = overrides {
                let path = (dir as NSString).appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: path) {
                    guard let data = FileManager.default.contents(atPath: path) else {
                        throw TemplateError(file: path, line: 0, message: "cannot read the template")
                    }
                    text = String(decoding: data, as: UTF8.self)
                    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
                    file = path
                }
            }
            loaded[section] = try AnnualReportRenderer.compile(text, file: file)
        }
        templates = loaded
    }

    /// Plain text: the pragma shares the first line, so line numbers stay the file's own.
    static func compile(_ text: String, file: String) throws -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
        } catch let e as MustacheTemplate.ParserError {
            throw TemplateError(file: file, line: e.context.lineNumber, message: "Mustache syntax error: \(e.error) near “\(e.context.line.trimmingCharacters(in: .whitespaces))”")
        }
    }

    public func render(_ summary: Summary, counts: ReportCounts) -> String {
        let context = AnnualReportContext.make(summary, counts: counts, language: language)
        var out = ""
        var number = 0
        for section in BuiltInTemplates.sections {
            let text = templates[section]!.render(context)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            guard let first = lines.first else { continue }
            if section == "title" {
                out += first + "\n\n"
                continue
            }
            number += 1
            out += WriterText.Report.sectionNumber(number).text(language) + first + "\n"
            for line in lines.dropFirst() { out += line + "\n" }
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

/// What the templates see: the summary's figures as ready-formatted strings (money without
/// trailing zeros), and joined lists. A figure that is zero or absent is left out, so a
/// `{{#key}}…{{/key}}` block shows only where there is something to say.
enum AnnualReportContext {
    static func make(_ s: Summary, counts: ReportCounts, language: Language = .zh) -> [String: Any] {
        let federation = counts.unitTypes != nil
        let unit = counts.unitNamed ? LocalizedText(verbatim: s.unit) : federation ? WriterText.Report.thisFederation : WriterText.Report.thisUnion
        var c: [String: Any] = [
            "unit": unit.text(language), "unit_type": s.unitType, "year": s.year, "next_year": s.year + 1,
            "as_of": s.asOf.description,
            "as_of_text": (s.asOf.year == s.year ? "" : "\(s.asOf.year)年") + "\(s.asOf.month)月\(s.asOf.day)日",
        ]
        if let types = counts.unitTypes { c["federation"] = FederationText.context(s, unitTypes: types, units: counts.units) }
        if let m = s.members { c["members"] = members(m, branches: counts.unitTypes == nil) }
        var hardship: [String: Any] = [:]
        if let m = s.members, let onFile = hardshipOnFile(m) { hardship["on_file"] = onFile }
        if let p = s.payments {
            if let t = p.byCategory[.hardship], t.count > 0 {
                var h = tally(t)
                // 人次 only when someone was paid more than once.
                if t.count != t.people { h["times"] = t.count }
                hardship["paid"] = h
                // Templates written before `paid` read these at the top of the section.
                hardship.merge(tally(t)) { a, _ in a }
            }
            if let e = education(p) { c["education"] = e }
            if let sympathy = sympathy(s, p) { c["sympathy"] = sympathy }
        }
        if !hardship.isEmpty { c["hardship"] = hardship }
        if let plan = budget(s, counts.plan, language: language) { c["plan"] = plan }
        if let cl = s.claims, cl.all.count > 0 { c["claims"] = claims(cl) }
        if let en = s.enrollments, let t = en.byPlan["两癌"], t.count > 0 { c["women"] = tally(t) }
        c["check"] = check(s, counts)
        if let f = s.funds { c[FundsSection.name] = FundsSection.context(f) }
        return c
    }

    /// 会员: totals, joined and left, 保留会籍, dues, and (a unit's own, not a federation's) the branches.
    static func members(_ m: MemberFigures, branches: Bool) -> [String: Any] {
        var members: [String: Any] = ["total": m.total, "female": m.female, "male": m.male,
                                      "joined": m.joinedInYear, "left": m.leftInYear]
        if let kept = m.byStatus["保留会籍"], kept > 0 { members["retained"] = kept }
        if m.duesPaid > .zero { members["dues"] = m.duesPaid.yuanText }
        // A federation's branches are its units' own: the units are named in 基层工会概况 instead.
        if m.byBranch.count > 1, branches {
            members["branches_text"] = m.byBranch.sorted { codePointOrder($0.key, $1.key) }.map { "\($0.key)\($0.value)人" }.joined(separator: "，")
        }
        return members
    }

    /// The members in hardship on file, by kind when the kinds say more than 相对困难 alone; nil with none.
    static func hardshipOnFile(_ m: MemberFigures) -> [String: Any]? {
        guard !m.byHardship.isEmpty else { return nil }
        let order = ["深度困难", "相对困难", "意外致困"]
        let kinds = (order + m.byHardship.keys.filter { !order.contains($0) }.sorted(by: codePointOrder)).filter { (m.byHardship[$0] ?? 0) > 0 }
        let total = kinds.map { m.byHardship[$0]! }.reduce(0, +)
        guard total > 0 else { return nil }
        var onFile: [String: Any] = ["total": total]
        if kinds.count > 1 || kinds.first.map({ $0 != "相对困难" }) == true {
            onFile["kinds_text"] = kinds.map { "\($0)\(m.byHardship[$0]!)人" }.joined(separator: "、")
            onFile["kinds_text_en"] = kinds.map { "\($0) \(m.byHardship[$0]!)" }.joined(separator: ", ")
        }
        return onFile
    }

    /// 金秋助学: the tally, its range of amounts and its stages; nil when no grant was paid.
    static func education(_ p: PaymentFigures) -> [String: Any]? {
        guard let t = p.byCategory[.education], t.count > 0, let lo = t.minimum, let hi = t.maximum else { return nil }
        var e = tally(t)
        e["min"] = lo.yuanText
        e["max"] = hi.yuanText
        // One student: no 分别 and no range; several with one amount: 每人.
        if t.count == 1 {
            e["single"] = true
        } else if lo == hi {
            e["each"] = lo.yuanText
        } else {
            e["range_text"] = "\(lo.yuanText)到\(hi.yuanText)元不等"
            e["range_text_en"] = "\(lo.yuanText) to \(hi.yuanText) yuan"
        }
        e["students_en"] = t.count == 1 ? "1 child" : "\(t.count) children"
        // By stage (录取层次), in the enumeration's order.
        let stages = PaymentDetail.stages.compactMap { stage in p.byStage[stage].map { (stage, $0) } }
        if t.count == 1, let only = stages.first {
            e["stage"] = only.0
        } else if !stages.isEmpty {
            e["stages_text"] = stages.map { "\($0.0)\($0.1.count)人" }.joined(separator: "、")
            e["stages_text_en"] = stages.map { "\($0.0) \($0.1.count)" }.joined(separator: ", ")
        }
        return e
    }

    /// 慰问: union spending, the groups, the other union-spending categories (节日慰问 with its festivals),
    /// 抚恤金; nil when there is nothing but the spending.
    static func sympathy(_ s: Summary, _ p: PaymentFigures) -> [String: Any]? {
        var sympathy: [String: Any] = ["union_spending": p.unionSpending.yuanText]
        var otherGroups: [[String: Any]] = []
        for group in s.groupOrder {
            guard let t = p.byGroup[group], t.count > 0 else { continue }
            if group == "生病及生育慰问" { sympathy["sick_and_maternity"] = tally(t) } else {
                var g = tally(t)
                g["name"] = group
                otherGroups.append(g)
            }
        }
        if !otherGroups.isEmpty { sympathy["other_groups"] = otherGroups }
        let inGroups = Set(s.groupCategories.values.joined())
        let others = PaymentCategory.allCases.filter {
            $0.isUnionSpending && $0 != .hardship && $0 != .education && !inGroups.contains($0)
        }.compactMap { cat -> (PaymentCategory, Tally)? in p.byCategory[cat].map { (cat, $0) } }.filter { $0.1.count > 0 }
        // The festivals behind 节日慰问, as the rows name them.
        let festivals = PaymentDetail.festivals.compactMap { name in p.byFestival[name].map { (name, $0) } }
        let festivalsText = festivals.count > 1 || festivals.first.map({ $0.0 != "其他" }) == true
            ? "（" + festivals.map { "\($0.0)\($0.1.count)人次" }.joined(separator: "、") + "）" : ""
        if !others.isEmpty {
            sympathy["others_text"] = others.map {
                "\($0.0.rawValue)\($0.1.count)人次\($0.1.amount.yuanText)元" + ($0.0 == .festival ? festivalsText : "")
            }.joined(separator: "，")
            sympathy["others_text_en"] = others.map { "\($0.0.rawValue) \($0.1.count) \($0.1.count == 1 ? "payment" : "payments"), \($0.1.amount.yuanText) yuan" }.joined(separator: "; ")
        }
        if let t = p.byCategory[.pension], t.count > 0 { sympathy["pension"] = tally(t) }
        if let t = p.byGroup["生病及生育慰问"], t.count > 0, t.count != t.people { sympathy["sick_times"] = t.count }
        return sympathy.count > 1 ? sympathy : nil
    }

    /// 医疗互助: the tally, and the plans when there are several.
    static func claims(_ cl: ClaimFigures) -> [String: Any] {
        var claims = tally(cl.all)
        let order = ["门诊", "住院", "重大疾病", "两癌", "意外", "住院津贴"]
        let plans = (order + cl.byPlan.keys.filter { !order.contains($0) }.sorted(by: codePointOrder))
            .compactMap { plan in cl.byPlan[plan].flatMap { $0.count > 0 ? (plan, $0) : nil } }
        if plans.count > 1 {
            claims["plans_text"] = plans.map { "\($0.0)费用\($0.1.amount.yuanText)元" }.joined(separator: "，")
            claims["plans_text_en"] = plans.map { "\($0.0) \($0.1.amount.yuanText) yuan in \($0.1.count) \($0.1.count == 1 ? "claim" : "claims")" }
                .joined(separator: ", ")
        }
        claims["claims_en"] = cl.all.count == 1 ? "1 claim" : "\(cl.all.count) claims"
        claims["people_en"] = cl.all.people == 1 ? "1 member" : "\(cl.all.people) members"
        return claims
    }

    /// 数据核查: files, rows, findings, the rows left out, and the rows warned about by rule.
    static func check(_ s: Summary, _ counts: ReportCounts) -> [String: Any] {
        var check: [String: Any] = ["files": counts.files, "rows": counts.rows, "errors": s.findings.errors,
                                    "warnings": s.findings.warnings, "year": s.year]
        if counts.excluded > 0 { check["excluded"] = counts.excluded }
        if counts.outside > 0 { check["outside"] = counts.outside }
        if s.findings.errors + s.findings.warnings > 0 { check["has_findings"] = true }
        let warned = counts.warnedRows.filter { $0.rows > 0 }
        if !warned.isEmpty {
            check["warned"] = [
                "rows": warned.map(\.rows).reduce(0, +),
                "rules_text": warned.map { "\($0.rule) \($0.summary)\($0.rows)行" }.joined(separator: "，"),
                "rules_text_en": warned.map { "\($0.rule) \($0.summary): \($0.rows)" }.joined(separator: "; "),
            ] as [String: Any]
        }
        return englishCounts(check)
    }

    /// 下一年度工作计划: with a ledger, a line per expense line of the ledger (payment categories are inside
    /// those lines); without one, a line per payment category (union spending) and claim plan. Each with this
    /// year's actual, next year's budget and the change; then the clerk's items, numbered.
    static func budget(_ s: Summary, _ plan: BudgetPlan, language: Language = .zh) -> [String: Any]? {
        func aid(_ plan: String) -> String { WriterText.Report.mutualAid(plan).text(language) }
        var lines: [[String: Any]] = []
        var actualTotal = Money.zero, budgetTotal = Money.zero
        func line(_ name: String, _ label: String, _ actual: Money) {
            let budget = plan.budget(name, actual: actual)
            let change = budget - actual
            actualTotal += actual
            budgetTotal += budget
            lines.append(["name": label, "actual": actual.yuanText, "budget": budget.yuanText,
                          "change_text": change.fen > 0 ? "增加\(change.yuanText)元" : change.fen < 0 ? "减少\(Money(fen: -change.fen).yuanText)元" : "持平",
                          "change_text_en": change.fen > 0 ? "+\(change.yuanText) yuan" : change.fen < 0 ? "\(change.yuanText) yuan" : "unchanged",
                          "fixed": plan.fixed[name] != nil])
        }
        if let f = s.funds {
            let spent = f.lineOrder.filter { f.byLine[$0].map { !f.isIncome(group: $0.group) && $0.count > 0 } ?? false }
            // Chart order; a line fixed in [plan.budget] with no entry this year still gets its place.
            let order = plan.ledgerLines.isEmpty ? spent : plan.ledgerLines.filter { spent.contains($0) || plan.fixed[$0] != nil }
            for name in order { line(name, name, f.byLine[name]?.amount ?? .zero) }
        } else {
            let ledgerLines = Set(plan.ledgerLines)
            if let p = s.payments {
                for cat in PaymentCategory.allCases where cat.isUnionSpending {
                    guard let t = p.byCategory[cat], t.count > 0 else { continue }
                    line(cat.rawValue, cat.rawValue, t.amount)
                }
            }
            if let cl = s.claims {
                let order = ["门诊", "住院", "重大疾病", "两癌", "意外", "住院津贴"]
                for plan in order + cl.byPlan.keys.filter({ !order.contains($0) }).sorted(by: codePointOrder) {
                    guard let t = cl.byPlan[plan], t.count > 0 else { continue }
                    line(plan, aid(plan), t.amount)
                }
            }
            // A category fixed in [plan.budget] with no spending this year still gets its line; a ledger line
            // fixed there waits for a ledger.
            for (name, _) in plan.fixed.sorted(by: { codePointOrder($0.key, $1.key) })
            where !ledgerLines.contains(name)
                && !lines.contains(where: { ($0["name"] as? String) == name || ($0["name"] as? String) == aid(name) }) {
                let isPlan = PaymentCategory(rawValue: name) == nil
                line(name, isPlan ? aid(name) : name, .zero)
            }
        }
        guard !lines.isEmpty || !plan.items.isEmpty else { return nil }
        var c: [String: Any] = [:]
        if !lines.isEmpty {
            let change = budgetTotal - actualTotal
            c["lines"] = lines
            c["total"] = ["actual": actualTotal.yuanText, "budget": budgetTotal.yuanText,
                          "change_text": change.fen > 0 ? "增加\(change.yuanText)元" : change.fen < 0 ? "减少\(Money(fen: -change.fen).yuanText)元" : "持平",
                          "change_text_en": change.fen > 0 ? "+\(change.yuanText) yuan" : change.fen < 0 ? "\(change.yuanText) yuan" : "unchanged"]
            if plan.growthTenThousandths != 0 { c["growth"] = plan.growthPercentText }
            if lines.contains(where: { $0["fixed"] as? Bool == true }) { c["some_fixed"] = true }
        }
        if !plan.items.isEmpty {
            c["has_items"] = true
            c["items"] = plan.items.enumerated().map { ["number": $0.offset + 1, "text": $0.element] as [String: Any] }
        }
        return c
    }

    static func tally(_ t: Tally) -> [String: Any] {
        ["count": t.count, "people": t.people, "amount": t.amount.yuanText]
    }
}

/// The data check's counts as English words, singular or plural from the figure ("1 row", "2 rows").
private func englishCounts(_ check: [String: Any]) -> [String: Any] {
    func words(_ n: Int, _ one: String, _ many: String) -> String { n == 1 ? "1 \(one)" : "\(n) \(many)" }
    var c = check
    c["files_en"] = words(check["files"] as? Int ?? 0, "file", "files")
    c["rows_en"] = words(check["rows"] as? Int ?? 0, "row", "rows")
    c["errors_en"] = words(check["errors"] as? Int ?? 0, "error", "errors")
    c["warnings_en"] = words(check["warnings"] as? Int ?? 0, "warning", "warnings")
    if let n = check["excluded"] as? Int { c["excluded_en"] = n == 1 ? "1 row with errors is" : "\(n) rows with errors are" }
    if let n = check["outside"] as? Int {
        let year = check["year"].map { "\($0)" } ?? ""
        c["outside_en"] = n == 1 ? "1 row outside \(year) is" : "\(n) rows outside \(year) are"
    }
    if var warned = check["warned"] as? [String: Any], let n = warned["rows"] as? Int {
        warned["rows_en"] = n == 1 ? "1 row with a warning" : "\(n) rows with warnings"
        warned["them_en"] = n == 1 ? "it" : "them"
        c["warned"] = warned
    }
    return c
}
