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
    func finish(_ stage: OutputStage, summaries: [String], checkedWorkbooks: [(name: String, sha256: String)]) throws -> [String] {
        let kept = try writeManifest(stage, outputFolder: stage.outputFolder, summaries: summaries, checkedWorkbooks: checkedWorkbooks)
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
        try stage.write("issues.csv", IssuesCSVWriter.bytes(findings, presenter: maskedPresenter))
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
    static func warnedRows(_ findings: [Finding], language: Language) -> [(rule: String, summary: String, rows: Int)] {
        struct Row: Hashable { let file: String; let record: Int }
        var warned: [Row: Set<RuleCode>] = [:]
        var left: Set<Row> = []
        for f in findings {
            guard let record = f.recordIndex else { continue }
            let row = Row(file: f.file, record: record)
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
            (rule.rawValue, RuleCatalog.definition(rule).summary[language] ?? "", rows)
        }
    }

    private func writeManifest(_ stage: OutputStage, outputFolder: String, summaries: [String],
                               checkedWorkbooks: [(name: String, sha256: String)]) throws -> [String] {
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
                                         outputs: hashes, keptEdits: kept, accountingHolds: true)
        try stage.write(Manifest.fileName, Array(manifest.utf8))
        options.timings?.record("hash the outputs, write manifest.json", since: started)
        return kept
    }

    private var optionPairs: [(String, String)] {
        [("year", String(summary.year)), ("as_of", summary.asOf.description), ("lang", options.language.rawValue),
         ("mask", options.mask.rawValue), ("summary_only", options.summaryOnly ? "true" : "false")]
    }

    /// Outputs the clerk changed since the last run are kept as `name.edited-YYYY-MM-DD.ext`;
    /// files the last run did not write (earlier kept edits, the clerk's own) are carried over.
    private func keepEditsAndExtras(_ stage: OutputStage, outputFolder: String, newNames: Set<String>) throws -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: outputFolder) else { return [] }
        let recorded = Manifest.recordedOutputs(folder: outputFolder)
        var kept: [String] = []
        for name in names.sorted() where name != Manifest.fileName {
            let old = outputFolder + "/" + name
            var target = name
            if let hash = recorded[name] {
                guard let current = try? FileBytes.sha256(path: old), current != hash else { continue }
                target = editedName(name)
                kept.append(target)
            } else if newNames.contains(name) {
                // Not ours last time but named like an output now: keep the clerk's file aside.
                target = editedName(name)
                kept.append(target)
            }
            var candidate = target
            var n = 2
            while fm.fileExists(atPath: stage.path(candidate)) {
                candidate = target + "." + String(n)
                n += 1
            }
            try fm.copyItem(atPath: old, toPath: stage.path(candidate))
        }
        return kept
    }

    private func editedName(_ name: String) -> String {
        let stamp = "edited-" + options.today.description
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name + "." + stamp }
        return String(name[..<dot]) + "." + stamp + String(name[dot...])
    }
}
