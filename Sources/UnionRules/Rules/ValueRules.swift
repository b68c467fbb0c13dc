// V01-V06: values that are empty, unreadable, out of the year, after the as-of date, or unknown.
import UnionCore
import UnionImport

enum ValueRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.V01, "any", .error, zh: "必填值为空", en: "required value empty",
                       hintZh: "补上该值后重新导出", hintEn: "Fill in the value and export again", render: ValueFinding.message),
        RuleDefinition(.V02, "any", .error, zh: "日期格式无法识别", en: "date not in an accepted form",
                       hintZh: "写成 2025-03-05 或 2025年3月5日 这样的日期；不存在的日期（如 2月30日）需更正",
                       hintEn: "Write the date as 2025-03-05 or 2025年3月5日; correct impossible dates such as 30 February",
                       render: ValueFinding.message),
        RuleDefinition(.V03, "any", .error, zh: "金额格式无法识别或为负数", en: "money not in an accepted form, or negative",
                       hintZh: "写成 1234.5 或 1,234.50 这样的金额，最多两位小数，不能为负",
                       hintEn: "Write the amount as 1234.5 or 1,234.50, at most two decimals, never negative",
                       render: ValueFinding.message),
        RuleDefinition(.V04, "payments, claims, ledger", .warning, zh: "日期不在报告年度内", en: "date outside the reporting year",
                       hintZh: "如属本年度，更正日期；否则无需处理，该行不计入本年度数字",
                       hintEn: "Correct the date if it belongs to this year; otherwise nothing to do: the row is left out of the year's figures",
                       render: ValueFinding.message),
        RuleDefinition(.V05, "any", .error, zh: "日期晚于截止日期", en: "date after the as-of date",
                       hintZh: "更正日期，或用 --as-of 指定更晚的截止日期", hintEn: "Correct the date, or give a later --as-of date",
                       render: ValueFinding.message),
        RuleDefinition(.V06, "any", .warning, zh: "值不在已知取值中（险种为错误）", en: "a value not among the known values of an enumerated field",
                       hintZh: "改为已知取值之一（见 unionbatch rules）", hintEn: "Use one of the known values (see unionbatch rules)",
                       render: ValueFinding.message),
    ]

    /// The date columns V05 checks: every date column except enrolments' end date.
    /// A date column V05 checks (every one but enrolments' end_date). Asked field by field, as the rows
    /// go by, rather than building the list on every row.
    @inline(__always) static func isV05Field(_ field: Field) -> Bool {
        (field.kind == .date || field.kind == .dateOrMonth) && field != .endDate
    }

    /// The date V04 checks: payments' date, claims' paid_date, the ledger's date.
    static func yearField(_ dataset: Dataset) -> Field? {
        switch dataset {
        case .payments: return .paidDate
        case .claims: return .claimPaidDate
        case .ledger: return .ledgerDate
        default: return nil
        }
    }

    /// V05 on every date column, V04 on the year's date. Returns true when the row is outside the year.
    static func checkDates<Row: RowValues>(_ row: Row, dataset: Dataset, mapping: HeaderMapping, context: RuleContext,
                                           recorder: inout FindingRecorder) -> Bool {
        for field in dataset.fields where isV05Field(field) {
            guard let day = row.date(field), day > context.asOf, let column = mapping.columnOfField[field] else { continue }
            recorder.rowFinding(ValueFinding.afterAsOf(date: day, asOf: context.asOf), record: row.recordIndex, row: row.row,
                                column: column, field: field, value: row.cell(column))
        }
        guard let field = yearField(dataset), let day = row.date(field), !context.isInYear(day),
              let column = mapping.columnOfField[field] else { return false }
        recorder.rowFinding(ValueFinding.outsideYear(date: day, year: context.year), record: row.recordIndex, row: row.row,
                            column: column, field: field, value: row.cell(column))
        return true
    }
}

extension ValueFinding: RenderedFinding {
    /// The message: the finding gives the column and the cell as written.
    func message(for f: Finding) -> LocalizedText {
        let column = Phrase.column(f), v = f.value ?? ""
        switch self {
        case .empty:
            return LocalizedText(zh: "必填列“\(column.zh)”为空，该行不计入合计",
                                 en: "required column \(column.en) is empty: row left out of the totals")
        case .notADate:
            return LocalizedText(zh: "\(column.zh)“\(v)”不是有效日期", en: "\(column.en) \"\(v)\" is not a valid date")
        case .negative: return LocalizedText(zh: "\(column.zh)“\(v)”为负数", en: "\(column.en) \"\(v)\" is negative")
        case .tooManyDecimals:
            return LocalizedText(zh: "\(column.zh)“\(v)”超过两位小数", en: "\(column.en) \"\(v)\" has more than two decimals")
        case .notACount: return LocalizedText(zh: "\(column.zh)“\(v)”不是整数", en: "\(column.en) \"\(v)\" is not a whole number")
        case .notMoney:
            return LocalizedText(zh: "\(column.zh)“\(v)”不是有效金额", en: "\(column.en) \"\(v)\" is not an amount of money")
        case .outsideYear(let date, let year):
            return LocalizedText(zh: "\(column.zh) \(date) 不在 \(year) 年度内，该行不计入本年度数字",
                                 en: "\(column.en) \(date) is outside \(year): the row is left out of the year's figures")
        case .afterAsOf(let date, let asOf):
            return LocalizedText(zh: "\(column.zh) \(date) 晚于截止日期 \(asOf)",
                                 en: "\(column.en) \(date) is after the as-of date \(asOf)")
        case .unknownValue:
            let known = f.field?.knownValues.map { Array(Set($0.values)).sorted() } ?? []
            return LocalizedText(zh: "\(column.zh)“\(v)”不是已知取值（\(known.joined(separator: "、"))），按原样保留",
                                 en: "\(column.en) \"\(v)\" is not a known value (\(known.joined(separator: ", "))); kept as written")
        }
    }
}
