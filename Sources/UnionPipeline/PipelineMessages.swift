// UnionPipeline's messages in both languages: one table, one case per message (the run's and the roll-up's,
// their closing lines, `init`'s, and unionbatch.toml's errors). The template files `init` writes are files, not
// messages: they stay in FolderTemplates.swift.
import UnionCore
import UnionRules

/// Why a run or a roll-up stopped, or what it tells the clerk besides its closing figures. Call sites name a
/// case; the words are here alone.
enum PipelineMessage: Sendable {
    case cannotReadFolder(String)
    /// A unionbatch.toml that does not read, with the reader's own text (file, line, key, what is wrong).
    case invalidConfiguration(String)
    /// A folder with nothing to read: `init` writes the templates to start from.
    case noInputs(folder: String)
    /// A dataset's amounts that cannot be totalled, by the names of its files.
    case amountsTooLarge(files: [String])
    case accountingBroken(String)
    case noUsableInput
    /// A write that failed, with the writer's own words.
    case writeFailed(String)
    case invalidTemplate(String)
    /// The output folder refused or failed (lock, swap, a folder that is not ours).
    case outputFolder(OutputFolderError)
    /// unionbatch.toml names no unit: the text says 本单位工会.
    case unitNotNamed
    /// The unit's name in the page headings when unionbatch.toml names none.
    case unnamedUnit

    // The roll-up's.
    case noFederationFolders
    case noGrassrootsUnions
    case noUnitRolledUp
    case unitAmountsTooLarge
    case federationWriteFailed(String)
    case federationNotNamed
    /// A unit's line: its name, kind and key figures.
    case unitLine(name: String, type: String, members: Int, errors: Int, warnings: Int)
    case unitNotRolledUp(name: String, why: String)
    /// What a roll-up added up; `nested` when some units are federations themselves.
    case rolledUp(units: Int, nested: (federations: Int, grassroots: Int)?, failed: Int, members: Int, errors: Int, warnings: Int)
    case federationWritten(String)

    // The workbooks' sheets.
    case hiddenSheet(input: String)
    case hiddenRows(input: String, count: Int)
    case xlsLimits(input: String)
    case unusedSheet(input: String)
    case lockFile(name: String)

    /// A closing line of a run.
    case closing(ClosingLine)
    /// What `init` says.
    case folderInit(FolderInitText)
    /// What is wrong with unionbatch.toml (after its file, line and key).
    case configuration(ConfigurationError.Kind)

    func text(_ language: Language) -> String { localized.text(language) }

