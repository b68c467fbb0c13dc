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
    /// Every finding of the units below, U01 of this level included, with its grassroots union.
    public var findings: [(unit: String, finding: Finding)] = []
    /// The members at the as-of date of every grassroots union below, for U01 one level up.
    public var members: [RollupMember] = []

    static func failed(_ message: String) -> RollupReport { RollupReport(exitCode: 2, fatal: message) }
}

/// What a unit's own run or roll-up hands its federation besides its summary.
struct UnitReport {
    var findings: [(unit: String, finding: Finding)]
    var members: [RollupMember]
}

/// A member at the as-of date of a grassroots union in a roll-up.
public struct RollupMember: Sendable {
    public let person: UInt64
    public let unit: String
    public let file: String
    public let row: Int
}

public enum RollupPipeline {
    /// Whether `folder` holds input files of its own: a grassroots union's folder (else a federation's).
    static func holdsInputs(_ folder: String) -> Bool {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.contains { f in
            guard !f.hasPrefix("."), let ext = f.split(separator: ".").last?.lowercased() else { return false }
            return InputDiscovery.delimitedExtensions.contains(ext)
        }
    }

    /// The sub-folders of `folder` that are units: those that hold input files (grassroots unions), and those
    /// that hold no input files but units of their own (sub-federations). Output folders and hidden ones never count.
    public static func unitFolders(in folder: String) -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return [] }
        return names.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
            .compactMap { name -> String? in
                guard !name.hasPrefix("."), name != "unionbatch-out" else { return nil }
                let path = FilePath.join(folder, name)
                var st = stat()
                // lstat: a link to a folder is never a unit (SPEC §2.1).
                guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return nil }
                guard !fm.fileExists(atPath: FilePath.join(path, Manifest.fileName)) else { return nil }
                return holdsInputs(path) || !unitFolders(in: path).isEmpty ? path : nil
            }
    }

    public static func execute(_ options: RollupOptions) -> RollupReport {
        let zh = options.language == .zh
        let fromSummaries = !options.summaryFiles.isEmpty
        guard fromSummaries || !options.folders.isEmpty else {
            return .failed(zh ? "请给出联合工会的文件夹，或用 --from-summaries 给出各基层工会的 summary.json" : "give federation folders, or summary.json files with --from-summaries")
        }
        // The federation's folder: the first FOLDER, or with --from-summaries the current folder (SPEC §6).
        let first = fromSummaries ? "." : options.folders[0]
        let outputFolder = options.outputFolder ?? (fromSummaries ? "unionbatch-out" : FilePath.join(first, "unionbatch-out"))
        // The federation's own name and kind: its unionbatch.toml if there is one, else its folder.
        // A federation's unionbatch.toml that does not read stops the roll-up, as a unit's stops its run.
        let config: RunConfiguration
        do {
            config = try ConfigurationLoader.load(folder: first, explicit: nil)
        } catch let error as ConfigurationError {
            return .failed((zh ? "配置文件有误：" : "invalid configuration: ") + error.description)
        } catch {
            return .failed(String(describing: error))
        }
        let name = config.unit ?? FilePath.name(first)
        let type = config.unitType ?? "联合"

        var units: [FederationUnit] = []
        var unitReports: [UnitReport?] = []
        if fromSummaries {
            for (file, read) in zip(options.summaryFiles, readSummaries(options.summaryFiles)) {
                switch read {
                case .success(let s):
                    units.append(FederationUnit(name: s.unit, type: s.unitType, folder: FilePath.parent(file),
                                                summary: s, failure: nil, exitCode: s.findings.errors > 0 ? 1 : 0))
                case .failure(let error):
                    units.append(FederationUnit(name: file, type: "", folder: FilePath.parent(file),
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
            // Grassroots unions run two at once; a sub-federation is rolled up as a whole, into its own unionbatch-out/.
            let grassroots = folders.filter(holdsInputs)
            var runs: [String: RunReport] = [:]
            for (folder, report) in zip(grassroots, runUnits(grassroots, options: options)) { runs[folder] = report }
            for folder in folders {
                let unitConfig = (try? ConfigurationLoader.load(folder: folder, explicit: nil)) ?? RunConfiguration()
                if let report = runs[folder] {
                    let unitName = report.summary?.unit ?? unitConfig.unit ?? FilePath.name(folder)
                    units.append(FederationUnit(name: unitName, type: report.summary?.unitType ?? unitConfig.unitType ?? "",
                                                folder: folder, summary: report.summary, failure: report.fatal, exitCode: report.exitCode))
                    unitReports.append(UnitReport(findings: report.findings.map { (unitName, $0) },
                                                  members: report.members.map { RollupMember(person: $0.person, unit: unitName, file: $0.file, row: $0.row) }))
                } else {
                    var sub = options
                    sub.folders = [folder]
                    sub.outputFolder = nil
                    let report = execute(sub)
                    let unitName = report.federation?.unit ?? unitConfig.unit ?? FilePath.name(folder)
                    units.append(FederationUnit(name: unitName, type: report.federation?.unitType ?? unitConfig.unitType ?? "联合",
                                                folder: folder, summary: report.federation, failure: report.fatal,
                                                exitCode: report.exitCode))
                    unitReports.append(UnitReport(findings: report.findings, members: report.members))
                }
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

        var findings = unitReports.compactMap { $0 }.flatMap(\.findings)
        // U01 from the rosters, or from the keyed digests of the summaries.
        let (u01, u01People) = fromSummaries ? DuplicateMembers.byDigest(units) : DuplicateMembers.byRoster(unitReports)
        findings += u01
        guard SummaryMerger.totalsAddUp(summaries) else {
            return .failed(zh ? "各单位的金额合计超出可计算的范围，未写出任何文件" : "the units' amounts add up past what can be totalled; nothing written")
        }
        var federation = SummaryMerger.merge(summaries, unit: name, unitType: type, year: year, asOf: asOf)
        if u01People > 0 {
            federation.findings.warnings += u01People
            federation.findings.byRule[.U01, default: 0] += u01People
        }

        var report = RollupReport(exitCode: 0)
        report.units = units
        report.federation = federation
        report.findings = findings
        report.members = unitReports.compactMap { $0 }.flatMap(\.members)
        report.unitLines = unitLines(units, zh: zh)
        let presenter = FindingPresenter(language: options.language, mask: options.mask != .none)
        // A finding from digests names no file: the unit alone stands before it.
        report.findingLines = u01.map { ($0.finding.file.isEmpty ? $0.unit : "\($0.unit)/") + presenter.line($0.finding) }
        do {
            let stage = try OutputStage.prepare(outputFolder: outputFolder)
            do {
                try stage.write("issues.csv", IssuesCSVWriter.bytes(findings.map(\.finding), presenter: presenter,
                                                                    units: findings.map(\.unit)))
                try writeFederationJSON(federation, units: units, path: stage.path("summary.json"))
                try FederationWorkbookWriter.write(path: stage.path("summary.xlsx"), federation: federation, units: units,
                                                   findings: findings, presenter: presenter)
                let inputs = summaries.flatMap(\.inputs)
                var counts = ReportCounts(files: inputs.count, rows: inputs.map(\.rows).reduce(0, +),
                                          excluded: inputs.map(\.excluded).reduce(0, +),
                                          outside: inputs.map(\.outsideYear).reduce(0, +),
                                          unitTypes: units.filter { $0.summary != nil }.map(\.type),
                                          units: units.compactMap { u in u.summary.map { (u.name, $0) } })
                // Without a name in unionbatch.toml the text says 本级工会, never a folder's name (SPEC §4.2).
                counts.unitNamed = config.unit != nil
                // Warned rows counted in the units' figures (SPEC §4.2); from summaries alone, only U01 by digest.
                counts.warnedRows = OutputSet.federationWarnedRows(findings, u01People: federation.findings.byRule[.U01] ?? 0,
                                                                   language: options.language)
                // The federation's own [plan]: next year's budget of its text.
                counts.plan = config.plan
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
        // A roll-up of federations names both: its units, and the grassroots unions below them.
        let nested = federation.federation.map { $0.federations > 0 } ?? false
        let grassroots = federation.federation?.grassrootsTotal ?? summaries.count
        if config.unit == nil {
            report.summaryLines.append(zh ? "提示：unionbatch.toml 未设置联合工会名称（unit），年度报告中写作“本级工会”"
                                          : "note: unionbatch.toml names no federation (unit = \"…\"); the annual text says \"this federation\"")
        }
        if zh {
            report.summaryLines += ["汇总 \(summaries.count) " + (nested ? "个单位（其中联合工会 \(federation.federation!.federations) 个，基层工会共 \(grassroots) 家）" : "家基层工会")
                                   + (failedUnits > 0 ? "（另有 \(failedUnits) 家未能汇总）" : "")
                                   + "：会员 \(federation.members?.total ?? 0) 人，错误 \(federation.findings.errors) 处、警告 \(federation.findings.warnings) 处。",
                                   "联合工会输出已写入 \(outputFolder)"]
        } else {
            report.summaryLines += ["Rolled up \(summaries.count) " + (nested ? "units (\(federation.federation!.federations) federations, \(grassroots) grassroots unions in all)" : "grassroots unions")
                                   + (failedUnits > 0 ? " (\(failedUnits) could not be)" : "")
                                   + ": \(federation.members?.total ?? 0) members, \(federation.findings.errors) errors, \(federation.findings.warnings) warnings.",
                                   "Federation outputs written to \(outputFolder)"]
        }
        return report
    }

    /// The summary.json files read on two threads (each takes every other file); results in the files' order.
    static func readSummaries(_ files: [String]) -> [Result<Summary, SummaryReadError>] {
        var results: [Result<Summary, SummaryReadError>?] = Array(repeating: nil, count: files.count)
        let threads = min(2, max(1, files.count))
        results.withUnsafeMutableBufferPointer { buffer in
            // Each slot is written by one thread alone.
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                for i in stride(from: t, to: files.count, by: threads) {
                    do { out[i] = .success(try SummaryJSONReader.read(path: files[i])) } catch let e as SummaryReadError {
                        out[i] = .failure(e)
                    } catch {
                        out[i] = .failure(SummaryReadError(file: files[i], message: String(describing: error)))
                    }
                }
            }
        }
        return results.map { $0! }
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

    /// Writes the federation's summary.json a part at a time, its members' digests straight from the list: a federation
    /// of 10,000 units has a million of them, tens of MB of text (the bytes are those of `federationJSON(…).rendered()`).
    public static func writeFederationJSON(_ federation: Summary, units: [FederationUnit], path: String) throws {
        var withoutDigests = federation
        let digests = federation.members?.idDigests
        withoutDigests.members?.idDigests = nil
        guard case .object(let pairs) = federationJSON(withoutDigests, units: units), let file = fopen(path, "wb") else {
            throw OutputFolderError.cannotWrite(FilePath.lastComponent(path), String(cString: strerror(errno)))
        }
        setvbuf(file, nil, _IOFBF, 1 << 20)
        var failed = false
        func put(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                if bytes.count > 0 && fwrite(bytes.baseAddress, 1, bytes.count, file) != bytes.count { failed = true }
            }
        }
        put("{\n")
        for (i, (key, value)) in pairs.enumerated() {
            var text = "  " + JSONValue.quoted(key) + ": " + value.rendered(indent: 1)
            // The digests go last in `members`, before its closing brace, as SummaryJSON.document puts them.
            if key == "members", let digests, text.hasSuffix("\n  }") {
                text.removeLast(4)
                put(text + ",\n    \"id_digests\": " + (digests.isEmpty ? "[]" : "[\n"))
                for (j, d) in digests.enumerated() { put("      \"" + d.hex + (j == digests.count - 1 ? "\"\n" : "\",\n")) }
                text = (digests.isEmpty ? "" : "    ]") + "\n  }"
            }
            put(text + (i == pairs.count - 1 ? "\n" : ",\n"))
        }
        put("}\n")
        if fclose(file) != 0 { failed = true }
        if failed { throw OutputFolderError.cannotWrite(FilePath.lastComponent(path), String(cString: strerror(errno))) }
    }

    /// The federation's summary.json: the summary of SPEC §4 with a `units` list at the end.
    public static func federationJSON(_ federation: Summary, units: [FederationUnit]) -> JSONValue {
        guard case .object(var pairs) = SummaryJSON.document(federation) else { return .null }
        let unitValues: [JSONValue] = units.map { u in
            var entry: [(String, JSONValue)] = [("name", .string(u.name)), ("type", .string(u.type)), ("folder", .string(u.folder))]
            if var s = u.summary {
                // A unit's digests are in the federation's own list once; its entry does not repeat them.
                s.members?.idDigests = nil
                guard case .object(let figures) = SummaryJSON.document(s) else { return .object(entry) }
                entry += figures.filter { ["year", "as_of", "members", "payments", "claims", "enrollments", "funds", "findings"].contains($0.0) }
            } else {
                entry.append(("failure", .string(u.failure ?? "")))
            }
            return .object(entry)
        }
        // `funds.units_without`: the rolled-up units that gave no ledger, after funds' own keys (SPEC §7.1).
        if let i = pairs.firstIndex(where: { $0.0 == "funds" }), case .object(var funds) = pairs[i].1 {
            funds.append(("units_without", .array(units.filter { $0.summary != nil && $0.summary?.funds == nil }.map { .string($0.name) })))
            pairs[i].1 = .object(funds)
        }
        pairs.append(("units", .array(unitValues)))
        let f = federation.federation ?? FederationFigures()
        pairs.append(("federations", .integer(f.federations)))
        pairs.append(("grassroots", .object(f.grassroots.sorted { codePointOrder($0.key, $1.key) }.map { ($0.key, .integer($0.value)) })))
        return .object(pairs)
    }
}
