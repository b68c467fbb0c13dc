// Every text of the command line itself (help, usage errors, option checks), in Chinese and English.
import Foundation
import UnionCore
import UnionRules

extension LocalizedText {
    /// The text in the command line's language.
    var text: String { CLILanguage.current == .en ? en : zh }
}

/// The language of the command line, fixed before the arguments are parsed (help is made during parsing):
/// `--lang en` anywhere before `--`, else `UNIONBATCH_LANG`, else Chinese whatever the locale.
enum CLILanguage {
    static let current: Language = detect(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment)

    static func detect(arguments: [String], environment: [String: String]) -> Language {
        var i = 1
        while i < arguments.count, arguments[i] != "--" {
            let argument = arguments[i]
            if argument == "--lang", i + 1 < arguments.count, let l = Language(rawValue: arguments[i + 1]) { return l }
            if argument.hasPrefix("--lang="), let l = Language(rawValue: String(argument.dropFirst(7))) { return l }
            i += 1
        }
        return environment["UNIONBATCH_LANG"].flatMap { Language(rawValue: $0) } ?? .zh
    }
}

/// The command line's texts, one static member each: a missing translation does not compile.
enum CLIText {
    // MARK: Commands
    static let rootAbstract = LocalizedText(
        zh: "工会年终数据核查与汇总：核查会员名册、帮扶慰问、医疗互助和参保的导出文件，写出年终汇总表格和年终工作总结的文字。",
        en: "Union year-end data check and summary: checks the roster, payment, claim and enrolment exports and writes the year-end workbooks and report text.")
    static let runAbstract = LocalizedText(
        zh: "核查文件夹中的数据文件，写出 summary.xlsx、核查后的表格、annual-report.txt、issues.csv 和 summary.json（默认子命令）。",
        en: "Check the folder's data files and write summary.xlsx, checked workbooks, annual-report.txt, issues.csv, summary.json (the default).")
    static let checkAbstract = LocalizedText(
        zh: "只核查：问题逐条显示在终端，并写出 issues.csv。",
        en: "Validate only: findings to the terminal and issues.csv.")
    static let rulesAbstract = LocalizedText(
        zh: "列出核查规则，以及（按文件夹中的 unionbatch.toml）实际生效的级别和限额。",
        en: "Print the rule catalog with the severities and limits in effect (after FOLDER's unionbatch.toml).")
    static let initAbstract = LocalizedText(
        zh: "写出各类数据的模板 CSV（表头和一行示例）和带注释的 unionbatch.toml。",
        en: "Write template CSVs (a header and one example row per dataset) and a commented unionbatch.toml.")
    static let templatesAbstract = LocalizedText(
        zh: "写出内置的年终工作总结模板以便修改（放入 文件夹/templates/ 即可生效）。",
        en: "Write the built-in annual-report templates out to edit (put them in FOLDER/templates/ to use them).")
    static let convertAbstract = LocalizedText(
        zh: "把分隔符文本文件（CSV、TSV、TXT）转换成在 Calc 中能正确打开的 XLSX 表格。",
        en: "Convert delimited text files (CSV, TSV, TXT) to XLSX workbooks that open right in Calc.")
    static let convertDiscussion = LocalizedText(
        zh: """
            每个文件的编码（UTF-8、带 BOM 的 UTF-16、GB18030/GBK）和分隔符自动识别。单元格一律保留为文本，\
            只有表格软件不会损坏的纯数字才写成数字：不以 0 开头、有效数字不超过 15 位、不在身份证号、手机号、\
            账号或编码一类的列中；数字保持原样（1624.50、1,234、12.5%）。日期保留为文本。以 =、+、- 或 @ 开头\
            而不是上述数字的文本写成文本单元格，绝不成为公式。超过 32,767 个字符的单元格被截断（并给出警告）；\
            超过 1,048,576 行时续写到下一个工作表。表头行加粗、冻结并可筛选；页面为 A4 横向。
            每个文件在旁边（或 --out 指定的文件夹中）生成同名的 .xlsx；已有的文件只有加 --replace 才会被替换，\
            输入文件本身永不覆盖。
            退出状态：0 全部转换成功，1 有文件未能转换，2 用法有误。
            """,
        en: """
            Encoding (UTF-8, UTF-16 with BOM, GB18030/GBK) and delimiter are detected per file. Every cell stays \
            text unless it is plainly a number a spreadsheet cannot damage: no leading zero, at most 15 \
            significant digits, not in a column of ID numbers, phones, accounts or codes; it keeps its look \
            (1624.50, 1,234, 12.5%). Dates stay text. Text starting with =, +, - or @ that is not such a number \
            is a text cell, never a formula. Cells over 32,767 characters are cut (with a warning); past \
            1,048,576 rows the table continues on another sheet. The header row is bold, frozen and filtered; \
            pages are A4 landscape.
            Each FILE gives <name>.xlsx beside it (or in --out DIR); an existing file is replaced only with \
            --replace, and never the input itself.
            Exit status: 0 all converted, 1 some files failed, 2 bad usage.
            """)
    static let rollupAbstract = LocalizedText(
        zh: "汇总联合工会：文件夹下每个子文件夹是一个基层工会，先逐个按 run 处理，再写出联合工会的汇总。",
        en: "Roll up a federation: each sub-folder of FOLDER is one grassroots union, run as `run` would; then the federation's outputs.")
    static let rollupDiscussion = LocalizedText(
        zh: "加 --from-summaries 时，只用各基层工会的 summary.json 汇总数字（没有问题清单）。",
        en: "With --from-summaries, the federation figures are built from the units' summary.json files alone (no findings list).")

