// One run over a folder, its options and its report: the stages in the order the data flows (RunStages.swift).
import Foundation
import UnionCore
import UnionImport
import UnionRules
import UnionSummary
import UnionWriters

public struct RunOptions: Sendable {
    public enum Mode: String, Sendable { case run, check }

    public var mode: Mode = .run
    public var folder: String
    /// How `folder` is shown when its path cannot show it: a roll-up's unit folder whose name is not
    /// UTF-8 is opened through `/proc/self/fd` (see `FolderEntries`).
    public var shownFolder: String?
    public var outputFolder: String?
    public var year: Int?
    public var asOf: Day?
    public var language: Language = .zh
    public var mask: MaskMode = .standard
    public var summaryOnly = false
    /// Use both cores: the checked workbooks on their own threads, a large roster read in two halves and,
    /// without workbooks, claims and enrolments checked beside payments. The output is the same either way
    /// (`--single-thread` turns it off, for measuring).
    public var concurrentWriters = true
    /// A roster file at least this big is read in two halves at once (tests lower it to split small files).
    public var rosterHalvesFromBytes = 8 << 20
    /// `--config FILE`; else the folder's unionbatch.toml when there is one.
    public var configFile: String?
    /// Keep the members at the as-of date in the report (a roll-up needs them for U01).
    public var collectMembers = false
    /// Where `--timings` collects the time of each stage; nil when it is not asked for.
    public var timings: StageTimings?
    /// Called at each moment between a run's passes over its inputs, and waited for: a test changes an
    /// input there, deterministically. Nil (nothing called) outside tests; the command line never sets it.
    public var betweenPasses: (@Sendable (RunMoment) -> Void)?
    /// How long to wait for another run that writes the same output folder (tests shorten it).
    public var lockWait: TimeInterval = OutputFolderLock.defaultWait
    /// Today's date, for the default as-of date and the names of kept edits.
    public var today: Day

    public init(folder: String, today: Day) {
        self.folder = folder
        self.today = today
    }

    public var resolvedOutputFolder: String {
        outputFolder ?? (folder.hasSuffix("/") ? folder + "unionbatch-out" : folder + "/unionbatch-out")
    }
}

public struct RunReport: Sendable {
    /// 0 done and clean, 1 done with errors in the data or refused files, 2 nothing done.
    public var exitCode: Int32
    /// `file:row:column: rule: message`, one per finding: made when asked (a quiet run never asks).
    public var findingLines: [String] { linePresenter.map { findingList.map($0.line) } ?? [] }
    /// The lines of `findingLines` one at a time: a million of them at once would be 150 MB.
    public func forEachFindingLine(_ body: (String) -> Void) {
        guard let linePresenter else { return }
        for f in findingList { body(linePresenter.line(f)) }
    }
    /// How `findingLines` says each finding.
    var linePresenter: FindingPresenter?
    /// The closing lines: what was read, found and written.
    public var summaryLines: [String] = []
    /// The rows read, by what became of them.
    public var rowTally = RowTally()
    /// The files and sheets not read, by why.
    public var unread = UnreadFiles()
    /// Most payment and claim dates are outside the year given.
    public var yearNotice: YearNotice?
    /// Why nothing was done (exit status 2).
    public var fatal: String?
    public var summary: Summary?
    /// Every finding, in the order issues.csv lists them (a copy into one array; `findingList` shares each file's).
    public var findings: [Finding] {
        get { findingList.array }
        set { findingList = FindingList(newValue) }
    }
    /// The findings as each file's array holds them.
    public var findingList = FindingList([[Finding]]())
    /// The members at the as-of date (packed ID numbers) and their roster rows, for U01 in a roll-up.
    public var members: [(person: UInt64, file: String, row: Int)] = []
    public var outputFolder: String?
    /// Outputs the clerk edited since the last run, and the names they were kept under.
    public var keptEdits: [KeptEdit] = []

    static func failed(_ message: String) -> RunReport { RunReport(exitCode: 2, fatal: message) }
}

/// The moments between a run's passes over its inputs (`RunOptions.betweenPasses`).
public enum RunMoment: Sendable, Equatable {
    /// Every input opened: hashed, header found.
    case opened
    /// Every dataset checked and added up; the checked workbooks of later datasets not yet begun.
    case checked
    /// Every output written into the staging folder, before the last look at the inputs and the swap.
    case written
}

public enum RunPipeline {
    /// Runs the folder. An input that changed while it was read (SPEC §6) makes the run start again
    /// with that file refused (F01): its rows then count nowhere and no workbook holds them.
    public static func execute(_ options: RunOptions) -> RunReport {
        var changed: [String: String] = [:]
        while true {
            switch executeOnce(options, changed: changed) {
            case .done(let report):
                return report
            case .changed(let more):
                // Each attempt refuses more files, so this ends: at the latest with every file refused.
                changed.merge(more) { a, _ in a }
            }
        }
    }

    /// How one attempt ended: a report, or the inputs that changed while they were read.
    enum Attempt {
        case done(RunReport)
        case changed([String: String])
    }