    var localized: LocalizedText {
        switch self {
        case .cannotReadFolder(let folder):
            return LocalizedText(zh: "无法读取文件夹：\(folder)", en: "cannot read the folder: \(folder)")
        case .invalidConfiguration(let why):
            return LocalizedText(zh: "配置文件有误：" + why, en: "invalid configuration: " + why)
        case .noInputs(let folder):
            return LocalizedText(zh: "文件夹 \(folder) 中没有 CSV 文件（*.csv、*.txt、*.tsv）或表格文件（*.xlsx、*.ods、*.xls）。新建的文件夹请先运行 unionbatch init 写出模板",
                                 en: "no CSV files (*.csv, *.txt, *.tsv) or workbooks (*.xlsx, *.ods, *.xls) in \(folder). For a new folder, run unionbatch init first to write the templates")
        case .amountsTooLarge(let files):
            return LocalizedText(zh: "\(files.joined(separator: "、")) 的金额合计超出可计算的范围（是否有金额填错了位数？），未写出任何文件",
                                 en: "the amounts of \(files.joined(separator: ", ")) add up past what can be totalled (an amount with too many digits?); nothing written")
        case .accountingBroken(let why):
            return LocalizedText(zh: "内部错误（行数核对不平），未写出任何文件：" + why,
                                 en: "internal error (row accounting does not balance), nothing written: " + why)
        case .noUsableInput:
            return LocalizedText(zh: "没有可用的输入文件，未写出任何文件", en: "no usable input file: nothing written")
        case .writeFailed(let why):
            return LocalizedText(zh: "写出文件失败，输出文件夹保持原样：" + why, en: "writing the outputs failed; the output folder is unchanged: " + why)
        case .invalidTemplate(let why):
            return LocalizedText(zh: "报告模板有误：" + why, en: "invalid report template: " + why)
        case .outputFolder(let error):
            return Self.outputFolderText(error)
        case .unitNotNamed:
            return LocalizedText(zh: "提示：unionbatch.toml 未设置单位名称（unit），汇总表和年度报告中写作“本单位工会”",
                                 en: "note: unionbatch.toml names no unit (unit = \"…\"); the workbook and the annual text say \"this union\"")
        case .unnamedUnit:
            return LocalizedText(zh: "本单位工会", en: "this union")
        case .noFederationFolders:
            return LocalizedText(zh: "请给出联合工会的文件夹，或用 --from-summaries 给出各基层工会的 summary.json",
                                 en: "give federation folders, or summary.json files with --from-summaries")
        case .noGrassrootsUnions:
            return LocalizedText(zh: "没有找到基层工会：联合工会文件夹的子文件夹中应有 CSV 文件",
                                 en: "no grassroots unions found: the sub-folders of a federation folder hold their CSV files")
        case .noUnitRolledUp:
            return LocalizedText(zh: "没有一个基层工会能够汇总", en: "no grassroots union could be rolled up")
        case .unitAmountsTooLarge:
            return LocalizedText(zh: "各单位的金额合计超出可计算的范围，未写出任何文件", en: "the units' amounts add up past what can be totalled; nothing written")
        case .federationWriteFailed(let why):
            return LocalizedText(zh: "写出联合工会汇总失败：" + why, en: "writing the federation outputs failed: " + why)
        case .federationNotNamed:
            return LocalizedText(zh: "提示：unionbatch.toml 未设置联合工会名称（unit），年度报告中写作“本级工会”",
                                 en: "note: unionbatch.toml names no federation (unit = \"…\"); the annual text says \"this federation\"")
        case .unitLine(let name, let type, let members, let errors, let warnings):
            return LocalizedText(zh: "\(name)（\(type)）：会员 \(members) 人，错误 \(errors) 处、警告 \(warnings) 处",
                                 en: "\(name) (\(type)): \(members) members, \(errors) errors, \(warnings) warnings")
        case .unitNotRolledUp(let name, let why):
            return LocalizedText(zh: "\(name)：未能汇总：" + why, en: "\(name): not rolled up: " + why)
        case .rolledUp(let units, let nested, let failed, let members, let errors, let warnings):
            let zhUnits = nested.map { "个单位（其中联合工会 \($0.federations) 个，基层工会共 \($0.grassroots) 家）" } ?? "家基层工会"
            let enUnits = nested.map { "units (\($0.federations) federations, \($0.grassroots) grassroots unions in all)" } ?? "grassroots unions"
            return LocalizedText(zh: "汇总 \(units) " + zhUnits + (failed > 0 ? "（另有 \(failed) 家未能汇总）" : "")
                                     + "：会员 \(members) 人，错误 \(errors) 处、警告 \(warnings) 处。",
                                 en: "Rolled up \(units) " + enUnits + (failed > 0 ? " (\(failed) could not be)" : "")
                                     + ": \(members) members, \(errors) errors, \(warnings) warnings.")
        case .federationWritten(let folder):
            return LocalizedText(zh: "联合工会输出已写入 \(folder)", en: "Federation outputs written to \(folder)")
        case .hiddenSheet(let input):
            return LocalizedText(zh: "\(input)：隐藏的工作表，已读取", en: "\(input): a hidden sheet, read")
        case .hiddenRows(let input, let n):
            return LocalizedText(zh: "\(input)：有 \(n) 行隐藏，已读取", en: "\(input): \(n) hidden rows, read")
        case .xlsLimits(let input):
            return LocalizedText(zh: "\(input)：.xls 文件不提供公式结果、隐藏行和合并单元格（公式单元格读作空），建议另存为 .xlsx",
                                 en: "\(input): an .xls file gives no formula results, hidden rows or merged cells (a formula cell reads as empty); save it as .xlsx")
        case .unusedSheet(let input):
            return LocalizedText(zh: "\(input)：不符合任何数据集，未使用", en: "\(input): fits no dataset, not used")
        case .lockFile(let name):
            return LocalizedText(zh: "\(name)：Office 的锁定文件（表格正在别处打开），已跳过",
                                 en: "\(name): an Office lock file (the workbook is open elsewhere), skipped")
        case .closing(let line): return line.localized
        case .folderInit(let text): return text.localized
        case .configuration(let kind): return Self.configurationText(kind)
        }
    }