    static let configurationInvalid = LocalizedText(zh: "配置文件有误：", en: "invalid configuration: ")

    // MARK: Arguments and options
    static let folderArgument = LocalizedText(zh: "存放导出数据文件的文件夹（默认：当前文件夹）。",
                                          en: "The folder holding the data exports (default: the current folder).")
    static let outOption = LocalizedText(zh: "输出写到哪个文件夹（默认：文件夹/unionbatch-out）。",
                                     en: "Where to write the outputs (default: FOLDER/unionbatch-out).")
    static let yearOption = LocalizedText(zh: "统计年度（默认：多数发放和报销日期所在的年份）。",
                                      en: "The reporting year (default: the year most payment and claim dates fall in).")
    static let asOfOption = LocalizedText(zh: "统计截止日期，如 2025-12-31（默认：该年 12 月 31 日，若今天更早则为今天）。",
                                      en: "The report's date, YYYY-MM-DD (default: 31 December of the year, or today if earlier).")
    static let langOption = LocalizedText(zh: "提示、表格和文字的语言：zh（中文，默认）或 en（英文）；也可设环境变量 UNIONBATCH_LANG。",
                                      en: "Language of messages, sheets and text: zh (the default) or en; or set UNIONBATCH_LANG.")
    static let configOption = LocalizedText(zh: "配置文件（默认：文件夹中的 unionbatch.toml，如有）。",
                                        en: "The configuration file (default: FOLDER/unionbatch.toml when present).")
    static let noMaskOption = LocalizedText(zh: "不遮挡：身份证号和手机号在所有输出中完整显示。",
                                        en: "Mask nothing (ID numbers and phones in full everywhere).")
    static let maskAllOption = LocalizedText(zh: "核查后的表格中也遮挡身份证号和手机号。",
                                         en: "Mask ID numbers and phones in the checked workbooks too.")
    static let quietOption = LocalizedText(zh: "只显示最后的小结，不逐条显示问题。",
                                       en: "Print only the closing summary, not one line per finding.")
    static let timingsOption = LocalizedText(zh: "在标准错误中显示各阶段（读取、核查、汇总、各表格的写入和压缩）的用时。",
                                         en: "Print the time each stage took (open, check, summary, each workbook's rows and zip) to standard error.")
    static let singleThreadOption = LocalizedText(zh: "所有表格在一个线程上依次写出（结果相同，用于测量）。",
                                              en: "Write the workbooks one after another on one thread (same bytes; for measuring each stage).")
    static let summaryOnlyOption = LocalizedText(zh: "只写汇总，不写核查后的表格。",
                                             en: "Write everything but the checked workbooks.")
    static let rulesFolderArgument = LocalizedText(zh: "按哪个文件夹中的 unionbatch.toml 列出规则（默认：当前文件夹）。",
                                               en: "A folder whose unionbatch.toml applies (default: the current folder).")
    static let initFolderArgument = LocalizedText(zh: "写到哪个文件夹（默认：当前文件夹）。",
                                              en: "The folder to write into (default: the current folder).")
    static let templatesFolderArgument = LocalizedText(zh: "模板写到哪个文件夹（默认：./templates）。",
                                                   en: "Where to write them (default: ./templates).")
    static let convertFilesArgument = LocalizedText(zh: "要转换的分隔符文本文件。", en: "The delimited text files to convert.")
    static let convertOutOption = LocalizedText(zh: "表格写到哪个文件夹（默认：各输入文件旁边；不存在则新建）。",
                                            en: "The folder to write the workbooks into (default: beside each input; created if missing).")
    static let replaceOption = LocalizedText(zh: "替换输出位置上已有的表格。", en: "Replace workbooks that already exist at the output paths.")
    static let rollupPathsArgument = LocalizedText(zh: "联合工会的文件夹（加 --from-summaries 时为各基层工会的 summary.json）。",
                                               en: "Federation folders (or, with --from-summaries, the units' summary.json files).")
    static let fromSummariesOption = LocalizedText(zh: "给出的路径是各基层工会的 summary.json 文件。",
                                               en: "The paths are units' summary.json files.")
    static let rollupOutOption = LocalizedText(zh: "联合工会的输出写到哪个文件夹（默认：第一个文件夹/unionbatch-out）。",
                                           en: "Where to write the federation outputs (default: FOLDER/unionbatch-out).")
    static let rollupYearOption = LocalizedText(zh: "统计年度（默认：各基层工会自己的年度）。",
                                            en: "The reporting year (default: the units' own).")
    static let rollupAsOfOption = LocalizedText(zh: "统计截止日期，如 2025-12-31。", en: "The report's date, YYYY-MM-DD.")
    static let rollupNoMaskOption = LocalizedText(zh: "不遮挡身份证号和手机号。", en: "Mask nothing.")
    static let rollupQuietOption = LocalizedText(zh: "只显示最后的小结。", en: "Print only the closing summary.")

