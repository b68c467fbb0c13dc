// The clerk's own workbooks as inputs: the same data as CSV, as one multi-sheet .xlsx (libxlsxwriter), and as
// the .ods and .xls LibreOffice Calc saves from it give the same figures and the same findings.
import Foundation
import UnionCore
import UnionGenerator
import UnionImport
@testable import UnionPipeline
import Xlsx
import XCTest

final class SpreadsheetInputTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws { root = try makeTempFolder("sheets") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

    static let datasets = ["会员名册", "帮扶慰问发放", "医疗互助报销", "两癌参保", "经费收支明细账"]

    /// Writes the CSV files as sheets of one workbook, typed as a clerk's would be: a number where the text
    /// is one Excel shows the same way (IDs of 18 digits stay text), a date cell where it is a date.
    static func typedWorkbook(_ path: String, sheets: [(name: String, csv: String)]) throws {
        let wb = try Workbook(path: path)
        let dateFormat = wb.format(CellFormat(numberFormat: "yyyy/m/d"))
        for (name, csv) in sheets {
            let sheet = try wb.addWorksheet(name)
            let rows = parseCSV(try String(contentsOfFile: csv, encoding: .utf8))
            for (r, row) in rows.enumerated() {
                for (c, text) in row.enumerated() where !text.isEmpty {
                    if r > 0, isPlainNumber(text) || text.contains("E+"), let value = Double(text) {
                        try sheet.write(number: value, row: r, column: c)
                    } else if r > 0, let day = Day.parse(text), text.contains("/") {
                        try sheet.write(date: (day.year, day.month, day.day), row: r, column: c, format: dateFormat)
                    } else {
                        try sheet.write(text, row: r, column: c)
                    }
                }
            }
        }
        try wb.close()
    }

    /// Digits with at most one point, at most 15 of them, written as Excel writes numbers.
    static func isPlainNumber(_ text: String) -> Bool {
        let digits = text.filter(\.isNumber).count
        guard digits <= 15, text.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$"#, options: .regularExpression) != nil else { return false }
        return true
    }

    /// summary.json without `inputs` (names, encodings and hashes differ by design), and the findings of
    /// issues.csv as (file, row, column, field, rule, severity), file names mapped by `rename`.
    func figuresAndFindings(_ folder: String, rename: (String) -> String = { $0 }) throws -> (NSDictionary, [String]) {
        let out = root + "/out-\(UUID().uuidString)"
        let report = runFolder(folder, out: out)
        XCTAssertNil(report.fatal, folder)
        var summary = try readJSON(out + "/summary.json")
        summary["inputs"] = nil
        let issues = parseCSV(try String(contentsOfFile: out + "/issues.csv", encoding: .utf8)).dropFirst()
        let findings = issues.map { ([rename($0[0])] + [$0[1], $0[2], $0[3], $0[5], $0[6]]).joined(separator: "|") }.sorted()
        return (summary as NSDictionary, findings)
    }

    /// Samples/company (its five files, the ledger included) with a few planted problems, so the findings compared are not none: an ID number
    /// Excel turned into a number (M02), an amount with three decimals (V03) over the limit, a payment of
    /// another year (V04).
    func companyFolders() throws -> (csv: String, workbook: String) {
        let csv = try copySample("company")
        func append(_ file: String, _ line: String) throws {
            let handle = try XCTUnwrap(FileHandle(forWritingAtPath: csv + "/" + file))
            handle.seekToEndOfFile()
            handle.write(Data((line + "\r\n").utf8))
            handle.closeFile()
        }
        try append("会员名册.csv", "赵六,男,1.10105199001011E+17,1990/1/1,20001,机关分会,2015/3/1,,在册,在岗,13800001111,5000,300,12,否")
        try append("帮扶慰问发放.csv", "韩娟娜,513030197212050660,生日慰问,1200.555,2025/1/8,,卡券,,,,机关分会,")
        try append("帮扶慰问发放.csv", "韩娟娜,513030197212050660,春节慰问,500,2024/1/20,,现金,,,,机关分会,")
        let sheets = root + "/sheets"
        try FileManager.default.createDirectory(atPath: sheets, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: csv + "/unionbatch.toml", toPath: sheets + "/unionbatch.toml")
        try Self.typedWorkbook(sheets + "/单位数据.xlsx", sheets: Self.datasets.map { ($0, csv + "/\($0).csv") })
        return (csv, sheets)
    }

