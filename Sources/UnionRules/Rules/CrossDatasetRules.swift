// X01-X04: payments, claims and enrolments against the roster.
import UnionCore
import UnionImport

/// What an X finding says, with named parts (the pipeline raises the one that says there is no roster).
public enum CrossDatasetFinding: RenderedFinding {
    /// X01: the row's ID number (the finding's value) is not in the roster.
    case notInRoster
    /// X01, once for the run: the folder has no roster, so the rules that need one were not checked.
    case noRoster
    /// X02: not a member on `date` (the roster's `joined` and `left` dates, when it has them).
    case notMember(date: Day, joined: Day?, left: Day?)
    /// X03: the name (the finding's value) differs from `rosterName`.
    case nameDiffers(rosterName: String)
    /// X04: the ID number is not in the roster, but `rosterFile`'s row `rosterRow` of the same name has an ID number
    /// `damagedBy` (M01 or M02) says is bad.
    case rosterIDDamaged(rosterFile: String, rosterRow: Int, damagedBy: RuleCode)

    public var rule: RuleCode {
        switch self {
        case .notInRoster, .noRoster: return .X01
        case .notMember: return .X02
        case .nameDiffers: return .X03
        case .rosterIDDamaged: return .X04
        }
    }

    public var arguments: [String] {
        switch self {
        case .notInRoster: return []
        case .noRoster: return ["noroster"]
        case .notMember(let date, let joined, let left): return [date.description, joined?.description ?? "", left?.description ?? ""]
        case .nameDiffers(let rosterName): return [rosterName]
        case .rosterIDDamaged(let file, let row, let rule): return [file, String(row), rule.rawValue]
        }
    }

    public init?(_ f: Finding) {
        let a = StoredArguments(f)
        switch f.rule {
        case .X01: self = a[0] == "noroster" ? .noRoster : .notInRoster
        case .X02:
            guard let date = a.day(0) else { return nil }
            self = .notMember(date: date, joined: a.day(1), left: a.day(2))
        case .X03: self = .nameDiffers(rosterName: a[0])
        case .X04: self = .rosterIDDamaged(rosterFile: a[0], rosterRow: a.int(1), damagedBy: RuleCode(rawValue: a[2]) ?? .M01)
        default: return nil
        }
    }

    /// The message; the finding's value is the cell as written.
    func message(for f: Finding) -> LocalizedText {
        let v = f.value ?? ""
        switch self {
        case .noRoster:
            return LocalizedText(zh: "文件夹中没有会员名册：未核对 X01、X02、X03、P07（人员是否在册、发放时是否为会员、姓名、困难职工）",
                                 en: "no roster in the folder: X01, X02, X03 and P07 (person in the roster, member on the date, name, hardship) were not checked")
        case .notInRoster:
            return LocalizedText(zh: "身份证号 \(v) 不在会员名册中", en: "ID number \(v) is not in the roster")
        case .notMember(let date, let joined, let left):
            return LocalizedText(zh: "\(date) 时不是会员（入会 \(joined?.description ?? "未填")" + (left.map { "，退会 \($0)）" } ?? "）"),
                                 en: "not a member on \(date) (joined \(joined?.description ?? "?")" + (left.map { ", left \($0))" } ?? ")"))
        case .nameDiffers(let rosterName):
            return LocalizedText(zh: "姓名“\(v)”与名册中的“\(rosterName)”不一致",
                                 en: "name \"\(v)\" differs from \"\(rosterName)\" in the roster")
        case .rosterIDDamaged(let file, let row, let rule):
            let damaged = rule == .M02
            return LocalizedText(
                zh: "身份证号 \(v) 不在会员名册中；会员名册（\(file)）第 \(row) 行此人的身份证号" + (damaged ? "已被 Excel 损坏（科学计数法或末位变 0）" : "校验不通过") + "，应修正名册，而不是补录此人",
                en: "ID number \(v) is not in the roster; the roster (\(file)) row \(row) of this person has an ID number "
                    + (damaged ? "damaged by Excel (scientific notation or a zeroed tail)" : "that fails its check") + ": fix the roster rather than adding the person")
        }
    }
}

