// The unionbatch command line: parses arguments, runs the library, picks the exit status.
import ArgumentParser
import CMallocTuning
import Foundation
import UnionCore
import UnionPipeline
import UnionRules
import UnionWriters

@main
struct UnionBatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unionbatch",
        abstract: "工会年终数据核查与汇总 — checks union CSV exports and writes the year-end figures.",
        subcommands: [Run.self, Check.self, Rules.self, Init.self, Templates.self, Convert.self, Rollup.self],
        defaultSubcommand: Run.self
    )

    /// Bad usage is exit status 2 (SPEC §6), not ArgumentParser's 64.
    static func main() {
        unionbatch_return_freed_memory()
        // Ctrl-C and SIGTERM remove the run's staging folder before it exits 130 or 143.
        Interruption.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            FileHandle.standardError.write(Data(("unionbatch: " + fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// Options shared by `run` and `check`.
struct FolderOptions: ParsableArguments {
    @Argument(help: "The folder holding the CSV exports (default: the current folder).")
    var folder: String = "."

    @Option(name: .long, help: "Where to write the outputs (default: FOLDER/unionbatch-out).")
    var out: String?

    @Option(name: .long, help: "The reporting year (default: the year most payment and claim dates fall in).")
    var year: Int?

    @Option(name: .customLong("as-of"), help: "The report's date, YYYY-MM-DD (default: 31 December of the year, or today if earlier).")
    var asOf: String?

    @Option(name: .long, help: "Language of messages, sheets and text: zh or en.")
    var lang: String = "zh"

    @Option(name: .long, help: "The configuration file (default: FOLDER/unionbatch.toml when present).")
    var config: String?

    @Flag(name: .long, help: "Mask nothing (ID numbers and phones in full everywhere).")
    var noMask = false

    @Flag(name: .long, help: "Mask ID numbers and phones in the checked workbooks too.")
    var maskAll = false

    @Flag(name: .long, help: "Print only the closing summary, not one line per finding.")
    var quiet = false

    @Flag(name: .long, help: "Print the time each stage took (open, check, summary, each workbook's rows and zip) to standard error.")
    var timings = false

    @Flag(name: .customLong("single-thread"), help: ArgumentHelp("Write the workbooks one after another on one thread (same bytes; for measuring each stage).", visibility: .hidden))
    var singleThread = false

    func runOptions(mode: RunOptions.Mode) throws -> RunOptions {
        var o = RunOptions(folder: folder, today: Today.day())
        o.mode = mode
        o.outputFolder = out
        o.configFile = config
        if let y = year {
            guard (1900...2999).contains(y) else { throw ValidationError("--year must be a year such as 2025") }
            o.year = y
        }
        if let a = asOf {
            o.asOf = try Parsed.asOf(a)
        }
        let language = try Parsed.language(lang)
        o.language = language
        if noMask && maskAll { throw ValidationError("--no-mask and --mask-all cannot be used together") }
        o.mask = noMask ? .none : (maskAll ? .all : .standard)
        if timings { o.timings = StageTimings() }
        o.concurrentWriters = !singleThread
        return o
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the folder's CSV files and write summary.xlsx, checked workbooks, annual-report.txt, issues.csv, summary.json."
    )

    @OptionGroup var common: FolderOptions

    @Flag(name: .customLong("summary-only"), help: "Write everything but the checked workbooks.")
    var summaryOnly = false

    func run() throws {
        var options = try common.runOptions(mode: .run)
        options.summaryOnly = summaryOnly
        Report.finish(RunPipeline.execute(options), quiet: common.quiet, timings: options.timings)
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate only: findings to the terminal and issues.csv."
    )

    @OptionGroup var common: FolderOptions

    func run() throws {
        let options = try common.runOptions(mode: .check)
        Report.finish(RunPipeline.execute(options), quiet: common.quiet, timings: options.timings)
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the rule catalog with the severities and limits in effect (after FOLDER's unionbatch.toml)."
    )

    @Argument(help: "A folder whose unionbatch.toml applies (default: the current folder).")
    var folder: String = "."

    @Option(name: .long, help: "The configuration file (default: FOLDER/unionbatch.toml when present).")
    var config: String?

    @Option(name: .long, help: "Language: zh or en.")
    var lang: String = "zh"

    func run() throws {
        let language = try Parsed.language(lang)
        let configuration: RunConfiguration
        do {
            configuration = try ConfigurationLoader.load(folder: folder, explicit: config)
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data(("unionbatch: " + error.description + "\n").utf8))
            Foundation.exit(2)
        }
        print(RuleCatalogText.render(policy: configuration.policy, profile: configuration.profile,
                                     source: configuration.source, language: language), terminator: "")
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write template CSVs (a header and one example row per dataset) and a commented unionbatch.toml."
    )

    @Argument(help: "The folder to write into (default: the current folder).")
    var folder: String = "."

    func run() throws {
        do {
            let written = try FolderTemplates.write(into: folder)
            for name in written { print(name) }
        } catch let error as FolderTemplates.Refusal {
            FileHandle.standardError.write(Data(("unionbatch: " + error.message + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the built-in annual-report templates out to edit (put them in FOLDER/templates/ to use them)."
    )

    @Argument(help: "Where to write them (default: ./templates).")
    var directory: String = "templates"

    func run() throws {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for section in BuiltInTemplates.sections {
            for english in [false, true] {
                let name = BuiltInTemplates.fileName(section, english: english)
                let path = (directory as NSString).appendingPathComponent(name)
                guard !fm.fileExists(atPath: path) else {
                    FileHandle.standardError.write(Data("unionbatch: \(path) exists: nothing written\n".utf8))
                    Foundation.exit(2)
                }
                written.append(path)
            }
        }
        for path in written {
            let name = (path as NSString).lastPathComponent
            let section = String(name.prefix { $0 != "." })
            let text = BuiltInTemplates.text(section, english: name.hasSuffix(".en.mustache"))! + "\n"
            guard fm.createFile(atPath: path, contents: Data(text.utf8)) else {
                FileHandle.standardError.write(Data("unionbatch: cannot write \(path)\n".utf8))
                Foundation.exit(2)
            }
            print(path)
        }
    }
}

/// Option values the commands share, checked the same way everywhere.
enum Parsed {
    static func asOf(_ text: String) throws -> Day {
        guard let d = Day.parse(text) else { throw ValidationError("--as-of must be a date such as 2025-12-31, not '\(text)'") }
        return d
    }

    static func language(_ text: String) throws -> Language {
        guard let l = Language(rawValue: text) else { throw ValidationError("--lang must be zh or en") }
        return l
    }
}

enum Report {
    /// Prints the findings and the closing lines to standard error and exits with the run's status.
    static func finish(_ report: RunReport, quiet: Bool, timings: StageTimings? = nil) -> Never {
        var err = StandardError()
        if !quiet { for line in report.findingLines { print(line, to: &err) } }
        if let fatal = report.fatal { print("unionbatch: " + fatal, to: &err) }
        for line in report.summaryLines { print(line, to: &err) }
        for line in timings?.lines ?? [] { print(line, to: &err) }
        Foundation.exit(report.exitCode)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

enum Today {
    /// The local calendar date.
    static func day() -> Day {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}

struct Rollup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Roll up a federation: each sub-folder of FOLDER is one grassroots union, run as `run` would; then the federation's outputs.",
        discussion: "With --from-summaries, the federation figures are built from the units' summary.json files alone (no findings list)."
    )

    @Argument(help: "Federation folders (or, with --from-summaries, the units' summary.json files).")
    var paths: [String] = []

    @Flag(name: .customLong("from-summaries"), help: "The paths are units' summary.json files.")
    var fromSummaries = false

    @Option(name: .long, help: "Where to write the federation outputs (default: FOLDER/unionbatch-out).")
    var out: String?

    @Option(name: .long, help: "The reporting year (default: the units' own).")
    var year: Int?

    @Option(name: .customLong("as-of"), help: "The report's date, YYYY-MM-DD.")
    var asOf: String?

    @Option(name: .long, help: "Language: zh or en.")
    var lang: String = "zh"

    @Flag(name: .long, help: "Mask nothing.")
    var noMask = false

    @Flag(name: .long, help: "Print only the closing summary.")
    var quiet = false

    func run() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one federation folder (or summary.json with --from-summaries)") }
        var o = RollupOptions(today: Today.day())
        if fromSummaries { o.summaryFiles = paths } else { o.folders = paths }
        o.outputFolder = out
        o.year = year
        if let a = asOf {
            o.asOf = try Parsed.asOf(a)
        }
        let language = try Parsed.language(lang)
        o.language = language
        o.mask = noMask ? .none : .standard
        let report = RollupPipeline.execute(o)
        var err = StandardError()
        for line in report.unitLines { print(line, to: &err) }
        if !quiet { for line in report.findingLines { print(line, to: &err) } }
        if let fatal = report.fatal { print("unionbatch: " + fatal, to: &err) }
        for line in report.summaryLines { print(line, to: &err) }
        Foundation.exit(report.exitCode)
    }
}
