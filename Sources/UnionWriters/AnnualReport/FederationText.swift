// What a federation's 基层工会概况 section sees: its unions by kind at every depth, its sub-federations, a line per unit.
import UnionCore
import UnionSummary

enum FederationText {
    /// Units listed one by one up to this many; past it, by kind (SPEC §6).
    static let unitLineLimit = 30

    static let kindOrder = ["社区", "机关", "事业", "企业", "非公企业", "联合"]
    static let kindNames = ["社区": "社区工会", "机关": "机关工会", "事业": "事业单位工会", "企业": "企业工会", "非公企业": "非公企业工会",
                            "联合": "联合工会"]
    static let kindNamesEn = ["社区": "community", "机关": "government office", "事业": "public institution", "企业": "enterprise",
                              "非公企业": "private enterprise", "联合": "joint"]

    static func context(_ s: Summary, unitTypes: [String], units: [(name: String, summary: Summary)]) -> [String: Any] {
        let figures = s.federation ?? FederationFigures(grassroots: Dictionary(unitTypes.map { ($0, 1) }, uniquingKeysWith: +))
        let byKind = figures.grassroots
        let kinds = ordered(byKind.keys)
        var f: [String: Any] = ["units": unitTypes.count, "members": s.members?.total ?? 0, "grassroots": figures.grassrootsTotal]
        if !kinds.isEmpty {
            f["kinds_text"] = kinds.map { "\(kindName($0))\(byKind[$0]!)家" }.joined(separator: "，")
            f["kinds_text_en"] = kinds.map { "\(byKind[$0]!) \(kindNamesEn[$0] ?? kindLabel($0))" }.joined(separator: ", ")
        }
        if figures.federations > 0 {
            let subs = units.filter { $0.summary.federation != nil }.map(\.name)
            f["nested"] = ["scope": scope(of: s.unit), "federations": figures.federations, "sub_name": subName(subs)] as [String: Any]
        }
        if !units.isEmpty {
            if units.count <= unitLineLimit {
                f["unit_lines"] = units.map { line($0.name, $0.summary) }
                f["unit_lines_en"] = units.map { lineEn($0.name, $0.summary) }
            } else {
                let grouped = Dictionary(grouping: units) { $0.summary.federation != nil ? "联合" : $0.summary.unitType }
                let order = ordered(grouped.keys)
                f["unit_lines"] = order.map { kind in kindLine(kindName(kind), grouped[kind]!.map(\.summary)) }
                f["unit_lines_en"] = order.map { kind in kindLineEn(kindNamesEn[kind] ?? kindLabel(kind), grouped[kind]!.map(\.summary)) }
            }
            // A unit with no roster, or a roster without dues, gave no dues data: the total leaves it out, and the text says so.
            let noDues = units.filter { !($0.summary.members?.duesGiven ?? false) }.map(\.name)
            if !noDues.isEmpty {
                let shown = noDues.prefix(unitLineLimit).joined(separator: "、")
                f["no_dues_text"] = shown + (noDues.count > unitLineLimit ? "等\(noDues.count)家单位" : "")
                f["no_dues_text_en"] = noDues.prefix(unitLineLimit).joined(separator: ", ")
                    + (noDues.count > unitLineLimit ? " and \(noDues.count - unitLineLimit) more units" : "")
            }
            // Once some unit keeps a ledger, the funds total leaves out the units that gave none, and the text says so.
            let noLedger = units.filter { $0.summary.funds == nil }.map(\.name)
            if s.funds != nil, !noLedger.isEmpty {
                f["no_ledger_text"] = noLedger.prefix(unitLineLimit).joined(separator: "、")
                    + (noLedger.count > unitLineLimit ? "等\(noLedger.count)家单位" : "")
                f["no_ledger_text_en"] = noLedger.prefix(unitLineLimit).joined(separator: ", ")
                    + (noLedger.count > unitLineLimit ? " and \(noLedger.count - unitLineLimit) more units" : "")
            }
        }
        return f
    }

    static func ordered<S: Sequence>(_ keys: S) -> [String] where S.Element == String {
        let all = Set(keys)
        return kindOrder.filter(all.contains) + all.filter { !kindOrder.contains($0) }.sorted(by: codePointOrder)
    }

    static func kindLabel(_ kind: String) -> String { kind.isEmpty ? "未注明类型" : kind }
    static func kindName(_ kind: String) -> String { kindNames[kind] ?? (kind.isEmpty ? "未注明类型的工会" : kind + "工会") }

