// P01-P08: subsidy and sympathy payments: categories, limits, duplicates, forms, bands, relations.
import UnionCore
import UnionImport

/// What a P finding says, with named parts. Amounts are yuan as written.
public enum PaymentFinding: RenderedFinding {
    /// P01: the category (the finding's value) is no known category.
    case unknownCategory
    /// P02: a payment of `amount` in `category`, above its per-payment `limit`.
    case aboveLimit(category: PaymentCategory, amount: String, limit: String)
    /// P03: with this payment the person's yearly `total` of `category` is above its yearly `limit`.
    case aboveYearlyLimit(category: PaymentCategory, total: String, limit: String)
    /// P04: the same payment as the one at `firstAt` (`file:row`).
    case duplicate(firstAt: String)
    /// P05: `category` must not be paid in the form (the finding's value).
    case forbiddenForm(category: PaymentCategory)
    /// P06: a 金秋助学 grant of `amount`, outside `lowest`–`highest`.
    case outsideEducationBand(amount: String, lowest: String, highest: String)
    /// P07: `category` paid to a member with no hardship status.
    case noHardship(category: PaymentCategory)
    /// P08: `category` for a relation (the finding's value) it does not allow.
    case relationNotAllowed(category: PaymentCategory)

    public var rule: RuleCode {
        switch self {
        case .unknownCategory: return .P01
        case .aboveLimit: return .P02
        case .aboveYearlyLimit: return .P03
        case .duplicate: return .P04
        case .forbiddenForm: return .P05
        case .outsideEducationBand: return .P06
        case .noHardship: return .P07
        case .relationNotAllowed: return .P08
        }
    }

    public var arguments: [String] {
        switch self {
        case .unknownCategory: return []
        case .aboveLimit(let category, let amount, let limit): return [category.rawValue, amount, limit]
        case .aboveYearlyLimit(let category, let total, let limit): return [category.rawValue, total, limit]
        case .duplicate(let firstAt): return [firstAt]
        case .forbiddenForm(let category), .noHardship(let category), .relationNotAllowed(let category): return [category.rawValue]
        case .outsideEducationBand(let amount, let lowest, let highest): return [amount, lowest, highest]
        }
    }

    public init?(_ f: Finding) {
        let a = StoredArguments(f)
        let category = PaymentCategory(rawValue: a[0])
        switch f.rule {
        case .P01: self = .unknownCategory
        case .P02:
            guard let category else { return nil }
            self = .aboveLimit(category: category, amount: a[1], limit: a[2])
        case .P03:
            guard let category else { return nil }
            self = .aboveYearlyLimit(category: category, total: a[1], limit: a[2])
        case .P04: self = .duplicate(firstAt: a[0])
        case .P05:
            guard let category else { return nil }
            self = .forbiddenForm(category: category)
        case .P06: self = .outsideEducationBand(amount: a[0], lowest: a[1], highest: a[2])
        case .P07:
            guard let category else { return nil }
            self = .noHardship(category: category)
        case .P08:
            guard let category else { return nil }
            self = .relationNotAllowed(category: category)
        default: return nil
        }
    }

    /// The message; the finding's value is the cell as written.
    func message(for f: Finding) -> LocalizedText {
        let v = f.value ?? ""
        switch self {
        case .unknownCategory:
            return LocalizedText(zh: "类别“\(v)”不是已知类别", en: "category \"\(v)\" is not a known category")
        case .aboveLimit(let category, let amount, let limit):
            return LocalizedText(zh: "\(category.rawValue)单笔 \(amount) 元，超过上限 \(limit) 元",
                                 en: "\(category.rawValue) of \(amount) yuan is above the limit of \(limit) yuan")
        case .aboveYearlyLimit(let category, let total, let limit):
            return LocalizedText(zh: "加上此笔，本年度\(category.rawValue)合计 \(total) 元，超过年度上限 \(limit) 元",
                                 en: "with this payment the year's \(category.rawValue) total is \(total) yuan, above the yearly limit of \(limit) yuan")
        case .duplicate(let firstAt):
            return LocalizedText(zh: "与 \(firstAt) 的发放相同", en: "same as the payment at \(firstAt)")
        case .forbiddenForm(let category):
            return LocalizedText(zh: "\(category.rawValue)不得以“\(v)”形式发放", en: "\(category.rawValue) must not be paid as \(v)")
        case .outsideEducationBand(let amount, let lowest, let highest):
            return LocalizedText(zh: "金秋助学 \(amount) 元，不在 \(lowest) 到 \(highest) 元之间",
                                 en: "金秋助学 of \(amount) yuan is outside \(lowest)–\(highest) yuan")
        case .noHardship(let category):
            return LocalizedText(zh: "\(category.rawValue)的对象在名册中不是困难职工",
                                 en: "the recipient of \(category.rawValue) has no hardship status in the roster")
        case .relationNotAllowed:
            return LocalizedText(zh: "关系“\(v)”不属于配偶、父母、子女", en: "relation \"\(v)\" is not a spouse, parent or child")
        }
    }
}

