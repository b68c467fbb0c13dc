// `unionbatch convert`: delimited text files to XLSX workbooks, one per file; the work is DelimitedWorkbookWriter's.
import ArgumentParser
import Foundation
import UnionRules
import UnionWriters

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert delimited text files (CSV, TSV, TXT) to XLSX workbooks that open right in Calc.",
        discussion: """
            Encoding (UTF-8, UTF-16 with BOM, GB18030/GBK) and delimiter are detected per file. Every cell stays \
            text unless it is plainly a number a spreadsheet cannot damage: no leading zero, at most 15 \
            significant digits, not in a column of ID numbers, phones, accounts or codes; it keeps its look \
            (1624.50, 1,234, 12.5%). Dates stay text. Text starting with =, +, - or @ that is not such a number \
            is a text cell, never a formula. Cells over 32,767 characters are cut (with a warning); past \
            1,048,576 rows the table continues on another sheet. The header row is bold, frozen and filtered; \
            pages are A4 landscape.
            Each FILE gives <name>.xlsx beside it (or in --out DIR); an existing file is replaced only with \
            --replace, and never the input itself.
            Exit status: 0 all converted, 1 some files failed, 2 bad usage.
            """
    )

    @Argument(help: "The delimited text files to convert.")
    var files: [String]

    @Option(name: .long, help: "The folder to write the workbooks into (default: beside each input; created if missing).")
    var out: String?

    @Flag(name: .long, help: "Replace workbooks that already exist at the output paths.")
    var replace = false

    @Option(name: .long, help: "Language of messages: zh or en.")
    var lang: String = "zh"

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file to convert") }
        _ = try Parsed.language(lang)
        if let out {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
                throw ValidationError("--out \(out) is a file, not a folder")
            }
        }
    }

    func run() throws {
        let language = Language(rawValue: lang) ?? .zh
        if let out, !FileManager.default.fileExists(atPath: out) {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("cannot create the folder --out \(out): \(error.localizedDescription)")
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
