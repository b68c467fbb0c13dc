// P01-P08: subsidy and sympathy payments: categories, limits, duplicates, forms, bands, relations.
import UnionCore
import UnionImport

enum PaymentRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.P01, "payments", .error, zh: "未知的发放类别", en: "unknown category",
                       hintZh: "改为已知类别之一（节日慰问、生日慰问、生病住院慰问、生育慰问、结婚慰问、去世慰问、亲属去世慰问、退休慰问、困难帮扶、金秋助学、抚恤金、其他）",
                       hintEn: "Use one of the known categories (see unionbatch rules)") { f in
            LocalizedText(zh: "类别“\(f.value ?? "")”不是已知类别", en: "category \"\(f.value ?? "")\" is not a known category")
        },
        RuleDefinition(.P02, "payments", .error, zh: "单笔金额超过该类别的上限", en: "amount above the per-payment limit of its category",
                       hintZh: "核对金额；超标部分不得用工会经费列支", hintEn: "Check the amount; the part above the limit cannot be paid from union funds") { f in
            LocalizedText(zh: "\(Phrase.arg(f, 0))单笔 \(Phrase.arg(f, 1)) 元，超过上限 \(Phrase.arg(f, 2)) 元",
                          en: "\(Phrase.arg(f, 0)) of \(Phrase.arg(f, 1)) yuan is above the limit of \(Phrase.arg(f, 2)) yuan")
        },
        RuleDefinition(.P03, "payments", .error, zh: "个人该类别年度合计超过上限", en: "a person's yearly total of a category above its yearly limit",
                       hintZh: "核对该人本年度已发金额", hintEn: "Check what the person was already paid this year") { f in
            LocalizedText(zh: "加上此笔，本年度\(Phrase.arg(f, 0))合计 \(Phrase.arg(f, 1)) 元，超过年度上限 \(Phrase.arg(f, 2)) 元",
                          en: "with this payment the year's \(Phrase.arg(f, 0)) total is \(Phrase.arg(f, 1)) yuan, above the yearly limit of \(Phrase.arg(f, 2)) yuan")
        },
        RuleDefinition(.P04, "payments", .warning, zh: "重复发放：同一人、类别、日期和金额", en: "duplicate payment: same person, category, date and amount",
                       hintZh: "确认是否重复录入", hintEn: "Check whether the payment was entered twice") { f in
            LocalizedText(zh: "与 \(Phrase.arg(f, 0)) 的发放相同", en: "same as the payment at \(Phrase.arg(f, 0))")
        },
        RuleDefinition(.P05, "payments", .error, zh: "该类别不允许此发放形式", en: "form not allowed for the category",
                       hintZh: "节日慰问应发放实物或转账，不得发放现金或购物卡", hintEn: "Festival gifts must be in kind or by transfer, never cash or shopping cards") { f in
            LocalizedText(zh: "\(Phrase.arg(f, 0))不得以“\(f.value ?? "")”形式发放",
                          en: "\(Phrase.arg(f, 0)) must not be paid as \(f.value ?? "")")
        },
        RuleDefinition(.P06, "payments", .error, zh: "金秋助学金额不在标准范围内", en: "金秋助学 amount outside the band",
                       hintZh: "按助学标准核对金额", hintEn: "Check the amount against the grant band") { f in
            LocalizedText(zh: "金秋助学 \(Phrase.arg(f, 0)) 元，不在 \(Phrase.arg(f, 1)) 到 \(Phrase.arg(f, 2)) 元之间",
                          en: "金秋助学 of \(Phrase.arg(f, 0)) yuan is outside \(Phrase.arg(f, 1))–\(Phrase.arg(f, 2)) yuan")
        },
        RuleDefinition(.P07, "payments", .warning, zh: "困难帮扶或金秋助学发给了非困难职工", en: "困难帮扶 or 金秋助学 paid to a member with no hardship status",
                       hintZh: "在会员名册中登记困难类别，或核实发放对象", hintEn: "Record the hardship status in the roster, or check the recipient") { f in
            LocalizedText(zh: "\(Phrase.arg(f, 0))的对象在名册中不是困难职工",
                          en: "the recipient of \(Phrase.arg(f, 0)) has no hardship status in the roster")
        },
        RuleDefinition(.P08, "payments", .error, zh: "亲属去世慰问的关系不是配偶、父母或子女", en: "亲属去世慰问 with a relation other than 配偶, 父母, 子女",
                       hintZh: "直系亲属去世慰问只限配偶、父母、子女", hintEn: "Only a spouse, parent or child qualifies") { f in
            LocalizedText(zh: "关系“\(f.value ?? "")”不属于配偶、父母、子女", en: "relation \"\(f.value ?? "")\" is not a spouse, parent or child")
        },
    ]

    /// P01 and the payment rules that need only the row and the roster (P02, P05-P08).
    static func checkRow<Row: RowValues>(_ row: Row, mapping: HeaderMapping, context: RuleContext, recorder: inout FindingRecorder) -> PaymentCategory? {
        guard let text = row.text(.category), let column = mapping.columnOfField[.category] else { return nil }
        guard let category = PaymentCategory(text: text) else {
            recorder.rowFinding(.P01, record: row.recordIndex, row: row.row, column: column, field: .category, value: row.cell(column))
            return nil
        }
        let profile = context.profile
        func flag(_ rule: RuleCode, _ field: Field, _ arguments: [String]) {
            let c = mapping.columnOfField[field]
            recorder.rowFinding(rule, record: row.recordIndex, row: row.row, column: c, field: field,
                                value: c.map { row.cell($0) }, arguments: arguments)
        }
        if let amount = row.money(.amount) {
            if let limit = profile.perPaymentLimit[category], amount > limit {
                flag(.P02, .amount, [category.rawValue, amount.yuanText, limit.yuanText])
            }
            if category == .education, !profile.educationBand.contains(amount) {
                flag(.P06, .amount, [amount.yuanText, profile.educationBand.lowerBound.yuanText, profile.educationBand.upperBound.yuanText])
            }
        }
        if let form = row.text(.form), profile.forbiddenForms[category]?.contains(form) == true {
            flag(.P05, .form, [category.rawValue])
        }
        if let allowed = profile.allowedRelations[category], let relation = row.text(.relation), !allowed.contains(relation) {
            flag(.P08, .relation, [category.rawValue])
        }
        if profile.hardshipCategories.contains(category), let roster = context.roster, let id = row.id(.payeeID),
           let rows = roster.rows(id), !rows.inHardship {
            flag(.P07, .category, [category.rawValue])
        }
        return category
    }

    /// P03 (a person's yearly total of a category, in date order) and P04 (duplicates).
    static func checkAcross(_ files: [[PaymentFact]], written: [WrittenTexts], takesPart: (PaymentFact) -> Bool,
                            hasError: (Int32, Int32) -> Bool, context: RuleContext, into recorders: inout AcrossRecorders) {
        let order = inDateOrder(files, date: \.date, where: takesPart)
        func counts(_ f: PaymentFact) -> Bool {
            f.category != nil && f.person != Absent.person && f.amount != Absent.fen && f.date != Absent.day
        }
        // P03: each person's rows of a limited category, in the order taken, become neighbours once sorted.
        var limited: [YearlyKey] = []
        for (n, (file, index)) in order.enumerated() {
            let f = files[file][index]
            guard counts(f), context.profile.yearlyLimit[f.category!] != nil, !hasError(f.file, f.record) else { continue }
            limited.append(YearlyKey(person: f.person, category: UInt8(f.category!.ordinal),
                                     order: UInt32(n), file: Int32(file), index: Int32(index)))
        }
        limited.sort()
        // Rows P03 made errors: they add nothing and are no first occurrence.
        var flagged: Set<UInt64> = []
        let p03IsError = context.policy.severity(of: .P03) == .error
        var i = 0
        while i < limited.count {
            let run = limited[i]
            let category = PaymentCategory.allCases[Int(run.category)]
            let limit = context.profile.yearlyLimit[category]!
            var total: Int64 = 0
            while i < limited.count && limited[i].person == run.person && limited[i].category == run.category {
                let f = files[Int(limited[i].file)][Int(limited[i].index)]
                let next = total + f.amount
                var error = false
                if next > limit.fen,
                   recorders.flag(.P03, file: f.file, record: f.record, row: f.row, column: f.amountColumn, field: .amount,
                                  value: written[Int(f.file)].text(f.record, kept: Money(fen: f.amount).yuanText),
                                  arguments: [category.rawValue, Money(fen: next).yuanText, limit.yuanText]),
                   p03IsError {
                    error = true
                    flagged.insert(UInt64(limited[i].file) << 32 | UInt64(limited[i].index))
                }
                if !error { total = next }
                i += 1
            }
        }
        limited = []
        // P04: duplicates share their date, and the rows come date by date: the rows of one date are all
        // that need remembering.
        var seen = FirstOccurrences<PaymentKey>()
        var seenDate = Absent.day
        for (file, index) in order {
            let f = files[file][index]
            guard counts(f), let category = f.category else { continue }
            if f.date != seenDate {
                seen.forgetAll()
                seenDate = f.date
            }
            // A row with an error is no first occurrence: the clerk sees the later row counted.
            guard !hasError(f.file, f.record), !flagged.contains(UInt64(file) << 32 | UInt64(index)) else { continue }
            let key = PaymentKey(person: f.person, category: category, date: f.date, amount: f.amount)
            if let first = seen.earlier(key, file: f.file, row: f.row) {
                recorders.flag(.P04, file: f.file, record: f.record, row: f.row, column: f.amountColumn, field: .amount,
                               value: written[Int(f.file)].text(f.record, kept: Money(fen: f.amount).yuanText),
                               arguments: [recorders.place(first.file, first.row)])
            }
        }
    }

    /// A row of a category with a yearly limit, by person and category, then the order it was taken in.
    struct YearlyKey: Comparable {
        let person: UInt64
        let category: UInt8
        let order: UInt32
        let file: Int32
        let index: Int32

        static func < (a: YearlyKey, b: YearlyKey) -> Bool {
            if a.person != b.person { return a.person < b.person }
            if a.category != b.category { return a.category < b.category }
            return a.order < b.order
        }
    }

    struct PaymentKey: Hashable {
        let person: UInt64
        let category: PaymentCategory
        let date: Int32
        let amount: Int64
    }
}

