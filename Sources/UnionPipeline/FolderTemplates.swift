// `unionbatch init`: template CSVs and a commented unionbatch.toml for a new folder (files, not messages: what
// init says is in PipelineMessage).
import Foundation
import UnionCore
import UnionRules

public enum FolderTemplates {
    /// Why nothing (more) was written.
    public struct Refusal: Error, Equatable {
        public enum Kind: Sendable, Equatable {
            case filesExist(folder: String, names: [String])
            case cannotWrite(String)
        }
        public let kind: Kind

        /// Why, in both languages (the words are in PipelineMessage).
        public var text: LocalizedText {
            switch kind {
            case .filesExist(let folder, let names): return PipelineMessage.folderInit(.filesExist(folder: folder, names: names)).localized
            case .cannotWrite(let path): return PipelineMessage.folderInit(.cannotWrite(path: path)).localized
            }
        }
    }

    /// The template files: a header and one example row per dataset, UTF-8 with BOM and CRLF so
    /// Excel, WPS and Calc open them right. The example rows' names start with 示例: a row left in is F13,
    /// not a record (SPEC §3).
    static func csvFiles(year y: Int) -> [(String, [String], [String])] { [
        ("会员名册.csv",
         ["姓名", "性别", "身份证号", "出生日期", "工号", "分会", "入会日期", "退会日期", "会员状态", "在岗状态", "手机号", "月工资", "已缴会费", "缴费月数", "困难职工"],
         ["示例张芳", "女", "110105199003071247", "1990-03-07", "1001", "一分会", "2012-07-01", "", "在册", "在岗", "13812345678", "6500", "390", "12", "否"]),
        ("帮扶慰问发放.csv",
         ["姓名", "身份证号", "类别", "金额", "发放日期", "事由日期", "形式", "与会员关系", "学生姓名", "录取层次", "分会", "备注"],
         ["示例张芳", "110105199003071247", "生病住院慰问", "500", "\(y)-03-15", "\(y)-03-10", "转账", "", "", "", "一分会", "住院探望"]),
        ("医疗互助报销.csv",
         ["姓名", "身份证号", "保障项目", "就诊日期", "出院日期", "医疗总费用", "统筹支付", "个人自付", "申请金额", "报销金额", "报销日期", "诊断"],
         ["示例张芳", "110105199003071247", "住院", "\(y)-04-01", "\(y)-04-08", "8600", "6000", "2600", "2600", "1300", "\(y)-04-20", "阑尾炎"]),
        ("两癌参保.csv",
         ["姓名", "身份证号", "险种", "保费", "保障起期", "保障止期"],
         ["示例张芳", "110105199003071247", "两癌", "20", "\(y)-01-01", "\(y)-12-31"]),
    ] }

    /// The ledger's template: the example member's dues and the example payment booked on their lines. Their
    /// summaries start with 示例, so entries left in are F13 like the other files' example rows.
    static func ledgerFile(year y: Int) -> (String, [String], [[String]]) { (
        "经费收支明细账.csv",
        ["日期", "凭证号", "摘要", "科目", "收入", "支出", "人数", "支付方式"],
        [["\(y)-01-10", "记-001", "示例：收缴会费", "会费收入", "390", "", "", "转账"],
         ["\(y)-03-15", "记-002", "示例：住院探望慰问", "职工活动支出-职工集体福利支出", "", "500", "1", "转账"]]) }

