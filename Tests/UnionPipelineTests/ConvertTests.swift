// `unionbatch convert`: delimited text to XLSX, read back through Calc and from the sheet XML.
import Foundation
import UnionImport
import UnionRules
import UnionWriters
import XCTest

/// The fixtures of Fixtures/convert converted once and exported back to CSV by Calc, shared by the tests.
struct ConvertedFixtures: Sendable {
    static let names = ["rfc4180.csv", "gb18030.csv", "unicode-text.txt", "identifiers.csv"]
    let out: String
    let reports: [String: ConversionReport]
    let calc: String?
    let failure: String?

    init() {
        var reports: [String: ConversionReport] = [:]
        var failure: String?
        let out = (try? makeTempFolder("convert-out")) ?? NSTemporaryDirectory()
        for name in Self.names {
            let input = Repo.fixtures.appendingPathComponent("convert").appendingPathComponent(name).path
            do {
                let output = DelimitedWorkbookWriter.outputPath(forInput: input, outputFolder: out)
                reports[name] = try DelimitedWorkbookWriter.convert(input: input, output: output)
            } catch {
                failure = "\(name): \(error)"
            }
        }
        self.out = out
        self.reports = reports
        self.failure = failure
        calc = try? Calc.exportSheets(Self.names.compactMap { reports[$0]?.output })
    }
}

final class ConvertTests: XCTestCase {
    static let fixtures = ConvertedFixtures()

    func report(_ name: String) throws -> ConversionReport {
        XCTAssertNil(Self.fixtures.failure)
        return try XCTUnwrap(Self.fixtures.reports[name])
    }

    func calcRows(_ base: String) throws -> [[String]] {
        let folder = try XCTUnwrap(Self.fixtures.calc, "soffice did not export the workbooks")
        return try Calc.sheet(folder, workbook: base + ".xlsx", sheet: base)
    }

    func workbook(_ base: String) -> String { Self.fixtures.out + "/" + base + ".xlsx" }

    // MARK: Round trips through Calc

    func testRFC4180EdgeCasesSurviveCalc() throws {
        let r = try report("rfc4180.csv")
        XCTAssertEqual(r.encoding, .utf8)
        XCTAssertEqual(r.dialect, Dialect(delimiter: 0x2C, lineEnding: .crlf))
        XCTAssertEqual(r.rows, 6)
        XCTAssertEqual(r.columns, 4)
        XCTAssertEqual(r.headerRow, 1)
        XCTAssertEqual(r.sheets, ["rfc4180"])
        XCTAssertEqual(r.warnings, [])
        // Quoted commas, quoted line breaks (a CRLF inside quotes becomes the LF of a cell), escaped quotes,
        // empty fields, a trailing empty field, and the blank line kept as a row so rows match the input's.
        XCTAssertEqual(try calcRows("rfc4180"), [
            ["姓名", "地址", "备注", "金额"],
            ["张三", "北京市朝阳区,建国路1号", "他说\"你好\"", "1624.5"],
            ["李四", "第一行\n第二行", "", "-12.5"],
            ["", "", "", ""],
            ["王五", "", "包含\"引号\"和,逗号", "3.14"],
            ["赵六", "回车\n换行", "末尾空", ""],
        ])
        let sheet = try xlsxPart(workbook("rfc4180"), "xl/worksheets/sheet1.xml")
        XCTAssertEqual(cell(sheet, "D2")?.type, "n")
        XCTAssertEqual(cell(sheet, "D3")?.value, "-12.5")
        XCTAssertEqual(cell(sheet, "B3")?.type, "inlineStr")
        XCTAssertNil(cell(sheet, "C3"), "an empty field is a blank cell, not an empty string")
        XCTAssertNil(cell(sheet, "A4"))
        XCTAssertEqual(cell(sheet, "B6")?.value, "回车\n换行", "a CRLF inside quotes is written as the cell's LF")
    }

