// F01-F13: rules about files and the shape of their rows (raised while importing), and the rows of an
// export that are not records (F10 total rows with their sum check, F11 the footer, F12 data under a blank
// header, F13 the example row).
import UnionCore
import UnionImport

enum FileRules {
    static let definitions: [RuleDefinition] = [
        RuleDefinition(.F01, "any", .error,
                       zh: "文件或行无法按支持的编码解码", en: "file or row cannot be decoded in a supported encoding",
                       hintZh: "用 Excel 或 WPS 另存为“CSV UTF-8（逗号分隔）”后重新运行；若只有个别行乱码，重新录入这些行",
                       hintEn: "Save the file again as \"CSV UTF-8\" from Excel or WPS; if only some rows are garbled, retype them",
                       render: FileFinding.message),
        RuleDefinition(.F02, "any", .error,
                       zh: "行的单元格数与表头不一致", en: "row has more or fewer cells than the header",
                       hintZh: "检查该行是否多了或少了分隔符（例如未加引号的逗号），修正后重新导出",
                       hintEn: "Check the row for a missing or extra delimiter (such as an unquoted comma) and export again",
                       render: FileFinding.message),
        RuleDefinition(.F03, "any", .error,
                       zh: "文件末尾有未结束的引号", en: "unterminated quoted field at end of file",
                       hintZh: "找到该行开头的双引号，补上配对的引号，或删除多余的引号",
                       hintEn: "Find the opening double quote on this row and close it, or remove the stray quote",
                       render: FileFinding.message),
        RuleDefinition(.F04, "any", .error,
                       zh: "缺少必需的列（文件未读取）", en: "a required column is missing (file refused)",
                       hintZh: "补上缺少的列，或在 unionbatch.toml 中把表头映射到字段、指定文件的数据集，或按内容给文件改名（如“会员名册.csv”）",
                       hintEn: "Add the missing columns, or map the headers to fields and pin the file's dataset in unionbatch.toml, or rename the file after its content (e.g. members.csv)",
                       render: FileFinding.message),
        RuleDefinition(.F05, "any", .warning,
                       zh: "两个表头对应同一字段（以第一个为准）", en: "two header cells map to the same field (the first wins)",
                       hintZh: "删除或改名重复的列", hintEn: "Remove or rename the duplicate column", render: FileFinding.message),
        RuleDefinition(.F06, "any", .warning,
                       zh: "空文件，或只有表头", en: "empty file, or header only",
                       hintZh: "确认导出的是正确的文件", hintEn: "Check that the right file was exported", render: FileFinding.message),
        RuleDefinition(.F07, "any", .warning,
                       zh: "跳过了表头上方的标题行", en: "title rows above the header skipped",
                       hintZh: "无需处理；如不希望出现此提示，删除表头上方的标题行", hintEn: "Nothing to do; delete the title rows above the header to silence this",
                       render: FileFinding.message),
        RuleDefinition(.F08, "any", .warning,
                       zh: "值超过 32,767 个字符，在表格中被截断", en: "a value longer than 32,767 characters was cut in the spreadsheets",
                       hintZh: "输入文件保留完整值；如需在表格中完整显示，缩短该值", hintEn: "The input keeps the whole value; shorten it to see it whole in a spreadsheet",
                       render: FileFinding.message),
        RuleDefinition(.F09, "any", .warning,
                       zh: "文件夹中的表格文件不是可读的格式：请另存为 .xlsx", en: "a spreadsheet file in the folder is in no format read: save it as .xlsx",
                       hintZh: "在 Excel、WPS 或 LibreOffice 中打开，另存为“Excel 工作簿（.xlsx）”，放在同一文件夹",
                       hintEn: "Open it in Excel, WPS or LibreOffice and save it as an Excel workbook (.xlsx) in the same folder",
                       render: FileFinding.message),
        RuleDefinition(.F10, "any", .warning,
                       zh: "合计、小计或汇总行未计入", en: "a total or subtotal row was left out",
                       hintZh: "删除该合计（小计、汇总）行后重新导出：合计请在表格软件中另算；unionbatch 已将该行排除，不计入任何数字",
                       hintEn: "Delete the total (subtotal) row and export again; compute totals in the spreadsheet instead. unionbatch left the row out of every figure",
                       render: FileFinding.message),
        RuleDefinition(.F11, "any", .warning,
                       zh: "数据后的表尾行（制表人、审核、日期等）未读取", en: "footer lines after the data (制表人, 审核, 日期…) left out",
                       hintZh: "删除表尾的制表人、审核人、日期、备注等行，只保留表头和数据行；unionbatch 已将其排除",
                       hintEn: "Delete the footer lines (制表人, 审核人, dates, notes), keeping only the header and the data rows; unionbatch left them out",
                       render: FileFinding.message),
        RuleDefinition(.F12, "any", .warning,
                       zh: "有数据的列没有表头：该列的值未读取", en: "a column holds data under a blank header: its values were not read",
                       hintZh: "给该列补上表头（例如原来两行表头的下面一行被删掉时，补回列名），或删除该列后重新导出",
                       hintEn: "Give the column its header (if the lower row of a two-row header was deleted, put the names back), or delete the column, and export again",
                       render: FileFinding.message),
        RuleDefinition(.F13, "any", .warning,
                       zh: "该行仍是 unionbatch init 写入的示例行（姓名以“示例”开头），未计入", en: "a row is still the example row unionbatch init wrote (name starting with 示例): left out",
                       hintZh: "删除示例行，填入真实数据", hintEn: "Delete the example row and enter the real data", render: FileFinding.message),
    ]
}