    static func configText(year: Int) -> String { """
    # unionbatch.toml — 本文件夹的设置（全部可选）。以 # 开头的行是说明。
    # unionbatch settings for this folder (all optional). Lines starting with # are comments.

    # 单位名称与类型（企业、机关、事业、社区、非公企业、联合）
    unit = "某某有限公司工会"
    unit_type = "企业"

    # 报告年度与截止日期（不写则按数据推断；截止日期默认为年底或今天）
    # year = \(year)
    # as_of = \(year)-12-31

    # 规则配置：内置 default；下面 [limits] 中的数值覆盖它（单位：元）
    profile = "default"

    [limits.per_payment]        # 单笔上限（P02）
    "生日慰问" = 300
    "结婚慰问" = 2000
    "生育慰问" = 1000
    "生病住院慰问" = 1000
    "去世慰问" = 2000
    "亲属去世慰问" = 1000
    "退休慰问" = 1000

    [limits.yearly]             # 每人每年上限（P03）
    "节日慰问" = 2000
    "生日慰问" = 300

    [limits.education]          # 金秋助学标准（P06）
    min = 800
    max = 5000

    [limits.claims]             # 门诊年度封顶（C03）
    outpatient_cap = 1000

    [limits.claims.rates]       # 按个人自付报销的比例（C02）
    "住院" = 0.5
    "重大疾病" = 0.8
    "两癌" = 0.8

    [limits.premiums]           # 标准保费（E01）
    "两癌" = 20

    [limits.dues]               # 会费：工资先向下取整到 10 元，再乘以会费率（M09）
    rate = 0.005
    round_down_to = 10

    [limits.members]
    min_join_age = 16           # 最低入会年龄（M07）
    women_retirement = "cadre"  # 女职工退休年龄：cadre = 55 岁起，worker = 50 岁起（M08）

    # 年度报告中合并叙述的类别
    [groups]
    "生病及生育慰问" = ["生病住院慰问", "生育慰问"]

    # 规则的级别："error"（错误，不计入合计）、"warning"（警告）或 "off"（关闭）
    [rules]
    # M06 = "off"
    # P07 = "error"

    # 经费收支明细账：本单位的科目名对应到科目表中的科目（L01）
    [accounts]
    # "劳保费" = "劳动保护费"

    # 明细账与帮扶慰问发放核对（L03）：科目合计应等于这些发放类别的合计（不写则用内置的对应关系）
    # [reconcile]
    # "困难职工帮扶费 + 送温暖费" = ["困难帮扶", "金秋助学"]

    # 表头别名：把本单位导出文件里的列名对应到字段
    [headers]
    # "职工身份证" = "members.id_number"

    # 指定文件的数据集：members、payments、claims、enrollments、ledger
    [files]
    # "\(year)年花名册.csv" = "members"

    # 年度报告“下一年度工作计划”：预算 = 本年度实际支出 ×（1 + growth），向上取整到百元
    [plan]
    # growth = 0.05               # 增长率，最多 4 位小数
    # items = ["开展职工技能竞赛", "走访慰问困难职工家庭"]   # 本单位的工作计划，逐条编号

    # 单位确定的预算金额（元），按类别或医疗互助项目的标准名称，优先于按增长率测算
    [plan.budget]
    # "节日慰问" = 130000
    # "门诊" = 6000
    """ }

    /// Writes the templates into `folder` (created if needed), dated in `today`'s year; refuses to overwrite any file.
    public static func write(into folder: String, today: Day) throws -> [String] {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let csv = csvFiles(year: today.year), ledger = ledgerFile(year: today.year)
        let names = csv.map(\.0) + [ledger.0, RunConfiguration.fileName]
        let existing = names.filter { fm.fileExists(atPath: folder + "/" + $0) }
        guard existing.isEmpty else { throw Refusal(kind: .filesExist(folder: folder, names: existing)) }
        var written: [String] = []
        for (name, header, examples) in csv.map({ ($0.0, $0.1, [$0.2]) }) + [ledger] {
            let text = "\u{FEFF}" + ([header] + examples).map { $0.joined(separator: ",") + "\r\n" }.joined()
            guard fm.createFile(atPath: folder + "/" + name, contents: Data(text.utf8)) else {
                throw Refusal(kind: .cannotWrite(folder + "/" + name))
            }
            written.append(name)
        }
        let config = configText(year: today.year) + "\n"
        guard fm.createFile(atPath: folder + "/" + RunConfiguration.fileName, contents: Data(config.utf8)) else {
            throw Refusal(kind: .cannotWrite(folder + "/" + RunConfiguration.fileName))
        }
        written.append(RunConfiguration.fileName)
        return written
    }

    /// What `init` prints: the files written, each with what it is for, then what to do next.
    public static func closingLines(written: [String], folder: String, language: Language) -> [String] {
        func say(_ text: PipelineMessage.FolderInitText) -> String { PipelineMessage.folderInit(text).text(language) }
        var lines = [say(.written(folder: folder))]
        for name in written { lines.append("  " + name + say(.purpose(file: name))) }
        lines.append(say(.nextHeading))
        // `unionbatch` alone reads the current folder.
        let command = folder == "." ? "unionbatch" : "unionbatch " + shellQuoted(folder)
        lines += PipelineMessage.FolderInitText.nextSteps(command: command).enumerated().map { "  \($0 + 1). " + say($1) }
        return lines
    }

    /// A folder as the clerk would type it: quoted when it holds a space or a shell character.
    static func shellQuoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { !" \t'\"$`\\!*?[](){};&|<>#~".unicodeScalars.contains($0) }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