enum PaymentRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.P01, "payments", .error, zh: "未知的发放类别", en: "unknown category",
                       hintZh: "改为已知类别之一（节日慰问、生日慰问、生病住院慰问、生育慰问、结婚慰问、去世慰问、亲属去世慰问、退休慰问、困难帮扶、金秋助学、抚恤金、其他）",
                       hintEn: "Use one of the known categories (see unionbatch rules)", render: PaymentFinding.message),
        RuleDefinition(.P02, "payments", .error, zh: "单笔金额超过该类别的上限", en: "amount above the per-payment limit of its category",
                       hintZh: "核对金额；超标部分不得用工会经费列支", hintEn: "Check the amount; the part above the limit cannot be paid from union funds",
                       render: PaymentFinding.message),
        RuleDefinition(.P03, "payments", .error, zh: "个人该类别年度合计超过上限", en: "a person's yearly total of a category above its yearly limit",
                       hintZh: "核对该人本年度已发金额", hintEn: "Check what the person was already paid this year", render: PaymentFinding.message),
        RuleDefinition(.P04, "payments", .warning, zh: "重复发放：同一人、类别、日期和金额", en: "duplicate payment: same person, category, date and amount",
                       hintZh: "确认是否重复录入", hintEn: "Check whether the payment was entered twice", render: PaymentFinding.message),
        RuleDefinition(.P05, "payments", .error, zh: "该类别不允许此发放形式", en: "form not allowed for the category",
                       hintZh: "节日慰问应发放实物或转账，不得发放现金或购物卡", hintEn: "Festival gifts must be in kind or by transfer, never cash or shopping cards",
                       render: PaymentFinding.message),
        RuleDefinition(.P06, "payments", .error, zh: "金秋助学金额不在标准范围内", en: "金秋助学 amount outside the band",
                       hintZh: "按助学标准核对金额", hintEn: "Check the amount against the grant band", render: PaymentFinding.message),
        RuleDefinition(.P07, "payments", .warning, zh: "困难帮扶或金秋助学发给了非困难职工", en: "困难帮扶 or 金秋助学 paid to a member with no hardship status",
                       hintZh: "在会员名册中登记困难类别，或核实发放对象", hintEn: "Record the hardship status in the roster, or check the recipient",
                       render: PaymentFinding.message),
        RuleDefinition(.P08, "payments", .error, zh: "亲属去世慰问的关系不是配偶、父母或子女", en: "亲属去世慰问 with a relation other than 配偶, 父母, 子女",
                       hintZh: "直系亲属去世慰问只限配偶、父母、子女", hintEn: "Only a spouse, parent or child qualifies", render: PaymentFinding.message),
    ]

    /// P01 and the payment rules that need only the row and the roster (P02, P05-P08).
    static func checkRow<Row: RowValues>(_ row: Row, mapping: HeaderMapping, context: RuleContext, recorder: inout FindingRecorder) -> PaymentCategory? {
        guard let text = row.text(.category), let column = mapping.columnOfField[.category] else { return nil }
        guard let category = PaymentCategory(text: text) else {
            recorder.rowFinding(PaymentFinding.unknownCategory, record: row.recordIndex, row: row.row, column: column, field: .category,
                                value: row.cell(column))
            return nil
        }
        let profile = context.profile
        func flag(_ finding: PaymentFinding, _ field: Field) {
            let c = mapping.columnOfField[field]
            recorder.rowFinding(finding, record: row.recordIndex, row: row.row, column: c, field: field, value: c.map { row.cell($0) })
        }
        if let amount = row.money(.amount) {
            if let limit = profile.perPaymentLimit[category], amount > limit {
                flag(.aboveLimit(category: category, amount: amount.yuanText, limit: limit.yuanText), .amount)
            }
            if category == .education, !profile.educationBand.contains(amount) {
                flag(.outsideEducationBand(amount: amount.yuanText, lowest: profile.educationBand.lowerBound.yuanText,
                                           highest: profile.educationBand.upperBound.yuanText), .amount)
            }
        }
        if let form = row.text(.form), profile.forbiddenForms[category]?.contains(form) == true {
            flag(.forbiddenForm(category: category), .form)
        }
        if let allowed = profile.allowedRelations[category], let relation = row.text(.relation), !allowed.contains(relation) {
            flag(.relationNotAllowed(category: category), .relation)
        }
        if profile.hardshipCategories.contains(category), let roster = context.roster, let id = row.id(.payeeID),
           let rows = roster.rows(id), !rows.inHardship {
            flag(.noHardship(category: category), .category)
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
                   recorders.flag(PaymentFinding.aboveYearlyLimit(category: category, total: Money(fen: next).yuanText, limit: limit.yuanText),
                                  file: f.file, record: f.record, row: f.row, column: f.amountColumn, field: .amount,
                                  value: written[Int(f.file)].text(f.record, kept: Money(fen: f.amount).yuanText)),
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
                recorders.flag(PaymentFinding.duplicate(firstAt: recorders.place(first.file, first.row)),
                               file: f.file, record: f.record, row: f.row, column: f.amountColumn, field: .amount,
                               value: written[Int(f.file)].text(f.record, kept: Money(fen: f.amount).yuanText))
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
