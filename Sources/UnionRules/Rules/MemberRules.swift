// M01-M10: the roster's ID numbers, dates, duplicates, phones, ages and dues.
import UnionCore
import UnionImport

enum MemberRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.M01, "any", .error, zh: "身份证号校验不通过", en: "ID number fails the GB 11643 check",
                       hintZh: "对照身份证原件更正号码（18 位，最后一位可能是 X）", hintEn: "Correct the number from the ID card (18 characters, the last may be X)",
                       render: MemberFinding.message),
        RuleDefinition(.M02, "any", .error, zh: "身份证号已被 Excel 损坏", en: "ID number damaged by Excel",
                       hintZh: "从原系统重新导出，导出前把身份证号列设为“文本”格式；不要用 Excel 直接打开再保存 CSV",
                       hintEn: "Export the roster again with the ID column formatted as text; do not open and re-save the CSV in Excel",
                       render: MemberFinding.message),
        RuleDefinition(.M03, "members", .warning, zh: "出生日期与身份证号不一致", en: "birth_date disagrees with the ID number",
                       hintZh: "核对出生日期或身份证号", hintEn: "Check the birth date or the ID number", render: MemberFinding.message),
        RuleDefinition(.M04, "members", .warning, zh: "性别与身份证号不一致", en: "gender disagrees with the ID number",
                       hintZh: "核对性别或身份证号", hintEn: "Check the gender or the ID number", render: MemberFinding.message),
        RuleDefinition(.M05, "members", .error, zh: "名册中身份证号重复", en: "the same ID number appears twice in the roster",
                       hintZh: "删除重复的行，或更正其中一个身份证号", hintEn: "Delete the duplicate row or correct one of the ID numbers",
                       render: MemberFinding.message),
        RuleDefinition(.M06, "members", .warning, zh: "手机号格式不正确", en: "phone number malformed",
                       hintZh: "填写 11 位手机号", hintEn: "Write an 11-digit mobile number", render: MemberFinding.message),
        RuleDefinition(.M07, "members", .error, zh: "入会时未满 16 周岁，或入会日期晚于退会日期", en: "joined before age 16, or join date after leave date",
                       hintZh: "核对入会日期、退会日期和身份证号", hintEn: "Check the join date, the leave date and the ID number",
                       render: MemberFinding.message),
        RuleDefinition(.M08, "members", .warning, zh: "在岗会员已超过法定退休年龄", en: "member in 在岗 employment past the statutory retirement age",
                       hintZh: "核实是否已退休，更新在岗状态", hintEn: "Check whether the member has retired and update the employment status",
                       render: MemberFinding.message),
        RuleDefinition(.M09, "members", .warning, zh: "已缴会费与按工资计算的会费不一致", en: "dues_paid differs from the dues computed from the wage",
                       hintZh: "核对月工资、缴费月数和已缴会费", hintEn: "Check the wage, the months and the dues paid", render: MemberFinding.message),
        RuleDefinition(.M10, "any", .warning, zh: "15 位旧身份证号已升级为 18 位", en: "15-digit legacy ID number upgraded",
                       hintZh: "在原系统中把身份证号更新为 18 位", hintEn: "Update the number to its 18-digit form in the source system",
                       render: MemberFinding.message),
    ]

    /// Row rules of the roster that need only the row itself (M03, M04, M07, M08, M09).
    static func checkRow<Row: RowValues>(_ row: Row, mapping: HeaderMapping, context: RuleContext, recorder: inout FindingRecorder) {
        // The cell as written is made only for a finding.
        func column(_ field: Field) -> Int? { mapping.columnOfField[field] }
        let status = row.known(.status) ?? (row.text(.status) == nil ? "在册" : nil)
        let id = row.id(.memberID)
        // Rules that need no ID number run even when the ID is bad (M01/M02 stop only person-based ones).
        var joinOrderWrong = false
        if let join = row.date(.joinDate), let leave = row.date(.leaveDate), join > leave, let c = column(.joinDate) {
            recorder.rowFinding(MemberFinding.joinAfterLeave(join: join, leave: leave), record: row.recordIndex, row: row.row,
                                column: c, field: .joinDate, value: row.cell(c))
            joinOrderWrong = true
        }
        // M09: dues = round-half-up(wage rounded down × rate) × months, for 在册 rows.
        // Known values are canonical: compared by their bytes.
        let registered = status?.hasSameBytes(as: "在册") ?? false
        if registered, let wage = row.money(.monthlyWage), let paid = row.money(.duesPaid), let c = column(.duesPaid) {
            let step = context.profile.duesRoundDownTo.fen
            let base = Money(fen: wage.fen / step * step)
            let monthly = base.scaled(by: context.profile.duesRate)
            let months = row.count(.duesMonths) ?? memberMonths(join: row.date(.joinDate), leave: row.date(.leaveDate), context: context)
            // A wage so large that the year's dues cannot be counted in fen is no wage to check dues against.
            let (expectedFen, overflow) = monthly.fen.multipliedReportingOverflow(by: Int64(months))
            let expected = Money(fen: expectedFen)
            if !overflow, abs(paid.fen - expected.fen) > 1 {
                let finding = MemberFinding.dues(paid: paid.yuanText, expected: expected.yuanText, monthly: monthly.yuanText, months: months)
                recorder.rowFinding(finding, record: row.recordIndex, row: row.row, column: c, field: .duesPaid, value: row.cell(c))
            }
        }
        guard let id else { return }
        if let birth = row.date(.birthDate), birth != id.birthDate, let c = column(.birthDate) {
            recorder.rowFinding(MemberFinding.birthDate(written: birth, fromID: id.birthDate), record: row.recordIndex, row: row.row,
                                column: c, field: .birthDate, value: row.cell(c))
        }
        if let g = row.known(.gender), !g.hasSameBytes(as: id.sex.rawValue), let c = column(.gender) {
            recorder.rowFinding(MemberFinding.gender(written: g, fromID: id.sex.rawValue), record: row.recordIndex, row: row.row,
                                column: c, field: .gender, value: row.cell(c))
        }
        if !joinOrderWrong, let join = row.date(.joinDate), let c = column(.joinDate) {
            let age = id.birthDate.wholeYears(until: join)
            let minimum = context.profile.minimumJoinAge
            if age < minimum {
                recorder.rowFinding(MemberFinding.tooYoung(join: join, age: age, minimum: minimum), record: row.recordIndex,
                                    row: row.row, column: c, field: .joinDate, value: row.cell(c))
            }
        }
        // M08: a 在册 member still 在岗 on or after the day the statutory retirement age is reached.
        if registered, row.known(.employment)?.hasSameBytes(as: "在岗") ?? false, let c = column(.employment) {
            let sex = row.known(.gender).flatMap(Sex.init(canonical:)) ?? id.sex
            let retires = context.profile.retirementSchedule(for: sex).retirementDate(born: id.birthDate)
            if context.asOf >= retires {
                recorder.rowFinding(MemberFinding.pastRetirement(retires: retires), record: row.recordIndex, row: row.row,
                                    column: c, field: .employment, value: row.cell(c))
            }
        }
    }

    /// Calendar months of the reporting year, up to the as-of month, during any part of which the
    /// person was a member (both end months count).
    static func memberMonths(join: Day?, leave: Day?, context: RuleContext) -> Int {
        let lastMonth = context.asOf.year > context.year ? 12 : (context.asOf.year == context.year ? context.asOf.month : 0)
        guard lastMonth > 0 else { return 0 }
        var months = 0
        for m in 1...lastMonth {
            let first = Day(year: context.year, month: m, day: 1)!
            let last = Day(year: context.year, month: m, day: Day.daysIn(month: m, year: context.year))!
            if let j = join, j > last { continue }
            if let l = leave, l < first { continue }
            months += 1
        }
        return months
    }
}

