// `unionbatch rules`: the catalog with the severities and limits in effect.
import UnionCore
import UnionRules

public enum RuleCatalogText {
    public static func render(policy: RulePolicy, profile: RuleProfile, source: String?, language: Language) -> String {
        var out = WriterText.Catalog.profile(profile.name).text(language)
        if let source { out += WriterText.Catalog.applied(source).text(language) }
        out += "\n\n"
        for def in RuleCatalog.all {
            let severity = severityText(def.code, policy).text(language)
            out += "\(def.code.rawValue)  [\(severity)]  \(def.summary.text(language))"
            if let limits = limitsText(def.code, profile) { out += WriterText.Catalog.limits(limits).text(language) }
            out += "\n"
            out += "      " + WriterText.Catalog.appliesTo.text(language) + scopeText(def.scope).text(language) + "\n"
            out += "      " + WriterText.Catalog.fix.text(language) + def.hint.text(language) + "\n"
        }
        return out
    }

    /// The severity a rule has under `policy`: V06's default names its exception for plans; off when switched off.
    static func severityText(_ code: RuleCode, _ policy: RulePolicy) -> LocalizedText {
        guard let s = policy.severity(of: code) else { return WriterText.Catalog.off }
        if code == .V06 && !policy.configured.contains(.V06) { return WriterText.Catalog.v06Default }
        return s == .error ? WriterText.Catalog.error : WriterText.Catalog.warning
    }

    /// Where a rule applies, in the clerk's words: `所有文件`, `帮扶慰问发放、医疗互助报销、参保缴费`; in English as the catalog says it.
    static func scopeText(_ scope: String) -> LocalizedText {
        let zh = scope.components(separatedBy: ", ").map { part in
            switch part {
            case "any": return "所有文件"
            case "rollup": return "联合工会汇总"
            default: return Dataset(rawValue: part)?.chineseName ?? part
            }
        }.joined(separator: "、")
        return LocalizedText(zh: zh, en: scope)
    }

    static func yuanList(_ map: [PaymentCategory: Money]) -> LocalizedText {
        PaymentCategory.allCases.compactMap { c in map[c].map { WriterText.Catalog.categoryAmount(c.rawValue, $0) } }
            .joined(separator: WriterText.Catalog.listSeparator)
    }

    /// The limits a rule applies, as the profile sets them.
    static func limitsText(_ code: RuleCode, _ p: RuleProfile) -> LocalizedText? {
        typealias T = WriterText.Catalog
        let sep = T.listSeparator
        switch code {
        case .P02: return T.perPayment + yuanList(p.perPaymentLimit)
        case .P03: return T.yearlyPerPerson + yuanList(p.yearlyLimit)
        case .P05:
            return p.forbiddenForms.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { T.forbiddenForms($0.key.rawValue, $0.value.joined(separator: "/")) }.joined(separator: sep)
        case .P06: return T.yuanRange(p.educationBand.lowerBound, p.educationBand.upperBound)
        case .P07: return LocalizedText(verbatim: p.hardshipCategories.map(\.rawValue).joined(separator: "、"))
        case .P08:
            return p.allowedRelations.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { LocalizedText(verbatim: "\($0.key.rawValue)：" + $0.value.joined(separator: "/")) }.joined(separator: sep)
        case .C02: return p.claimRates.sorted { $0.key < $1.key }.map { LocalizedText(verbatim: "\($0.key) \($0.value)") }.joined(separator: sep)
        case .C03: return T.outpatientCap(p.outpatientCap)
        case .E01: return p.standardPremiums.sorted { $0.key < $1.key }.map { T.categoryAmount($0.key, $0.value) }.joined(separator: sep)
        case .M07: return T.minimumJoinAge(p.minimumJoinAge)
        case .M08: return p.womenWorkerSchedule ? T.workersSchedule : T.cadreSchedule
        case .M09: return T.duesRate(p.duesRate.description, roundDownTo: p.duesRoundDownTo)
        default: return nil
        }
    }
}
