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
    /// How the first folder is shown when its path cannot show it: a sub-federation whose name is not
    /// UTF-8 is opened through `/proc/self/fd` (see `FolderEntries`).
    public var shownFolder: String?
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

/// A unit's folder: the path that opens it, and how it is shown (a GBK name decoded, SPEC §2.1).
struct UnitFolder {
    let path: String
    let shown: String
    var name: String { FilePath.name(shown) }
}

public enum RollupPipeline {
    /// Whether `folder` holds input files of its own: a grassroots union's folder (else a federation's).
    static func holdsInputs(_ folder: String) -> Bool {
        let entries = (try? FolderEntries.list(folder, holding: HeldNames())) ?? []
        return entries.contains { entry in
            guard !entry.name.hasPrefix("."), let ext = entry.name.split(separator: ".").last?.lowercased() else { return false }
            return InputDiscovery.delimitedExtensions.contains(ext)
        }
    }

    /// The sub-folders of `folder` that are units: those that hold input files (grassroots unions), and those
    /// that hold no input files but units of their own (sub-federations). Output folders and hidden ones never count.
    /// Folders whose names are not UTF-8 are units too, but their paths open only while `unitFolders(in:shown:holding:)`'s
    /// descriptors are held: here they are left out.
    public static func unitFolders(in folder: String) -> [String] {
        unitFolders(in: folder, shown: folder, holding: HeldNames()).map(\.path).filter { !$0.hasPrefix("/proc/self/fd/") }
    }

    /// The unit folders of `folder` by their names' bytes, sorted by them; `held` keeps open those whose
    /// names are not UTF-8 (their paths are `/proc/self/fd/N`).
    static func unitFolders(in folder: String, shown: String, holding held: HeldNames) -> [UnitFolder] {
        guard let entries = try? FolderEntries.list(folder, holding: held) else { return [] }
        return entries.compactMap { entry -> UnitFolder? in
            guard entry.bytes.first != UInt8(ascii: "."), entry.name != "unionbatch-out" else { return nil }
            // lstat by the name's bytes: a link to a folder is never a unit (SPEC §2.1).
            guard isFolder(folder, entry.bytes) else { return nil }
            guard !FileManager.default.fileExists(atPath: FilePath.join(entry.path, Manifest.fileName)) else { return nil }
            let unit = UnitFolder(path: entry.path, shown: FilePath.join(shown, entry.name))
            return holdsInputs(unit.path) || !unitFolders(in: unit.path, shown: unit.shown, holding: held).isEmpty ? unit : nil
        }
    }

