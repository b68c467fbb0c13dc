// U01: the same person a member of more than one grassroots union of a roll-up.
import UnionCore

enum RollupRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.U01, "rollup", .warning,
                       zh: "同一身份证号在多个基层工会都是会员", en: "the same ID number is a member in more than one grassroots union",
                       hintZh: "核实该会员的会籍，在转出的工会办理转出", hintEn: "Check the person's membership and record the transfer in the union they left",
                       render: RollupFinding.message),
    ]
}

/// What a U01 finding says, with named parts (raised by the roll-up).
public enum RollupFinding: RenderedFinding {
    /// The finding's ID number (its value) is also a member of `unit`.
    case alsoMemberOf(unit: String)
    /// From keyed digests (SPEC §6): `count` members are also members of `unit`; no ID number is named.
    case sharedMembers(unit: String, count: Int)

    public var rule: RuleCode { .U01 }

    public var arguments: [String] {
        switch self {
        case .alsoMemberOf(let unit): return [unit]
        case .sharedMembers(let unit, let count): return [unit, String(count)]
        }
    }

    public init?(_ f: Finding) {
        guard f.rule == .U01 else { return nil }
        let a = StoredArguments(f)
        self = a.count > 1 ? .sharedMembers(unit: a[0], count: a.int(1)) : .alsoMemberOf(unit: a[0])
    }

    func message(for f: Finding) -> LocalizedText {
        switch self {
        case .sharedMembers(let unit, let count):
            return LocalizedText(zh: "有\(count)名会员也是“\(unit)”的会员（按身份证号的密钥摘要比对）",
                                 en: "\(count) members are also members of \(unit) (matched by keyed ID digests)")
        case .alsoMemberOf(let unit):
            return LocalizedText(zh: "该身份证号也是“\(unit)”的会员", en: "this ID number is also a member of \(unit)")
        }
    }
}
