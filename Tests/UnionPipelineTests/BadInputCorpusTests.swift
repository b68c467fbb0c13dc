// The bad-input corpus (Fixtures/bad-input): every case run through the real binary, its outcome checked exactly.
import Foundation
import UnionCore
import UnionGenerator
import XCTest
import ZIPFoundation

/// One case of the corpus: its `input/` folder and the `expected` file that says what a run must do.
///
/// `expected` has one statement per line (`#` starts a comment):
/// - `exit N`: the exit status;
/// - `finding FILE ROW COLUMN RULE`: one finding (`-` for an empty row or column); together they are the
///   exact multiset of findings in issues.csv and on standard error;
/// - `stderr TEXT`: a fragment standard error must contain;
/// - `input FILE rows=N included=N excluded=N outside=N`: that input's line of manifest.json;
/// - `inputs FILE…`: the exact list of inputs manifest.json names (names without spaces);
/// - `encoding FILE NAME`: the encoding manifest.json reports for that input;
/// - `setup NAME`: a named setup (`CorpusSetup`) that builds what cannot live in git before the run;
/// - `args …`: more arguments (`{folder}` is the input folder);
/// - `ulimit N`: run under `ulimit -f N` (KiB) with SIGXFSZ ignored, so writes past it fail with EFBIG.
struct CorpusCase {
    struct Finding: Hashable, Comparable, CustomStringConvertible {
        let file: String, row: String, column: String, rule: String
        var description: String { "\(file) \(row) \(column) \(rule)" }
        static func < (a: Finding, b: Finding) -> Bool { a.description < b.description }
    }

    struct Accounting: Equatable, CustomStringConvertible {
        let rows: Int, included: Int, excluded: Int, outside: Int
        var description: String { "rows=\(rows) included=\(included) excluded=\(excluded) outside=\(outside)" }
    }

    let name: String
    var setup: String?
    var arguments: [String] = []
    var fileSizeLimit: Int?
    var exitStatus: Int32?
    var findings: [Finding] = []
    var stderr: [String] = []
    var accounting: [String: Accounting] = [:]
    var inputs: [String]?
    var encodings: [String: String] = [:]

    static var corpus: URL { Repo.fixtures.appendingPathComponent("bad-input") }

    init(name: String) throws {
        self.name = name
        let text = try String(contentsOf: Self.corpus.appendingPathComponent(name).appendingPathComponent("expected"), encoding: .utf8)
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let keyword = line.prefix { $0 != " " }
            let rest = String(line.dropFirst(keyword.count)).trimmingCharacters(in: .whitespaces)
            let words = rest.split(separator: " ").map(String.init)
            func bad() -> Error {
                NSError(domain: "corpus", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(name)/expected:\(number + 1): cannot read “\(line)”"])
            }
            switch keyword {
            case "exit":
                guard let status = Int32(rest) else { throw bad() }
                exitStatus = status
            case "finding":
                // The file name may hold spaces: the last three words are row, column and rule.
                guard words.count >= 4 else { throw bad() }
                findings.append(Finding(file: words.dropLast(3).joined(separator: " "), row: words[words.count - 3],
                                        column: words[words.count - 2], rule: words[words.count - 1]))
            case "stderr":
                stderr.append(rest)
            case "input":
                guard words.count >= 5 else { throw bad() }
                var values: [String: Int] = [:]
                for word in words.suffix(4) {
                    let parts = word.split(separator: "=")
                    guard parts.count == 2, let n = Int(parts[1]) else { throw bad() }
                    values[String(parts[0])] = n
                }
                guard let rows = values["rows"], let included = values["included"], let excluded = values["excluded"],
                      let outside = values["outside"] else { throw bad() }
                accounting[words.dropLast(4).joined(separator: " ")] = Accounting(rows: rows, included: included, excluded: excluded, outside: outside)
            case "inputs":
                inputs = words
            case "encoding":
                guard words.count >= 2 else { throw bad() }
                encodings[words.dropLast().joined(separator: " ")] = words.last!
            case "setup":
                setup = rest
            case "args":
                arguments = words
            case "ulimit":
                guard let kib = Int(rest) else { throw bad() }
                fileSizeLimit = kib
            default:
                throw bad()
            }
        }
        guard exitStatus != nil else {
            throw NSError(domain: "corpus", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(name)/expected has no exit line"])
        }
    }
}

/// How one run of the binary ended.
struct BinaryOutcome {
    var status: Int32 = -1
    /// Ended by a signal, not by exit.
    var signalled = false
    var timedOut = false
    var stderr = ""
}

/// The user nobody, to run where permissions bite (the tests run as root).
enum Nobody {
    static let id: uid_t = 65534