    /// A roster sheet of 18 MiB of XML and more is parsed by two parsers at once (WorksheetPieces); under
    /// `--single-thread` (concurrentWriters off) by one. Both give the same issues.csv, summary.json and
    /// checked workbook.
    func testALargeSheetReadByTwoParsersGivesWhatOneParserGives() throws {
        let data = root + "/large-data"
        _ = try FolderGenerator.write(to: data, options: GeneratorOptions(seed: 31, members: 40_000, payments: 10, claims: 0,
                                                                         enrollments: 0, problemRate: 0.01))
        let folder = root + "/large"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.typedWorkbook(folder + "/名册.xlsx", sheets: [("名册", data + "/members.csv")])
        let sheetXML = try xlsxPart(folder + "/名册.xlsx", "xl/worksheets/sheet1.xml")
        XCTAssertGreaterThan(sheetXML.utf8.count, 18 << 20, "large enough to be cut into pieces")
        XCTAssertNotNil(SheetScheduling.threads(options(concurrentWriters: true)))
        XCTAssertNil(SheetScheduling.threads(options(concurrentWriters: false)))
        let two = runFolder(folder, out: root + "/two", mode: .run) { $0.concurrentWriters = true }
        let one = runFolder(folder, out: root + "/one", mode: .run) { $0.concurrentWriters = false }
        XCTAssertEqual(two.exitCode, 1)
        XCTAssertEqual(one.exitCode, 1)
        XCTAssertGreaterThan(two.findings.count, 100)
        XCTAssertEqual(two.findingLines, one.findingLines)
        for name in ["issues.csv", "summary.json"] {
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: root + "/two/" + name)),
                           try Data(contentsOf: URL(fileURLWithPath: root + "/one/" + name)), name)
        }
        XCTAssertEqual(try xlsxPart(root + "/two/checked-members.xlsx", "xl/worksheets/sheet1.xml"),
                       try xlsxPart(root + "/one/checked-members.xlsx", "xl/worksheets/sheet1.xml"))
        let figures = try readJSON(root + "/two/summary.json")
        XCTAssertEqual((figures["inputs"] as? [[String: Any]])?.first?["rows"] as? Int, 40_000)
    }

    private func options(concurrentWriters: Bool) -> RunOptions {
        var options = RunOptions(folder: root, today: Day(year: 2026, month: 3, day: 1)!)
        options.concurrentWriters = concurrentWriters
        return options
    }

    static func renameSheet(_ workbook: String) -> (String) -> String {
        { name in
            for d in datasets where name == "\(workbook)[\(d)]" { return d + ".csv" }
            return name
        }
    }

    func testOneWorkbookOfFourSheetsGivesTheFiguresOfTheFourCSVFiles() throws {
        let (csv, sheets) = try companyFolders()
        let (csvSummary, csvFindings) = try figuresAndFindings(csv)
        let (xlsxSummary, xlsxFindings) = try figuresAndFindings(sheets, rename: Self.renameSheet("单位数据.xlsx"))
        XCTAssertFalse(csvFindings.isEmpty)
        XCTAssertEqual(xlsxSummary, csvSummary)
        XCTAssertEqual(xlsxFindings, csvFindings)

        // Each sheet is an input named file[sheet], reported as XLSX and hashed as the workbook file.
        let out = root + "/out-names"
        _ = runFolder(sheets, out: out)
        let manifest = try readJSON(out + "/manifest.json")
        let inputs = manifest["inputs"] as? [[String: Any]] ?? []
        XCTAssertEqual(Set(inputs.compactMap { $0["file"] as? String }), Set(Self.datasets.map { "单位数据.xlsx[\($0)]" }))
        let sha = try FileBytes.sha256(path: sheets + "/单位数据.xlsx")
        for input in inputs {
            XCTAssertEqual(input["encoding"] as? String, "XLSX")
            XCTAssertEqual(input["sha256"] as? String, sha)
        }
        // The checked workbook has a sheet per input sheet.
        XCTAssertTrue(try xlsxEntries(out + "/checked-members.xlsx").contains("xl/worksheets/sheet1.xml"))
    }

    func testCalcsODSAndXLSGiveTheSameFiguresAndFindings() throws {
        let (csv, sheets) = try companyFolders()
        let (csvSummary, csvFindings) = try figuresAndFindings(csv)
        for format in ["ods", "xls"] {
            let folder = root + "/calc-" + format
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: csv + "/unionbatch.toml", toPath: folder + "/unionbatch.toml")
            try CalcConvert.convert(sheets + "/单位数据.xlsx", to: format, into: folder)
            let (summary, findings) = try figuresAndFindings(folder, rename: Self.renameSheet("单位数据." + format))
            XCTAssertEqual(summary, csvSummary, format)
            XCTAssertEqual(findings, csvFindings, format)
        }
    }
}

extension SpreadsheetInputTests {
    static let roster = [["姓名", "身份证号", "性别", "入会日期"], ["张伟", "33010619800315001X", "男", "2005-07-01"],
                         ["李娜", "330106198506200023", "女", "2010-03-01"]]

