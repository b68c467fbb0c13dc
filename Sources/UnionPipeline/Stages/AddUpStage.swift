// The run's fourth stage, add up: the summary from the figures added up while checking, the accounting
// invariant, the findings in order; and, once the outputs are in, the run's report.
import Foundation
import UnionCore
import UnionImport
import UnionRules
import UnionSummary
import UnionWriters

/// The run's figures and findings, ready to be written.
struct AddedUp {
    /// The checked files in file-name order.
    let checked: [CheckedFile]
    let summary: Summary
    /// Every finding: by file name, then as each file has them (row, then column).
    let findings: FindingList
    let membersAtAsOf: [(person: UInt64, file: String, row: Int)]

    init(_ setting: RunSetting, inputs: OpenedInputs, checked found: CheckedInputs, dates: ReportingDates) throws {
        let options = setting.options, config = setting.config
        let checked = found.checked.sorted { codePointOrder($0.input.source.name, $1.input.source.name) }
        // The summary, from the figures added up along the way, while the writers work.
        let unit = config.unit ?? FilePath.name(options.shownFolder ?? options.folder)
        let started = StageTimings.start()
        ProgressMeter.stage(.summary)
        var summary = SummaryBuilder.build(year: dates.year, asOf: dates.asOf, unit: unit, unitType: config.unitType ?? "企业",
                                           profile: setting.profile, checked: checked, figures: found.figures, other: inputs.otherInputs,
                                           fileFindings: inputs.otherFindings.values.flatMap { $0 })
        if let key = config.federationKey, summary.members != nil {
            summary.members?.idDigests = MemberDigest.digests(key: key, idNumbers: found.membersAtAsOf.map { IDNumber(packed: $0.person).text })
        }
        setting.timings?.record("summary figures", since: started)
        // The accounting invariant: every row counted once.
        if let broken = Accounting.violation(checked, policy: setting.policy) { throw RunStop(.accountingBroken(broken)) }
        self.checked = checked
        self.summary = summary
        // Findings in file order, then row and column: each file's array shared, not copied (a million
        // findings are 56 MB a copy).
        self.findings = RunFindings.inFileOrder(other: inputs.otherFindings, checked: checked)
        self.membersAtAsOf = found.membersAtAsOf
    }

    /// The report as far as the findings go: what a run that writes nothing still says.
    private func findingsReport(_ options: RunOptions) -> RunReport {
        var report = RunReport(exitCode: 0)
        report.linePresenter = FindingPresenter(language: options.language, mask: options.mask != .none)
        report.findingList = findings
        report.members = options.collectMembers ? membersAtAsOf : []
        return report
    }

    /// No input could be checked: nothing written (exit status 2), the findings of the files refused.
    func noUsableInput(_ setting: RunSetting) -> RunReport {
        var report = findingsReport(setting.options)
        report.exitCode = 2
        report.fatal = PipelineMessage.noUsableInput.text(setting.options.language)
        return report
    }

    /// The report of a run whose outputs are in: exit status, tallies and the closing lines.
    func report(_ setting: RunSetting, inputs: OpenedInputs, keptEdits: [KeptEdit]) -> RunReport {
        let options = setting.options, config = setting.config
        var report = findingsReport(options)
        report.keptEdits = keptEdits
        report.summary = summary
        report.outputFolder = setting.outputFolder
        report.exitCode = summary.findings.errors > 0 || inputs.refusedCount > 0 ? 1 : 0
        // A year given (not taken from the dates) that most dates are not in: said once, naming their year. The
        // dates are counted again only when most payment and claim rows were outside the year (V04).
        let yearNotice = (options.year ?? config.year) == nil || !YearNotice.mostRowsOutside(checked) ? nil
            : YearNotice.check(year: summary.year, counts: inputs.readFiles.reduce(into: [:]) { $0.merge($1.yearCounts(), uniquingKeysWith: +) })
        report.rowTally = RowTally.of(checked)
        report.unread = inputs.unread
        report.yearNotice = yearNotice
        report.summaryLines = RunPipeline.closingLines(summary, tally: report.rowTally, unread: report.unread, outputFolder: setting.outputFolder,
                                                       keptEdits: keptEdits, checkOnly: options.mode == .check, language: options.language)
        report.summaryLines.insert(contentsOf: inputs.workbookInputs.closingLines(lockFiles: inputs.discovered.lockFiles, language: options.language),
                                   at: max(0, report.summaryLines.count - 2))
        if let yearNotice { report.summaryLines.insert(PipelineMessage.closing(.yearNotice(yearNotice)).text(options.language), at: 0) }
        if config.unit == nil && options.mode == .run {
            // SPEC §4.2: the text then says 本单位工会, never the folder's name.
            report.summaryLines.insert(PipelineMessage.unitNotNamed.text(options.language), at: 0)
        }
        return report
    }
}