    /// Gives the tree at `path` (links themselves, not their targets) to nobody.
    static func own(_ path: String) {
        lchown(path, id, id)
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] { own(path + "/" + name) }
    }
}

/// Runs the real binary, as a clerk would, with a timeout: a run that hangs is killed and reported.
func runUnionbatch(_ arguments: [String], unprivileged: Bool = false, fileSizeLimit: Int? = nil,
                   timeout: TimeInterval = 60) throws -> BinaryOutcome {
    var command = [CommandLineTests.binary] + arguments
    if let kib = fileSizeLimit {
        command = ["/bin/bash", "-c", "trap '' XFSZ; ulimit -f \(kib); exec \"$@\"", "bash"] + command
    }
    if unprivileged {
        command = ["/usr/bin/setpriv", "--reuid=\(Nobody.id)", "--regid=\(Nobody.id)", "--clear-groups", "--"] + command
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    let pipe = Pipe()
    process.standardError = pipe
    process.standardOutput = FileHandle.nullDevice
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    let reader = DispatchGroup()
    nonisolated(unsafe) var data = Data()
    reader.enter()
    DispatchQueue.global().async {
        data = pipe.fileHandleForReading.readDataToEndOfFile()
        reader.leave()
    }
    try process.run()
    var outcome = BinaryOutcome()
    if finished.wait(timeout: .now() + timeout) == .timedOut {
        outcome.timedOut = true
        kill(process.processIdentifier, SIGKILL)
        finished.wait()
    }
    reader.wait()
    outcome.status = process.terminationStatus
    outcome.signalled = process.terminationReason == .uncaughtSignal
    outcome.stderr = String(decoding: data, as: UTF8.self)
    return outcome
}

/// What a named setup leaves for the run and for the checks after it.
struct CorpusSetupResult {
    var unprivileged = false
    /// Checks particular to the case, run after the common ones.
    var after: (() throws -> Void)?
}

final class BadInputCorpusTests: XCTestCase {
    static let caseNames = [
        "01-empty-file", "02-bom-only", "03-header-only", "04-binary-junk", "05-png-renamed", "06-invalid-utf8-row",
        "07-mixed-encodings", "08-nul-bytes", "09-unterminated-quote", "10-huge-field", "11-many-columns",
        "12-ragged-rows", "13-duplicate-headers", "14-header-second-row", "15-scientific-ids", "16-fifteen-digit-ids",
        "17-impossible-dates", "18-bad-amounts", "19-formula-cells", "20-symlink-loop", "21-named-pipe",
        "22-unreadable-file", "23-readonly-output-parent", "24-readonly-with-earlier-outputs", "25-full-disk",
        "26-output-inside-input", "27-output-is-input-folder", "28-second-run-while-open", "29-utf16le-without-bom",
        "30-gb18030-roster", "31-cr-line-endings", "32-semicolon-delimiter", "33-tab-delimited", "34-blank-lines",
        "35-quoted-line-break", "36-unknown-dataset", "37-missing-required-column", "38-spreadsheet-beside-csv",
        "39-only-spreadsheets", "40-header-decorations", "41-excel-date-forms", "42-money-decorations",
        "43-lowercase-x", "44-zeroed-tail-ids", "45-only-blank-lines", "46-folder-named-csv", "47-invalid-config",
        "48-no-csv-files", "49-output-name-is-a-file", "50-foreign-output-folder", "51-stray-quote-in-cell",
        "52-utf16-le-bom-tabs", "53-title-and-header-only", "54-garbage-not-any-encoding", "55-full-disk-small-limit",
        "56-output-folder-named-like-csv", "57-out-missing-under-readonly",
        "58-utf8-line-in-gbk-file", "59-repeated-header-no-final-newline", "60-amounts-past-any-total",
        "61-total-rows", "62-subtotal-rows", "63-excel-subtotals", "64-footer-lines", "65-two-row-headers",
        "66-blank-headers", "67-nul-in-one-cell", "68-damaged-roster-ids",
        "69-hostile-workbooks",
    ]

    static let crashMarks = ["Fatal error", "Stack dump", "backtrace", "Illegal instruction", "Segmentation fault", "Aborted"]

    func testEveryCaseFolderHasATest() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: CorpusCase.corpus.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertEqual(folders, Self.caseNames.sorted())
        XCTAssertGreaterThanOrEqual(folders.count, 40)
    }

    func test01EmptyFile() throws { try check("01-empty-file") }
    func test02BOMOnly() throws { try check("02-bom-only") }
    func test03HeaderOnly() throws { try check("03-header-only") }
    func test04BinaryJunk() throws { try check("04-binary-junk") }
    func test05PNGRenamed() throws { try check("05-png-renamed") }
    func test06InvalidUTF8Row() throws { try check("06-invalid-utf8-row") }
    func test07MixedEncodings() throws { try check("07-mixed-encodings") }
    func test08NULBytes() throws { try check("08-nul-bytes") }
    func test09UnterminatedQuote() throws { try check("09-unterminated-quote") }
    func test10HugeField() throws { try check("10-huge-field") }
    func test11ManyColumns() throws { try check("11-many-columns") }
    func test12RaggedRows() throws { try check("12-ragged-rows") }
    func test13DuplicateHeaders() throws { try check("13-duplicate-headers") }
    func test14HeaderSecondRow() throws { try check("14-header-second-row") }
    func test15ScientificIDs() throws { try check("15-scientific-ids") }
    func test16FifteenDigitIDs() throws { try check("16-fifteen-digit-ids") }
    func test17ImpossibleDates() throws { try check("17-impossible-dates") }
    func test18BadAmounts() throws { try check("18-bad-amounts") }
    func test19FormulaCells() throws { try check("19-formula-cells") }
    func test20SymlinkLoop() throws { try check("20-symlink-loop") }
    func test21NamedPipe() throws { try check("21-named-pipe") }
    func test22UnreadableFile() throws { try check("22-unreadable-file") }
    func test23ReadOnlyOutputParent() throws { try check("23-readonly-output-parent") }
    func test24ReadOnlyWithEarlierOutputs() throws { try check("24-readonly-with-earlier-outputs") }
    func test25FullDisk() throws { try check("25-full-disk") }
    func test26OutputInsideInput() throws { try check("26-output-inside-input") }
    func test27OutputIsInputFolder() throws { try check("27-output-is-input-folder") }
    func test28SecondRunWhileOpen() throws { try check("28-second-run-while-open") }
    func test29UTF16LEWithoutBOM() throws { try check("29-utf16le-without-bom") }
    func test30GB18030Roster() throws { try check("30-gb18030-roster") }
    func test31CRLineEndings() throws { try check("31-cr-line-endings") }
    func test32SemicolonDelimiter() throws { try check("32-semicolon-delimiter") }
    func test33TabDelimited() throws { try check("33-tab-delimited") }
    func test34BlankLines() throws { try check("34-blank-lines") }
    func test35QuotedLineBreak() throws { try check("35-quoted-line-break") }
    func test36UnknownDataset() throws { try check("36-unknown-dataset") }
    func test37MissingRequiredColumn() throws { try check("37-missing-required-column") }
    func test38SpreadsheetBesideCSV() throws { try check("38-spreadsheet-beside-csv") }
    func test39OnlySpreadsheets() throws { try check("39-only-spreadsheets") }
    func test40HeaderDecorations() throws { try check("40-header-decorations") }
    func test41ExcelDateForms() throws { try check("41-excel-date-forms") }
    func test42MoneyDecorations() throws { try check("42-money-decorations") }
    func test43LowercaseX() throws { try check("43-lowercase-x") }
    func test44ZeroedTailIDs() throws { try check("44-zeroed-tail-ids") }
    func test45OnlyBlankLines() throws { try check("45-only-blank-lines") }
    func test46FolderNamedCSV() throws { try check("46-folder-named-csv") }
    func test47InvalidConfig() throws { try check("47-invalid-config") }
    func test48NoCSVFiles() throws { try check("48-no-csv-files") }
    func test49OutputNameIsAFile() throws { try check("49-output-name-is-a-file") }
    func test50ForeignOutputFolder() throws { try check("50-foreign-output-folder") }
    func test51StrayQuoteInCell() throws { try check("51-stray-quote-in-cell") }
    func test52UTF16LEBOMTabs() throws { try check("52-utf16-le-bom-tabs") }
    func test53TitleAndHeaderOnly() throws { try check("53-title-and-header-only") }
    func test54GarbageNotAnyEncoding() throws { try check("54-garbage-not-any-encoding") }
    func test55FullDiskSmallLimit() throws { try check("55-full-disk-small-limit") }
    func test56OutputFolderNamedLikeCSV() throws { try check("56-output-folder-named-like-csv") }
    func test57OutMissingUnderReadOnly() throws { try check("57-out-missing-under-readonly") }
    func test58UTF8LineInGBKFile() throws { try check("58-utf8-line-in-gbk-file") }
    func test59RepeatedHeaderNoFinalNewline() throws { try check("59-repeated-header-no-final-newline") }
    func test60AmountsPastAnyTotal() throws { try check("60-amounts-past-any-total") }
    func test61TotalRows() throws { try check("61-total-rows") }
    func test62SubtotalRows() throws { try check("62-subtotal-rows") }
    func test63ExcelSubtotals() throws { try check("63-excel-subtotals") }
    func test64FooterLines() throws { try check("64-footer-lines") }
    func test65TwoRowHeaders() throws { try check("65-two-row-headers") }
    func test66BlankHeaders() throws { try check("66-blank-headers") }
    func test67NULInOneCell() throws { try check("67-nul-in-one-cell") }
    func test68DamagedRosterIDs() throws { try check("68-damaged-roster-ids") }
    func test69HostileWorkbooks() throws { try check("69-hostile-workbooks") }

    // MARK: Running one case

    /// Copies the case's inputs to a fresh folder, runs its setup and the binary, and checks every outcome.
    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertTrue(Self.caseNames.contains(name), "\(name) is missing from caseNames", file: file, line: line)
        let expected = try CorpusCase(name: name)
        let root = try makeTempFolder("corpus-" + name)
        chmod(root, 0o755)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/data"
        let inputs = CorpusCase.corpus.appendingPathComponent(name).appendingPathComponent("input").path
        if FileManager.default.fileExists(atPath: inputs) {
            try FileManager.default.copyItem(atPath: inputs, toPath: folder)
        } else {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        }
        let arguments = ["run", folder, "--year", "2025", "--as-of", "2025-12-31"]
            + expected.arguments.map { $0.replacingOccurrences(of: "{folder}", with: folder) }
        let output = outputFolder(arguments, folder: folder)
        var setup = CorpusSetupResult()
        if let setupName = expected.setup {
            setup = try CorpusSetup.run(setupName, folder: folder, output: output, arguments: arguments)
        }

        // What must not change: every input (and anything of the clerk's), and an earlier output set.
        let inputsBefore = try snapshot(folder, skipping: isUnionbatchOutput(output) ? output : nil)
        let outputBefore = try? snapshot(output, skipping: nil)

        let outcome = try runUnionbatch(arguments, unprivileged: setup.unprivileged, fileSizeLimit: expected.fileSizeLimit)
        let context = "[\(name)]"
        let err = outcome.stderr
        XCTAssertFalse(outcome.timedOut, "\(context) the run hung and was killed", file: file, line: line)
        XCTAssertFalse(outcome.signalled, "\(context) killed by signal \(outcome.status)\n\(err)", file: file, line: line)
        XCTAssertEqual(outcome.status, expected.exitStatus, "\(context) exit status\n\(err)", file: file, line: line)
        for mark in Self.crashMarks {
            XCTAssertFalse(err.contains(mark), "\(context) standard error holds “\(mark)”\n\(err)", file: file, line: line)
        }
        for fragment in expected.stderr {
            XCTAssertTrue(err.contains(fragment), "\(context) standard error lacks “\(fragment)”\n\(err)", file: file, line: line)
        }
        XCTAssertEqual(findingsOnStandardError(err), expected.findings.sorted(), "\(context) findings on standard error\n\(err)",
                       file: file, line: line)

        if outcome.status == 2 {
            // Nothing done: the output folder is as it was (absent, or the earlier complete set, byte for byte).
            XCTAssertEqual(try? snapshot(output, skipping: nil), outputBefore, "\(context) the output folder changed", file: file, line: line)
        } else {
            try checkOutputs(output, expected, context: context, file: file, line: line)
        }
        XCTAssertEqual(try snapshot(folder, skipping: isUnionbatchOutput(output) ? output : nil), inputsBefore,
                       "\(context) an input changed", file: file, line: line)
        let parent = (output as NSString).deletingLastPathComponent
        let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).filter { $0.contains("unionbatch-staging") }
        XCTAssertEqual(leftovers, [], "\(context) a staging folder was left behind", file: file, line: line)
        try setup.after?()
    }

    /// The output folder the arguments name.
    func outputFolder(_ arguments: [String], folder: String) -> String {
        if let i = arguments.firstIndex(of: "--out"), i + 1 < arguments.count { return arguments[i + 1] }
        return folder + "/unionbatch-out"
    }

    /// The findings of `file:row:column: RULE: message` lines.
    func findingsOnStandardError(_ text: String) -> [CorpusCase.Finding] {
        let pattern = try! Regex("^(.+?)(?::([0-9]+))?(?::([A-Z]{1,3}))?: ([A-Z][0-9][0-9]): ")
        var result: [CorpusCase.Finding] = []
        for line in text.split(separator: "\n") {
            guard let m = try? pattern.firstMatch(in: String(line)) else { continue }
            func group(_ i: Int) -> String { m.output[i].substring.map(String.init) ?? "-" }
            result.append(CorpusCase.Finding(file: group(1), row: group(2), column: group(3), rule: group(4)))
        }
        return result.sorted()
    }

    /// A run that wrote: one complete set, findings and accounting as expected, every workbook whole.
    func checkOutputs(_ out: String, _ expected: CorpusCase, context: String, file: StaticString, line: UInt) throws {
        let manifest = try readJSON(out + "/manifest.json")
        var names: Set<String> = ["manifest.json"]
        for o in manifest["outputs"] as? [[String: Any]] ?? [] {
            let name = try XCTUnwrap(o["file"] as? String)
            names.insert(name)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/" + name)))
            XCTAssertEqual(SHA256.hex(of: bytes), o["sha256"] as? String, "\(context) \(name) differs from its manifest hash", file: file, line: line)
            if name.hasSuffix(".xlsx") { try assertWholeWorkbook(out + "/" + name, context: context, file: file, line: line) }
        }
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: out)), names, "\(context) output files", file: file, line: line)

        let rows = parseCSV(try String(contentsOfFile: out + "/issues.csv", encoding: .utf8))
        XCTAssertEqual(rows.first, ["file", "row", "column", "field", "value", "rule", "severity", "message", "hint"], context, file: file, line: line)
        let findings = rows.dropFirst().map { r in
            CorpusCase.Finding(file: r[0], row: r[1].isEmpty ? "-" : r[1], column: r[2].isEmpty ? "-" : r[2], rule: r[5])
        }
        XCTAssertEqual(findings.sorted(), expected.findings.sorted(), "\(context) findings in issues.csv", file: file, line: line)

        let inputs = manifest["inputs"] as? [[String: Any]] ?? []
        for input in inputs {
            let name = input["file"] as? String ?? "?"
            let a = CorpusCase.Accounting(rows: input["rows"] as? Int ?? -1, included: input["included"] as? Int ?? -1,
                                          excluded: input["excluded"] as? Int ?? -1, outside: input["outside_year"] as? Int ?? -1)
            XCTAssertEqual(a.rows, a.included + a.excluded + a.outside, "\(context) \(name): rows lost or counted twice", file: file, line: line)
            if let want = expected.accounting[name] { XCTAssertEqual(a, want, "\(context) \(name) accounting", file: file, line: line) }
            if let want = expected.encodings[name] { XCTAssertEqual(input["encoding"] as? String, want, "\(context) \(name) encoding", file: file, line: line) }
        }
        let listed = inputs.compactMap { $0["file"] as? String }
        for name in expected.accounting.keys { XCTAssertTrue(listed.contains(name), "\(context) \(name) is not in manifest.json", file: file, line: line) }
        if let want = expected.inputs { XCTAssertEqual(listed.sorted(), want.sorted(), "\(context) inputs read", file: file, line: line) }
    }

    /// Every part of the workbook unzips with a good CRC and every XML part ends with its root's closing tag:
    /// a write that failed half-way (disk full) cannot hide in it.
    func assertWholeWorkbook(_ path: String, context: String, file: StaticString, line: UInt) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var parts = 0
        for entry in archive where entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".rels") {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            var body = Substring(text)
            if body.hasPrefix("<?xml"), let end = body.range(of: "?>") { body = body[end.upperBound...].drop { $0.isWhitespace } }
            let root = body.dropFirst().prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
            let whole = text.hasSuffix("</\(root)>") || (body.hasSuffix("/>") && body.filter { $0 == "<" }.count == 1)
            XCTAssertTrue(whole, "\(context) \((path as NSString).lastPathComponent): \(entry.path) is cut short", file: file, line: line)
            parts += 1
        }
        XCTAssertGreaterThan(parts, 3, "\(context) \(path) has too few parts", file: file, line: line)
    }

    // MARK: Formula injection, as Calc sees it

    /// Text that looks like a formula is a text cell in every workbook and is neutralised in issues.csv;
    /// LibreOffice Calc shows it exactly as written and evaluates nothing.
    func testFormulaLookingCellsStayTextInCalc() throws {
        let root = try makeTempFolder("corpus-formula")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/data"
        try FileManager.default.copyItem(atPath: CorpusCase.corpus.appendingPathComponent("19-formula-cells/input").path, toPath: folder)
        let outcome = try runUnionbatch(["run", folder, "--year", "2025", "--as-of", "2025-12-31"])
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        let out = folder + "/unionbatch-out"
        let hyperlink = "=HYPERLINK(\"http://x\",\"y\")", command = "+cmd|' /C calc'!A0", sum = "@SUM(1,2)", arithmetic = "-2+3"

        // issues.csv: the values prefixed with ', so a spreadsheet reads them as text.
        let issues = parseCSV(try String(contentsOfFile: out + "/issues.csv", encoding: .utf8))
        let values = Set(issues.dropFirst().map { $0[4] })
        XCTAssertEqual(values, ["'" + hyperlink, "'" + arithmetic, "'" + sum])

        // The XML: these cells are strings (shared or inline), never formulas.
        let payments = out + "/checked-payments.xlsx", members = out + "/checked-members.xlsx", summary = out + "/summary.xlsx"
        for (workbook, texts) in [(payments, [hyperlink, command, sum, arithmetic]), (members, [sum]), (summary, [hyperlink, sum, arithmetic])] {
            var xml = ""
            for part in try xlsxEntries(workbook) where part.hasPrefix("xl/worksheets/sheet") || part == "xl/sharedStrings.xml" {
                xml += try xlsxPart(workbook, part)
            }
            for text in texts {
                let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
                    .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                let plain = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                XCTAssertTrue(xml.contains(">" + escaped + "</t>") || xml.contains(">" + plain + "</t>"),
                              "\((workbook as NSString).lastPathComponent): \(text) is not a string cell")
            }
            for formula in xml.components(separatedBy: "<f>").dropFirst().map({ $0.prefix { $0 != "<" } }) {
                XCTAssertFalse(["HYPERLINK", "cmd", "SUM(1", "2+3"].contains { formula.contains($0) },
                               "\((workbook as NSString).lastPathComponent) has the formula \(formula)")
            }
        }

        // Calc: the cells read back exactly as written (not y, not 3, not an error).
        let exported = try Calc.exportSheets([payments, members, summary], recalculate: true)
        defer { try? FileManager.default.removeItem(atPath: exported) }
        func cell(_ rows: [[String]], header: String, where key: String, is value: String) -> String? {
            guard let head = rows.first, let c = head.firstIndex(of: header), let k = head.firstIndex(of: key) else { return nil }
            return rows.dropFirst().first { $0.count > max(c, k) && $0[k] == value }?[c]
        }
        let paymentRows = try Calc.sheet(exported, workbook: payments, sheet: "帮扶慰问发放")
        XCTAssertEqual(cell(paymentRows, header: "形式", where: "行号", is: "2"), hyperlink)
        XCTAssertEqual(cell(paymentRows, header: "备注", where: "行号", is: "3"), command)
        XCTAssertEqual(cell(paymentRows, header: "金额", where: "行号", is: "3"), arithmetic)
        XCTAssertEqual(cell(paymentRows, header: "备注", where: "行号", is: "4"), sum)
        let memberRows = try Calc.sheet(exported, workbook: members, sheet: "会员名册")
        XCTAssertEqual(cell(memberRows, header: "性别", where: "行号", is: "3"), sum)
        let findingRows = try Calc.sheet(exported, workbook: summary, sheet: "问题清单")
        XCTAssertEqual(cell(findingRows, header: "值", where: "规则", is: "V03"), arithmetic)
        XCTAssertEqual(Set(findingRows.dropFirst().map { $0[4] }), [hyperlink, arithmetic, sum])
        let everything = (paymentRows + memberRows + findingRows).flatMap { $0 }
        XCTAssertFalse(everything.contains { $0.hasPrefix("Err:") || $0.hasPrefix("#") }, "Calc evaluated something: \(everything)")
    }
}

