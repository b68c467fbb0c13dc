// C01-C06: medical mutual-aid claims: amounts, rates, the outpatient cap, dates, 两癌, duplicates.
import UnionCore
import UnionImport

/// What a C finding says, with named parts. Amounts are yuan as written.
public enum ClaimFinding: RenderedFinding {
    /// C01: `approved` is above the `claimed` amount.
    case aboveClaimed(approved: String, claimed: String)
    /// C01: `approved` is above the person's own part, `selfPaid`.
    case aboveSelfPaid(approved: String, selfPaid: String)
    /// C02: `approved`, where the plan's `rate` of the self-paid part gives `expected`.
    case offRate(approved: String, rate: String, expected: String)
    /// C03: with this claim the person's yearly 门诊 `total` is above the `cap`.
    case aboveOutpatientCap(total: String, cap: String)
    /// C04: `discharge` is before `admission`.
    case dischargeBeforeAdmission(discharge: Day, admission: Day)
    /// C05: a 两癌 claim for a man.
    case twoCancersForMan
    /// C06: the same claim as the one at `firstAt` (`file:row`).
    case duplicate(firstAt: String)

    public var rule: RuleCode {
        switch self {
        case .aboveClaimed, .aboveSelfPaid: return .C01
        case .offRate: return .C02
        case .aboveOutpatientCap: return .C03
        case .dischargeBeforeAdmission: return .C04
        case .twoCancersForMan: return .C05
        case .duplicate: return .C06
        }
    }

    public var arguments: [String] {
        switch self {
        case .aboveClaimed(let approved, let claimed): return [approved, "claimed", claimed]
        case .aboveSelfPaid(let approved, let selfPaid): return [approved, "self_paid", selfPaid]
        case .offRate(let approved, let rate, let expected): return [approved, rate, expected]
        case .aboveOutpatientCap(let total, let cap): return [total, cap]
        case .dischargeBeforeAdmission(let discharge, let admission): return [discharge.description, admission.description]
        case .twoCancersForMan: return []
        case .duplicate(let firstAt): return [firstAt]
        }
    }

    public init?(_ f: Finding) {
        let a = StoredArguments(f)
        switch f.rule {
        case .C01: self = a[1] == "claimed" ? .aboveClaimed(approved: a[0], claimed: a[2]) : .aboveSelfPaid(approved: a[0], selfPaid: a[2])
        case .C02: self = .offRate(approved: a[0], rate: a[1], expected: a[2])
        case .C03: self = .aboveOutpatientCap(total: a[0], cap: a[1])
        case .C04:
            guard let discharge = a.day(0), let admission = a.day(1) else { return nil }
            self = .dischargeBeforeAdmission(discharge: discharge, admission: admission)
        case .C05: self = .twoCancersForMan
        case .C06: self = .duplicate(firstAt: a[0])
        default: return nil
        }
    }

    func message(for f: Finding) -> LocalizedText {
        switch self {
        case .aboveClaimed(let approved, let claimed):
            return LocalizedText(zh: "报销金额 \(approved) 元超过申请金额 \(claimed) 元", en: "approved \(approved) yuan is above the claimed \(claimed) yuan")
        case .aboveSelfPaid(let approved, let selfPaid):
            return LocalizedText(zh: "报销金额 \(approved) 元超过个人自付 \(selfPaid) 元",
                                 en: "approved \(approved) yuan is above the self-paid \(selfPaid) yuan")
        case .offRate(let approved, let rate, let expected):
            return LocalizedText(zh: "报销 \(approved) 元，按比例 \(rate) 应为 \(expected) 元",
                                 en: "approved \(approved) yuan; at rate \(rate) it should be \(expected) yuan")
        case .aboveOutpatientCap(let total, let cap):
            return LocalizedText(zh: "加上此笔，本年度门诊报销合计 \(total) 元，超过封顶线 \(cap) 元",
                                 en: "with this claim the year's 门诊 total is \(total) yuan, above the cap of \(cap) yuan")
        case .dischargeBeforeAdmission(let discharge, let admission):
            return LocalizedText(zh: "出院日期 \(discharge) 早于入院日期 \(admission)",
                                 en: "discharge \(discharge) is before admission \(admission)")
        case .twoCancersForMan:
            return LocalizedText(zh: "身份证号显示为男性，不能报销两癌", en: "the ID number is a man's: no 两癌 claim")
        case .duplicate(let firstAt):
            return LocalizedText(zh: "与 \(firstAt) 的报销相同", en: "same as the claim at \(firstAt)")
        }
    }
}

