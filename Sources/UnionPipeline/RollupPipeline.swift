// `unionbatch rollup`: every grassroots union of a federation run as `run` would, then the federation's outputs.
import Foundation
import UnionCore
import UnionImport
import UnionRules
import UnionSummary
import UnionWriters

public struct RollupOptions: Sendable {
    /// Federation folders: each immediate sub-folder holding input files is one grassroots union.
    public var folders: [String] = []
    /// `--from-summaries`: the units' summary.json files instead of their folders.
    public var summaryFiles: [String] = []
    public var outputFolder: String?
    public var year: Int?
    public var asOf: Day?
    public var language: Language = .zh
    public var mask: MaskMode = .standard
    public var today: Day
    /// Units run at once (each run also writes its workbooks on threads of its own).
    public var parallelUnits = 2

    public init(today: Day) { self.today = today }
}

public struct RollupReport: Sendable {
    public var exitCode: Int32
    /// One line per unit: its folder, exit status and key figures or why it failed.
    public var unitLines: [String] = []
    public var findingLines: [String] = []
    public var summaryLines: [String] = []
    public var fatal: String?
    public var federation: Summary?
    public var units: [FederationUnit] = []

    static func failed(_ message: String) -> RollupReport { RollupReport(exitCode: 2, fatal: message) }
}

