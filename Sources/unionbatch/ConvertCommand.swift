// `unionbatch convert`: delimited text files to XLSX workbooks, one per file; the work is DelimitedWorkbookWriter's.
import ArgumentParser
import Foundation
import UnionRules
import UnionWriters

struct Convert: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(abstract: CLIText.convertAbstract.text, discussion: CLIText.convertDiscussion.text)
    }

    @Argument(help: ArgumentHelp(CLIText.convertFilesArgument.text, valueName: CLIText.fileValue.text))
    var files: [String] = []

    @Option(name: .long, help: ArgumentHelp(CLIText.convertOutOption.text, valueName: CLIText.folderValue.text))
    var out: String?

    @Flag(name: .long, help: ArgumentHelp(CLIText.replaceOption.text))
    var replace = false

    @Option(name: .long, help: ArgumentHelp(CLIText.langOption.text, valueName: CLIText.langValue.text))
    var lang: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError(CLIText.convertNoFiles.text) }
        _ = try Parsed.language(lang)
        if let out {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
                throw ValidationError(CLIText.convertOutIsFile(out))
            }
        }
    }

    func run() throws {
        let language = (try? Parsed.language(lang)) ?? CLILanguage.current
        if let out, !FileManager.default.fileExists(atPath: out) {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw ValidationError(CLIText.convertCannotCreate(out, error.localizedDescription))
            }
        }
        var err = StandardError()
        var failed = false
        var written: Set<String> = []
        let options = ConversionOptions(replaceExisting: replace)
        for file in files {
            let output = DelimitedWorkbookWriter.outputPath(forInput: file, outputFolder: out)
            let key = (output as NSString).standardizingPath
            do {
                guard !written.contains(key) else {
                    throw ConversionError(file: file, kind: .outputWrittenByEarlierFile(output))
                }
                let report = try DelimitedWorkbookWriter.convert(input: file, output: output, options: options)
                written.insert(key)
                for warning in report.warnings { print(warning.line(language), to: &err) }
                print(report.summaryLine(language), to: &err)
            } catch let error as ConversionError {
                print(error.line(language), to: &err)
                failed = true
            }
        }
        Foundation.exit(failed ? 1 : 0)
    }
}