    func testGB18030TextSurvivesCalc() throws {
        let r = try report("gb18030.csv")
        XCTAssertEqual(r.encoding, .gb18030)
        XCTAssertEqual(r.dialect, Dialect(delimiter: 0x2C, lineEnding: .lf))
        XCTAssertEqual(r.rows, 4)
        XCTAssertEqual(try calcRows("gb18030"), [
            ["单位", "姓名", "补助类别", "金额"],
            ["一分会", "刘德华", "生病住院慰问", "300"],
            ["二分会", "欧阳娜娜", "金秋助学", "800"],
            ["三分会", "吉𠮷祥", "慰问，含全角逗号", "1203.5"],
        ])
    }

    func testUTF16TabTextSurvivesCalc() throws {
        let r = try report("unicode-text.txt")
        XCTAssertEqual(r.encoding, .utf16LE)
        XCTAssertEqual(r.dialect, Dialect(delimiter: 0x09, lineEnding: .crlf))
        XCTAssertEqual(r.rows, 3)
        XCTAssertEqual(r.columns, 5)
        XCTAssertEqual(r.sheets, ["unicode-text"])
        XCTAssertEqual(try calcRows("unicode-text"), [
            ["工号", "姓名", "手机", "金额", "说明"],
            ["007", "张三", "13812345678", "1624.5", "含\t制表符"],
            ["0123", "李\"四", "13912345678", "200", ""],
        ])
        let sheet = try xlsxPart(workbook("unicode-text"), "xl/worksheets/sheet1.xml")
        XCTAssertEqual(cell(sheet, "A2")?.type, "inlineStr")
        XCTAssertEqual(cell(sheet, "C2")?.type, "inlineStr")
        XCTAssertEqual(cell(sheet, "D3")?.type, "n")
    }

    func testIdentifiersAndFormulaTextSurviveCalc() throws {
        let r = try report("identifiers.csv")
        XCTAssertEqual(r.encoding, .utf8BOM)
        XCTAssertEqual(r.rows, 5)
        XCTAssertEqual(r.columns, 14)
        // 身份证号码, 手机 and 编码 by their headers, 备用 by its values, Member ID by the word "ID".
        XCTAssertEqual(r.identifierColumns, [2, 3, 4, 9, 10])
        let original = parseCSV(try String(contentsOfFile: Repo.fixtures.path + "/convert/identifiers.csv", encoding: .utf8))
        var expected = original
        // Number cells come back as Calc writes numbers: no thousands separator, the percentage as shown.
        expected[1][12] = "1234"
        XCTAssertEqual(try calcRows("identifiers"), expected)
    }

    // MARK: Cell types in the sheet XML

    func testCellTypesOfIdentifiersNumbersAndFormulaText() throws {
        let sheet = try xlsxPart(workbook("identifiers"), "xl/worksheets/sheet1.xml")
        let styles = try xlsxPart(workbook("identifiers"), "xl/styles.xml")
        func assertText(_ ref: String, _ text: String, line: UInt = #line) {
            XCTAssertEqual(cell(sheet, ref)?.type, "inlineStr", ref, line: line)
            XCTAssertEqual(cell(sheet, ref)?.value, text, ref, line: line)
        }
        func assertNumber(_ ref: String, _ value: String, format: String, line: UInt = #line) {
            XCTAssertEqual(cell(sheet, ref)?.type, "n", ref, line: line)
            XCTAssertEqual(cell(sheet, ref)?.value, value, ref, line: line)
            XCTAssertEqual(cell(sheet, ref).flatMap { numberFormat(styles, style: $0.style) }, format, ref, line: line)
        }
        assertNumber("A2", "1", format: "0")
        assertText("C2", "110105199003071247")
        assertText("C3", "11010519900307124X")
        assertText("C4", "110105900307124")  // 15 digits: a number by shape, text by its header
        assertText("D2", "13812345678")
        assertText("E2", "13912345678")  // header 备用, values mostly phones and IDs
        assertNumber("F2", "1624.5", format: "0.0")
        assertNumber("F5", "0.5", format: "0.0")
        assertText("G2", "=SUM(A1)")
        assertText("G3", "+86 138 1234 5678")
        assertText("G4", "-abc")
        assertText("G5", "@user")
        assertText("H2", "1.10105E+17")
        assertText("H4", "1.23E+5")
        assertText("I2", "12345678901234567890")
        assertText("I4", "00000000000000000001")
        assertText("J2", "007")
        assertText("J4", "9")  // column 编码
        assertText("K2", "1001")  // column Member ID
        assertNumber("L2", "100", format: "0")  // column Paid: "id" is not a word of it
        assertNumber("M2", "1234", format: "#,##0")
        assertNumber("M3", "0.125", format: "0.0%")
        assertNumber("M4", "-12.5", format: "0.0")
        assertText("N2", "2025-03-05")
        assertText("N3", "2025/3/5")
        XCTAssertFalse(sheet.contains("<f>"), "no cell is a formula")
        XCTAssertEqual(try report("identifiers.csv").numberCells, 14)
    }