public enum RollupPipeline {
    /// The sub-folders of `folder` that hold input files (output folders and hidden ones never count).
    public static func unitFolders(in folder: String) -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return [] }
        return names.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
            .compactMap { name -> String? in
                guard !name.hasPrefix("."), name != "unionbatch-out" else { return nil }
                let path = (folder as NSString).appendingPathComponent(name)
                var st = stat()
                // lstat: a link to a folder is never a unit (SPEC §2.1).
                guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return nil }
                guard !fm.fileExists(atPath: (path as NSString).appendingPathComponent(Manifest.fileName)) else { return nil }
                let files = (try? fm.contentsOfDirectory(atPath: path)) ?? []
                let hasInput = files.contains { f in
                    guard !f.hasPrefix("."), let ext = f.split(separator: ".").last?.lowercased() else { return false }
                    return InputDiscovery.delimitedExtensions.contains(ext)
                }
                return hasInput ? path : nil
            }
    }

    public static func execute(_ options: RollupOptions) -> RollupReport {
        let zh = options.language == .zh
        let fromSummaries = !options.summaryFiles.isEmpty
        guard fromSummaries || !options.folders.isEmpty else {
            return .failed(zh ? "请给出联合工会的文件夹，或用 --from-summaries 给出各基层工会的 summary.json" : "give federation folders, or summary.json files with --from-summaries")
        }
        let first = fromSummaries ? ((options.summaryFiles[0] as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
                                  : options.folders[0]
        let outputFolder = options.outputFolder ?? (first as NSString).appendingPathComponent("unionbatch-out")
        // The federation's own name and kind: its unionbatch.toml if there is one, else its folder.
        let config = (try? ConfigurationLoader.load(folder: first, explicit: nil)) ?? RunConfiguration()
        let name = config.unit ?? URL(fileURLWithPath: first).standardizedFileURL.lastPathComponent
        let type = config.unitType ?? "联合"

        var units: [FederationUnit] = []
        var unitReports: [RunReport?] = []
        if fromSummaries {
            for file in options.summaryFiles {
                do {
                    let s = try SummaryJSONReader.read(path: file)
                    units.append(FederationUnit(name: s.unit, type: s.unitType, folder: (file as NSString).deletingLastPathComponent,
                                                summary: s, failure: nil, exitCode: s.findings.errors > 0 ? 1 : 0))
                } catch {
                    units.append(FederationUnit(name: file, type: "", folder: (file as NSString).deletingLastPathComponent,
                                                summary: nil, failure: String(describing: error), exitCode: 2))
                }
                unitReports.append(nil)
            }
        } else {
            var folders: [String] = []
            for f in options.folders {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: f, isDirectory: &isDir), isDir.boolValue else {
                    return .failed((zh ? "无法读取文件夹：" : "cannot read the folder: ") + f)
                }
                folders += unitFolders(in: f)
            }
            guard !folders.isEmpty else {
                return .failed(zh ? "没有找到基层工会：联合工会文件夹的子文件夹中应有 CSV 文件" : "no grassroots unions found: the sub-folders of a federation folder hold their CSV files")
            }
            let reports = runUnits(folders, options: options)
            for (folder, report) in zip(folders, reports) {
                let unitConfig = (try? ConfigurationLoader.load(folder: folder, explicit: nil)) ?? RunConfiguration()
                let unitName = report.summary?.unit ?? unitConfig.unit ?? (folder as NSString).lastPathComponent
                units.append(FederationUnit(name: unitName, type: report.summary?.unitType ?? unitConfig.unitType ?? "",
                                            folder: folder, summary: report.summary, failure: report.fatal, exitCode: report.exitCode))
                unitReports.append(report)
            }
        }
        let summaries = units.compactMap(\.summary)
        guard !summaries.isEmpty else {
            var report = RollupReport.failed(zh ? "没有一个基层工会能够汇总" : "no grassroots union could be rolled up")
            report.units = units
            report.unitLines = unitLines(units, zh: zh)
            return report
        }
        let year = options.year ?? mostCommon(summaries.map(\.year))
        let asOf = options.asOf ?? mostCommon(summaries.map(\.asOf))

        // U01: the same ID number a member in more than one unit. The first unit keeps it; each later one is told.
        var findings: [(unit: String, finding: Finding)] = []
        var u01: [(unit: String, finding: Finding)] = []
        var firstUnit: [UInt64: String] = [:]
        for (unit, report) in zip(units, unitReports) {
            guard let report else { continue }
            findings += report.findings.map { (unit.name, $0) }
            for m in report.members {
                if let other = firstUnit[m.person], other != unit.name {
                    let value = IDNumber(packed: m.person).text
                    u01.append((unit.name, Finding(rule: .U01, severity: .warning, file: m.file, row: m.row, field: .memberID,
                                                   value: value, arguments: [other])))
                } else if firstUnit[m.person] == nil {
                    firstUnit[m.person] = unit.name
                }
            }
        }
        findings += u01
        guard SummaryMerger.totalsAddUp(summaries) else {
            return .failed(zh ? "各单位的金额合计超出可计算的范围，未写出任何文件" : "the units' amounts add up past what can be totalled; nothing written")
        }
        var federation = SummaryMerger.merge(summaries, unit: name, unitType: type, year: year, asOf: asOf)
        if !u01.isEmpty {
            federation.findings.warnings += u01.count
            federation.findings.byRule[.U01, default: 0] += u01.count
        }

        var report = RollupReport(exitCode: 0)
        report.units = units
        report.federation = federation
        report.unitLines = unitLines(units, zh: zh)
        let presenter = FindingPresenter(language: options.language, mask: options.mask != .none)
        report.findingLines = u01.map { "\($0.unit)/" + presenter.line($0.finding) }
        do {
            let stage = try OutputStage.prepare(outputFolder: outputFolder)
            do {
                try stage.write("issues.csv", IssuesCSVWriter.bytes(findings.map(\.finding), presenter: presenter,
                                                                    units: findings.map(\.unit)))
                try stage.write("summary.json", Array((federationJSON(federation, units: units).rendered() + "\n").utf8))
                try FederationWorkbookWriter.write(path: stage.path("summary.xlsx"), federation: federation, units: units,
                                                   findings: findings, presenter: presenter)
                let counts = ReportCounts(files: summaries.flatMap(\.inputs).count, rows: summaries.flatMap(\.inputs).map(\.rows).reduce(0, +),
                                          excluded: summaries.flatMap(\.inputs).map(\.excluded).reduce(0, +),
                                          outside: summaries.flatMap(\.inputs).map(\.outsideYear).reduce(0, +),
                                          unitTypes: units.filter { $0.summary != nil }.map(\.type))
                let text = try AnnualReportRenderer(language: options.language, overrides: nil).render(federation, counts: counts)
                try stage.write("annual-report.txt", Array(text.utf8))
                var hashes: [(String, String)] = []
                for file in ["annual-report.txt", "issues.csv", "summary.json", "summary.xlsx"] {
                    hashes.append((file, try FileBytes.sha256(path: stage.path(file))))
                }
                let manifest = Manifest.document(command: fromSummaries ? "rollup --from-summaries" : "rollup",
                                                 options: [("year", .string(String(year))), ("as_of", .string(asOf.description)),
                                                           ("units", .string(String(units.count)))],
                                                 summary: federation, profile: [], outputs: hashes, keptEdits: [], accountingHolds: true)
                try stage.write(Manifest.fileName, Array(manifest.utf8))
                try stage.commit()
            } catch {
                stage.discard()
                throw error
            }
        } catch let error as OutputFolderError {
            report.exitCode = 2
            report.fatal = RunPipeline.describe(error, zh: zh)
            return report
        } catch {
            report.exitCode = 2
            report.fatal = (zh ? "写出联合工会汇总失败：" : "writing the federation outputs failed: ") + String(describing: error)
            return report
        }
        let failedUnits = units.filter { $0.summary == nil }.count
        let unitsWithErrors = units.filter { $0.exitCode != 0 }.count
        report.exitCode = unitsWithErrors > 0 || failedUnits > 0 ? 1 : 0
        if zh {
            report.summaryLines = ["汇总 \(summaries.count) 家基层工会" + (failedUnits > 0 ? "（另有 \(failedUnits) 家未能汇总）" : "")
                                   + "：会员 \(federation.members?.total ?? 0) 人，错误 \(federation.findings.errors) 处、警告 \(federation.findings.warnings) 处。",
                                   "联合工会输出已写入 \(outputFolder)"]
        } else {
            report.summaryLines = ["Rolled up \(summaries.count) grassroots unions" + (failedUnits > 0 ? " (\(failedUnits) could not be)" : "")
                                   + ": \(federation.members?.total ?? 0) members, \(federation.findings.errors) errors, \(federation.findings.warnings) warnings.",
                                   "Federation outputs written to \(outputFolder)"]
        }
        return report
    }

    /// Runs each unit as `run` would, a few at once; results in folder order.
    static func runUnits(_ folders: [String], options: RollupOptions) -> [RunReport] {
        /// The reports, filled in by the operations under `lock`.
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var reports: [RunReport?]
            init(_ n: Int) { reports = Array(repeating: nil, count: n) }
        }
        let results = Results(folders.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, options.parallelUnits)
        for (i, folder) in folders.enumerated() {
            queue.addOperation {
                var run = RunOptions(folder: folder, today: options.today)
                run.year = options.year
                run.asOf = options.asOf
                run.language = options.language
                run.mask = options.mask
                run.collectMembers = true
                let report = RunPipeline.execute(run)
                results.lock.withLock { results.reports[i] = report }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return results.reports.map { $0! }
    }

    static func mostCommon<T: Hashable & Comparable>(_ values: [T]) -> T {
        var counts: [T: Int] = [:]
        for v in values { counts[v, default: 0] += 1 }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }!.key
    }

    static func unitLines(_ units: [FederationUnit], zh: Bool) -> [String] {
        units.map { u in
            if let s = u.summary {
                return zh ? "\(u.name)（\(u.type)）：会员 \(s.members?.total ?? 0) 人，错误 \(s.findings.errors) 处、警告 \(s.findings.warnings) 处"
                          : "\(u.name) (\(u.type)): \(s.members?.total ?? 0) members, \(s.findings.errors) errors, \(s.findings.warnings) warnings"
            }
            return (zh ? "\(u.name)：未能汇总：" : "\(u.name): not rolled up: ") + (u.failure ?? "")
        }
    }

    /// The federation's summary.json: the summary of SPEC §4 with a `units` list at the end.
    static func federationJSON(_ federation: Summary, units: [FederationUnit]) -> JSONValue {
        guard case .object(var pairs) = SummaryJSON.document(federation) else { return .null }
        let unitValues: [JSONValue] = units.map { u in
            var entry: [(String, JSONValue)] = [("name", .string(u.name)), ("type", .string(u.type)), ("folder", .string(u.folder))]
            if let s = u.summary, case .object(let figures) = SummaryJSON.document(s) {
                entry += figures.filter { ["year", "as_of", "members", "payments", "claims", "enrollments", "funds", "findings"].contains($0.0) }
            } else {
                entry.append(("failure", .string(u.failure ?? "")))
            }
            return .object(entry)
        }
        pairs.append(("units", .array(unitValues)))
        return .object(pairs)
    }
}
