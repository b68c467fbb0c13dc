// The run's third stage, check: the roster first, then the datasets that refer to it, each added up as soon as
// it is checked; and the checked workbooks' writers, which start on a dataset while the next is checked.
import Foundation
import UnionCore
import UnionImport
import UnionRules
import UnionSummary
import UnionWriters

/// The staging folder and the writers of the checked workbooks: ready before the rules run, so that each
/// dataset's workbook is written while later datasets are checked.
struct CheckedWriters {
    let stage: OutputStage
    let jobs: CheckedWorkbookJobs
    let layout: CheckedLayout
    let heading: PageHeading
    let options: RunOptions
    let created: Day
    /// Whether checked workbooks are written at all (see `RunSetting.writesChecked`).
    let enabled: Bool

    static func prepare(_ setting: RunSetting, inputs: OpenedInputs, dates: ReportingDates) throws -> CheckedWriters {
        let options = setting.options
        let stage: OutputStage
        do {
            stage = try OutputStage.prepare(outputFolder: setting.outputFolder, inputFolders: [options.folder], wait: options.lockWait)
        } catch let error as OutputFolderError {
            throw RunStop(.outputFolder(error))
        }
        let unit = setting.config.unit ?? PipelineMessage.unnamedUnit.text(options.language)
        return CheckedWriters(stage: stage, jobs: CheckedWorkbookJobs(concurrent: options.concurrentWriters),
                              layout: CheckedLayout(files: inputs.readFiles.map { ($0.input.source.name, $0.input.dataset) }, masking: options.mask == .all),
                              heading: PageHeading(unit: unit, year: dates.year), options: options, created: dates.asOf,
                              enabled: setting.writesChecked)
    }

    /// Starts the workbook of a dataset's checked files (it needs their statuses alone, not their facts).
    func start(_ files: [CheckedFile]) {
        guard enabled, let dataset = files.first?.dataset else { return }
        jobs.start(dataset, files: files, layout: layout, options: options, created: created, heading: heading, stage: stage)
    }

    /// The roster's workbook, written from the rules' pass itself: its rows need nothing from later rows.
    func rosterFeed() -> CheckedWorkbookFeed? {
        enabled ? jobs.feed(.members, layout: layout, options: options, created: created, heading: heading, stage: stage) : nil
    }

    /// Stops the run with nothing swapped in, once the writers still at work have stopped.
    func abandon() {
        _ = try? jobs.finish()
        stage.discard()
    }
}

/// What checking found: every checked file (without its facts), the figures added up along the way.
struct CheckedInputs {
    var checked: [CheckedFile] = []
    var figures = DatasetFigures()
    /// The members at the as-of date and their roster rows (for a roll-up's U01 and the federation's digests).
    var membersAtAsOf: [(person: UInt64, file: String, row: Int)] = []
}

/// Runs the rules over every dataset, the roster first, and adds up each dataset once checked, so its facts can go.
enum CheckStage {
    static func run(_ setting: RunSetting, inputs: inout OpenedInputs, dates: ReportingDates, writers: CheckedWriters) throws -> CheckedInputs {
        var result = CheckedInputs()
        let (roster, rosterHasDues) = try checkRoster(setting, inputs: inputs, dates: dates, writers: writers, into: &result)
        TestPause.reach(.checking)
        // The roster is needed by these checks alone: it goes with them, before the summaries are written.
        let context = RuleContext(year: dates.year, asOf: dates.asOf, profile: setting.profile, policy: setting.policy, roster: roster)
        // Without a roster the rules that need one are skipped: say so once, on the first file they would have read.
        if roster == nil, setting.policy.isEnabled(.X01),
           let first = inputs.readFiles.first(where: { $0.input.dataset != .members })?.input.source.name {
            inputs.otherFindings[first, default: []].append(Finding(CrossDatasetFinding.noRoster, severity: .warning, file: first))
        }
        try checkOthers(setting, readFiles: inputs.readFiles, context: context, rosterHasDues: rosterHasDues, dates: dates,
                        writers: writers, into: &result)
        return result
    }

