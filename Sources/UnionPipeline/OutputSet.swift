// The files one run writes, staged together; edited earlier outputs kept under a dated name.
import Foundation
import UnionCore
import UnionImport
import UnionRules
import UnionSummary
import UnionWriters

struct OutputSet {
    let options: RunOptions
    let summary: Summary
    let checked: [CheckedFile]
    let findings: [Finding]
    let profile: RuleProfile
    let policy: RulePolicy
    /// `<folder>/templates` when it exists: the clerk's own templates.
    let templateFolder: String?

    let layout: CheckedLayout
    /// Whether unionbatch.toml names the unit; else the titles and the text say 本单位工会.
    var unitNamed = true
    /// `[plan]` of unionbatch.toml, for the text's budget.
    var plan = BudgetPlan()
    /// Lines about the workbooks' sheets for 说明: hidden sheets and rows, .xls limits, sheets not used.
    var sheetNotes: [String] = []

    /// Ends the set once the checked workbooks (written into the stage by `CheckedWorkbookJobs`) are
    /// in: keeps edited earlier outputs, writes the manifest and swaps the stage in. Returns the names
    /// of kept edits.
    func finish(_ stage: OutputStage, summaries: [String], checkedWorkbooks: [(name: String, sha256: String)]) throws -> [KeptEdit] {
        let kept = try writeManifest(stage, outputFolder: stage.outputFolder, summaries: summaries, checkedWorkbooks: checkedWorkbooks)
        TestPause.reach(.installing)
        let started = StageTimings.start()
        try stage.commit()
        options.timings?.record("swap the outputs in", since: started)
        return kept
    }

    /// Writes one dataset's checked workbook into the stage (run on a writer thread).
    static func writeCheckedWorkbook(_ dataset: Dataset, files: [CheckedFile], layout: CheckedLayout, options: RunOptions,
                                     created: Day, heading: PageHeading, stage: OutputStage) throws {
        try CheckedWorkbookWriter.write(path: stage.path(CheckedLayout.fileName(dataset)), dataset: dataset, files: files,
                                        layout: layout, presenter: FindingPresenter(language: options.language, mask: false),
                                        maskAll: options.mask == .all, created: created, tempDirectory: stage.stagingFolder,
                                        heading: heading, timings: options.timings)
    }

    /// Writes issues.csv and, for `run`, summary.xlsx, annual-report.txt and summary.json into the stage
    /// (while the checked workbooks may still be zipping). Returns their names.
    func writeSummaries(_ stage: OutputStage) throws -> [String] {
        let language = options.language
        let maskedPresenter = FindingPresenter(language: language, mask: options.mask != .none)
        var written: [String] = []

        let timings = options.timings
        var started = StageTimings.start()
        do {
            try IssuesCSVWriter.write(path: stage.path("issues.csv"), findings, presenter: maskedPresenter)
        } catch let error as IssuesCSVWriter.WriteError {
            throw OutputFolderError.cannotWrite("issues.csv", error.description)
        }
        timings?.record("write issues.csv", since: started)
        written.append("issues.csv")

        if options.mode == .run {
            let datasets = Set(checked.map(\.dataset))
            var datasetOfFile: [String: Dataset] = [:]
            for f in checked { datasetOfFile[f.input.source.name] = f.dataset }
            var input = SummaryWorkbookInput(summary: summary, findings: findings, layout: layout,
                                             checkedDatasets: options.summaryOnly ? [] : datasets, datasetOfFile: datasetOfFile,
                                             presenter: maskedPresenter, profileName: profile.name, options: optionPairs.map { ($0.0, $0.1) })
            input.policy = policy
            input.profile = profile
            input.unitNamed = unitNamed
            input.sheetNotes = sheetNotes
            started = StageTimings.start()
            try SummaryWorkbookWriter.write(path: stage.path("summary.xlsx"), input: input)
            timings?.record("write summary.xlsx", since: started)
            started = StageTimings.start()
            written.append("summary.xlsx")

            var counts = ReportCounts(files: checked.count, rows: checked.map(\.rowCount).reduce(0, +),
                                      excluded: checked.map(\.excluded.count).reduce(0, +),
                                      outside: checked.map(\.outsideYear.count).reduce(0, +))
            counts.unitNamed = unitNamed
            counts.plan = plan
            counts.warnedRows = OutputSet.warnedRows(findings, language: language)
            let text = try AnnualReportRenderer(language: language, overrides: templateFolder).render(summary, counts: counts)
            try stage.write("annual-report.txt", Array(text.utf8))
            written.append("annual-report.txt")

            try stage.write("summary.json", Array(SummaryJSON.text(summary).utf8))
            written.append("summary.json")
            timings?.record("write annual-report.txt, summary.json", since: started)
        }
        return written
    }

