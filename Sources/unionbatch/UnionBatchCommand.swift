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
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "unionbatch",
            abstract: CLIText.rootAbstract.text,
            version: Manifest.version,
            subcommands: [Run.self, Check.self, Rules.self, Init.self, Templates.self, Convert.self, Rollup.self],
            defaultSubcommand: Run.self
        )
    }

    static let subcommandNames = ["run", "check", "rules", "init", "templates", "convert", "rollup", "help"]

    /// Help and version go to standard output (exit 0); bad usage is exit status 2 (SPEC §6), not
    /// ArgumentParser's 64, and both are said in the language in force.
    static func main() {
        unionbatch_return_freed_memory()
        // Ctrl-C and SIGTERM remove the run's staging folder before it exits 130 or 143.
        Interruption.install()
        let chinese = CLILanguage.current == .zh
        if let typo = subcommandTypo(CommandLine.arguments) {
            FileHandle.standardError.write(Data(("unionbatch: " + typo + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            var arguments = Array(CommandLine.arguments.dropFirst())
            Rollup.liftedPaths = Rollup.liftPaths(&arguments)
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let text = fullMessage(for: error, columns: chinese ? ParserTextChinese.unwrappedColumns : nil)
            if exitCode(for: error) == .success {
                print(chinese ? ParserTextChinese.help(text) : text)
                Foundation.exit(0)
            }
            var lines = (chinese ? ParserTextChinese.error(text) : text).components(separatedBy: "\n")
            if let option = dashFolder(in: CommandLine.arguments, message: message(for: error)) {
                lines.insert(CLIText.dashFolderHint(option), at: 1)
            }
            FileHandle.standardError.write(Data(("unionbatch: " + lines.joined(separator: "\n") + "\n").utf8))
            Foundation.exit(2)
        }
    }

    /// `unionbatch rn company`: a first word that is no subcommand, no existing path and close to a
    /// subcommand's name is a typo, said as one, not a folder that cannot be read.
    static func subcommandTypo(_ arguments: [String]) -> String? {
        guard arguments.count > 1 else { return nil }
        let first = arguments[1]
        guard !first.hasPrefix("-"), !subcommandNames.contains(first), !FileManager.default.fileExists(atPath: first)
        else { return nil }
        let close = subcommandNames.dropLast().map { ($0, editDistance(first, $0)) }.filter { $0.1 <= 2 && $0.1 < $0.0.count }
        guard let best = close.min(by: { $0.1 < $1.1 }) else { return nil }
        return CLIText.unknownSubcommand(first, best.0)
    }

    /// An unknown option that is an existing folder's name (`-x`): the clerk meant a folder.
    static func dashFolder(in arguments: [String], message: String) -> String? {
        arguments.dropFirst().first { argument in
            argument.hasPrefix("-") && message.contains("'\(argument)'") && FileManager.default.fileExists(atPath: argument)
        }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let kept = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = kept
            }
        }
        return row[b.count]
    }
}

/// Options shared by `run` and `check`.
struct FolderOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(CLIText.folderArgument.text, valueName: CLIText.folderValue.text))
    var folder: String?

    @Option(name: .long, help: ArgumentHelp(CLIText.outOption.text, valueName: CLIText.folderValue.text))
    var out: String?

    @Option(name: .long, help: ArgumentHelp(CLIText.yearOption.text, valueName: CLIText.yearValue.text))
    var year: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(CLIText.asOfOption.text, valueName: CLIText.dateValue.text))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp(CLIText.langOption.text, valueName: CLIText.langValue.text))
    var lang: String?

    @Option(name: .long, help: ArgumentHelp(CLIText.configOption.text, valueName: CLIText.fileValue.text))
    var config: String?

    @Flag(name: .long, help: ArgumentHelp(CLIText.noMaskOption.text))
    var noMask = false

    @Flag(name: .long, help: ArgumentHelp(CLIText.maskAllOption.text))
    var maskAll = false

    @Flag(name: .long, help: ArgumentHelp(CLIText.quietOption.text))
    var quiet = false

    @Flag(name: .long, help: ArgumentHelp(CLIText.timingsOption.text))
    var timings = false

    @Flag(name: .customLong("single-thread"), help: ArgumentHelp(CLIText.singleThreadOption.text, visibility: .hidden))
    var singleThread = false

    /// Option values are checked while parsing, so a bad one is reported with this command's usage.
    func validate() throws {
        _ = try year.map(Parsed.year)
        _ = try asOf.map(Parsed.asOf)
        _ = try Parsed.language(lang)
        if noMask && maskAll { throw ValidationError(CLIText.maskBoth.text) }
    }

    func runOptions(mode: RunOptions.Mode) throws -> RunOptions {
        var o = RunOptions(folder: folder ?? ".", today: Today.day())
        o.mode = mode
        o.outputFolder = out
        o.configFile = config
        o.year = try year.map(Parsed.year)
        if let a = asOf {
            o.asOf = try Parsed.asOf(a)
        }
        let language = try Parsed.language(lang)
        o.language = language
        if noMask && maskAll { throw ValidationError(CLIText.maskBoth.text) }
        o.mask = noMask ? .none : (maskAll ? .all : .standard)
        if timings { o.timings = StageTimings() }
        o.concurrentWriters = !singleThread
        return o
    }
}