    /// How the federation speaks of its own area: 全县 for 某某县总工会, and so on; its name where none fits.
    static func scope(of name: String) -> String {
        guard let level = level(of: name) else { return name }
        return "全" + level
    }

    /// The level a federation's name states: the last of 省, 市, 州, 县, 区, 镇, 乡, 街道 in it (青石镇联合工会: 镇).
    static func level(of name: String) -> String? {
        let markers = ["街道", "省", "市", "州", "县", "区", "镇", "乡"]
        var best: (String, String.Index)?
        for m in markers {
            if let r = name.range(of: m, options: .backwards), best.map({ r.lowerBound > $0.1 }) ?? true { best = (m, r.lowerBound) }
        }
        return best?.0
    }

    /// What the sub-federations are called, by the level their names state.
    static func subName(_ names: [String]) -> String {
        let levels = Set(names.map { level(of: $0) ?? "" })
        if levels.isSubset(of: ["镇", "乡", "街道"]), !levels.isEmpty { return "乡镇（街道）联合工会" }
        if levels.isSubset(of: ["县", "区"]), !levels.isEmpty { return "县（区）总工会" }
        if levels.isSubset(of: ["市", "州"]), !levels.isEmpty { return "市（州）总工会" }
        return "下级联合工会"
    }

    static func line(_ name: String, _ s: Summary) -> String {
        var parts: [String] = []
        if let f = s.federation { parts.append("基层工会\(f.grassrootsTotal)家") }
        parts.append("会员\(s.members?.total ?? 0)人")
        if let m = s.members, m.duesGiven { parts.append("收缴会费\(m.duesPaid.yuanText)元") }
        if let p = s.payments, p.all.count > 0 { parts.append("帮扶慰问\(p.all.count)人次\(p.all.amount.yuanText)元") }
        if let c = s.claims, c.all.count > 0 { parts.append("医疗互助报销\(c.all.count)人次\(c.all.amount.yuanText)元") }
        if let e = s.enrollments, let t = e.byPlan["两癌"], t.count > 0 { parts.append("两癌参保\(t.people)人") }
        return name + "：" + parts.joined(separator: "，") + "。"
    }

    static func lineEn(_ name: String, _ s: Summary) -> String {
        var parts: [String] = []
        if let f = s.federation { parts.append("\(f.grassrootsTotal) grassroots unions") }
        parts.append("\(s.members?.total ?? 0) members")
        if let m = s.members, m.duesGiven { parts.append("dues \(m.duesPaid.yuanText) yuan") }
        if let p = s.payments, p.all.count > 0 { parts.append("\(p.all.count) payments, \(p.all.amount.yuanText) yuan") }
        if let c = s.claims, c.all.count > 0 { parts.append("\(c.all.count) claims, \(c.all.amount.yuanText) yuan approved") }
        if let e = s.enrollments, let t = e.byPlan["两癌"], t.count > 0 { parts.append("\(t.people) enrolled in 两癌") }
        return name + ": " + parts.joined(separator: ", ") + "."
    }

    static func sums(_ units: [Summary]) -> (members: Int, dues: Money, count: Int, amount: Money) {
        units.reduce((0, Money.zero, 0, Money.zero)) { r, s in
            (r.0 + (s.members?.total ?? 0), r.1 + (s.members?.duesPaid ?? .zero), r.2 + (s.payments?.all.count ?? 0),
             r.3 + (s.payments?.all.amount ?? .zero))
        }
    }

    static func kindLine(_ kind: String, _ units: [Summary]) -> String {
        let t = sums(units)
        var parts = ["会员\(t.members)人"]
        if t.dues > .zero { parts.append("收缴会费\(t.dues.yuanText)元") }
        if t.count > 0 { parts.append("帮扶慰问\(t.count)人次\(t.amount.yuanText)元") }
        return "\(kind)\(units.count)家：" + parts.joined(separator: "，") + "。"
    }

    static func kindLineEn(_ kind: String, _ units: [Summary]) -> String {
        let t = sums(units)
        var parts = ["\(t.members) members"]
        if t.dues > .zero { parts.append("dues \(t.dues.yuanText) yuan") }
        if t.count > 0 { parts.append("\(t.count) payments, \(t.amount.yuanText) yuan") }
        return "\(units.count) \(kind) unions: " + parts.joined(separator: ", ") + "."
    }
}