extension FileFinding: RenderedFinding {
    /// The message; an F13's name is the finding's value.
    func message(for f: Finding) -> LocalizedText {
        switch self {
        case .undecodable, .binary, .unreadable, .encrypted, .damaged, .zipBomb, .doctype, .missingSharedString,
             .cellOutOfRange, .undecodableRow, .nulRow:
            return unreadableMessage
        case .ragged(let cells, let width):
            return LocalizedText(zh: "该行有 \(cells) 个单元格，表头有 \(width) 列，该行未读取",
                                 en: "row has \(cells) cells but the header has \(width) columns: row not read")
        case .unterminatedQuote:
            return LocalizedText(zh: "从该行开始的引号直到文件末尾都没有结束，该行未读取",
                                 en: "a quoted field starting on this row is never closed before the end of the file: row not read")
        case .missingColumns, .noDataset, .ambiguous:
            return refusedMessage
        case .duplicateField(let key):
            // In Chinese the field by its column title (手机号), as 问题清单's 字段 column shows it.
            return LocalizedText(zh: "此列与前面的列都对应字段“\(f.field?.chineseTitle ?? key)”，以前面的列为准，此列原样保留",
                                 en: "this column and an earlier one both map to field \(key); the earlier one is used, this one is carried through")
        case .empty: return LocalizedText(zh: "文件是空的", en: "the file is empty")
        case .headerOnly: return LocalizedText(zh: "文件只有表头，没有数据行", en: "the file has a header but no data rows")
        case .titleRows(let titles, let header):
            return LocalizedText(zh: "表头在第 \(header) 行，跳过了上方 \(titles) 行标题",
                                 en: "the header is on row \(header); \(titles) title row(s) above it were skipped")
        case .twoRowHeader(let titles, let lower, let upper):
            let skipped = titles == 0 ? LocalizedText.empty
                : LocalizedText(zh: "；跳过了上方 \(titles) 行标题", en: "; \(titles) title row(s) above were skipped")
            return LocalizedText(zh: "第 \(upper) 行和第 \(lower) 行是两行表头，已逐列合并（下一行的列名优先）",
                                 en: "rows \(upper) and \(lower) are a two-row header, combined column by column (the lower name wins)") + skipped
        case .longValue(let length):
            return LocalizedText(zh: "值长 \(length) 个字符，表格中只保留前 32,767 个",
                                 en: "the value is \(length) characters long; spreadsheets keep the first 32,767")
        case .webPage:
            return LocalizedText(zh: "文件实际是网页（HTML）而不是表格文件，未读取：请在 Excel 或 WPS 中打开，另存为 .xlsx",
                                 en: "the file is a web page (HTML), not a workbook: not read; open it in Excel or WPS and save it as .xlsx")
        case .otherFormat(let format):
            return LocalizedText(zh: "文件实际是 \(format) 格式，不是表格文件，未读取：请另存为 .xlsx 或 CSV",
                                 en: "the file is in \(format) format, not a workbook: not read; save it as .xlsx or CSV")
        case .unreadableSpreadsheet:
            return LocalizedText(zh: "表格文件未读取，请另存为 .xlsx", en: "spreadsheet file not read: save it as .xlsx")
        case .balanceRow, .totalRow:
            return totalMessage
        case .footer(let lines):
            return LocalizedText(zh: "从该行起的 \(lines) 行是表尾（制表人、审核、日期等），不是记录，未读取",
                                 en: "the \(lines) line(s) from this row on are a footer (制表人, 审核, dates…), not records: not read")
        case .dataUnderBlankHeader(let cells, let firstRow):
            return LocalizedText(zh: "该列表头为空，但有 \(cells) 行在此列有数据（第一处在第 \(firstRow) 行）：这些值未读取",
                                 en: "this column's header is blank but \(cells) row(s) hold data in it (the first on row \(firstRow)): those values were not read")
        case .exampleRow:
            return LocalizedText(zh: "姓名“\(f.value ?? "")”以“示例”开头，是模板中的示例行，未计入任何数字",
                                 en: "the name \"\(f.value ?? "")\" starts with 示例: it is the template's example row, left out of every figure")
        }
    }