    /// Whether the entry named `bytes` in `folder` is a folder itself, not a link to one.
    static func isFolder(_ folder: String, _ bytes: [UInt8]) -> Bool {
        let path = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8) + bytes + [0]
        var st = stat()
        let found = path.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: path.count) { lstat($0, &st) }
        }
        return found == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Rolls up the federation: its units gathered (run, rolled up in turn, or read from their summary.json),
    /// added up with U01 across them, and the federation's outputs written.
    public static func execute(_ options: RollupOptions) -> RollupReport {
        let language = options.language
        do {
            let setting = try FederationSetting(options)
            let gathered = try setting.fromSummaries ? GatheredUnits.read(options.summaryFiles) : GatheredUnits.run(options)
            // Unit folders whose names are not UTF-8 stay open, by descriptor, until the roll-up ends.
            defer { withExtendedLifetime(gathered.held) {} }
            let summaries = gathered.units.compactMap(\.summary)
            guard !summaries.isEmpty else {
                var report = RollupReport.failed(PipelineMessage.noUnitRolledUp.text(language))
                report.units = gathered.units
                report.unitLines = unitLines(gathered.units.map { options.mask == .none ? $0 : $0.maskedByPattern() }, language: language)
                return report
            }
            var report = try addUp(setting, gathered: gathered, summaries: summaries)
            do {
                try writeOutputs(setting, report: report, summaries: summaries)
            } catch let error as OutputFolderError {
                report.exitCode = 2
                report.fatal = PipelineMessage.outputFolder(error).text(language)
                return report
            } catch {
                report.exitCode = 2
                report.fatal = PipelineMessage.federationWriteFailed(String(describing: error)).text(language)
                return report
            }
            conclude(&report, setting: setting, summaries: summaries)
            return report
        } catch let stop as RunStop {
            return .failed(stop.message.text(language))
        } catch {
            return .failed(String(describing: error))
        }
    }

    /// The federation's own settings: where its outputs go, its name and kind.
    struct FederationSetting {
        let options: RollupOptions
        let fromSummaries: Bool
        let outputFolder: String
        let config: RunConfiguration
        let name: String
        let type: String

        init(_ options: RollupOptions) throws {
            fromSummaries = !options.summaryFiles.isEmpty
            guard fromSummaries || !options.folders.isEmpty else { throw RunStop(.noFederationFolders) }
            // The federation's folder: the first FOLDER, or with --from-summaries the current folder (SPEC §6).
            let first = fromSummaries ? "." : options.folders[0]
            outputFolder = options.outputFolder ?? (fromSummaries ? "unionbatch-out" : FilePath.join(first, "unionbatch-out"))
            // The federation's own name and kind: its unionbatch.toml if there is one, else its folder.
            // A federation's unionbatch.toml that does not read stops the roll-up, as a unit's stops its run.
            do {
                config = try ConfigurationLoader.load(folder: first, explicit: nil)
            } catch let error as ConfigurationError {
                throw RunStop(.invalidConfiguration(error.text(options.language)))
            }
            self.options = options
            name = config.unit ?? FilePath.name(options.shownFolder ?? first)
            type = config.unitType ?? "联合"
        }
    }

    /// The units of a roll-up, and what each hands up besides its summary (nil when read from a summary.json).
    struct GatheredUnits {
        var units: [FederationUnit] = []
        var reports: [UnitReport?] = []
        /// The unit folders whose names are not UTF-8, held open by descriptor.
        let held = HeldNames()

        /// The units' summary.json files (`--from-summaries`).
        static func read(_ files: [String]) -> GatheredUnits {
            var gathered = GatheredUnits()
            for (file, read) in zip(files, RollupPipeline.readSummaries(files)) {
                switch read {
                case .success(let s):
                    gathered.units.append(FederationUnit(name: s.unit, type: s.unitType, folder: FilePath.parent(file),
                                                         summary: s, failure: nil, exitCode: s.findings.errors > 0 ? 1 : 0))
                case .failure(let error):
                    gathered.units.append(FederationUnit(name: file, type: "", folder: FilePath.parent(file),
                                                         summary: nil, failure: String(describing: error), exitCode: 2))
                }
                gathered.reports.append(nil)
            }
            return gathered
        }

        /// The unit folders of the federation folders: grassroots unions run two at once, a sub-federation
        /// rolled up as a whole, into its own unionbatch-out/.
        static func run(_ options: RollupOptions) throws -> GatheredUnits {
            var gathered = GatheredUnits()
            var folders: [UnitFolder] = []
            for (i, f) in options.folders.enumerated() {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: f, isDirectory: &isDir), isDir.boolValue else {
                    throw RunStop(.cannotReadFolder(f))
                }
                folders += RollupPipeline.unitFolders(in: f, shown: i == 0 ? options.shownFolder ?? f : f, holding: gathered.held)
            }
            guard !folders.isEmpty else { throw RunStop(.noGrassrootsUnions) }
            let grassroots = folders.filter { RollupPipeline.holdsInputs($0.path) }
            var runs: [String: RunReport] = [:]
            for (folder, report) in zip(grassroots, RollupPipeline.runUnits(grassroots, options: options)) { runs[folder.path] = report }
            for folder in folders {
                let unitConfig = (try? ConfigurationLoader.load(folder: folder.path, explicit: nil)) ?? RunConfiguration()
                if let report = runs[folder.path] {
                    gathered.add(grassroots: report, folder: folder, config: unitConfig)
                } else {
                    var sub = options
                    sub.folders = [folder.path]
                    sub.shownFolder = folder.shown
                    sub.outputFolder = nil
                    gathered.add(federation: RollupPipeline.execute(sub), folder: folder, config: unitConfig)
                }
            }
            return gathered
        }

        private mutating func add(grassroots report: RunReport, folder: UnitFolder, config: RunConfiguration) {
            let unitName = report.summary?.unit ?? config.unit ?? folder.name
            units.append(FederationUnit(name: unitName, type: report.summary?.unitType ?? config.unitType ?? "",
                                        folder: folder.shown, summary: report.summary, failure: report.fatal, exitCode: report.exitCode))
            reports.append(UnitReport(findings: report.findings.map { (unitName, $0) },
                                      members: report.members.map { RollupMember(person: $0.person, unit: unitName, file: $0.file, row: $0.row) }))
        }

        private mutating func add(federation report: RollupReport, folder: UnitFolder, config: RunConfiguration) {
            let unitName = report.federation?.unit ?? config.unit ?? folder.name
            units.append(FederationUnit(name: unitName, type: report.federation?.unitType ?? config.unitType ?? "联合",
                                        folder: folder.shown, summary: report.federation, failure: report.fatal, exitCode: report.exitCode))
            reports.append(UnitReport(findings: report.findings, members: report.members))
        }
    }

    /// The federation's figures: the units' summaries merged, U01 across units added; the report so far.
    static func addUp(_ setting: FederationSetting, gathered: GatheredUnits, summaries: [Summary]) throws -> RollupReport {
        let options = setting.options
        let units = gathered.units
        let year = options.year ?? mostCommon(summaries.map(\.year))
        let asOf = options.asOf ?? mostCommon(summaries.map(\.asOf))
        var findings = gathered.reports.compactMap { $0 }.flatMap(\.findings)
        // U01 from the rosters, or from the keyed digests of the summaries.
        let (u01, u01People) = setting.fromSummaries ? DuplicateMembers.byDigest(units) : DuplicateMembers.byRoster(gathered.reports)
        findings += u01
        guard SummaryMerger.totalsAddUp(summaries) else { throw RunStop(.unitAmountsTooLarge) }
        var federation = SummaryMerger.merge(summaries, unit: setting.name, unitType: setting.type, year: year, asOf: asOf)
        if u01People > 0 {
            federation.findings.warnings += u01People
            federation.findings.byRule[.U01, default: 0] += u01People
        }
        var report = RollupReport(exitCode: 0)
        report.units = units
        report.federation = federation
        report.findings = findings
        report.members = gathered.reports.compactMap { $0 }.flatMap(\.members)
        let shown = RollupShown(units: units, federation: federation, findings: findings, masking: options.mask != .none)
        report.unitLines = unitLines(shown.units, language: options.language)
        let presenter = FindingPresenter(language: options.language, mask: options.mask != .none)
        // A finding from digests names no file: the unit alone stands before it.
        let shownU01 = shown.shown(Array(findings.suffix(u01.count)))  // U01 comes last among the findings
        report.findingLines = shownU01.map { TerminalText.safe($0.finding.file.isEmpty ? $0.unit : "\($0.unit)/") + presenter.line($0.finding) }
        return report
    }

    /// Writes issues.csv, summary.json, summary.xlsx, the annual text and the manifest into a staging folder, and swaps it in.
    static func writeOutputs(_ setting: FederationSetting, report: RollupReport, summaries: [Summary]) throws {
        let options = setting.options
        guard let federation = report.federation else { return }
        let units = report.units, findings = report.findings
        let presenter = FindingPresenter(language: options.language, mask: options.mask != .none)
        // Names from folders and data, masked by pattern in every output unless --no-mask.
        let shown = RollupShown(units: units, federation: federation, findings: findings, masking: options.mask != .none)
        let stage = try OutputStage.prepare(outputFolder: setting.outputFolder)
        do {
            try stage.write("issues.csv", IssuesCSVWriter.bytes(findings.map(\.finding), presenter: presenter,
                                                                units: shown.findingUnits))
            try writeFederationJSON(shown.federation, units: shown.units, path: stage.path("summary.json"))
            try FederationWorkbookWriter.write(path: stage.path("summary.xlsx"), federation: shown.federation, units: shown.units,
                                               findings: shown.shown(findings), presenter: presenter)
            let inputs = summaries.flatMap(\.inputs)
            var counts = ReportCounts(files: inputs.count, rows: inputs.map(\.rows).reduce(0, +),
                                      excluded: inputs.map(\.excluded).reduce(0, +),
                                      outside: inputs.map(\.outsideYear).reduce(0, +),
                                      unitTypes: shown.units.filter { $0.summary != nil }.map(\.type),
                                      units: shown.units.compactMap { u in u.summary.map { (u.name, $0) } })
            // Without a name in unionbatch.toml the text says 本级工会, never a folder's name (SPEC §4.2).
            counts.unitNamed = setting.config.unit != nil
            // Warned rows counted in the units' figures (SPEC §4.2); from summaries alone, only U01 by digest.
            counts.warnedRows = OutputSet.federationWarnedRows(findings, u01People: federation.findings.byRule[.U01] ?? 0,
                                                               language: options.language)
            // The federation's own [plan]: next year's budget of its text.
            counts.plan = setting.config.plan
            let text = try AnnualReportRenderer(language: options.language, overrides: nil).render(shown.federation, counts: counts)
            try stage.write("annual-report.txt", Array(text.utf8))
            var hashes: [(String, String)] = []
            for file in ["annual-report.txt", "issues.csv", "summary.json", "summary.xlsx"] {
                hashes.append((file, try FileBytes.sha256(path: stage.path(file))))
            }
            let manifest = Manifest.document(command: setting.fromSummaries ? "rollup --from-summaries" : "rollup",
                                             options: [("year", .string(String(federation.year))), ("as_of", .string(federation.asOf.description)),
                                                       ("units", .string(String(units.count)))],
                                             summary: shown.federation, profile: [], outputs: hashes, keptEdits: [], accountingHolds: true)
            try stage.write(Manifest.fileName, Array(manifest.utf8))
            try stage.commit()
        } catch {
            stage.discard()
            throw error
        }
    }

    /// The exit status and the closing lines of a roll-up whose outputs are in.
    static func conclude(_ report: inout RollupReport, setting: FederationSetting, summaries: [Summary]) {
        guard let federation = report.federation else { return }
        let language = setting.options.language
        let units = report.units
        let failedUnits = units.filter { $0.summary == nil }.count
        let unitsWithErrors = units.filter { $0.exitCode != 0 }.count
        report.exitCode = unitsWithErrors > 0 || failedUnits > 0 ? 1 : 0
        // A roll-up of federations names both: its units, and the grassroots unions below them.
        let nested = federation.federation.map { $0.federations > 0 } ?? false
        let grassroots = federation.federation?.grassrootsTotal ?? summaries.count
        if setting.config.unit == nil {
            report.summaryLines.append(PipelineMessage.federationNotNamed.text(language))
        }
        let rolledUp = PipelineMessage.rolledUp(units: summaries.count, nested: nested ? (federation.federation!.federations, grassroots) : nil,
                                                failed: failedUnits, members: federation.members?.total ?? 0,
                                                errors: federation.findings.errors, warnings: federation.findings.warnings)
        report.summaryLines += [rolledUp.text(language), PipelineMessage.federationWritten(setting.outputFolder).text(language)]
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
    static func runUnits(_ folders: [UnitFolder], options: RollupOptions) -> [RunReport] {
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
                var run = RunOptions(folder: folder.path, today: options.today)
                run.shownFolder = folder.shown
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

    /// A line per unit for standard error: names from folders and unionbatch.toml never drive the terminal.
    static func unitLines(_ units: [FederationUnit], language: Language) -> [String] {
        units.map { u in TerminalText.safe(unitLine(u).text(language)) }
    }

    static func unitLine(_ u: FederationUnit) -> PipelineMessage {
        if let s = u.summary {
            return .unitLine(name: u.name, type: u.type, members: s.members?.total ?? 0, errors: s.findings.errors, warnings: s.findings.warnings)
        }
        return .unitNotRolledUp(name: u.name, why: u.failure ?? "")
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