    /// The warnings that put a doubtful amount or a second count into the figures: duplicates, premiums and
    /// rates off standard, dues off the wage, aid paid to a member not on file as in hardship.
    static let figureWarnings: Set<RuleCode> = [.P04, .C06, .E03, .E01, .C02, .M09, .P07]

    /// Rows that count in the figures although they have a warning of `figureWarnings` (and no error, and are
    /// of the year), by rule, for the text's 数据核查情况 (SPEC §4.2).
    /// A federation's warned rows: its units' rows, then the members counted in two unions (U01, from rosters
    /// or digests), since the federation's member total counts each of them twice.
    static func federationWarnedRows(_ findings: [(unit: String, finding: Finding)], u01People: Int,
                                     language: Language) -> [(rule: String, summary: String, rows: Int)] {
        var rows = warnedRows(findings, language: language)
        if u01People > 0 {
            rows.append((RuleCode.U01.rawValue, RuleCatalog.definition(.U01).summary.text(language), u01People))
            rows.sort { $0.rule < $1.rule }
        }
        return rows
    }

    private struct WarnedRow: Hashable { let unit: String; let file: String; let record: Int }

    static func warnedRows(_ findings: [Finding], language: Language) -> [(rule: String, summary: String, rows: Int)] {
        warnedRows(findings.lazy.map { ("", $0) }, language: language)
    }

    /// The same over a federation's units: a row is its unit's file and record, so two units' `payments.csv`
    /// stay apart.
    static func warnedRows<S: Sequence>(_ findings: S, language: Language) -> [(rule: String, summary: String, rows: Int)]
    where S.Element == (unit: String, finding: Finding) {
        var warned: [WarnedRow: Set<RuleCode>] = [:]
        var left: Set<WarnedRow> = []
        for (unit, f) in findings {
            guard let record = f.recordIndex else { continue }
            let row = WarnedRow(unit: unit, file: f.file, record: record)
            if f.severity == .error || f.rule == .V04 {
                left.insert(row)
            } else if figureWarnings.contains(f.rule) {
                warned[row, default: []].insert(f.rule)
            }
        }
        var byRule: [RuleCode: Int] = [:]
        for (row, rules) in warned where !left.contains(row) {
            for rule in rules { byRule[rule, default: 0] += 1 }
        }
        return byRule.sorted { $0.key < $1.key }.map { rule, rows in
            (rule.rawValue, RuleCatalog.definition(rule).summary.text(language), rows)
        }
    }

    private func writeManifest(_ stage: OutputStage, outputFolder: String, summaries: [String],
                               checkedWorkbooks: [(name: String, sha256: String)]) throws -> [KeptEdit] {
        let started = StageTimings.start()
        let written = checkedWorkbooks.map(\.name) + summaries
        let hashed = Dictionary(checkedWorkbooks.map { ($0.name, $0.sha256) }, uniquingKeysWith: { a, _ in a })

        let kept = try keepEditsAndExtras(stage, outputFolder: outputFolder, newNames: Set(written))
        var hashes: [(String, String)] = []
        for name in written.sorted() {
            if let sha = hashed[name] {
                hashes.append((name, sha))
            } else {
                hashes.append((name, try FileBytes.sha256(path: stage.path(name))))
            }
        }
        let manifest = Manifest.document(command: options.mode.rawValue, options: optionPairs.map { ($0.0, .string($0.1)) },
                                         summary: summary, profile: [("name", .string(profile.name))],
                                         outputs: hashes, keptEdits: kept.map(\.keptAs), accountingHolds: true)
        try stage.write(Manifest.fileName, Array(manifest.utf8))
        options.timings?.record("hash the outputs, write manifest.json", since: started)
        return kept
    }