/// Whether `folder` holds a manifest that unionbatch wrote (the test's own reading, not the pipeline's).
func isUnionbatchOutput(_ folder: String) -> Bool {
    guard let data = FileManager.default.contents(atPath: folder + "/manifest.json"),
          let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
    return object["tool"] as? String == "unionbatch"
}

/// Every entry under `path` (not following links): file bytes, link targets, kinds. Nil when `path` is absent.
func snapshot(_ path: String, skipping: String?) throws -> [String: Data] {
    var result: [String: Data] = [:]
    var st = stat()
    guard lstat(path, &st) == 0 else { throw NSError(domain: "snapshot", code: Int(ENOENT)) }
    func walk(_ p: String, _ relative: String) throws {
        if let skipping, p == skipping { return }
        var st = stat()
        guard lstat(p, &st) == 0 else { return }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            result[relative] = try Data(contentsOf: URL(fileURLWithPath: p))
        case S_IFLNK:
            result[relative] = Data(("link → " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: p)) ?? "?")).utf8)
        case S_IFDIR:
            result[relative + "/"] = Data()
            for name in try FileManager.default.contentsOfDirectory(atPath: p) { try walk(p + "/" + name, relative + "/" + name) }
        default:
            result[relative] = Data("special \(st.st_mode & S_IFMT)".utf8)
        }
    }
    try walk(path, "")
    return result
}