    func workbook(_ path: String, _ sheets: [(String, [[String]])], hidden: Set<String> = []) throws {
        let wb = try Workbook(path: path)
        for (name, rows) in sheets {
            let sheet = try wb.addWorksheet(name)
            for (r, row) in rows.enumerated() {
                for (c, text) in row.enumerated() where !text.isEmpty { try sheet.write(text, row: r, column: c) }
            }
            if hidden.contains(name) { sheet.hide() }
        }
        try wb.close()
    }

    func testASheetThatFitsNoDatasetIsListedNotRefused() throws {
        let folder = root + "/in"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // (The first sheet is the one shown: libxlsxwriter hides only another.)
        try workbook(folder + "/工会.xlsx", [("名册", Self.roster), ("说明", [["本表由工会填写"], ["联系人", "王老师"]]), ("空白", [])],
                     hidden: ["说明"])
        let out = root + "/out"
        let report = runFolder(folder, out: out)
        XCTAssertNil(report.fatal)
        XCTAssertEqual(report.exitCode, 0)
        XCTAssertEqual(report.findings.map(\.rule), [])
        XCTAssertTrue(report.summaryLines.contains("工会.xlsx[说明]：不符合任何数据集，未使用"), "\(report.summaryLines)")
        XCTAssertTrue(report.summaryLines.contains("工会.xlsx[空白]：不符合任何数据集，未使用"), "\(report.summaryLines)")
        let manifest = try readJSON(out + "/manifest.json")
        XCTAssertEqual((manifest["inputs"] as? [[String: Any]])?.compactMap { $0["file"] as? String }, ["工会.xlsx[名册]"])
        // 说明 lists the sheets not used and the hidden one; the checked sheet is named for workbook and sheet.
        let notes = try xlsxPart(out + "/summary.xlsx", "xl/sharedStrings.xml")
        XCTAssertTrue(notes.contains("工会.xlsx[说明]：隐藏的工作表，已读取"))
        XCTAssertTrue(notes.contains("工会.xlsx[空白]：不符合任何数据集，未使用"))
        XCTAssertTrue(try xlsxPart(out + "/checked-members.xlsx", "xl/workbook.xml").contains("name=\"工会-名册\""))
    }

    func testAWorkbookWithNoUsableSheetIsRefusedAsAFileIs() throws {
        let folder = root + "/in"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "姓名,身份证号\n张伟,33010619800315001X\n".write(toFile: folder + "/会员名册.csv", atomically: false, encoding: .utf8)
        try workbook(folder + "/杂项.xlsx", [("甲", [["名称", "数量"], ["笔", "3"]]), ("乙", [])])
        let report = runFolder(folder, out: root + "/out")
        XCTAssertEqual(report.exitCode, 1)
        XCTAssertEqual(report.findings.map { "\($0.file) \($0.rule.rawValue)" }, ["杂项.xlsx[甲] F04"])
    }

    func testAWorkbookOfEmptySheetsIsOneF06() throws {
        let folder = root + "/in"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "姓名,身份证号\n张伟,33010619800315001X\n".write(toFile: folder + "/会员名册.csv", atomically: false, encoding: .utf8)
        try workbook(folder + "/新建.xlsx", [("Sheet1", []), ("Sheet2", [])])
        let report = runFolder(folder, out: root + "/out")
        XCTAssertEqual(report.exitCode, 0)
        XCTAssertEqual(report.findings.map { "\($0.file) \($0.rule.rawValue)" }, ["新建.xlsx[Sheet1] F06"])
        XCTAssertTrue(report.summaryLines.contains("新建.xlsx[Sheet2]：不符合任何数据集，未使用"), "\(report.summaryLines)")
    }

    func testASheetIsPinnedByItsName() throws {
        let folder = root + "/in"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // 名单 holds a roster's columns under a name of no dataset, beside a column the payments also have.
        try workbook(folder + "/工会.xlsx", [("名单", Self.roster)])
        try "[files]\n\"工会.xlsx[名单]\" = \"members\"\n".write(toFile: folder + "/unionbatch.toml", atomically: false, encoding: .utf8)
        let out = root + "/out"
        let report = runFolder(folder, out: out)
        XCTAssertEqual(report.exitCode, 0)
        let summary = try readJSON(out + "/summary.json")
        let input = try XCTUnwrap((summary["inputs"] as? [[String: Any]])?.first)
        XCTAssertEqual(input["file"] as? String, "工会.xlsx[名单]")
        XCTAssertEqual(input["dataset"] as? String, "members")
        XCTAssertEqual(input["rows"] as? Int, 2)
    }
}

/// LibreOffice Calc saving a workbook in another format, with a profile of its own.
enum CalcConvert {
    static func convert(_ workbook: String, to format: String, into folder: String) throws {
        let profile = try makeTempFolder("lo-profile")
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                             "--convert-to", format, "--outdir", folder, workbook]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "calc", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: "soffice failed"])
        }
    }
}