enum ClaimRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.C01, "claims", .error, zh: "报销金额超过申请金额或个人自付", en: "approved above claimed, or above self_paid",
                       hintZh: "核对报销金额", hintEn: "Check the approved amount") { f in
            let what = Phrase.arg(f, 1) == "claimed" ? LocalizedText(zh: "申请金额",
                                                                     en: "the claimed") : LocalizedText(zh: "个人自付", en: "the self-paid")
            return LocalizedText(zh: "报销金额 \(Phrase.arg(f, 0)) 元超过\(what.zh) \(Phrase.arg(f, 2)) 元",
                                 en: "approved \(Phrase.arg(f, 0)) yuan is above \(what.en) \(Phrase.arg(f, 2)) yuan")
        },
        RuleDefinition(.C02, "claims", .warning, zh: "报销金额与个人自付×报销比例不符", en: "approved differs from self_paid × the plan's rate",
                       hintZh: "按报销比例核对", hintEn: "Check against the plan's rate") { f in
            LocalizedText(zh: "报销 \(Phrase.arg(f, 0)) 元，按比例 \(Phrase.arg(f, 1)) 应为 \(Phrase.arg(f, 2)) 元",
                          en: "approved \(Phrase.arg(f, 0)) yuan; at rate \(Phrase.arg(f, 1)) it should be \(Phrase.arg(f, 2)) yuan")
        },
        RuleDefinition(.C03, "claims", .error, zh: "个人年度门诊报销超过封顶线", en: "a person's yearly 门诊 total above the outpatient cap",
                       hintZh: "超过封顶线的部分不予报销", hintEn: "The part above the cap is not reimbursed") { f in
            LocalizedText(zh: "加上此笔，本年度门诊报销合计 \(Phrase.arg(f, 0)) 元，超过封顶线 \(Phrase.arg(f, 1)) 元",
                          en: "with this claim the year's 门诊 total is \(Phrase.arg(f, 0)) yuan, above the cap of \(Phrase.arg(f, 1)) yuan")
        },
        RuleDefinition(.C04, "claims", .error, zh: "出院日期早于入院日期", en: "discharge_date before admission_date",
                       hintZh: "核对入院和出院日期", hintEn: "Check the admission and discharge dates") { f in
            LocalizedText(zh: "出院日期 \(Phrase.arg(f, 0)) 早于入院日期 \(Phrase.arg(f, 1))",
                          en: "discharge \(Phrase.arg(f, 0)) is before admission \(Phrase.arg(f, 1))")
        },
        RuleDefinition(.C05, "claims", .error, zh: "两癌报销的对象为男性", en: "两癌 claim for a man",
                       hintZh: "两癌保障只限女职工，核对险种或身份证号", hintEn: "两癌 cover is for women only: check the plan or the ID number") { _ in
            LocalizedText(zh: "身份证号显示为男性，不能报销两癌", en: "the ID number is a man's: no 两癌 claim")
        },
        RuleDefinition(.C06, "claims", .warning, zh: "重复报销：同一人、项目、入院日期和金额", en: "duplicate claim: same person, plan, admission date and amount",
                       hintZh: "确认是否重复录入", hintEn: "Check whether the claim was entered twice") { f in
            LocalizedText(zh: "与 \(Phrase.arg(f, 0)) 的报销相同", en: "same as the claim at \(Phrase.arg(f, 0))")
        },
    ]

    /// C01, C02, C04, C05: rules of one claim.
    static func checkRow<Row: RowValues>(_ row: Row, mapping: HeaderMapping, context: RuleContext, recorder: inout FindingRecorder) {
        func flag(_ rule: RuleCode, _ field: Field, _ arguments: [String]) {
            let c = mapping.columnOfField[field]
            recorder.rowFinding(rule, record: row.recordIndex, row: row.row, column: c, field: field,
                                value: c.map { row.cell($0) }, arguments: arguments)
        }
        if let approved = row.money(.approved) {
            if let claimed = row.money(.claimed), approved > claimed {
                flag(.C01, .approved, [approved.yuanText, "claimed", claimed.yuanText])
            } else if let selfPaid = row.money(.selfPaid), approved > selfPaid {
                flag(.C01, .approved, [approved.yuanText, "self_paid", selfPaid.yuanText])
            }
            if let plan = row.known(.claimPlan), let rate = context.profile.claimRates[plan], let selfPaid = row.money(.selfPaid) {
                let expected = selfPaid.scaled(by: rate)
                if abs(approved.fen - expected.fen) > 1 {
                    flag(.C02, .approved, [approved.yuanText, rate.description, expected.yuanText])
                }
            }
        }
        if let admission = row.date(.admissionDate), let discharge = row.date(.dischargeDate), discharge < admission {
            flag(.C04, .dischargeDate, [discharge.description, admission.description])
        }
        if row.known(.claimPlan) == "两癌", let id = row.id(.claimantID), id.sex == .male {
            flag(.C05, .claimPlan, [])
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
                   recorders.flag(.C03, file: f.file, record: f.record, row: f.row, column: f.approvedColumn, field: .approved,
                                  value: written[Int(f.file)].text(f.record, kept: Money(fen: f.approved).yuanText), arguments: [Money(fen: total).yuanText, Money(fen: cap).yuanText]),
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
                recorders.flag(.C06, file: f.file, record: f.record, row: f.row, column: f.approvedColumn, field: .approved,
                               value: written[Int(f.file)].text(f.record, kept: Money(fen: f.approved).yuanText), arguments: [recorders.place(kept.file, kept.row)])
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

enum EnrollmentRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.E01, "enrollments", .warning, zh: "保费与该险种标准保费不符", en: "premium differs from the plan's standard premium",
                       hintZh: "核对保费", hintEn: "Check the premium") { f in
            LocalizedText(zh: "保费 \(Phrase.arg(f, 0)) 元，标准为 \(Phrase.arg(f, 1)) 元",
                          en: "premium \(Phrase.arg(f, 0)) yuan; the standard is \(Phrase.arg(f, 1)) yuan")
        },
        RuleDefinition(.E02, "enrollments", .error, zh: "两癌参保的对象为男性", en: "两癌 enrolment for a man",
                       hintZh: "两癌保险只限女职工", hintEn: "两癌 cover is for women only") { _ in
            LocalizedText(zh: "身份证号显示为男性，不能参保两癌", en: "the ID number is a man's: no 两癌 enrolment")
        },
        RuleDefinition(.E03, "enrollments", .warning, zh: "同一人重复参保同一险种", en: "the same person enrolled twice in one plan",
                       hintZh: "删除重复的参保记录", hintEn: "Delete the duplicate enrolment") { f in
            LocalizedText(zh: "与 \(Phrase.arg(f, 0)) 的参保重复", en: "same as the enrolment at \(Phrase.arg(f, 0))")
        },
    ]

    /// E01, E02: rules of one enrolment.
    static func checkRow<Row: RowValues>(_ row: Row, mapping: HeaderMapping, context: RuleContext, recorder: inout FindingRecorder) {
        func flag(_ rule: RuleCode, _ field: Field, _ arguments: [String]) {
            let c = mapping.columnOfField[field]
            recorder.rowFinding(rule, record: row.recordIndex, row: row.row, column: c, field: field,
                                value: c.map { row.cell($0) }, arguments: arguments)
        }
        guard let plan = row.known(.enrollPlan) else { return }
        if let premium = row.money(.premium), let standard = context.profile.standardPremiums[plan], premium != standard {
            flag(.E01, .premium, [premium.yuanText, standard.yuanText])
        }
        if plan == "两癌", let id = row.id(.enrolleeID), id.sex == .male {
            flag(.E02, .enrollPlan, [])
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
                    recorders.flag(.E03, file: f.file, record: f.record, row: f.row, column: f.planColumn, field: .enrollPlan,
                                   value: written[Int(f.file)].text(f.record, kept: text), arguments: [recorders.place(first.file, first.row)])
                }
            }
        }
    }

    struct PersonPlan: Hashable {
        let person: UInt64
        let plan: String
    }
}