struct Run: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(abstract: CLIText.runAbstract.text) }

    @OptionGroup var common: FolderOptions

    @Flag(name: .customLong("summary-only"), help: ArgumentHelp(CLIText.summaryOnlyOption.text))
    var summaryOnly = false

    func run() throws {
        var options = try common.runOptions(mode: .run)
        options.summaryOnly = summaryOnly
        Report.finish(Report.execute(options, quiet: common.quiet), quiet: common.quiet, timings: options.timings)
    }
}

struct Check: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(abstract: CLIText.checkAbstract.text) }

    @OptionGroup var common: FolderOptions

    func run() throws {
        let options = try common.runOptions(mode: .check)
        Report.finish(Report.execute(options, quiet: common.quiet), quiet: common.quiet, timings: options.timings)
    }
}

struct Rules: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(abstract: CLIText.rulesAbstract.text) }

    @Argument(help: ArgumentHelp(CLIText.rulesFolderArgument.text, valueName: CLIText.folderValue.text))
    var folder: String?

    @Option(name: .long, help: ArgumentHelp(CLIText.configOption.text, valueName: CLIText.fileValue.text))
    var config: String?

    @Option(name: .long, help: ArgumentHelp(CLIText.langOption.text, valueName: CLIText.langValue.text))
    var lang: String?

    func validate() throws { _ = try Parsed.language(lang) }

    func run() throws {
        let language = try Parsed.language(lang)
        let configuration: RunConfiguration
        do {
            configuration = try ConfigurationLoader.load(folder: folder ?? ".", explicit: config)
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data(("unionbatch: " + CLIText.configurationInvalid.text + error.text(language) + "\n").utf8))
            Foundation.exit(2)
        }
        print(RuleCatalogText.render(policy: configuration.policy, profile: configuration.profile,
                                     source: configuration.source, language: language), terminator: "")
    }
}