    /// F01: why the file, or the row, was not read.
    private var unreadableMessage: LocalizedText {
        switch self {
        case .nulRow:
            return LocalizedText(zh: "该行含有 NUL 字节（0x00，多见于从其他系统复制来的数据），该行未读取",
                                 en: "this row holds NUL bytes (0x00, often left by data copied from another system): row not read")
        case .undecodableRow:
            return LocalizedText(zh: "该行含有无效的 UTF-8 字节（文件其余部分为 UTF-8，可能是粘贴进来的 GBK 文本），该行未读取",
                                 en: "this row holds invalid UTF-8 bytes (the rest of the file is UTF-8; perhaps pasted GBK text): row not read")
        case .binary(let byte):
            return LocalizedText(zh: "不是文本文件（第 \(byte) 字节处有二进制内容），文件未读取",
                                 en: "not a text file (binary content at byte \(byte)): file not read")
        case .unreadable(let reason):
            return LocalizedText(zh: "无法读取文件：\(reason)", en: "cannot read the file: \(reason)")
        case .encrypted:
            return LocalizedText(zh: "表格文件设有打开密码（已加密），无法读取：请在 Excel 或 WPS 中取消密码后另存，文件未读取",
                                 en: "the workbook is protected by a password (encrypted): save it without a password from Excel or WPS; file not read")
        case .damaged(let detail):
            return LocalizedText(zh: "表格文件已损坏或不完整（\(detail)），文件未读取：请在 Excel、WPS 或 LibreOffice 中打开后重新保存",
                                 en: "the workbook is damaged or incomplete (\(detail)): file not read; open it in Excel, WPS or LibreOffice and save it again")
        case .zipBomb(let part):
            return LocalizedText(zh: "表格文件的部件 \(part) 解压后超过 256 MiB 且超过压缩大小的 100 倍（疑似压缩炸弹），文件未读取",
                                 en: "the workbook's part \(part) inflates past 256 MiB and 100 times its compressed size (a zip bomb?): file not read")
        case .doctype(let part):
            return LocalizedText(zh: "表格文件的部件 \(part) 含有 DTD（外部实体或实体展开），正常的表格文件不会有，文件未读取",
                                 en: "the workbook's part \(part) holds a DTD (external entities or entity expansion), which no real workbook has: file not read")
        case .missingSharedString(let sheet, let cell, let index):
            return LocalizedText(zh: "工作表 \(sheet) 的单元格 \(cell) 引用了不存在的共享字符串 \(index)，表格文件已损坏，文件未读取",
                                 en: "cell \(cell) of sheet \(sheet) names shared string \(index), which does not exist: the workbook is damaged; file not read")
        case .cellOutOfRange(let sheet, let cell):
            return LocalizedText(zh: "工作表 \(sheet) 的单元格 \(cell) 超出 Excel 的范围（XFD1048576），表格文件已损坏，文件未读取",
                                 en: "cell \(cell) of sheet \(sheet) is past Excel's last cell (XFD1048576): the workbook is damaged; file not read")
        case .undecodable(let byte):
            return LocalizedText(zh: "无法解码：不是 UTF-8、UTF-16 或 GB18030（GBK）编码，第 \(byte) 字节处解码失败，文件未读取",
                                 en: "cannot decode: not UTF-8, UTF-16 or GB18030 (GBK); decoding failed at byte \(byte): file not read")
        default:
            return .empty
        }
    }