    /// Why the output folder could not be written, and what to do.
    private static func outputFolderText(_ error: OutputFolderError) -> LocalizedText {
        switch error {
        case .notOurs(let path):
            return LocalizedText(zh: "输出文件夹 \(path) 已存在且不是 unionbatch 的输出（没有 manifest.json），为免覆盖其中的文件，未写出任何内容；请用 --out 指定新的文件夹",
                                 en: "the output folder \(path) exists and is not unionbatch's (no manifest.json); nothing written, to leave its files alone: give a new folder with --out")
        case .cannotCreate(let path, let why):
            return LocalizedText(zh: "无法写出输出文件夹 \(path)：\(why)。请检查它所在的文件夹是否可写，或用 --out 指定其他位置；未写出任何文件，原有文件保持原样",
                                 en: "cannot write the output folder \(path): \(why). Check that the folder holding it is writable, or give another place with --out; nothing was written and existing files are as they were")
        case .cannotWrite(let name, let why):
            return PipelineMessage.writeFailed(name + ": " + why).localized
        case .cannotSwap(let path, let why):
            return LocalizedText(zh: "无法写出 \(path)：" + why, en: "cannot write \(path): " + why)
        case .holdsInput(let path, let input):
            return LocalizedText(zh: "输出文件夹 \(path) 就是输入文件夹 \(input) 或包含它，未写出任何内容；请用 --out 指定输入文件夹以外的新文件夹",
                                 en: "the output folder \(path) is the input folder \(input) or holds it; nothing written: give a new folder outside the inputs with --out")
        case .pathThroughFile(let path, let file):
            return LocalizedText(zh: "无法写出输出文件夹 \(path)：\(file) 是一个文件，不是文件夹；未写出任何文件。请用 --out 指定其他位置",
                                 en: "cannot write the output folder \(path): \(file) is a file, not a folder; nothing written. Give another place with --out")
        case .busy(let path, let holder):
            let zhWho = holder.map { "（进程 \($0.pid)，用户 \($0.user)）" } ?? ""
            let enWho = holder.map { " (process \($0.pid), user \($0.user))" } ?? ""
            return LocalizedText(zh: "另一个 unionbatch 运行\(zhWho)正在写出 \(path)，等待 10 秒后仍未结束；本次未写出任何文件，请等它结束后再运行",
                                 en: "another unionbatch run\(enWho) is writing \(path) and did not finish within 10 seconds; nothing written: run again once it is done")
        }
    }
}

extension PipelineMessage {
    /// The lines a run closes with, and its wrong-year notice.
    enum ClosingLine: Sendable {
        /// Rows read and what became of them.
        case rowsRead(RowTally, year: Int)
        case findingCounts(errors: Int, warnings: Int)
        /// Files and sheets not read, by why.
        case unread(UnreadFiles)
        /// An output the clerk edited, kept under another name.
        case kept(KeptEdit)
        case outputsWritten(folder: String)
        case whereToStart
        /// Where to start for `check`, which writes issues.csv alone.
        case checkOnlyStart
        /// Most payment and claim dates are in another year.
        case yearNotice(YearNotice)

        var localized: LocalizedText {
            switch self {
            case .rowsRead(let t, let year): return Self.rowsRead(t, year: year)
            case .findingCounts(let errors, let warnings):
                return LocalizedText(zh: "发现错误 \(errors) 处、警告 \(warnings) 处。", en: "\(errors) errors and \(warnings) warnings.")
            case .unread(let u): return Self.unread(u)
            case .kept(let k):
                return LocalizedText(zh: "上次输出的 \(k.original) 被修改过，已另存为 \(k.keptAs)。",
                                     en: "\(k.original) was edited since the last run and was kept as \(k.keptAs).")
            case .outputsWritten(let folder):
                return LocalizedText(zh: "输出已写入 \(folder)", en: "Outputs written to \(folder)")
            case .whereToStart:
                return LocalizedText(zh: "先看 summary.xlsx 的“概览”，再看“问题清单”或 issues.csv。",
                                     en: "Start with summary.xlsx's 概览 (overview), then 问题清单 (findings) or issues.csv.")
            case .checkOnlyStart:
                return LocalizedText(zh: "问题清单见 issues.csv。", en: "The findings are in issues.csv.")
            case .yearNotice(let n):
                return LocalizedText(zh: "注意：发放和报销的 \(n.dates) 个日期中只有 \(n.inYear) 个在统计年度 \(n.year) 年，\(n.inDatesYear) 个在 \(n.datesYear) 年。"
                                         + "如要核查 \(n.datesYear) 年度，请加 --year \(n.datesYear)（或在 unionbatch.toml 中设 year = \(n.datesYear)）。",
                                     en: "note: of \(n.dates) payment and claim dates only \(n.inYear) are in the reporting year \(n.year); \(n.inDatesYear) are in \(n.datesYear). "
                                         + "To check \(n.datesYear), add --year \(n.datesYear) (or set year = \(n.datesYear) in unionbatch.toml).")
            }
        }