/// The setups of cases whose inputs cannot live in git (too big, not files, permissions) or need an earlier run.
enum CorpusSetup {
    static let paymentsHeader = "姓名,身份证号,类别,金额,发放日期,形式,备注\n"

    static func run(_ name: String, folder: String, output: String, arguments: [String]) throws -> CorpusSetupResult {
        let fm = FileManager.default
        var result = CorpusSetupResult()
        func write(_ file: String, _ text: String) throws { try text.write(toFile: folder + "/" + file, atomically: false, encoding: .utf8) }
        func earlierRun(unprivileged: Bool = false) throws -> BinaryOutcome {
            let outcome = try runUnionbatch(arguments, unprivileged: unprivileged)
            XCTAssertTrue([0, 1].contains(outcome.status), "the earlier run failed: \(outcome.stderr)")
            XCTAssertTrue(isUnionbatchOutput(output), "the earlier run wrote no outputs")
            return outcome
        }
        switch name {
        case "huge-field":
            // A 10 MB 备注 (10,485,760 characters) on row 3.
            try write("帮扶慰问发放.csv", paymentsHeader + "张伟,33010619800315001X,春节慰问,300,2025-01-20,实物,\n"
                      + "李娜,330106198506200023,生日慰问,200,2025-06-20,实物," + String(repeating: "a", count: 10 * 1024 * 1024) + "\n")
        case "many-columns":
            // The roster's four known columns and 4,996 unknown ones: 5,000 in all.
            let extra = (1...4996).map { "备用\($0)" }
            var text = (["姓名", "身份证号", "性别", "入会日期"] + extra).joined(separator: ",") + "\n"
            for (n, person) in [("张伟", "33010619800315001X,男,2005-07-01"), ("李娜", "330106198506200023,女,2010-03-01"),
                                ("王强", "330106199001010034,男,2015-09-01"), ("赵敏", "330106197508080040,女,2000-01-01"),
                                ("陈刚", "330106198812120056,男,2012-06-01")].enumerated() {
                text += rosterRow(person.0, person.1, extra.count, n) + "\n"
            }
            try write("会员名册.csv", text)
        case "symlink-loop":
            for (link, target) in [("loop.csv", "loop.csv"), ("a.csv", "b.csv"), ("b.csv", "a.csv"), ("gone.csv", "nowhere.csv"),
                                   ("这里.csv", "."), ("子目录", ".")] {
                try fm.createSymbolicLink(atPath: folder + "/" + link, withDestinationPath: target)
            }
        case "named-pipe":
            XCTAssertEqual(mkfifo(folder + "/x.csv", 0o644), 0)
        case "unreadable-file":
            Nobody.own(folder)
            chmod(folder + "/帮扶慰问发放.csv", 0)
            result.unprivileged = true
        case "readonly-folder":
            Nobody.own(folder)
            chmod(folder, 0o555)
            result.unprivileged = true
        case "readonly-folder-with-outputs":
            Nobody.own(folder)
            _ = try earlierRun(unprivileged: true)
            chmod(folder, 0o555)
            result.unprivileged = true
        case "generated-with-earlier-outputs":
            // Big enough that the checked workbooks pass the case's file-size limit; the first run has no limit.
            var options = GeneratorOptions()
            options.seed = 7
            options.members = 2_000
            options.payments = 2_000
            options.claims = 500
            options.enrollments = 200
            _ = try FolderGenerator.write(to: folder, options: options)
            _ = try earlierRun()
        case "run-twice":
            _ = try earlierRun()
            let first = try readJSON(output + "/manifest.json")["outputs"] as? [[String: String]]
            result.after = {
                // Same inputs, same outputs: nothing the first run wrote was read back.
                XCTAssertEqual(try readJSON(output + "/manifest.json")["outputs"] as? [[String: String]], first)
            }
        case "second-run-while-open":
            // The first run sees only the roster; the payments arrive before the second, so the sets differ.
            let payments = try Data(contentsOf: URL(fileURLWithPath: folder + "/帮扶慰问发放.csv"))
            try fm.removeItem(atPath: folder + "/帮扶慰问发放.csv")
            _ = try earlierRun()
            try payments.write(to: URL(fileURLWithPath: folder + "/帮扶慰问发放.csv"))
            let held = try XCTUnwrap(FileHandle(forReadingAtPath: output + "/summary.xlsx"))
            let before = held.readData(ofLength: 1 << 30)
            result.after = {
                // Whoever holds the old file still reads it whole; the folder holds the new set.
                try held.seek(toOffset: 0)
                XCTAssertEqual(held.readData(ofLength: 1 << 30), before)
                try held.close()
                XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: output + "/summary.xlsx")), before)
            }
        default:
            throw NSError(domain: "corpus", code: 2, userInfo: [NSLocalizedDescriptionKey: "no setup named \(name)"])
        }
        return result
    }

    /// A roster row: name, the known cells, then one value per unknown column.
    private static func rosterRow(_ name: String, _ known: String, _ extra: Int, _ n: Int) -> String {
        ([name, known] + (1...extra).map { "v\(n)-\($0)" }).joined(separator: ",")
    }
}