    /// F04: why the file was refused.
    private var refusedMessage: LocalizedText {
        switch self {
        case .ambiguous(let datasets):
            let sets = datasets.map(Phrase.datasetName)
            return LocalizedText(zh: "表头同样符合多个数据集（\(sets.map(\.zh).joined(separator: "、"))），文件名也无法区分，文件未读取",
                                 en: "the header fits several datasets equally (\(sets.map(\.en).joined(separator: ", "))) and the file name does not decide: file not read")
        case .noDataset(let closest, let columns):
            let name = Phrase.datasetName(closest)
            return LocalizedText(zh: "前 10 行中没有符合任何数据集的表头（最接近的是\(name.zh)，缺少：\(columns)），文件未读取",
                                 en: "no row among the first 10 is a header of any dataset (closest: \(name.en), missing: \(columns)): file not read")
        case .missingColumns(let dataset, let columns):
            let name = Phrase.datasetName(dataset)
            return LocalizedText(zh: "作为\(name.zh)缺少必需的列：\(columns)，文件未读取",
                                 en: "as \(name.en) it lacks the required columns: \(columns): file not read")
        default:
            return .empty
        }
    }

    /// F10: a balance row, or a total row with its sum check.
    private var totalMessage: LocalizedText {
        switch self {
        case .balanceRow(let label):
            return LocalizedText(zh: "“\(label)”是结转或余额行，不是记录，未计入任何数字",
                                 en: "\"\(label)\" is a balance or carry row, not a record: left out of every figure")
        case .totalRow(let label, let covered, let compared, let mismatches):
            let head = LocalizedText(zh: "“\(label)”是合计行，不是记录，未计入任何数字",
                                     en: "\"\(label)\" is a total row, not a record: left out of every figure")
            if !mismatches.isEmpty {
                let each = mismatches.map { m in
                    let field = Phrase.fieldName(m.field)
                    return LocalizedText(zh: "\(field.zh)：合计行写 \(m.written) 元，所合计的 \(covered) 行之和为 \(m.sum) 元",
                                         en: "\(field.en): the total row says \(m.written) yuan, the \(covered) rows it covers sum to \(m.sum) yuan")
                }
                return head + LocalizedText(zh: "；合计与明细不符——", en: "; it does not match its rows: ")
                    + each.joined(separator: LocalizedText(zh: "；", en: "; "))
            }
            if compared > 0 {
                return head + LocalizedText(zh: "；其金额与所合计的 \(covered) 行之和一致",
                                            en: "; its amounts match the sum of the \(covered) rows it covers")
            }
            return head
        default:
            return .empty
        }
    }
}

