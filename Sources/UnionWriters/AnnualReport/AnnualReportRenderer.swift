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
    /// For a federation: the kind (unit_type) of each grassroots union.
    public let unitTypes: [String]?

    public init(files: Int, rows: Int, excluded: Int, outside: Int, unitTypes: [String]? = nil) {
        self.files = files
        self.rows = rows
        self.excluded = excluded
        self.outside = outside
        self.unitTypes = unitTypes
    }
}

public struct AnnualReportRenderer: Sendable {
    let templates: [String: MustacheTemplate]
    let english: Bool

    /// The built-in templates, each replaced by `<overrides>/<name>.mustache` (or `.en.mustache`) when present.
    public init(language: Language, overrides: String?) throws {
        english = language == .en
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
        let context = AnnualReportContext.make(summary, counts: counts)
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
            out += (english ? "\(number). " : AnnualReportRenderer.chineseNumeral(number) + "、") + first + "\n"
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
    static func make(_ s: Summary, counts: ReportCounts) -> [String: Any] {
        var c: [String: Any] = [
            "unit": s.unit, "unit_type": s.unitType, "year": s.year, "next_year": s.year + 1,
            "as_of": s.asOf.description,
            "as_of_text": (s.asOf.year == s.year ? "" : "\(s.asOf.year)年") + "\(s.asOf.month)月\(s.asOf.day)日",
        ]
        if let types = counts.unitTypes {
            let order = ["社区", "机关", "事业", "企业", "非公企业", "联合"]
            let names = ["社区": "社区工会", "机关": "机关工会", "事业": "事业单位工会", "企业": "企业工会", "非公企业": "非公企业工会", "联合": "联合工会"]
            let namesEn = ["社区": "community", "机关": "government office", "事业": "public institution", "企业": "enterprise",
                           "非公企业": "private enterprise", "联合": "joint"]
            var byKind: [String: Int] = [:]
            for t in types { byKind[t, default: 0] += 1 }
            let kinds = (order + byKind.keys.filter { !order.contains($0) }.sorted()).filter { byKind[$0] != nil }
            var f: [String: Any] = ["units": types.count, "members": s.members?.total ?? 0]
            if !kinds.isEmpty {
                f["kinds_text"] = kinds.map { "\(names[$0] ?? $0)\(byKind[$0]!)家" }.joined(separator: "，")
                f["kinds_text_en"] = kinds.map { "\(byKind[$0]!) \(namesEn[$0] ?? $0)" }.joined(separator: ", ")
            }
            c["federation"] = f
        }
        if let m = s.members {
            var members: [String: Any] = ["total": m.total, "female": m.female, "male": m.male,
                                          "joined": m.joinedInYear, "left": m.leftInYear]
            if let kept = m.byStatus["保留会籍"], kept > 0 { members["retained"] = kept }
            if m.duesPaid > .zero { members["dues"] = m.duesPaid.yuanText }
            // A federation's branches are its units' own: the units are named in 基层工会概况 instead.
            if m.byBranch.count > 1, counts.unitTypes == nil {
                members["branches_text"] = m.byBranch.sorted { codePointOrder($0.key, $1.key) }.map { "\($0.key)\($0.value)人" }.joined(separator: "，")
            }
            c["members"] = members
        }
        if let p = s.payments {
            if let t = p.byCategory[.hardship], t.count > 0 { c["hardship"] = tally(t) }
            if let t = p.byCategory[.education], t.count > 0, let lo = t.minimum, let hi = t.maximum {
                var e = tally(t)
                e["min"] = lo.yuanText
                e["max"] = hi.yuanText
                e["range_text"] = lo == hi ? "\(lo.yuanText)元" : "\(lo.yuanText)到\(hi.yuanText)元不等"
                e["range_text_en"] = lo == hi ? "\(lo.yuanText) yuan" : "\(lo.yuanText) to \(hi.yuanText) yuan"
                c["education"] = e
            }
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
            if !others.isEmpty {
                sympathy["others_text"] = others.map { "\($0.0.rawValue)\($0.1.count)人次\($0.1.amount.yuanText)元" }.joined(separator: "，")
                sympathy["others_text_en"] = others.map { "\($0.0.rawValue) \($0.1.count) payments, \($0.1.amount.yuanText) yuan" }.joined(separator: "; ")
            }
            if let t = p.byCategory[.pension], t.count > 0 { sympathy["pension"] = tally(t) }
            if sympathy.count > 1 { c["sympathy"] = sympathy }
            var lines: [[String: Any]] = []
            for cat in PaymentCategory.allCases where cat.isUnionSpending {
                guard let t = p.byCategory[cat], t.count > 0 else { continue }
                var line = tally(t)
                line["category"] = cat.rawValue
                lines.append(line)
            }
            if !lines.isEmpty {
                var plan: [String: Any] = ["lines": lines]
                if let cl = s.claims, cl.all.count > 0 { plan["claims"] = tally(cl.all) }
                if let en = s.enrollments, en.all.count > 0 { plan["enrollments"] = tally(en.all) }
                c["plan"] = plan
            }
        }
        if let cl = s.claims, cl.all.count > 0 {
            var claims = tally(cl.all)
            let order = ["门诊", "住院", "重大疾病", "两癌", "意外", "住院津贴"]
            let plans = (order + cl.byPlan.keys.filter { !order.contains($0) }.sorted(by: codePointOrder))
                .compactMap { plan in cl.byPlan[plan].flatMap { $0.count > 0 ? (plan, $0) : nil } }
            if plans.count > 1 {
                claims["plans_text"] = plans.map { "\($0.0)费用\($0.1.amount.yuanText)元" }.joined(separator: "，")
                claims["plans_text_en"] = plans.map { "\($0.0) \($0.1.amount.yuanText) yuan" }.joined(separator: ", ")
            }
            c["claims"] = claims
        }
        if let en = s.enrollments, let t = en.byPlan["两癌"], t.count > 0 { c["women"] = tally(t) }
        var check: [String: Any] = ["files": counts.files, "rows": counts.rows, "errors": s.findings.errors,
                                    "warnings": s.findings.warnings, "year": s.year]
        if counts.excluded > 0 { check["excluded"] = counts.excluded }
        if counts.outside > 0 { check["outside"] = counts.outside }
        if s.findings.errors + s.findings.warnings > 0 { check["has_findings"] = true }
        c["check"] = check
        if let f = s.funds { c[FundsSection.name] = FundsSection.context(f) }
        return c
    }

    static func tally(_ t: Tally) -> [String: Any] {
        ["count": t.count, "people": t.people, "amount": t.amount.yuanText]
    }
}
