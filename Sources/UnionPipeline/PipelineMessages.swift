// The run's and the roll-up's messages in both languages: one table, one case per message.
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

/// A stage that stops the run says why with this; the run turns it into words in the language asked for.
struct RunStop: Error {
    let message: PipelineMessage
    init(_ message: PipelineMessage) { self.message = message }
}