extension FileRules {
    /// F10, F11, F12 and F13 for the rows of `input` that are not records (found by the pass that read its
    /// records), with the sum check of each total row: one more pass over the file, only when a total row
    /// holds amounts. The findings name no record, so no record is excluded by them, whatever their severity.
    public static func recordNonRecords(_ found: NonRecordRows, input: OpenedInput, recorder: inout FindingRecorder) {
        let sums = coveredSums(found, input: input)
        var sectionStart = 0
        for (i, row) in found.rows.enumerated() {
            switch row.kind {
            case .balance(let label):
                recorder.cellFinding(FileFinding.balanceRow(label: label), row: row.row, column: row.column, field: nil, value: label)
            case .total(let label, let scope, let amounts):
                let from = scope == .section ? sectionStart : 0
                if scope == .section { sectionStart = row.recordsAbove }
                var mismatches: [FileFinding.TotalMismatch] = []
                for amount in amounts {
                    let sum = (sums[i]?[amount.field] ?? .zero) - (from == 0 ? .zero : (sums[i]?.before[amount.field] ?? .zero))
                    if sum != amount.amount {
                        mismatches.append(FileFinding.TotalMismatch(field: amount.field, written: amount.amount.yuanText, sum: sum.yuanText))
                    }
                }
                let finding = FileFinding.totalRow(label: label, covered: row.recordsAbove - from, compared: amounts.count,
                                                   mismatches: mismatches)
                recorder.cellFinding(finding, row: row.row, column: row.column, field: nil, value: label)
            case .footer(let lines):
                recorder.cellFinding(FileFinding.footer(lines: lines), row: row.row, column: row.column, field: nil, value: nil)
            case .example(let name):
                recorder.cellFinding(FileFinding.exampleRow, row: row.row, column: row.column, field: nil, value: name)
            }
        }
        for (column, data) in found.blankHeaderData.sorted(by: { $0.key < $1.key }) {
            recorder.cellFinding(FileFinding.dataUnderBlankHeader(cells: data.cells, firstRow: data.firstRow),
                                 row: input.headerRow, column: column, field: nil, value: "")
        }
    }

    /// For each total row with amounts (by its place in `found.rows`), the sums of each money field over
    /// the records above it, and (`before`) above the start of its section.
    private struct Sums {
        var above: [Field: Money] = [:]
        var before: [Field: Money] = [:]
        subscript(_ field: Field) -> Money? { above[field] }
    }

    private static func coveredSums(_ found: NonRecordRows, input: OpenedInput) -> [Int: Sums] {
        // Record counts at which a running sum is wanted: each total row's end, and its section's start.
        var wanted: Set<Int> = []
        var sectionStart = 0
        var starts: [Int: Int] = [:]
        for (i, row) in found.rows.enumerated() {
            guard case .total(_, let scope, let amounts) = row.kind else { continue }
            let from = scope == .section ? sectionStart : 0
            if scope == .section { sectionStart = row.recordsAbove }
            guard !amounts.isEmpty else { continue }
            starts[i] = from
            wanted.insert(row.recordsAbove)
            wanted.insert(from)
        }
        guard !starts.isEmpty else { return [:] }
        let mapping = input.mapping
        let money = mapping.dataset.fields.filter { $0.kind == .money }.compactMap { f in mapping.columnOfField[f].map { (f, $0) } }
        let reader = RowReader(mapping: mapping)
        var running: [Field: Money] = [:]
        var at: [Int: [Field: Money]] = [:]
        var scratch = FindingRecorder(policy: RulePolicy(severities: [:]), file: input.source.name)
        var count = 0
        input.forEachRawRecord(recorder: &scratch) { raw, index, _ in
            if wanted.contains(index) { at[index] = running }
            count = index + 1
            // The records that read: a ragged or undecodable one has no amounts.
            guard reader.canRead(raw) else { return }
            for (field, column) in money {
                if case .success(let m) = Money.parse(raw.string(column).trimmingASCIIWhitespace()) { running[field, default: .zero] += m }
            }
        }
        for w in wanted where w >= count { at[w] = running }
        var result: [Int: Sums] = [:]
        for (i, from) in starts {
            result[i] = Sums(above: at[found.rows[i].recordsAbove] ?? [:], before: at[from] ?? [:])
        }
        return result
    }
}