struct Init: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(abstract: CLIText.initAbstract.text) }

    @Argument(help: ArgumentHelp(CLIText.initFolderArgument.text, valueName: CLIText.folderValue.text))
    var folder: String?

    @Option(name: .long, help: ArgumentHelp(CLIText.langOption.text, valueName: CLIText.langValue.text))
    var lang: String?

    func validate() throws { _ = try Parsed.language(lang) }

    func run() throws {
        let language = try Parsed.language(lang)
        do {
            let written = try FolderTemplates.write(into: folder ?? ".", today: Today.day())
            for line in FolderTemplates.closingLines(written: written, folder: folder ?? ".", language: language) { print(line) }
        } catch let error as FolderTemplates.Refusal {
            FileHandle.standardError.write(Data(("unionbatch: " + error.text.text(language) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

struct Templates: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(abstract: CLIText.templatesAbstract.text) }

    @Argument(help: ArgumentHelp(CLIText.templatesFolderArgument.text, valueName: CLIText.folderValue.text))
    var folder: String?

    func run() throws {
        let directory = folder ?? "templates"
        let fm = FileManager.default
        try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for section in BuiltInTemplates.sections {
            for english in [false, true] {
                let name = BuiltInTemplates.fileName(section, english: english)
                let path = (directory as NSString).appendingPathComponent(name)
                guard !fm.fileExists(atPath: path) else {
                    FileHandle.standardError.write(Data("unionbatch: \(CLIText.templateExists(path))\n".utf8))
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
                FileHandle.standardError.write(Data("unionbatch: \(CLIText.cannotWrite(path))\n".utf8))
                Foundation.exit(2)
            }
            print(path)
        }
    }
}

/// Option values the commands share, checked the same way everywhere.
enum Parsed {
    static func asOf(_ text: String) throws -> Day {
        guard let d = Day.parse(text) else { throw ValidationError(CLIText.asOfInvalid(text)) }
        return d
    }

    static func year(_ text: String) throws -> Int {
        guard let y = Int(text), (1900...2999).contains(y) else { throw ValidationError(CLIText.yearInvalid()) }
        return y
    }

    /// `--lang` when given, else the language the command line speaks (UNIONBATCH_LANG, else Chinese).
    static func language(_ text: String?) throws -> Language {
        guard let text else { return CLILanguage.current }
        guard let l = Language(rawValue: text) else { throw ValidationError(CLIText.langInvalid(text)) }
        return l
    }
}

enum Report {
    /// Runs the folder, with the progress line on a terminal (SPEC §6), erased before anything is printed.
    static func execute(_ options: RunOptions, quiet: Bool) -> RunReport {
        let progress = ProgressLine.start(quiet: quiet, language: options.language, environment: ProcessInfo.processInfo.environment)
        defer { progress?.stop() }
        return RunPipeline.execute(options)
    }

    /// Prints the findings and the closing lines to standard error and exits with the run's status.
    static func finish(_ report: RunReport, quiet: Bool, timings: StageTimings? = nil) -> Never {
        var err = StandardError()
        if !quiet { report.forEachFindingLine { print($0, to: &err) } }
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
    static var configuration: CommandConfiguration {
        CommandConfiguration(abstract: CLIText.rollupAbstract.text, discussion: CLIText.rollupDiscussion.text)
    }

    @Argument(help: ArgumentHelp(CLIText.rollupPathsArgument.text, valueName: CLIText.pathValue.text))
    var paths: [String] = []

    @Flag(name: .customLong("from-summaries"), help: ArgumentHelp(CLIText.fromSummariesOption.text))
    var fromSummaries = false

    @Option(name: .long, help: ArgumentHelp(CLIText.rollupOutOption.text, valueName: CLIText.folderValue.text))
    var out: String?

    @Option(name: .long, help: ArgumentHelp(CLIText.rollupYearOption.text, valueName: CLIText.yearValue.text))
    var year: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(CLIText.rollupAsOfOption.text, valueName: CLIText.dateValue.text))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp(CLIText.langOption.text, valueName: CLIText.langValue.text))
    var lang: String?

    @Flag(name: .long, help: ArgumentHelp(CLIText.rollupNoMaskOption.text))
    var noMask = false

    @Flag(name: .long, help: ArgumentHelp(CLIText.rollupQuietOption.text))
    var quiet = false

    /// The paths after the first, taken out of the arguments before parsing (see `liftPaths`).
    nonisolated(unsafe) static var liftedPaths: [String] = []

    /// ArgumentParser takes time quadratic in the number of values of an array argument (10,000 summary files:
    /// seconds): `rollup`'s paths after the first are taken out of `arguments` here, in order, and the parser sees
    /// the first alone. Options and their values stay where they are.
    static func liftPaths(_ arguments: inout [String]) -> [String] {
        guard arguments.first == "rollup" else { return [] }
        let valued: Set<String> = ["--out", "--year", "--as-of", "--lang"]
        var kept = ["rollup"], lifted: [String] = []
        var seenFirst = false, afterTerminator = false, i = 1
        while i < arguments.count {
            let a = arguments[i]
            if !afterTerminator && a == "--" {
                afterTerminator = true
                kept.append(a)
            } else if !afterTerminator && a.hasPrefix("-") {
                kept.append(a)
                if valued.contains(a), i + 1 < arguments.count {
                    kept.append(arguments[i + 1])
                    i += 1
                }
            } else if seenFirst {
                lifted.append(a)
            } else {
                seenFirst = true
                kept.append(a)
            }
            i += 1
        }
        arguments = kept
        return lifted
    }

    func validate() throws {
        guard !(paths + Rollup.liftedPaths).isEmpty else { throw ValidationError(CLIText.rollupNoPaths.text) }
        _ = try year.map(Parsed.year)
        _ = try asOf.map(Parsed.asOf)
        _ = try Parsed.language(lang)
    }

    func run() throws {
        let paths = self.paths + Rollup.liftedPaths
        var o = RollupOptions(today: Today.day())
        if fromSummaries { o.summaryFiles = paths } else { o.folders = paths }
        o.outputFolder = out
        o.year = try year.map(Parsed.year)
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