    private var optionPairs: [(String, String)] {
        [("year", String(summary.year)), ("as_of", summary.asOf.description), ("lang", options.language.rawValue),
         ("mask", options.mask.rawValue), ("summary_only", options.summaryOnly ? "true" : "false")]
    }

    /// Outputs the clerk changed since the last run are kept as `name.edited-YYYY-MM-DD.ext` (then
    /// `name.edited-YYYY-MM-DD-2.ext`, …); files the last run did not write (earlier kept edits, the
    /// clerk's own) are carried over. What is not a regular file (a named pipe, a link) is carried over
    /// as it is, never opened.
    private func keepEditsAndExtras(_ stage: OutputStage, outputFolder: String, newNames: Set<String>) throws -> [KeptEdit] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: outputFolder) else { return [] }
        let recorded = Manifest.recordedOutputs(folder: outputFolder)
        var kept: [KeptEdit] = []
        var editedNames: [String] = []
        for name in names.sorted() where name != Manifest.fileName {
            let old = outputFolder + "/" + name
            var st = stat()
            guard lstat(old, &st) == 0 else { continue }
            let kind = st.st_mode & S_IFMT
            guard kind == S_IFREG else {
                try carryOver(old, kind: kind, mode: st.st_mode & 0o7777, to: stage.path(freeName(name, in: stage)))
                continue
            }
            var edited = false
            if let hash = recorded[name] {
                guard let current = try? FileBytes.sha256(path: old), current != hash else { continue }
                edited = true
            } else if newNames.contains(name) {
                // Not ours last time but named like an output now: keep the clerk's file aside.
                edited = true
            }
            if edited {
                editedNames.append(name)
            } else {
                try fm.copyItem(atPath: old, toPath: stage.path(freeName(name, in: stage)))
            }
        }
        // After the carried-over files, so an earlier kept edit keeps its name and a new one gets the next.
        for name in editedNames {
            let target = editedName(name, in: stage)
            try fm.copyItem(atPath: outputFolder + "/" + name, toPath: stage.path(target))
            kept.append(KeptEdit(original: name, keptAs: target))
        }
        return kept
    }

    /// Puts what is not a regular file into the stage without opening it: a hard link to it, else a
    /// new link or pipe like it.
    private func carryOver(_ old: String, kind: mode_t, mode: mode_t, to new: String) throws {
        if kind == S_IFDIR {
            try FileManager.default.copyItem(atPath: old, toPath: new)
            return
        }
        if linkat(AT_FDCWD, old, AT_FDCWD, new, 0) == 0 { return }
        if kind == S_IFLNK, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: old) {
            if symlink(target, new) == 0 { return }
        } else if kind == S_IFIFO {
            if mkfifo(new, mode) == 0 { return }
        }
        // A socket or a device that cannot be linked: left behind with the old set, still never opened.
    }

    /// `name` itself when the stage has no file by it, else `stem-2.ext`, `stem-3.ext`, …
    private func freeName(_ name: String, in stage: OutputStage) -> String {
        var st = stat()
        guard lstat(stage.path(name), &st) == 0 else { return name }
        let (stem, ext) = Self.split(name)
        var n = 2
        while lstat(stage.path(stem + "-" + String(n) + ext), &st) == 0 { n += 1 }
        return stem + "-" + String(n) + ext
    }

    private func editedName(_ name: String, in stage: OutputStage) -> String {
        let (stem, ext) = Self.split(name)
        return freeName(stem + ".edited-" + options.today.description + ext, in: stage)
    }

    /// A name's stem and its extension with the dot (`summary`, `.xlsx`); a name without one has "".
    static func split(_ name: String) -> (String, String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        return (String(name[..<dot]), String(name[dot...]))
    }
}

/// An output the clerk edited, kept under a dated name.
public struct KeptEdit: Sendable, Equatable {
    public let original: String
    public let keptAs: String

    public init(original: String, keptAs: String) {
        self.original = original
        self.keptAs = keptAs
    }
}