enum CrossDatasetRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.X01, "payments, claims, enrollments", .error, zh: "人员不在会员名册中", en: "person not in the roster",
                       hintZh: "核对身份证号；如确为会员，先补录到会员名册", hintEn: "Check the ID number; if the person is a member, add them to the roster first",
                       render: CrossDatasetFinding.message),
        RuleDefinition(.X02, "payments, claims, enrollments", .error, zh: "该日期不是会员", en: "not a member on the date",
                       hintZh: "核对日期与入会、退会日期", hintEn: "Check the date against the join and leave dates",
                       render: CrossDatasetFinding.message),
        RuleDefinition(.X03, "payments, claims, enrollments", .warning, zh: "姓名与名册不一致", en: "name differs from the roster's name",
                       hintZh: "核对姓名和身份证号", hintEn: "Check the name and the ID number", render: CrossDatasetFinding.message),
        RuleDefinition(.X04, "payments, claims, enrollments", .error,
                       zh: "身份证号不在会员名册中，但名册中同名人员的身份证号已损坏或无效", en: "ID number not in the roster, but a roster row of the same name has a damaged or invalid ID number",
                       hintZh: "不要重复补录此人：在 Excel 中把会员名册的身份证号列设为“文本”格式，补回完整的身份证号后重新导出会员名册",
                       hintEn: "Do not add the person again: set the roster's ID column to Text in Excel, put the full ID numbers back and export the roster again",
                       render: CrossDatasetFinding.message),
    ]

    /// X01, X02, X03 for one row. `skipMembership` for rows not about union money (抚恤金).
    static func check<Row: RowValues>(_ row: Row, idField: Field, nameField: Field, membershipDate: Day?,
                      skipMembership: Bool, mapping: HeaderMapping, context: RuleContext, recorder: inout FindingRecorder) {
        guard let roster = context.roster, let id = row.id(idField), let idColumn = mapping.columnOfField[idField] else { return }
        guard let rows = roster.rows(id) else {
            guard !skipMembership else { return }
            // The person may be in the roster under an ID number Excel damaged: that row is the one to fix.
            if !roster.damagedByName.isEmpty, let name = row.text(nameField), let damaged = roster.damagedByName[name] {
                recorder.rowFinding(CrossDatasetFinding.rosterIDDamaged(rosterFile: damaged.file, rosterRow: damaged.row, damagedBy: damaged.rule),
                                    record: row.recordIndex, row: row.row, column: idColumn, field: idField, value: row.cell(idColumn))
            } else {
                recorder.rowFinding(CrossDatasetFinding.notInRoster, record: row.recordIndex, row: row.row, column: idColumn, field: idField,
                                    value: row.cell(idColumn))
            }
            return
        }
        if !skipMembership, let day = membershipDate, rows.isMember(on: day) == false {
            let e = ([rows.first] + rows.more).first(where: \.datesRead) ?? rows.first
            let dateField = membershipField(row, mapping: mapping)
            let column = dateField.flatMap { mapping.columnOfField[$0] } ?? idColumn
            recorder.rowFinding(CrossDatasetFinding.notMember(date: day, joined: e.join, left: e.leave), record: row.recordIndex,
                                row: row.row, column: column, field: dateField ?? idField, value: row.cell(column))
        }
        if let name = row.text(nameField), let column = mapping.columnOfField[nameField], !rows.hasName(name),
           let rosterName = rows.firstName {
            recorder.rowFinding(CrossDatasetFinding.nameDiffers(rosterName: rosterName), record: row.recordIndex, row: row.row,
                                column: column, field: nameField, value: row.cell(column))
        }
    }

    /// The date X02 checks (SPEC §7): a payment's event_date else its date; a claim's admission_date
    /// else its paid_date; an enrolment's start_date.
    static func membershipField<Row: RowValues>(_ row: Row, mapping: HeaderMapping) -> Field? {
        switch mapping.dataset {
        case .payments: return row.date(.eventDate) != nil ? .eventDate : .paidDate
        case .claims: return row.date(.admissionDate) != nil ? .admissionDate : .claimPaidDate
        case .enrollments: return .startDate
        case .members, .ledger: return nil
        }
    }
}