        private static func rowsRead(_ t: RowTally, year: Int) -> LocalizedText {
            var zh = "读取 \(t.files) 个文件，共 \(t.rows) 行：计入 \(t.included) 行，排除 \(t.excluded) 行（有错误"
            var en = "Read \(t.files) files, \(t.rows) rows: \(t.included) included, \(t.excluded) excluded (errors"
            if t.afterAsOf > 0 {
                zh += "，其中 \(t.afterAsOf) 行日期晚于截止日期"
                en += "; \(t.afterAsOf) of them dated after the as-of date"
            }
            zh += "），非\(year)年度 \(t.outsideYear) 行。"
            en += "), \(t.outsideYear) outside \(year)."
            return LocalizedText(zh: zh, en: en)
        }

        private static func unread(_ u: UnreadFiles) -> LocalizedText {
            var zh: [String] = [], en: [String] = []
            if u.refused > 0 { zh.append("无法读取 \(u.refused) 个（原因见问题清单）"); en.append("\(u.refused) refused (see the findings for why)") }
            if u.empty > 0 { zh.append("空文件 \(u.empty) 个"); en.append("\(u.empty) empty") }
            if u.formats > 0 { zh.append("格式无法读取 \(u.formats) 个（F09，另存为 .xlsx 或 .csv 即可）"); en.append("\(u.formats) in a format that cannot be read (F09: save as .xlsx or .csv)") }
            if u.unusedSheets > 0 { zh.append("未使用的工作表 \(u.unusedSheets) 个"); en.append("\(u.unusedSheets) sheets not used") }
            if u.lockFiles > 0 { zh.append("Office 锁定文件 \(u.lockFiles) 个"); en.append("\(u.lockFiles) Office lock files") }
            return LocalizedText(zh: "另有 \(u.total) 个文件或工作表未读取：" + zh.joined(separator: "，") + "。",
                                 en: "\(u.total) files or sheets not read: " + en.joined(separator: ", ") + ".")
        }
    }

    /// What `unionbatch init` says: the files written and what each is for, the next steps, or why nothing was written.
    enum FolderInitText: Sendable {
        case written(folder: String)
        /// What a template file is for (said after its name).
        case purpose(file: String)
        case nextHeading
        case putExportsHere
        case nameTheUnit
        case runCommand(String)
        case openSummary
        case filesExist(folder: String, names: [String])
        case cannotWrite(path: String)

        /// The next steps, in order, for a folder run with `command`.
        static func nextSteps(command: String) -> [FolderInitText] { [.putExportsHere, .nameTheUnit, .runCommand(command), .openSummary] }

        var localized: LocalizedText {
            switch self {
            case .written(let folder): return LocalizedText(zh: "已在 \(folder) 写出：", en: "Written into \(folder):")
            case .purpose(let file): return Self.purpose(of: file)
            case .nextHeading: return LocalizedText(zh: "下一步：", en: "Next:")
            case .putExportsHere:
                return LocalizedText(zh: "把本单位导出的数据文件放进这个文件夹（或在上面的模板中填写），并删去以“示例”开头的示例行。",
                                     en: "Put your unit's exports into this folder (or fill in the templates above), and delete the example rows (names starting with 示例).")
            case .nameTheUnit:
                return LocalizedText(zh: "在 unionbatch.toml 中把 unit 改成本单位工会的名称。", en: "Set unit in unionbatch.toml to your union's name.")
            case .runCommand(let command): return LocalizedText(zh: "运行 \(command)", en: "Run \(command)")
            case .openSummary:
                return LocalizedText(zh: "打开 unionbatch-out/summary.xlsx，先看“概览”，再看“问题清单”。",
                                     en: "Open unionbatch-out/summary.xlsx: 概览 (overview) first, then 问题清单 (findings).")
            case .filesExist(let folder, let names):
                return LocalizedText(zh: "\(folder) 中已有 \(names.joined(separator: "、"))：未写出任何文件",
                                     en: "\(folder) already has \(names.joined(separator: ", ")): nothing written")
            case .cannotWrite(let path): return LocalizedText(zh: "无法写入 \(path)", en: "cannot write \(path)")
            }
        }

        private static func purpose(of name: String) -> LocalizedText {
            switch name {
            case "会员名册.csv": return LocalizedText(zh: "（会员名册模板）", en: " (roster template)")
            case "帮扶慰问发放.csv": return LocalizedText(zh: "（帮扶慰问发放模板）", en: " (payments template)")
            case "医疗互助报销.csv": return LocalizedText(zh: "（医疗互助报销模板）", en: " (claims template)")
            case "两癌参保.csv": return LocalizedText(zh: "（参保名单模板）", en: " (enrolments template)")
            case "经费收支明细账.csv": return LocalizedText(zh: "（经费收支明细账模板）", en: " (ledger template)")
            case RunConfiguration.fileName: return LocalizedText(zh: "（本文件夹的设置）", en: " (this folder's settings)")
            default: return LocalizedText(zh: "", en: "")
            }
        }
    }

