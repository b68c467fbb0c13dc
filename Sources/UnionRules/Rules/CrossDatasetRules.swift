// X01-X04: payments, claims and enrolments against the roster.
import UnionCore
import UnionImport

enum CrossDatasetRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.X01, "payments, claims, enrollments", .error, zh: "人员不在会员名册中", en: "person not in the roster",
                       hintZh: "核对身份证号；如确为会员，先补录到会员名册", hintEn: "Check the ID number; if the person is a member, add them to the roster first") { f in
            if Phrase.arg(f, 0) == "noroster" {
                return LocalizedText(zh: "文件夹中没有会员名册：未核对 X01、X02、X03、P07（人员是否在册、发放时是否为会员、姓名、困难职工）",
                                     en: "no roster in the folder: X01, X02, X03 and P07 (person in the roster, member on the date, name, hardship) were not checked")
            }
            return LocalizedText(zh: "身份证号 \(f.value ?? "") 不在会员名册中", en: "ID number \(f.value ?? "") is not in the roster")
        },
        RuleDefinition(.X02, "payments, claims, enrollments", .error, zh: "该日期不是会员", en: "not a member on the date",
                       hintZh: "核对日期与入会、退会日期", hintEn: "Check the date against the join and leave dates") { f in
            let leave = Phrase.arg(f, 2)
            return LocalizedText(zh: "\(Phrase.arg(f, 0)) 时不是会员（入会 \(Phrase.arg(f, 1).isEmpty ? "未填" : Phrase.arg(f, 1))" + (leave.isEmpty ? "）" : "，退会 \(leave)）"),
                                 en: "not a member on \(Phrase.arg(f, 0)) (joined \(Phrase.arg(f, 1).isEmpty ? "?" : Phrase.arg(f, 1))" + (leave.isEmpty ? ")" : ", left \(leave))"))
        },
        RuleDefinition(.X03, "payments, claims, enrollments", .warning, zh: "姓名与名册不一致", en: "name differs from the roster's name",
                       hintZh: "核对姓名和身份证号", hintEn: "Check the name and the ID number") { f in
            LocalizedText(zh: "姓名“\(f.value ?? "")”与名册中的“\(Phrase.arg(f, 0))”不一致",
                          en: "name \"\(f.value ?? "")\" differs from \"\(Phrase.arg(f, 0))\" in the roster")
        },
        RuleDefinition(.X04, "payments, claims, enrollments", .error,
                       zh: "身份证号不在会员名册中，但名册中同名人员的身份证号已损坏或无效", en: "ID number not in the roster, but a roster row of the same name has a damaged or invalid ID number",
                       hintZh: "不要重复补录此人：在 Excel 中把会员名册的身份证号列设为“文本”格式，补回完整的身份证号后重新导出会员名册",
                       hintEn: "Do not add the person again: set the roster's ID column to Text in Excel, put the full ID numbers back and export the roster again") { f in
            let place = Phrase.arg(f, 0), row = Phrase.arg(f, 1), damaged = Phrase.arg(f, 2) == "M02"
            return LocalizedText(
                zh: "身份证号 \(f.value ?? "") 不在会员名册中；会员名册（\(place)）第 \(row) 行此人的身份证号" + (damaged ? "已被 Excel 损坏（科学计数法或末位变 0）" : "校验不通过") + "，应修正名册，而不是补录此人",
                en: "ID number \(f.value ?? "") is not in the roster; the roster (\(place)) row \(row) of this person has an ID number "
                    + (damaged ? "damaged by Excel (scientific notation or a zeroed tail)" : "that fails its check") + ": fix the roster rather than adding the person")
        },
    ]

    /// X01, X02, X03 for one row. `skipMembership` for rows not about union money (抚恤金).
    static func check<Row: RowValues>(_ row: Row, idField: Field, nameField: Field, membershipDate: Day?,
                      skipMembership: Bool, mapping: HeaderMapping, context: RuleContext, recorder: inout FindingRecorder) {
        guard let roster = context.roster, let id = row.id(idField), let idColumn = mapping.columnOfField[idField] else { return }
        guard let rows = roster.rows(id) else {
            guard !skipMembership else { return }
            // The person may be in the roster under an ID number Excel damaged: that row is the one to fix.
            if !roster.damagedByName.isEmpty, let name = row.text(nameField), let damaged = roster.damagedByName[name] {
                recorder.rowFinding(.X04, record: row.recordIndex, row: row.row, column: idColumn, field: idField, value: row.cell(idColumn),
                                    arguments: [damaged.file, String(damaged.row), damaged.rule.rawValue])
            } else {
                recorder.rowFinding(.X01, record: row.recordIndex, row: row.row, column: idColumn, field: idField, value: row.cell(idColumn))
            }
            return
        }
        if !skipMembership, let day = membershipDate, rows.isMember(on: day) == false {
            let e = ([rows.first] + rows.more).first(where: \.datesRead) ?? rows.first
            let dateField = membershipField(row, mapping: mapping)
            let column = dateField.flatMap { mapping.columnOfField[$0] } ?? idColumn
            recorder.rowFinding(.X02, record: row.recordIndex, row: row.row, column: column, field: dateField ?? idField,
                                value: row.cell(column), arguments: [day.description, e.join?.description ?? "", e.leave?.description ?? ""])
        }
        if let name = row.text(nameField), let column = mapping.columnOfField[nameField], !rows.hasName(name),
           let rosterName = rows.firstName {
            recorder.rowFinding(.X03, record: row.recordIndex, row: row.row, column: column, field: nameField,
                                value: row.cell(column), arguments: [rosterName])
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
