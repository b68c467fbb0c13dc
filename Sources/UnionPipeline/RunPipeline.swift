// One run over a folder: discover, read, check, add up, write, swap in — and the exit status.
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
    public var findingLines: [String] { linePresenter.map { findings.map($0.line) } ?? [] }
    /// The lines of `findingLines` one at a time: a million of them at once would be 150 MB.
    public func forEachFindingLine(_ body: (String) -> Void) {
        guard let linePresenter else { return }
        for f in findings { body(linePresenter.line(f)) }
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
    /// Every finding, in the order issues.csv lists them.
    public var findings: [Finding] = []
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
        recorder.fileFinding(.F01, "read", "the file changed while it was being read")
        return recorder.findings
    }

    static func attempt(_ options: RunOptions, changed: [String: String], changedNow: ([String: String]) -> Void) -> RunReport {
        let zh = options.language == .zh
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: options.folder, isDirectory: &isDir), isDir.boolValue,
              fm.isReadableFile(atPath: options.folder) else {
            return .failed(zh ? "无法读取文件夹：\(options.folder)" : "cannot read the folder: \(options.folder)")
        }
        let config: RunConfiguration
        do {
            config = try ConfigurationLoader.load(folder: options.folder, explicit: options.configFile)
        } catch let error as ConfigurationError {
            return .failed((zh ? "配置文件有误：" : "invalid configuration: ") + error.text(options.language))
        } catch {
            return .failed(String(describing: error))
        }
        let policy = config.policy
        let profile = config.profile
        let outputFolder = options.resolvedOutputFolder

        // Files -> opened inputs.
        let discovered: DiscoveredInputs
        do {
            discovered = try InputDiscovery.discover(folder: options.folder, outputFolder: outputFolder, policy: policy,
                                                     pinned: config.pinned)
        } catch {
            return .failed(zh ? "无法读取文件夹：\(options.folder)" : "cannot read the folder: \(options.folder)")
        }
        // Names that are not UTF-8 are opened through descriptors the discovery holds: kept to the end.
        defer { withExtendedLifetime(discovered) {} }
        // The workbooks' sheets, each written to a private CSV that goes at the run's end.
        var workbookInputs = WorkbookInputs.prepare(discovered.workbooks, policy: policy, pinned: config.pinned)
        defer { workbookInputs.removeFolder() }
        let sources = discovered.sources + workbookInputs.sources
        if sources.isEmpty && discovered.spreadsheetNames.isEmpty && workbookInputs.refusals.isEmpty {
            // A new folder: `init` writes the templates to start from.
            return .failed(zh ? "文件夹 \(options.folder) 中没有 CSV 文件（*.csv、*.txt、*.tsv）或表格文件（*.xlsx、*.ods、*.xls）。新建的文件夹请先运行 unionbatch init 写出模板"
                              : "no CSV files (*.csv, *.txt, *.tsv) or workbooks (*.xlsx, *.ods, *.xls) in \(options.folder). For a new folder, run unionbatch init first to write the templates")
        }
        var readFiles: [ReadFile] = []
        var otherInputs: [InputFigures] = []
        var otherFindings: [String: [Finding]] = [:]
        var refusedCount = 0
        var emptyCount = 0
        let timings = options.timings
        // A file that changed while an earlier attempt read it is refused (F01) and not opened again.
        let toOpen = sources.filter { changed[$0.name] == nil }
        var opened = Dictionary(uniqueKeysWithValues: zip(toOpen.map(\.name), openAll(toOpen, config: config, timings: timings)))
        for (name, sha) in changed {
            opened[name] = .refused(findings: changedFindings(name, policy: policy), sha256: sha, encoding: nil)
        }
        options.betweenPasses?(.opened)
        let openings = workbookInputs.settle(sources.compactMap { source in opened[source.name].map { (source, $0) } })
        for (source, opening) in openings {
            switch opening {
            case .opened(let input, let findings):
                readFiles.append(ReadFile(input, openFindings: findings, policy: policy))
            case .empty(let encoding, let sha, let findings):
                emptyCount += 1
                otherFindings[source.name] = findings
                otherInputs.append(InputFigures(file: source.name, dataset: nil, encoding: encoding?.rawValue, delimiter: nil, sha256: sha,
                                                rows: 0, included: 0, excluded: 0, outsideYear: 0, refused: false))
            case .refused(let findings, let sha, let encoding):
                refusedCount += 1
                otherFindings[source.name] = findings
                otherInputs.append(InputFigures(file: source.name, dataset: nil, encoding: encoding?.rawValue, delimiter: nil, sha256: sha,
                                                rows: 0, included: 0, excluded: 0, outsideYear: 0, refused: true))
            }
        }
        for f in discovered.spreadsheetFindings { otherFindings[f.file, default: []].append(f) }
        for refusal in workbookInputs.refusals {
            refusedCount += 1
            otherFindings[refusal.figures.file] = refusal.findings
            otherInputs.append(refusal.figures)
        }

        // The progress line (on a terminal) shows from here, for a run with many rows.
        ProgressMeter.stage(.read, totalRows: readFiles.reduce(0) { $0 + $1.input.expectedRecords })
        // The reporting year and the as-of date.
        let year = options.year ?? config.year ?? dominantYear(readFiles) ?? options.asOf?.year ?? config.asOf?.year ?? options.today.year
        let yearEnd = Day(year: year, month: 12, day: 31)!
        let asOf = options.asOf ?? config.asOf ?? min(yearEnd, options.today)

        // The staging folder first: checked workbooks are written into it while later datasets are read.
        let stage: OutputStage
        do {
            stage = try OutputStage.prepare(outputFolder: outputFolder, inputFolders: [options.folder], wait: options.lockWait)
        } catch let error as OutputFolderError {
            return .failed(describe(error, zh: zh))
        } catch {
            return .failed(String(describing: error))
        }
        let layout = CheckedLayout(files: readFiles.map { ($0.input.source.name, $0.input.dataset) }, masking: options.mask == .all)
        let jobs = CheckedWorkbookJobs(concurrent: options.concurrentWriters)
        let writeChecked = options.mode == .run && !options.summaryOnly
        let heading = PageHeading(unit: config.unit ?? (zh ? "本单位工会" : "this union"), year: year)
        func startWriter(_ files: [CheckedFile]) {
            guard writeChecked, let dataset = files.first?.dataset else { return }
            jobs.start(dataset, files: files, layout: layout, options: options, created: asOf, heading: heading, stage: stage)
        }

        // Rules: the roster first, then the datasets that refer to it.
        let memberFiles = readFiles.filter { $0.input.dataset == .members }
        var checked: [CheckedFile] = []
        var figures = DatasetFigures()
        var membersAtAsOf: [(person: UInt64, file: String, row: Int)] = []
        /// Adds up a dataset's figures; when its amounts are too large to total, the run stops here.
        func addUp(_ files: [CheckedFile]) -> RunReport? {
            do {
                let started = StageTimings.start()
                try figures.add(files, year: year, asOf: asOf, profile: profile)
                if let dataset = files.first?.dataset { timings?.record("add up " + dataset.rawValue, since: started) }
                return nil
            } catch {
                let names = files.map(\.input.source.name).joined(separator: zh ? "、" : ", ")
                _ = try? jobs.finish()
                stage.discard()
                return .failed(zh ? "\(names) 的金额合计超出可计算的范围（是否有金额填错了位数？），未写出任何文件"
                                  : "the amounts of \(names) add up past what can be totalled (an amount with too many digits?); nothing written")
            }
        }
        var roster: RosterIndex?
        /// Whether the roster has a dues column (L04 compares the ledger's 会费收入 with it only then).
        var rosterHasDues = false
        if !memberFiles.isEmpty {
            var context = RuleContext(year: year, asOf: asOf, profile: profile, policy: policy, roster: nil)
            context.halvesFromBytes = options.concurrentWriters ? options.rosterHalvesFromBytes : Int.max
            let started = StageTimings.start()
            ProgressMeter.stage(.checkMembers)
            // The roster's workbook is written from the rules' pass itself: its rows need nothing from later rows.
            let feed = writeChecked ? jobs.feed(.members, layout: layout, options: options, created: asOf, heading: heading, stage: stage) : nil
            let (files, index) = DatasetChecker.checkMembers(memberFiles, context: context, sink: feed)
            feed?.close()
            timings?.record("check members", since: started)
            if let failure = addUp(files) { return failure }
            if options.collectMembers || config.federationKey != nil { membersAtAsOf = SummaryBuilder.membersAtAsOf(files, asOf: asOf) }
            // The figures are added up: the facts can go.
            checked += files.map { $0.withoutFacts() }
            roster = index
            rosterHasDues = files.contains { $0.input.mapping.columnOfField[.duesPaid] != nil }
        }
        // The roster is needed by these checks alone: it goes with them, before the summaries are written.
        do {
            let context = RuleContext(year: year, asOf: asOf, profile: profile, policy: policy, roster: roster)
            // Without a roster the rules that need one are skipped: say so once, on the first file they would have read.
            if roster == nil, policy.isEnabled(.X01),
               let first = readFiles.first(where: { $0.input.dataset != .members })?.input.source.name {
                otherFindings[first, default: []].append(Finding(rule: .X01, severity: .warning, file: first, arguments: ["noroster"]))
            }
            // Without checked workbooks to write beside them, claims and enrolments are checked on a second
            // thread while payments are checked on this one: they need nothing from each other.
            let aside = CheckedAside()
            let asideDone = DispatchGroup()
            if !writeChecked && options.concurrentWriters {
                let read = readFiles
                asideDone.enter()
                DispatchQueue.global().async {
                    defer { ProgressMeter.threadStage(nil) }
                    for dataset in [Dataset.claims, .enrollments] {
                        let started = StageTimings.start()
                        ProgressMeter.threadStage(.checking(dataset))
                        let files = DatasetChecker.check(read.filter { $0.input.dataset == dataset }, context: context)
                        if !files.isEmpty { timings?.record("check " + dataset.rawValue, since: started) }
                        aside.files[dataset] = files
                    }
                    asideDone.leave()
                }
            }
            // A run that stops early still waits for the second thread.
            defer { asideDone.wait() }
            for dataset in [Dataset.payments, .claims, .enrollments, .ledger] {
                var files: [CheckedFile]
                if !writeChecked && options.concurrentWriters && (dataset == .claims || dataset == .enrollments) {
                    asideDone.wait()
                    files = aside.files[dataset] ?? []
                    aside.files[dataset] = nil
                } else {
                    let started = StageTimings.start()
                    ProgressMeter.stage(.checking(dataset))
                    // The ledger is checked last: L03 and L04 compare it with the payments and dues added up before.
                    var context = context
                    if dataset == .ledger {
                        context.paymentTotals = figures.payments.map { $0.byCategory.mapValues(\.amount) }
                        context.rosterDues = rosterHasDues ? figures.members?.duesPaid : nil
                    }
                    files = DatasetChecker.check(readFiles.filter { $0.input.dataset == dataset }, context: context)
                    if !files.isEmpty { timings?.record("check " + dataset.rawValue, since: started) }
                }
                // The writer needs the statuses alone: it starts before the figures are added up.
                let withoutFacts = files.map { $0.withoutFacts() }
                startWriter(withoutFacts)
                if let failure = addUp(files) { return failure }
                // The figures are added up: the facts can go.
                files = withoutFacts
                checked += files
            }
        }
        roster = nil
        options.betweenPasses?(.checked)
        checked.sort { $0.input.source.name.unicodeScalars.lexicographicallyPrecedes($1.input.source.name.unicodeScalars) { $0.value < $1.value } }
        // The summary, from the figures added up along the way, while the writers work.
        let fileFindings = otherFindings.values.flatMap { $0 }
        let unit = config.unit ?? FilePath.name(options.shownFolder ?? options.folder)
        let summaryStarted = StageTimings.start()
        ProgressMeter.stage(.summary)
        var summary = SummaryBuilder.build(year: year, asOf: asOf, unit: unit, unitType: config.unitType ?? "企业", profile: profile,
                                           checked: checked, figures: figures, other: otherInputs, fileFindings: fileFindings)
        if let key = config.federationKey, summary.members != nil {
            summary.members?.idDigests = MemberDigest.digests(key: key, idNumbers: membersAtAsOf.map { IDNumber(packed: $0.person).text })
        }
        timings?.record("summary figures", since: summaryStarted)
        /// Stops the run with nothing swapped in, once the writers still at work have stopped.
        func abandon(_ report: RunReport) -> RunReport {
            _ = try? jobs.finish()
            stage.discard()
            return report
        }

        // The accounting invariant: every row counted once.
        if let broken = Accounting.violation(checked, policy: policy) {
            return abandon(.failed((zh ? "内部错误（行数核对不平），未写出任何文件：" : "internal error (row accounting does not balance), nothing written: ") + broken))
        }

        // Findings in file order, then row and column: copied once, into an array of their exact number
        // (a million findings are 64 MB a copy).
        let allFindings = RunFindings.inFileOrder(other: otherFindings, checked: checked)

        var report = RunReport(exitCode: 0)
        let standardErrorPresenter = FindingPresenter(language: options.language, mask: options.mask != .none)
        report.linePresenter = standardErrorPresenter
        report.findings = allFindings
        report.members = options.collectMembers ? membersAtAsOf : []
        if checked.isEmpty {
            report.exitCode = 2
            report.fatal = zh ? "没有可用的输入文件，未写出任何文件" : "no usable input file: nothing written"
            return abandon(report)
        }

        let templatePath = FilePath.join(options.folder, "templates")
        var isTemplateDir: ObjCBool = false
        let templateFolder = fm.fileExists(atPath: templatePath, isDirectory: &isTemplateDir) && isTemplateDir.boolValue ? templatePath : nil
        // The summaries are written while the checked workbooks may still be zipping; the manifest, once
        // they are all in.
        let writeFailed = zh ? "写出文件失败，输出文件夹保持原样：" : "writing the outputs failed; the output folder is unchanged: "
        do {
            // The shared outputs show names from the data masked by pattern, unless --no-mask.
            let shown = options.mask == .none ? summary : summary.maskedByPattern()
            var outputs = OutputSet(options: options, summary: shown, checked: checked, findings: allFindings,
                                    profile: profile, policy: policy, templateFolder: templateFolder, layout: layout,
                                    unitNamed: config.unit != nil, plan: config.plan)
            outputs.sheetNotes = workbookInputs.notes.map { $0.text(zh: zh) }
            ProgressMeter.stage(.writeOutputs)
            let summaries = try outputs.writeSummaries(stage)
            let checkedWorkbooks: [(name: String, sha256: String)]
            do {
                let waitStarted = StageTimings.start()
                if writeChecked { ProgressMeter.stage(.writeWorkbooks) }
                checkedWorkbooks = try jobs.finish()
                if writeChecked { timings?.record("wait for the checked workbooks", since: waitStarted) }
            } catch {
                stage.discard()
                return .failed(writeFailed + String(describing: error))
            }
            options.betweenPasses?(.written)
            // The last look: a file that changed since it was opened (grown, rewritten, replaced) is
            // refused and the run starts again, so nothing it read of that file is swapped in.
            let moved = readFiles.filter { !$0.input.isUnchanged }
            if !moved.isEmpty {
                changedNow(Dictionary(moved.map { ($0.input.source.name, $0.input.sha256) }, uniquingKeysWith: { a, _ in a }))
                return abandon(RunReport(exitCode: 2))
            }
            report.keptEdits = try outputs.finish(stage, summaries: summaries, checkedWorkbooks: checkedWorkbooks)
        } catch let error as TemplateError {
            return abandon(.failed((zh ? "报告模板有误：" : "invalid report template: ") + error.description))
        } catch let error as OutputFolderError {
            return abandon(.failed(describe(error, zh: zh)))
        } catch {
            return abandon(.failed(writeFailed + String(describing: error)))
        }
        report.summary = summary
        report.outputFolder = outputFolder
        let errors = summary.findings.errors
        report.exitCode = errors > 0 || refusedCount > 0 ? 1 : 0
        // A year given (not taken from the dates) that most dates are not in: said once, naming their year. The
        // dates are counted again only when most payment and claim rows were outside the year (V04).
        let yearNotice = (options.year ?? config.year) == nil || !YearNotice.mostRowsOutside(checked) ? nil
            : YearNotice.check(year: summary.year, counts: readFiles.reduce(into: [:]) { $0.merge($1.yearCounts(), uniquingKeysWith: +) })
        let unread = UnreadFiles(refused: refusedCount, empty: emptyCount, formats: discovered.spreadsheetNames.count,
                                 unusedSheets: workbookInputs.unusedSheetCount, lockFiles: discovered.lockFiles.count)
        report.rowTally = RowTally.of(checked)
        report.unread = unread
        report.yearNotice = yearNotice
        report.summaryLines = closingLines(summary, tally: report.rowTally, unread: unread, outputFolder: outputFolder,
                                           keptEdits: report.keptEdits, checkOnly: options.mode == .check, language: options.language)
        report.summaryLines.insert(contentsOf: workbookInputs.closingLines(lockFiles: discovered.lockFiles, zh: zh),
                                   at: max(0, report.summaryLines.count - 2))
        if let yearNotice { report.summaryLines.insert(RunClosingText.year(yearNotice).text(options.language), at: 0) }
        if config.unit == nil && options.mode == .run {
            // SPEC §4.2: the text then says 本单位工会, never the folder's name.
            report.summaryLines.insert(zh ? "提示：unionbatch.toml 未设置单位名称（unit），汇总表和年度报告中写作“本单位工会”"
                                          : "note: unionbatch.toml names no unit (unit = \"…\"); the workbook and the annual text say \"this union\"", at: 0)
        }
        return report
    }

    static func describe(_ error: OutputFolderError, zh: Bool) -> String {
        switch error {
        case .notOurs(let path):
            return zh ? "输出文件夹 \(path) 已存在且不是 unionbatch 的输出（没有 manifest.json），为免覆盖其中的文件，未写出任何内容；请用 --out 指定新的文件夹"
                      : "the output folder \(path) exists and is not unionbatch's (no manifest.json); nothing written, to leave its files alone: give a new folder with --out"
        case .cannotCreate(let path, let why):
            return zh ? "无法写出输出文件夹 \(path)：\(why)。请检查它所在的文件夹是否可写，或用 --out 指定其他位置；未写出任何文件，原有文件保持原样"
                      : "cannot write the output folder \(path): \(why). Check that the folder holding it is writable, or give another place with --out; nothing was written and existing files are as they were"
        case .cannotWrite(let name, let why):
            return (zh ? "写出文件失败，输出文件夹保持原样：" : "writing the outputs failed; the output folder is unchanged: ") + name + ": " + why
        case .cannotSwap(let path, let why):
            return (zh ? "无法写出 \(path)：" : "cannot write \(path): ") + why
        case .holdsInput(let path, let input):
            return zh ? "输出文件夹 \(path) 就是输入文件夹 \(input) 或包含它，未写出任何内容；请用 --out 指定输入文件夹以外的新文件夹"
                      : "the output folder \(path) is the input folder \(input) or holds it; nothing written: give a new folder outside the inputs with --out"
        case .pathThroughFile(let path, let file):
            return zh ? "无法写出输出文件夹 \(path)：\(file) 是一个文件，不是文件夹；未写出任何文件。请用 --out 指定其他位置"
                      : "cannot write the output folder \(path): \(file) is a file, not a folder; nothing written. Give another place with --out"
        case .busy(let path, let holder):
            let who = holder.map { zh ? "（进程 \($0.pid)，用户 \($0.user)）" : " (process \($0.pid), user \($0.user))" } ?? ""
            return zh ? "另一个 unionbatch 运行\(who)正在写出 \(path)，等待 10 秒后仍未结束；本次未写出任何文件，请等它结束后再运行"
                      : "another unionbatch run\(who) is writing \(path) and did not finish within 10 seconds; nothing written: run again once it is done"
        }
    }

    /// Opens every input, two at a time: reading and hashing one file needs nothing from another.
    static func openAll(_ sources: [InputSource], config: RunConfiguration, timings: StageTimings?) -> [InputOpening] {
        let results = OpenedResults(count: sources.count)
        DispatchQueue.concurrentPerform(iterations: sources.count) { i in
            let started = StageTimings.start()
            let opening = InputOpener.open(sources[i], policy: config.policy, extraAliases: config.extraAliases)
            timings?.record("open " + sources[i].name, since: started)
            results.set(i, opening)
        }
        return results.all
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
        var lines = [RunClosingText.read(tally, year: s.year), RunClosingText.findings(errors: s.findings.errors, warnings: s.findings.warnings)]
        if unread.total > 0 { lines.append(RunClosingText.unread(unread)) }
        lines += keptEdits.map(RunClosingText.kept)
        lines.append(RunClosingText.written(outputFolder))
        lines.append(checkOnly ? RunClosingText.checkOnlyStart : RunClosingText.whereToStart)
        return lines.map { $0.text(language) }
    }
}

