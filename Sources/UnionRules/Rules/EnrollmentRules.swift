// E01-E03: insurance enrolments: premiums, 两癌, duplicates.
import UnionCore
import UnionImport

/// What an E finding says, with named parts. Amounts are yuan as written.
public enum EnrollmentFinding: RenderedFinding {
    /// E01: a premium of `premium` where the plan's standard is `standard`.
    case premium(premium: String, standard: String)
    /// E02: a 两癌 enrolment for a man.
    case twoCancersForMan
    /// E03: the same person enrolled in the plan at `firstAt` (`file:row`).
    case duplicate(firstAt: String)

    public var rule: RuleCode {
        switch self {
        case .premium: return .E01
        case .twoCancersForMan: return .E02
        case .duplicate: return .E03
        }
    }

    public var arguments: [String] {
        switch self {
        case .premium(let premium, let standard): return [premium, standard]
        case .twoCancersForMan: return []
        case .duplicate(let firstAt): return [firstAt]
        }
    }

    public init?(_ f: Finding) {
        let a = StoredArguments(f)
        switch f.rule {
        case .E01: self = .premium(premium: a[0], standard: a[1])
        case .E02: self = .twoCancersForMan
        case .E03: self = .duplicate(firstAt: a[0])
        default: return nil
        }
    }

    func message(for f: Finding) -> LocalizedText {
        switch self {
        case .premium(let premium, let standard):
            return LocalizedText(zh: "保费 \(premium) 元，标准为 \(standard) 元", en: "premium \(premium) yuan; the standard is \(standard) yuan")
        case .twoCancersForMan:
            return LocalizedText(zh: "身份证号显示为男性，不能参保两癌", en: "the ID number is a man's: no 两癌 enrolment")
        case .duplicate(let firstAt):
            return LocalizedText(zh: "与 \(firstAt) 的参保重复", en: "same as the enrolment at \(firstAt)")
        }
    }
}

enum EnrollmentRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.E01, "enrollments", .warning, zh: "保费与该险种标准保费不符", en: "premium differs from the plan's standard premium",
                       hintZh: "核对保费", hintEn: "Check the premium", render: EnrollmentFinding.message),
        RuleDefinition(.E02, "enrollments", .error, zh: "两癌参保的对象为男性", en: "两癌 enrolment for a man",
                       hintZh: "两癌保险只限女职工", hintEn: "两癌 cover is for women only", render: EnrollmentFinding.message),
        RuleDefinition(.E03, "enrollments", .warning, zh: "同一人重复参保同一险种", en: "the same person enrolled twice in one plan",
                       hintZh: "删除重复的参保记录", hintEn: "Delete the duplicate enrolment", render: EnrollmentFinding.message),
    ]

    /// E01, E02: rules of one enrolment.
    static func checkRow<Row: RowValues>(_ row: Row, mapping: HeaderMapping, context: RuleContext, recorder: inout FindingRecorder) {
        func flag(_ finding: EnrollmentFinding, _ field: Field) {
            let c = mapping.columnOfField[field]
            recorder.rowFinding(finding, record: row.recordIndex, row: row.row, column: c, field: field, value: c.map { row.cell($0) })
        }
        guard let plan = row.known(.enrollPlan) else { return }
        if let premium = row.money(.premium), let standard = context.profile.standardPremiums[plan], premium != standard {
            flag(.premium(premium: premium.yuanText, standard: standard.yuanText), .premium)
        }
        if plan == "两癌", let id = row.id(.enrolleeID), id.sex == .male {
            flag(.twoCancersForMan, .enrollPlan)
        }
    }

    /// E03: the same person enrolled twice in one plan (the first kept).
    static func checkAcross(_ files: [[EnrollmentFact]], written: [WrittenTexts], pools: [[String]], hasError: (Int32, Int32) -> Bool,
                            into recorders: inout AcrossRecorders) {
        var seen = FirstOccurrences<PersonPlan>()
        for facts in files {
            for f in facts where !hasError(f.file, f.record) {
                guard f.person != Absent.person, f.plan != Absent.string else { continue }
                let text = pools[Int(f.file)][Int(f.plan)]
                let key = PersonPlan(person: f.person, plan: Field.enrollPlan.knownValues?[text] ?? text)
                if let first = seen.earlier(key, file: f.file, row: f.row) {
                    recorders.flag(EnrollmentFinding.duplicate(firstAt: recorders.place(first.file, first.row)), file: f.file,
                                   record: f.record, row: f.row, column: f.planColumn, field: .enrollPlan,
                                   value: written[Int(f.file)].text(f.record, kept: text))
                }
            }
        }
    }

    struct PersonPlan: Hashable {
        let person: UInt64
        let plan: String
    }
}