    // MARK: Value names shown in usage lines
    static let folderValue = LocalizedText(zh: "文件夹", en: "folder")
    static let fileValue = LocalizedText(zh: "文件", en: "file")
    static let yearValue = LocalizedText(zh: "年份", en: "year")
    static let dateValue = LocalizedText(zh: "日期", en: "date")
    static let langValue = LocalizedText(zh: "语言", en: "lang")
    static let pathValue = LocalizedText(zh: "路径", en: "path")

    // MARK: Checks of option values
    static func yearInvalid() -> String {
        LocalizedText(zh: "--year 应是年份，如 2025", en: "--year must be a year such as 2025").text
    }
    static func asOfInvalid(_ value: String) -> String {
        LocalizedText(zh: "--as-of 应是日期，如 2025-12-31，而不是“\(value)”", en: "--as-of must be a date such as 2025-12-31, not '\(value)'").text
    }
    static func langInvalid(_ value: String) -> String {
        LocalizedText(zh: "--lang 只能是 zh 或 en，而不是“\(value)”", en: "--lang must be zh or en, not '\(value)'").text
    }
    static let maskBoth = LocalizedText(zh: "--no-mask 和 --mask-all 不能同时使用", en: "--no-mask and --mask-all cannot be used together")
    static let rollupNoPaths = LocalizedText(zh: "请至少给出一个联合工会文件夹（或加 --from-summaries 给出 summary.json 文件）",
                                         en: "give at least one federation folder (or summary.json with --from-summaries)")
    static let convertNoFiles = LocalizedText(zh: "请至少给出一个要转换的文件", en: "name at least one file to convert")
    static func convertOutIsFile(_ out: String) -> String {
        LocalizedText(zh: "--out \(out) 是文件，不是文件夹", en: "--out \(out) is a file, not a folder").text
    }
    static func convertCannotCreate(_ out: String, _ reason: String) -> String {
        LocalizedText(zh: "无法新建 --out 指定的文件夹 \(out)：\(reason)", en: "cannot create the folder --out \(out): \(reason)").text
    }
    static func templateExists(_ path: String) -> String {
        LocalizedText(zh: "\(path) 已存在：未写出任何文件", en: "\(path) exists: nothing written").text
    }
    static func cannotWrite(_ path: String) -> String {
        LocalizedText(zh: "无法写入 \(path)", en: "cannot write \(path)").text
    }

    // MARK: Usage errors (ArgumentParser's own messages, said in Chinese)
    static func unknownSubcommand(_ typed: String, _ suggestion: String) -> String {
        LocalizedText(zh: "没有子命令“\(typed)”，也没有名为“\(typed)”的文件夹；是否想用“unionbatch \(suggestion)”？",
                  en: "there is no subcommand '\(typed)' and no folder named '\(typed)'; did you mean 'unionbatch \(suggestion)'?").text
    }
    static func dashFolderHint(_ option: String) -> String {
        LocalizedText(zh: "若“\(option)”是文件夹名，请写在 -- 之后：unionbatch run -- \(option)",
                  en: "if '\(option)' is a folder, put it after --: unionbatch run -- \(option)").text
    }
}
