// `unionbatch rules`: the catalog with the severities and limits in effect.
import UnionCore
import UnionRules

public enum RuleCatalogText {
    public static func render(policy: RulePolicy, profile: RuleProfile, source: String?, language: Language) -> String {
        let zh = language == .zh
        var out = ""
        out += zh ? "规则配置：\(profile.name)" : "Profile: \(profile.name)"
        if let source { out += zh ? "（已应用 \(source)）" : " (with \(source))" }
        out += "\n\n"
        for def in RuleCatalog.all {
            let severity = policy.severity(of: def.code).map { s -> String in
                if def.code == .V06 && !policy.configured.contains(.V06) { return zh ? "警告（险种为错误）" : "warning (error for plan)" }
                return zh ? (s == .error ? "错误" : "警告") : s.rawValue
            } ?? (zh ? "关闭" : "off")
            out += "\(def.code.rawValue)  [\(severity)]  \(def.summary[language] ?? "")"
            if let limits = limitsText(def.code, profile, zh) { out += zh ? "（\(limits)）" : " (\(limits))" }
            out += "\n"
            out += "      " + (zh ? "适用：" : "applies to: ") + scopeText(def.scope, zh) + "\n"
            out += "      " + (zh ? "处理：" : "fix: ") + (def.hint[language] ?? "") + "\n"
        }
        return out
    }

    /// Where a rule applies, in the clerk's words: `所有文件`, `帮扶慰问发放、医疗互助报销、参保缴费`.
    static func scopeText(_ scope: String, _ zh: Bool) -> String {
        guard zh else { return scope }
        return scope.components(separatedBy: ", ").map { part in
            switch part {
            case "any": return "所有文件"
            case "rollup": return "联合工会汇总"
            default: return Dataset(rawValue: part)?.chineseName ?? part
            }
        }.joined(separator: "、")
    }

    static func yuanList(_ map: [PaymentCategory: Money], _ zh: Bool) -> String {
        PaymentCategory.allCases.compactMap { c in map[c].map { "\(c.rawValue) \($0.yuanText)" + (zh ? "元" : "") } }
            .joined(separator: zh ? "，" : ", ")
    }

    /// The limits a rule applies, as the profile sets them.
    static func limitsText(_ code: RuleCode, _ p: RuleProfile, _ zh: Bool) -> String? {
        let sep = zh ? "，" : ", "
        switch code {
        case .P02: return (zh ? "单笔上限：" : "per payment: ") + yuanList(p.perPaymentLimit, zh)
        case .P03: return (zh ? "年度上限：" : "yearly per person: ") + yuanList(p.yearlyLimit, zh)
        case .P05:
            return p.forbiddenForms.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.key.rawValue)" + (zh ? "不得：" : " not: ") + $0.value.joined(separator: "/") }.joined(separator: sep)
        case .P06: return "\(p.educationBand.lowerBound.yuanText)–\(p.educationBand.upperBound.yuanText)" + (zh ? "元" : " yuan")
        case .P07: return p.hardshipCategories.map(\.rawValue).joined(separator: "、")
        case .P08:
            return p.allowedRelations.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.key.rawValue)：" + $0.value.joined(separator: "/") }.joined(separator: sep)
        case .C02: return p.claimRates.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: sep)
        case .C03: return (zh ? "门诊年度封顶 " : "outpatient cap ") + p.outpatientCap.yuanText + (zh ? "元" : " yuan")
        case .E01: return p.standardPremiums.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.yuanText)" + (zh ? "元" : "") }.joined(separator: sep)
        case .M07: return (zh ? "最低入会年龄 " : "minimum joining age ") + String(p.minimumJoinAge)
        case .M08: return zh ? (p.womenWorkerSchedule ? "女职工按工人岗位（50 岁起）" : "女职工按管理和专业技术岗位（55 岁起）")
                             : (p.womenWorkerSchedule ? "women on the workers' schedule (from 50)" : "women on the cadre schedule (from 55)")
        case .M09: return (zh ? "会费率 " : "rate ") + p.duesRate.description + sep + (zh ? "工资先向下取整到 " : "wage rounded down to ") + p.duesRoundDownTo.yuanText + (zh ? "元" : " yuan")
        default: return nil
        }
    }
}