enum ClaimRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.C01, "claims", .error, zh: "报销金额超过申请金额或个人自付", en: "approved above claimed, or above self_paid",
                       hintZh: "核对报销金额", hintEn: "Check the approved amount", render: ClaimFinding.message),
        RuleDefinition(.C02, "claims", .warning, zh: "报销金额与个人自付×报销比例不符", en: "approved differs from self_paid × the plan's rate",
                       hintZh: "按报销比例核对", hintEn: "Check against the plan's rate", render: ClaimFinding.message),
        RuleDefinition(.C03, "claims", .error, zh: "个人年度门诊报销超过封顶线", en: "a person's yearly 门诊 total above the outpatient cap",
                       hintZh: "超过封顶线的部分不予报销", hintEn: "The part above the cap is not reimbursed", render: ClaimFinding.message),
        RuleDefinition(.C04, "claims", .error, zh: "出院日期早于入院日期", en: "discharge_date before admission_date",
                       hintZh: "核对入院和出院日期", hintEn: "Check the admission and discharge dates", render: ClaimFinding.message),
        RuleDefinition(.C05, "claims", .error, zh: "两癌报销的对象为男性", en: "两癌 claim for a man",
                       hintZh: "两癌保障只限女职工，核对险种或身份证号", hintEn: "两癌 cover is for women only: check the plan or the ID number",
                       render: ClaimFinding.message),
        RuleDefinition(.C06, "claims", .warning, zh: "重复报销：同一人、项目、入院日期和金额", en: "duplicate claim: same person, plan, admission date and amount",
                       hintZh: "确认是否重复录入", hintEn: "Check whether the claim was entered twice", render: ClaimFinding.message),
    ]

    /// C01, C02, C04, C05: rules of one claim.
    static func checkRow<Row: RowValues>(_ row: Row, mapping: HeaderMapping, context: RuleContext, recorder: inout FindingRecorder) {
        func flag(_ finding: ClaimFinding, _ field: Field) {
            let c = mapping.columnOfField[field]
            recorder.rowFinding(finding, record: row.recordIndex, row: row.row, column: c, field: field, value: c.map { row.cell($0) })
        }
        if let approved = row.money(.approved) {
            if let claimed = row.money(.claimed), approved > claimed {
                flag(.aboveClaimed(approved: approved.yuanText, claimed: claimed.yuanText), .approved)
            } else if let selfPaid = row.money(.selfPaid), approved > selfPaid {
                flag(.aboveSelfPaid(approved: approved.yuanText, selfPaid: selfPaid.yuanText), .approved)
            }
            if let plan = row.known(.claimPlan), let rate = context.profile.claimRates[plan], let selfPaid = row.money(.selfPaid) {
                let expected = selfPaid.scaled(by: rate)
                if abs(approved.fen - expected.fen) > 1 {
                    flag(.offRate(approved: approved.yuanText, rate: rate.description, expected: expected.yuanText), .approved)
                }
            }
        }
        if let admission = row.date(.admissionDate), let discharge = row.date(.dischargeDate), discharge < admission {
            flag(.dischargeBeforeAdmission(discharge: discharge, admission: admission), .dischargeDate)
        }
        if row.known(.claimPlan) == "两癌", let id = row.id(.claimantID), id.sex == .male {
            flag(.twoCancersForMan, .claimPlan)
        }
    }

    /// C03 (a person's yearly 门诊 total, in paid-date order) and C06 (duplicates).
    static func checkAcross(_ files: [[ClaimFact]], written: [WrittenTexts], takesPart: (ClaimFact) -> Bool, plans: [[String]],
                            hasError: (Int32, Int32) -> Bool, context: RuleContext, into recorders: inout AcrossRecorders) {
        var totals: [UInt64: Int64] = [:]
        let cap = context.profile.outpatientCap.fen
        // Plans by number, canonical spelling first: each file's pool id maps to one number.
        var planNumbers: [String: Int32] = [:]
        let planOf: [[Int32]] = plans.map { strings in
            strings.map { text in
                let plan = Field.claimPlan.knownValues?[text] ?? text
                if let n = planNumbers[plan] { return n }
                planNumbers[plan] = Int32(planNumbers.count)
                return Int32(planNumbers.count - 1)
            }
        }
        let outpatient = planNumbers["门诊"]
        // C06 candidates, in the order the rows are taken: the first of equal keys is kept.
        var candidates: [ClaimKey] = []
        for (file, index) in inDateOrder(files, date: \.paidDate, where: takesPart) {
            let f = files[file][index]
            guard f.person != Absent.person, f.approved != Absent.fen else { continue }
            let plan = f.plan == Absent.string ? (planNumbers[""] ?? -1) : planOf[file][Int(f.plan)]
            var error = hasError(f.file, f.record)
            if plan == outpatient, !error {
                let total = (totals[f.person] ?? 0) + f.approved
                if total > cap,
                   recorders.flag(ClaimFinding.aboveOutpatientCap(total: Money(fen: total).yuanText, cap: Money(fen: cap).yuanText),
                                  file: f.file, record: f.record, row: f.row, column: f.approvedColumn, field: .approved,
                                  value: written[Int(f.file)].text(f.record, kept: Money(fen: f.approved).yuanText)),
                   context.policy.severity(of: .C03) == .error {
                    error = true
                }
                if !error { totals[f.person] = total }
            }
            guard !error, f.admission != Absent.day else { continue }
            candidates.append(ClaimKey(person: f.person, planAdmission: UInt64(UInt32(bitPattern: plan)) << 32 | UInt64(UInt32(bitPattern: f.admission)),
                                       approved: f.approved, order: UInt32(candidates.count), file: Int32(file), index: Int32(index)))
        }
        totals = [:]
        // Equal keys become neighbours, the first taken first among them. A row's C06 comes after its C03,
        // as when both were found in one walk.
        candidates.sort()
        var i = 0
        while i < candidates.count {
            let first = candidates[i]
            var j = i + 1
            while j < candidates.count && candidates[j].sameClaim(as: first) {
                let f = files[Int(candidates[j].file)][Int(candidates[j].index)]
                let kept = files[Int(first.file)][Int(first.index)]
                recorders.flag(ClaimFinding.duplicate(firstAt: recorders.place(kept.file, kept.row)),
                               file: f.file, record: f.record, row: f.row, column: f.approvedColumn, field: .approved,
                               value: written[Int(f.file)].text(f.record, kept: Money(fen: f.approved).yuanText))
                j += 1
            }
            i = j
        }
    }

    /// A claim's duplicate key (person, plan, admission date, amount) and where it was taken: 40 bytes.
    struct ClaimKey: Comparable {
        let person: UInt64
        let planAdmission: UInt64
        let approved: Int64
        let order: UInt32
        let file: Int32
        let index: Int32

        func sameClaim(as other: ClaimKey) -> Bool {
            person == other.person && planAdmission == other.planAdmission && approved == other.approved
        }

        static func < (a: ClaimKey, b: ClaimKey) -> Bool {
            if a.person != b.person { return a.person < b.person }
            if a.planAdmission != b.planAdmission { return a.planAdmission < b.planAdmission }
            if a.approved != b.approved { return a.approved < b.approved }
            return a.order < b.order
        }
    }
}