    static func executeOnce(_ options: RunOptions, changed: [String: String]) -> Attempt {
        var found: [String: String] = [:]
        let report = attempt(options, changed: changed, changedNow: { found = $0 })
        return found.isEmpty ? .done(report) : .changed(found)
    }

    /// F01 for a file that changed while it was read.
    static func changedFindings(_ name: String, policy: RulePolicy) -> [Finding] {
        var recorder = FindingRecorder(policy: policy, file: name)
        recorder.fileFinding(FileFinding.changedWhileRead)
        return recorder.findings
    }

    /// One pass over the folder, stage by stage. A stage that stops the run throws why (`RunStop`); it is put
    /// into words here alone. Once the staging folder exists, a stop leaves nothing swapped in.
    static func attempt(_ options: RunOptions, changed: [String: String], changedNow: ([String: String]) -> Void) -> RunReport {
        do {
            let setting = try RunSetting.configure(options)
            var inputs = try OpenedInputs.open(setting, changed: changed)
            defer { inputs.close() }
            let dates = ReportingDates(setting, readFiles: inputs.readFiles)
            let writers = try CheckedWriters.prepare(setting, inputs: inputs, dates: dates)
            do {
                let checked = try CheckStage.run(setting, inputs: &inputs, dates: dates, writers: writers)
                options.betweenPasses?(.checked)
                TestPause.reach(.checked)
                let added = try AddedUp(setting, inputs: inputs, checked: checked, dates: dates)
                guard !added.checked.isEmpty else {
                    writers.abandon()
                    return added.noUsableInput(setting)
                }
                let written = try WrittenOutputs.write(setting, inputs: inputs, added: added, writers: writers)
                options.betweenPasses?(.written)
                // The last look: a file that changed since it was opened (grown, rewritten, replaced) is
                // refused and the run starts again, so nothing it read of that file is swapped in.
                if let moved = inputs.changedSinceOpened() {
                    changedNow(moved)
                    writers.abandon()
                    return RunReport(exitCode: 2)
                }
                let keptEdits = try written.install(writers.stage)
                return added.report(setting, inputs: inputs, keptEdits: keptEdits)
            } catch {
                writers.abandon()
                throw error
            }
        } catch let stop as RunStop {
            return .failed(stop.message.text(options.language))
        } catch {
            return .failed(String(describing: error))
        }
    }

    /// The year most payment and claim dates fall in (the later year on a tie).
    static func dominantYear(_ files: [ReadFile]) -> Int? {
        var counts: [Int: Int] = [:]
        for file in files { counts.merge(file.yearCounts(), uniquingKeysWith: +) }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }?.key
    }

    /// Rows read and what became of them, findings, files not read and why, kept edits, where the outputs
    /// are and where to start.
    static func closingLines(_ s: Summary, tally: RowTally, unread: UnreadFiles, outputFolder: String, keptEdits: [KeptEdit],
                             checkOnly: Bool, language: Language) -> [String] {
        var lines: [PipelineMessage.ClosingLine] = [.rowsRead(tally, year: s.year),
                                                    .findingCounts(errors: s.findings.errors, warnings: s.findings.warnings)]
        if unread.total > 0 { lines.append(.unread(unread)) }
        lines += keptEdits.map { .kept($0) }
        lines.append(.outputsWritten(folder: outputFolder))
        lines.append(checkOnly ? .checkOnlyStart : .whereToStart)
        return lines.map { PipelineMessage.closing($0).text(language) }
    }
}

enum RunFindings {
    /// Each file's findings after those of the file before it (by name, in code point order); a file's
    /// own findings (X01, F01 of a workbook's sheet) before those of its rows.
    static func inFileOrder(other: [String: [Finding]], checked: [CheckedFile]) -> FindingList {
        var checkedByName: [String: [Int]] = [:]
        for (i, file) in checked.enumerated() { checkedByName[file.input.source.name, default: []].append(i) }
        let names = Set(other.keys).union(checkedByName.keys)
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
        var parts: [[Finding]] = []
        for name in names {
            parts.append(other[name] ?? [])
            for i in checkedByName[name] ?? [] { parts.append(checked[i].findings) }
        }
        return FindingList(parts)
    }
}

/// The accounting invariant of SPEC §4/§7, checked on every run.
enum Accounting {
    static func violation(_ files: [CheckedFile], policy: RulePolicy) -> String? {
        for file in files {
            let name = file.input.source.name
            if file.rowCount != file.includedCount + file.excluded.count + file.outsideYear.count {
                return "\(name): rows \(file.rowCount) ≠ included + excluded + outside the year"
            }
            // Lazily: a filtered copy of a million findings would be 56 MB at once.
            let errorRows = Set(file.findings.lazy.filter { $0.severity == .error }.compactMap(\.recordIndex))
            if !file.excluded.isSubset(of: errorRows) { return "\(name): an excluded row has no error finding" }
            if policy.isEnabled(.V04) {
                let v04Rows = Set(file.findings.lazy.filter { $0.rule == .V04 }.compactMap(\.recordIndex))
                if !file.outsideYear.isSubset(of: v04Rows) { return "\(name): a row outside the year has no V04" }
            }
        }
        return nil
    }
}