/// The accounting invariant of SPEC §4/§7, checked on every run.
enum RunFindings {
    /// Each file's findings after those of the file before it (by name, in code point order); a file's
    /// own findings (X01, F01 of a workbook's sheet) before those of its rows.
    static func inFileOrder(other: [String: [Finding]], checked: [CheckedFile]) -> [Finding] {
        var checkedByName: [String: [Int]] = [:]
        for (i, file) in checked.enumerated() { checkedByName[file.input.source.name, default: []].append(i) }
        let names = Set(other.keys).union(checkedByName.keys)
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
        var all: [Finding] = []
        all.reserveCapacity(other.values.map(\.count).reduce(0, +) + checked.map(\.findings.count).reduce(0, +))
        for name in names {
            all += other[name] ?? []
            for i in checkedByName[name] ?? [] { all += checked[i].findings }
        }
        return all
    }
}

enum Accounting {
    static func violation(_ files: [CheckedFile], policy: RulePolicy) -> String? {
        for file in files {
            let name = file.input.source.name
            if file.rowCount != file.includedCount + file.excluded.count + file.outsideYear.count {
                return "\(name): rows \(file.rowCount) ≠ included + excluded + outside the year"
            }
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

/// The datasets checked on a second thread, read by the first once that thread is done.
private final class CheckedAside: @unchecked Sendable {
    // @unchecked: written by the second thread before it signals, read by the first after it waits.
    var files: [Dataset: [CheckedFile]] = [:]
}

/// Slots the concurrent opens fill, one each.
private final class OpenedResults: @unchecked Sendable {
    // @unchecked: `slots` is only touched under `lock`.
    private let lock = NSLock()
    private var slots: [InputOpening?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ opening: InputOpening) { lock.withLock { slots[i] = opening } }

    var all: [InputOpening] { lock.withLock { slots.map { $0! } } }
}