    /// The roster files, their workbook written row by row; the index the other datasets are checked against,
    /// and whether the roster has a dues column (L04 compares the ledger's 会费收入 with it only then).
    private static func checkRoster(_ setting: RunSetting, inputs: OpenedInputs, dates: ReportingDates, writers: CheckedWriters,
                                    into result: inout CheckedInputs) throws -> (RosterIndex?, Bool) {
        let memberFiles = inputs.readFiles.filter { $0.input.dataset == .members }
        guard !memberFiles.isEmpty else { return (nil, false) }
        let options = setting.options
        let context = RuleContext(year: dates.year, asOf: dates.asOf, profile: setting.profile, policy: setting.policy, roster: nil)
        let started = StageTimings.start()
        ProgressMeter.stage(.checkMembers)
        let feed = writers.rosterFeed()
        let (files, index) = DatasetChecker.checkMembers(memberFiles, context: context, sink: feed,
                                                         halves: RosterScheduling.halves(options))
        feed?.close()
        setting.timings?.record("check members", since: started)
        try addUp(files, setting: setting, dates: dates, into: &result.figures)
        if options.collectMembers || setting.config.federationKey != nil {
            result.membersAtAsOf = SummaryBuilder.membersAtAsOf(files, asOf: dates.asOf)
        }
        // The figures are added up: the facts can go.
        result.checked += files.map { $0.withoutFacts() }
        return (index, files.contains { $0.input.mapping.columnOfField[.duesPaid] != nil })
    }

    /// Payments, claims, enrolments and the ledger, in that order; each dataset's workbook starts once it is checked.
    private static func checkOthers(_ setting: RunSetting, readFiles: [ReadFile], context: RuleContext, rosterHasDues: Bool,
                                    dates: ReportingDates, writers: CheckedWriters, into result: inout CheckedInputs) throws {
        let options = setting.options
        // Without checked workbooks to write beside them, claims and enrolments are checked on a second
        // thread while payments are checked on this one: they need nothing from each other.
        let aside = !writers.enabled && options.concurrentWriters
            ? DatasetsAside.start([.claims, .enrollments], readFiles: readFiles, context: context, timings: setting.timings) : nil
        // A run that stops early still waits for the second thread.
        defer { aside?.wait() }
        for dataset in [Dataset.payments, .claims, .enrollments, .ledger] {
            var files: [CheckedFile]
            if let aside, let taken = aside.take(dataset) {
                files = taken
            } else {
                let started = StageTimings.start()
                ProgressMeter.stage(.checking(dataset))
                // The ledger is checked last: L03 and L04 compare it with the payments and dues added up before.
                var context = context
                if dataset == .ledger {
                    context.paymentTotals = result.figures.payments.map { $0.byCategory.mapValues(\.amount) }
                    context.rosterDues = rosterHasDues ? result.figures.members?.duesPaid : nil
                }
                files = DatasetChecker.check(readFiles.filter { $0.input.dataset == dataset }, context: context)
                if !files.isEmpty { setting.timings?.record("check " + dataset.rawValue, since: started) }
            }
            // The writer needs the statuses alone: it starts before the figures are added up.
            let withoutFacts = files.map { $0.withoutFacts() }
            writers.start(withoutFacts)
            try addUp(files, setting: setting, dates: dates, into: &result.figures)
            // The figures are added up: the facts can go.
            files = withoutFacts
            result.checked += files
        }
    }

    /// Adds up a dataset's figures; when its amounts are too large to total, the run stops here.
    private static func addUp(_ files: [CheckedFile], setting: RunSetting, dates: ReportingDates, into figures: inout DatasetFigures) throws {
        do {
            let started = StageTimings.start()
            try figures.add(files, year: dates.year, asOf: dates.asOf, profile: setting.profile)
            if let dataset = files.first?.dataset { setting.timings?.record("add up " + dataset.rawValue, since: started) }
        } catch {
            throw RunStop(.amountsTooLarge(files: files.map(\.input.source.name)))
        }
    }
}
