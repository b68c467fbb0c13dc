// The progress line's words in both languages: one table.
import UnionCore
import UnionRules

enum ProgressText {
    static func stage(_ stage: ProgressStage) -> LocalizedText {
        switch stage {
        case .read: return LocalizedText(zh: "读取", en: "reading")
        case .checkMembers: return LocalizedText(zh: "核对会员名册", en: "checking the roster")
        case .checkPayments: return LocalizedText(zh: "核对帮扶慰问发放", en: "checking payments")
        case .checkClaims: return LocalizedText(zh: "核对医疗互助报销", en: "checking claims")
        case .checkEnrollments: return LocalizedText(zh: "核对参保缴费", en: "checking enrolments")
        case .checkLedger: return LocalizedText(zh: "核对经费收支明细账", en: "checking the ledger")
        case .summary: return LocalizedText(zh: "汇总", en: "adding up")
        case .writeOutputs: return LocalizedText(zh: "写出汇总表", en: "writing the summaries")
        case .writeWorkbooks: return LocalizedText(zh: "写出工作簿", en: "writing the workbooks")
        }
    }

    /// A stage with no file being read: what it is doing, still going.
    static func stageGoing(_ stage: ProgressStage) -> LocalizedText {
        let name = self.stage(stage)
        return LocalizedText(zh: name.zh + "…", en: name.en + "…")
    }

    /// Rows read of the file's rows, and the percentage.
    static func rows(done: Int, of expected: Int, percent: Int) -> LocalizedText {
        LocalizedText(zh: "\(done)/\(expected) 行 \(percent)%", en: "\(done) of \(expected) rows \(percent)%")
    }

    /// Other passes under way at the same time (another file, or a workbook being written).
    static func others(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "（另有 \(count) 项进行中）", en: " (+\(count) more)")
    }
}