extension MemberFinding: RenderedFinding {
    /// The message; the finding's value is the cell as written.
    func message(for f: Finding) -> LocalizedText {
        let v = f.value ?? ""
        switch self {
        case .wrongCheckCharacter:
            return LocalizedText(zh: "身份证号“\(v)”校验位错误", en: "ID number \"\(v)\" has a wrong check character")
        case .notAnIDNumber:
            return LocalizedText(zh: "“\(v)”不是有效的身份证号（应为 18 位，含有效出生日期）",
                                 en: "\"\(v)\" is not a valid ID number (18 characters with a valid birth date)")
        case .damagedByExcel:
            return LocalizedText(zh: "身份证号“\(v)”已被 Excel 改成科学计数法或末尾被置零，无法恢复",
                                 en: "ID number \"\(v)\" was turned into scientific notation or had its tail zeroed by Excel; it cannot be recovered")
        case .birthDate(let written, let fromID):
            return LocalizedText(zh: "出生日期 \(written) 与身份证号中的 \(fromID) 不一致",
                                 en: "birth date \(written) differs from \(fromID) in the ID number")
        case .gender(let written, let fromID):
            return LocalizedText(zh: "性别“\(written)”与身份证号（\(fromID)）不一致",
                                 en: "gender \(written) differs from the ID number (\(fromID))")
        case .duplicateID(let firstAt):
            return LocalizedText(zh: "该身份证号在 \(firstAt) 已出现，此行不计入",
                                 en: "this ID number already appears at \(firstAt); this row is left out")
        case .badPhone:
            return LocalizedText(zh: "手机号“\(v)”不是 11 位手机号", en: "phone \"\(v)\" is not an 11-digit mobile number")
        case .joinAfterLeave(let join, let leave):
            return LocalizedText(zh: "入会日期 \(join) 晚于退会日期 \(leave)", en: "join date \(join) is after leave date \(leave)")
        case .tooYoung(let join, let age, let minimum):
            return LocalizedText(zh: "入会时（\(join)）年仅 \(age) 周岁，未满 \(minimum) 周岁",
                                 en: "aged \(age) at joining (\(join)), under \(minimum)")
        case .pastRetirement(let retires):
            return LocalizedText(zh: "按出生日期应于 \(retires) 退休，在岗状态仍为“在岗”", en: "due to retire on \(retires) but still 在岗")
        case .dues(let paid, let expected, let monthly, let months):
            return LocalizedText(zh: "已缴会费 \(paid) 元，按工资应缴 \(expected) 元（每月 \(monthly) 元 × \(months) 个月）",
                                 en: "dues paid \(paid) yuan, expected \(expected) yuan from the wage (\(monthly) a month × \(months))")
        case .upgraded(let upgraded):
            return LocalizedText(zh: "15 位身份证号已按规则升级为 \(IDNumber.mask(upgraded))",
                                 en: "15-digit ID number upgraded to \(IDNumber.mask(upgraded))")
        }
    }
}