    func testPlainNumberDecisions() {
        func number(_ text: String) -> [String]? {
            PlainNumber.parse(text).map { ["\($0.value)", $0.numberFormat] }
        }
        XCTAssertEqual(number("1624.5"), ["1624.5", "0.0"])
        XCTAssertEqual(number("1624.50"), ["1624.5", "0.00"])
        XCTAssertEqual(number("-12.5"), ["-12.5", "0.0"])
        XCTAssertEqual(number("3.14"), ["3.14", "0.00"])
        XCTAssertEqual(number("0"), ["0.0", "0"])
        XCTAssertEqual(number("0.05"), ["0.05", "0.00"])
        XCTAssertEqual(number("-0.5"), ["-0.5", "0.0"])
        XCTAssertEqual(number(" 42 "), ["42.0", "0"])
        XCTAssertEqual(number("1,234"), ["1234.0", "#,##0"])
        XCTAssertEqual(number("-1,234,567.89"), ["-1234567.89", "#,##0.00"])
        XCTAssertEqual(number("12.5%"), ["0.125", "0.0%"])
        XCTAssertEqual(number("3%"), ["0.03", "0%"])
        XCTAssertEqual(number("123456789012345"), ["123456789012345.0", "0"])
        XCTAssertEqual(number("12345678901.2345"), ["12345678901.2345", "0.0000"])
        for text in ["007", "00", "0123.5", "-0", "-0.00", "+5", ".5", "5.", "-", "%", "1e5", "1.10105E+17", "1234567890123456",
                     "1234567890.123456", "1,23", "12,3456", "1,234,56", ",123", "0,123", "1,,234", "１２３", "￥100", "100元",
                     "2025-03-05", "12:30", "1/2", "(100)", "1 000", "", "  ", "=1+1", "- 5", "--5", "5-"] {
            XCTAssertNil(PlainNumber.parse(text), text)
        }
    }

    // MARK: Layout