    /// What is wrong with unionbatch.toml; the TOML reader's and the profile's own kinds say it in their words.
    private static func configurationText(_ kind: ConfigurationError.Kind) -> LocalizedText {
        switch kind {
        case .noSuchFile:
            return LocalizedText(zh: "找不到这个文件", en: "no such file")
        case .cannotRead(let reason):
            return LocalizedText(zh: "无法读取（\(reason)）", en: "cannot read: \(reason)")
        case .syntax(let kind):
            return kind.text
        case .profile(let kind):
            return kind.text
        case .expectedString(let found):
            return LocalizedText(zh: "应为加英文双引号的文字，这里是\(found.text.zh)", en: "expected a string, found \(found.text.en)")
        case .unknownProfile(let name, let builtIn):
            return LocalizedText(zh: "没有名为“\(name)”的规则方案（内置：\(builtIn.joined(separator: "、"))）",
                                 en: "unknown profile \"\(name)\" (built in: \(builtIn.joined(separator: ", ")))")
        case .expectedUnitType(let types):
            return LocalizedText(zh: "应为以下之一：\(types.joined(separator: "、"))", en: "expected one of \(types.joined(separator: "、"))")
        case .expectedYear:
            return LocalizedText(zh: "应为年份，如 2025（不加引号）", en: "expected a year such as 2025")
        case .expectedDate:
            return LocalizedText(zh: "应为日期，如 2025-12-31", en: "expected a date such as 2025-12-31")
        case .expectedTable:
            return LocalizedText(zh: "应为一个小节（表），如 [rules]", en: "expected a table")
        case .unknownRuleCode:
            return LocalizedText(zh: "没有这个规则代码（unionbatch rules 列出全部规则）", en: "unknown rule code")
        case .fixedRule(let code):
            return LocalizedText(zh: "\(code) 不能关闭或更改：没有它，数据行无法读取",
                                 en: "\(code) cannot be switched off or changed: without it a row cannot be read")
        case .expectedSeverity:
            return LocalizedText(zh: "应为 \"error\"（错误）、\"warning\"（提醒）或 \"off\"（关闭）",
                                 en: "expected \"error\", \"warning\" or \"off\"")
        case .unknownField(let target):
            return LocalizedText(zh: "无法识别的字段“\(target)”（如 id_number 或 members.id_number）",
                                 en: "unknown field \"\(target)\" (e.g. id_number or members.id_number)")
        case .expectedDataset:
            return LocalizedText(zh: "应为 members（会员名册）、payments（慰问发放）、claims（医疗互助）、enrollments（参保）或 ledger（经费收支）",
                                 en: "expected members, payments, claims, enrollments or ledger")
        case .unknownKey:
            return LocalizedText(zh: "无法识别的设置项（请检查拼写）", en: "unknown key")
        case .expectedSecret:
            return LocalizedText(zh: "密钥不能为空", en: "expected a non-empty secret")
        case .expectedGrowth(let found):
            return LocalizedText(zh: "应为增长比例，如 0.05，这里是\(found.text.zh)", en: "expected a rate such as 0.05, found \(found.text.en)")
        case .growthOutOfRange:
            return LocalizedText(zh: "增长比例应不小于 -1，最多 4 位小数，如 0.05",
                                 en: "expected a rate of at least -1 with at most 4 decimals, such as 0.05")
        case .expectedSentences(let found):
            return LocalizedText(zh: "应为若干句文字的列表，如 [\"第一句\", \"第二句\"]" + (found.map { "，这里有\($0.text.zh)" } ?? ""),
                                 en: "expected a list of sentences" + (found.map { ", found \($0.text.en)" } ?? ""))
        case .unknownBudgetLine:
            return LocalizedText(zh: "无法识别的类别（请用标准名称，如 节日慰问、困难帮扶、门诊）",
                                 en: "unknown category (canonical names such as 节日慰问, 困难帮扶, 门诊)")
        case .expectedBudgetAmount:
            return LocalizedText(zh: "应为以元计的金额，如 12000", en: "expected an amount in yuan such as 12000")
        }
    }
}

/// A stage that stops the run says why with this; the run turns it into words in the language asked for.
struct RunStop: Error {
    let message: PipelineMessage
    init(_ message: PipelineMessage) { self.message = message }
}