    func testTitleRowsAboveTheHeaderAreKeptAndTheHeaderIsBoldFrozenFiltered() throws {
        let folder = try makeTempFolder("convert-title")
        let input = folder + "/名册.csv"
        try "2025年工会会员名册\n填报单位：某公司,填报日期：2025-12-01\n姓名,性别,工号,金额\n张三,男,0001,100\n李四,女,0002,200.5\n"
            .write(toFile: input, atomically: true, encoding: .utf8)
        let r = try DelimitedWorkbookWriter.convert(input: input, output: folder + "/名册.xlsx")
        XCTAssertEqual(r.headerRow, 3)
        XCTAssertEqual(r.rows, 5)
        let sheet = try xlsxPart(folder + "/名册.xlsx", "xl/worksheets/sheet1.xml")
        let styles = try xlsxPart(folder + "/名册.xlsx", "xl/styles.xml")
        XCTAssertTrue(sheet.contains(#"<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>"#), sheet)
        XCTAssertTrue(sheet.contains(#"<autoFilter ref="A3:D5"/>"#), sheet)
        XCTAssertTrue(sheet.contains(#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>"#), sheet)
        XCTAssertEqual(cell(sheet, "A1")?.value, "2025年工会会员名册")
        XCTAssertEqual(cell(sheet, "B2")?.value, "填报日期：2025-12-01")
        XCTAssertEqual(cell(sheet, "B2")?.type, "inlineStr")
        for ref in ["A3", "B3", "C3", "D3"] {
            XCTAssertEqual(cell(sheet, ref).map { isBold(styles, style: $0.style) }, true, ref)
        }
        XCTAssertEqual(cell(sheet, "A4").map { isBold(styles, style: $0.style) }, false)
        XCTAssertEqual(cell(sheet, "C4")?.value, "0001")
        XCTAssertEqual(cell(sheet, "D5")?.type, "n")
        // The header row repeats on every printed page.
        XCTAssertTrue(try xlsxPart(folder + "/名册.xlsx", "xl/workbook.xml")
            .contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'名册'!$3:$3</definedName>"#))
    }

    func testColumnWidthsCountCJKCharactersDouble() throws {
        let folder = try makeTempFolder("convert-width")
        let input = folder + "/w.csv"
        try "a,b\n中文中文中文中文中文,abcdefghij\n".write(toFile: input, atomically: true, encoding: .utf8)
        _ = try DelimitedWorkbookWriter.convert(input: input, output: folder + "/w.xlsx")
        let sheet = try xlsxPart(folder + "/w.xlsx", "xl/worksheets/sheet1.xml")
        // Width 20 → 20 × 1.15 + 2 ≈ 25; width 10 → 14 (libxlsxwriter adds its padding of 0.71).
        XCTAssertTrue(sheet.contains(#"<col min="1" max="1" width="25.7109375" customWidth="1"/>"#), sheet)
        XCTAssertTrue(sheet.contains(#"<col min="2" max="2" width="14.7109375" customWidth="1"/>"#), sheet)
    }

    func testRowsPastASheetContinueOnFurtherSheetsWithTheHeader() throws {
        let folder = try makeTempFolder("convert-rows")
        let input = folder + "/long.csv"
        try (["编号,金额"] + (1...9).map { "00\($0),\($0)" }).joined(separator: "\n")
            .write(toFile: input, atomically: true, encoding: .utf8)
        let output = folder + "/long.xlsx"
        let r = try DelimitedWorkbookWriter.convert(input: input, output: output, options: ConversionOptions(rowsPerSheet: 4))
        XCTAssertEqual(r.rows, 10)
        XCTAssertEqual(r.sheets, ["long", "long (2)", "long (3)"])
        XCTAssertEqual(r.warnings, [
            ConversionWarning(file: input, row: 5, column: nil, kind: .continuedOnSheet("long (2)")),
            ConversionWarning(file: input, row: 8, column: nil, kind: .continuedOnSheet("long (3)")),
        ])
        XCTAssertEqual(r.warnings[0].line(.zh), input + ":5: 超过一个工作表的行数上限，从该行起续写在工作表“long (2)”（表头重复）")
        let calc = try Calc.exportSheets([output])
        XCTAssertEqual(try Calc.sheet(calc, workbook: "long.xlsx", sheet: "long"),
                       [["编号", "金额"], ["001", "1"], ["002", "2"], ["003", "3"]])
        XCTAssertEqual(try Calc.sheet(calc, workbook: "long.xlsx", sheet: "long (2)"),
                       [["编号", "金额"], ["004", "4"], ["005", "5"], ["006", "6"]])
        XCTAssertEqual(try Calc.sheet(calc, workbook: "long.xlsx", sheet: "long (3)"),
                       [["编号", "金额"], ["007", "7"], ["008", "8"], ["009", "9"]])
        let second = try xlsxPart(output, "xl/worksheets/sheet2.xml")
        XCTAssertTrue(second.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        XCTAssertTrue(second.contains(#"<autoFilter ref="A1:B4"/>"#))
    }

    // MARK: Limits and refusals

    func testOverlongCellIsCutWithAWarning() throws {
        let folder = try makeTempFolder("convert-long")
        let input = folder + "/note.csv"
        try ("姓名,备注\n张三," + String(repeating: "长", count: 40_000) + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let r = try DelimitedWorkbookWriter.convert(input: input, output: folder + "/note.xlsx")
        XCTAssertEqual(r.warnings, [ConversionWarning(file: input, row: 2, column: 1, kind: .cellTruncated(characters: 40_000))])
        XCTAssertEqual(r.warnings[0].line(.en),
                       input + ":2:B: the cell holds 40000 characters, more than the 32767 a cell can hold: the rest was cut off")
        let sheet = try xlsxPart(folder + "/note.xlsx", "xl/worksheets/sheet1.xml")
        XCTAssertEqual(cell(sheet, "B2")?.value, String(repeating: "长", count: 32_767))
    }

    func testUndecodableFileIsRefusedWithItsByteOffsetAndNothingIsWritten() throws {
        let folder = try makeTempFolder("convert-bad")
        let input = folder + "/bad.csv"
        try Data("name,value\nx,".utf8 + [0xFF, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: input))
        XCTAssertThrowsError(try DelimitedWorkbookWriter.convert(input: input, output: folder + "/bad.xlsx")) { error in
            XCTAssertEqual(error as? ConversionError, ConversionError(file: input, kind: .undecodable(byteOffset: 13)))
            XCTAssertEqual((error as? ConversionError)?.line(.zh),
                           input + ": 无法解码：不是 UTF-8、UTF-16 或 GB18030（GBK）编码，第 13 字节处解码失败，未转换")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["bad.csv"])
    }

    func testPastedGBKRowIsConvertedWithAWarning() throws {
        let folder = try makeTempFolder("convert-mixed")
        let input = folder + "/mixed.csv"
        let gbk: [UInt8] = [0xCD, 0xF5, 0xCE, 0xE5]  // 王五 in GBK
        try Data("姓名,金额\n张三,1\n李四,2\n".utf8 + gbk + Array(",3\n".utf8)).write(to: URL(fileURLWithPath: input))
        let r = try DelimitedWorkbookWriter.convert(input: input, output: folder + "/mixed.xlsx")
        XCTAssertEqual(r.encoding, .utf8)
        XCTAssertEqual(r.warnings, [ConversionWarning(file: input, row: 4, column: nil, kind: .invalidUTF8)])
        let sheet = try xlsxPart(folder + "/mixed.xlsx", "xl/worksheets/sheet1.xml")
        XCTAssertEqual(cell(sheet, "B4")?.value, "3")
    }

    func testEmptyFileGivesOneEmptySheet() throws {
        let folder = try makeTempFolder("convert-empty")
        let input = folder + "/空.csv"
        try Data().write(to: URL(fileURLWithPath: input))
        let r = try DelimitedWorkbookWriter.convert(input: input, output: folder + "/空.xlsx")
        XCTAssertEqual(r.rows, 0)
        XCTAssertEqual(r.columns, 0)
        XCTAssertNil(r.headerRow)
        XCTAssertEqual(r.sheets, ["空"])
        XCTAssertEqual(r.warnings.map { $0.line(.zh) }, [input + ": 文件是空的，工作簿只有一个空工作表"])
        XCTAssertTrue(try xlsxPart(folder + "/空.xlsx", "xl/worksheets/sheet1.xml").contains("<sheetData/>"))
    }

    func testTheInputIsNeverOverwrittenAndOtherFilesOnlyOnRequest() throws {
        let folder = try makeTempFolder("convert-safe")
        // A CSV saved under an .xlsx name would be its own output.
        let disguised = folder + "/report.xlsx"
        try "a,b\n1,2\n".write(toFile: disguised, atomically: true, encoding: .utf8)
        let output = DelimitedWorkbookWriter.outputPath(forInput: disguised, outputFolder: nil)
        XCTAssertEqual(output, disguised)
        XCTAssertThrowsError(try DelimitedWorkbookWriter.convert(
            input: disguised, output: output, options: ConversionOptions(replaceExisting: true))) { error in
            XCTAssertEqual(error as? ConversionError, ConversionError(file: disguised, kind: .wouldOverwriteInput(disguised)))
        }
        XCTAssertEqual(try String(contentsOfFile: disguised, encoding: .utf8), "a,b\n1,2\n")

        // The clerk's own workbook of the same name stays unless replacing is asked for.
        let input = folder + "/members.csv"
        let existing = folder + "/members.xlsx"
        try "姓名\n张三\n".write(toFile: input, atomically: true, encoding: .utf8)
        try "the clerk's workbook".write(toFile: existing, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DelimitedWorkbookWriter.convert(input: input, output: existing)) { error in
            XCTAssertEqual(error as? ConversionError, ConversionError(file: input, kind: .outputExists(existing)))
        }
        XCTAssertEqual(try String(contentsOfFile: existing, encoding: .utf8), "the clerk's workbook")
        _ = try DelimitedWorkbookWriter.convert(input: input, output: existing, options: ConversionOptions(replaceExisting: true))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: existing)).prefix(2), Data("PK".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(),
                       ["members.csv", "members.xlsx", "report.xlsx"], "no temporary file is left behind")
        XCTAssertEqual(try String(contentsOfFile: input, encoding: .utf8), "姓名\n张三\n")
    }

    func testIdentifierHeaderWords() {
        for header in ["身份证号", "证件号码", "手机号", "联系电话", "会员编号", "工号", "银行账号", "卡号", "ID", "Member ID",
                       "member_id", "MemberID", "IDNumber", "Phone", "mobile", "Card No."] {
            XCTAssertTrue(IdentifierColumn.headerNamesIdentifier(header), header)
        }
        for header in ["姓名", "金额", "Paid", "width", "valid", "Provider", "序号", "数量", ""] {
            XCTAssertFalse(IdentifierColumn.headerNamesIdentifier(header), header)
        }
    }

    func testIdentifierValueShapes() {
        for value in ["110105199003071247", "11010519900307124X", "11010519900307124x", "110105900307124", "1101051990030712", "13812345678",
                      " 13812345678 "] {
            XCTAssertTrue(IdentifierColumn.valueLooksLikeIdentifier(value), value)
        }
        for value in ["23812345678", "1381234567", "138123456789", "X1010519900307124", "1101051990030712X4",
                      "1234567890123456789", "1624.5", "张三", ""] {
            XCTAssertFalse(IdentifierColumn.valueLooksLikeIdentifier(value), value)
        }
    }

    // MARK: The command

    func testConvertCommand() throws {
        let folder = try makeTempFolder("convert-cli")
        for name in ["rfc4180.csv", "unicode-text.txt"] {
            try FileManager.default.copyItem(atPath: Repo.fixtures.path + "/convert/" + name, toPath: folder + "/" + name)
        }
        let out = folder + "/out"
        let first = try runUnionbatch(["convert", folder + "/rfc4180.csv", folder + "/missing.csv", folder + "/unicode-text.txt",
                                       "--out", out])
        XCTAssertEqual(first.status, 1, first.stderr)
        XCTAssertEqual(first.stderr, """
            \(folder)/rfc4180.csv: 编码 UTF-8，分隔符 逗号 (,)，换行 CRLF，6 行 4 列 → \(out)/rfc4180.xlsx
            \(folder)/missing.csv: 文件不存在
            \(folder)/unicode-text.txt: 编码 UTF-16LE，分隔符 制表符，换行 CRLF，3 行 5 列 → \(out)/unicode-text.xlsx

            """)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(), ["rfc4180.xlsx", "unicode-text.xlsx"])

        // Beside the input by default; an existing output is kept without --replace.
        let beside = try runUnionbatch(["convert", folder + "/rfc4180.csv", "--lang", "en"])
        XCTAssertEqual(beside.status, 0, beside.stderr)
        XCTAssertEqual(beside.stderr, "\(folder)/rfc4180.csv: encoding UTF-8, delimiter comma (,), line ending CRLF, 6 rows, "
            + "4 columns -> \(folder)/rfc4180.xlsx\n")
        let again = try runUnionbatch(["convert", folder + "/rfc4180.csv"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("rfc4180.xlsx 已存在，未覆盖"), again.stderr)
        XCTAssertEqual(try runUnionbatch(["convert", folder + "/rfc4180.csv", "--replace"]).status, 0)

        XCTAssertEqual(try runUnionbatch(["convert"]).status, 2)
        XCTAssertEqual(try runUnionbatch(["convert", folder + "/rfc4180.csv", "--out", folder + "/rfc4180.csv"]).status, 2)
        XCTAssertEqual(try runUnionbatch(["convert", folder + "/rfc4180.csv", "--lang", "fr"]).status, 2)
    }

    // MARK: Helpers

    func runUnionbatch(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        try runBinary(arguments)
    }

    /// A cell of a sheet's XML: its type (`n` for numbers, `inlineStr` for text), value or text, and style index.
    func cell(_ sheet: String, _ ref: String) -> (type: String, value: String, style: Int)? {
        let pattern = #"<c r="\#(ref)"(?: s="(\d+)")?(?: t="(\w+)")?>(.*?)</c>"#
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
              let match = regex.firstMatch(in: sheet, range: NSRange(sheet.startIndex..., in: sheet)) else { return nil }
        func group(_ i: Int) -> String? { Range(match.range(at: i), in: sheet).map { String(sheet[$0]) } }
        let style = group(1).flatMap(Int.init) ?? 0
        let type = group(2) ?? "n"
        let body = group(3) ?? ""
        let inner = type == "inlineStr" ? body.replacingOccurrences(of: #"<is><t(?: xml:space="preserve")?>|</t></is>"#, with: "",
                                                                     options: .regularExpression)
            : body.replacingOccurrences(of: #"</?v>"#, with: "", options: .regularExpression)
        let value = inner.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        return (type, value, style)
    }

    /// The `<xf>` elements of styles.xml's cellXfs, in style-index order.
    func cellXfs(_ styles: String) -> [String] {
        guard let start = styles.range(of: "<cellXfs"), let end = styles.range(of: "</cellXfs>") else { return [] }
        let block = String(styles[start.upperBound..<end.lowerBound])
        return block.components(separatedBy: "<xf ").dropFirst().map { "<xf " + $0 }
    }

    func attribute(_ name: String, _ element: String) -> String? {
        guard let r = element.range(of: " \(name)=\"") else { return nil }
        return String(element[r.upperBound...].prefix { $0 != "\"" })
    }

    /// The number format code of a style (custom formats only; built-in 0 is General).
    func numberFormat(_ styles: String, style: Int) -> String? {
        let xfs = cellXfs(styles)
        guard style < xfs.count, let id = attribute("numFmtId", xfs[style]) else { return nil }
        guard let r = styles.range(of: "<numFmt numFmtId=\"\(id)\" formatCode=\"") else { return id == "0" ? "General" : nil }
        return String(styles[r.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&quot;", with: "\"")
    }

    func isBold(_ styles: String, style: Int) -> Bool {
        let xfs = cellXfs(styles)
        guard style < xfs.count, let id = attribute("fontId", xfs[style]).flatMap(Int.init),
              let start = styles.range(of: "<fonts"), let end = styles.range(of: "</fonts>") else { return false }
        let fonts = String(styles[start.upperBound..<end.lowerBound]).components(separatedBy: "<font>").dropFirst()
        return id < fonts.count && Array(fonts)[id].contains("<b/>")
    }
}
