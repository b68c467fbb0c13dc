// Samples/messy: every rule but U01 planted at a known row and column; every row of every file accounted for.
import Foundation
import UnionCore
import UnionPipeline
import XCTest

final class MessySampleTests: XCTestCase {
    static let sample = SampleRun("messy")
    static var folder: String { sample.folder }
    static var out: String { sample.out }
    static var report: RunReport? { sample.report }

    /// messy-expected.tsv (written by Scripts/make-samples.py): file, row, column, field, rule per planted finding.
    static func expectedFindings() throws -> [[String]] {
        let text = try String(contentsOf: Repo.fixtures.appendingPathComponent("messy-expected.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    func testExitStatusIsOne() throws {
        let report = try XCTUnwrap(Self.report)
        XCTAssertNil(report.fatal)
        XCTAssertEqual(report.exitCode, 1)
    }

    func testFindingsAreExactlyThePlantedOnes() throws {
        let expected = try Self.expectedFindings()
        XCTAssertEqual(expected.count, 63)   // 57 + the ledger's L01, L02, L03 ×2, L04, L05
        XCTAssertTrue(expected.allSatisfy { $0.count == 5 })
        let issues = parseCSV(try String(contentsOfFile: Self.out + "/issues.csv", encoding: .utf8))
        XCTAssertEqual(issues.first, ["file", "row", "column", "field", "value", "rule", "severity", "message", "hint"])
        let found = issues.dropFirst().map { [$0[0], $0[1], $0[2], $0[3], $0[5]] }
        XCTAssertEqual(Set(found.map { $0.joined(separator: "|") }), Set(expected.map { $0.joined(separator: "|") }))
        XCTAssertEqual(found.count, expected.count)
        // Standard error names each one as file:row:column: rule: message; a finding without a column
        // drops it, one about a whole file drops the row too.
        let lines = try XCTUnwrap(Self.report).findingLines
        XCTAssertEqual(lines.count, expected.count)
        for prefix in ["帮扶慰问发放.csv:17:B: X01: ", "会员名册.csv:26:C: M02: ", "会员名册.csv:2:P: F05: ",
                       "帮扶慰问发放.csv:8: F02: ", "帮扶慰问发放.csv:19: F01: ", "帮扶慰问发放.csv:33:L: F08: ",
                       "慰问补录.csv:5: F03: ", "参保名单.csv: F04: ", "新建文本文档.txt: F06: ", "旧会员名册.xls: F09: "] {
            XCTAssertTrue(lines.contains { $0.hasPrefix(prefix) }, prefix)
        }
    }

    func testEveryRuleButU01Fires() throws {
        let expected = try Self.expectedFindings()
        let catalog = Set(RuleCode.allCases.map(\.rawValue)).subtracting(["U01"])
        XCTAssertEqual(Set(expected.map { $0[4] }), catalog)
        // summary.json counts the same findings, file-level ones included.
        let json = try readJSON(Self.out + "/summary.json")
        let findings = dict(json["findings"])
        var byRule: [String: Int] = [:]
        for e in expected { byRule[e[4], default: 0] += 1 }
        XCTAssertEqual(dict(findings["by_rule"]) as? [String: Int], byRule)
        XCTAssertEqual(findings["errors"] as? Int, 33)      // 30 + L01, L02, L05
        XCTAssertEqual(findings["warnings"] as? Int, 30)    // 27 + L03 ×2, L04
    }

    func testIssuesCSVMasksIDsAndHasABOM() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.out + "/issues.csv"))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        let issues = parseCSV(String(decoding: bytes, as: UTF8.self))
        let x01 = try XCTUnwrap(issues.first { $0.count > 5 && $0[5] == "X01" })
        XCTAssertEqual(x01[4], "341221********5550")
        XCTAssertEqual(x01[6], "error")
    }

    func testEncodingsAndAccounting() throws {
        let json = try readJSON(Self.out + "/summary.json")
        let inputs = json["inputs"] as? [[String: Any]] ?? []
        let byFile = Dictionary(uniqueKeysWithValues: inputs.map { ($0["file"] as? String ?? "", $0) })
        // Every delimited file is an input, refused and empty ones too; the web page named .xls is only noted (F09).
        XCTAssertEqual(Set(byFile.keys), ["会员名册.csv", "帮扶慰问发放.csv", "慰问补录.csv", "医疗互助报销.txt", "两癌参保.csv",
                                          "参保名单.csv", "转出人员名单.csv", "新建文本文档.txt", "经费收支明细账.csv"])
        XCTAssertEqual(byFile["会员名册.csv"]?["encoding"] as? String, "GB18030")
        // One pasted GBK row does not make the payments file GBK: it is UTF-8 and that row gets F01.
        XCTAssertEqual(byFile["帮扶慰问发放.csv"]?["encoding"] as? String, "UTF-8")
        XCTAssertEqual(byFile["慰问补录.csv"]?["encoding"] as? String, "UTF-8-BOM")
        XCTAssertEqual(byFile["医疗互助报销.txt"]?["encoding"] as? String, "UTF-16LE")
        XCTAssertEqual(byFile["两癌参保.csv"]?["encoding"] as? String, "UTF-8")
        XCTAssertEqual(byFile["参保名单.csv"]?["encoding"] as? String, "UTF-8-BOM")
        XCTAssertEqual(byFile["转出人员名单.csv"]?["encoding"] as? String, "UTF-8-BOM")
        XCTAssertEqual(byFile["经费收支明细账.csv"]?["encoding"] as? String, "GB18030")
        XCTAssertEqual(byFile["经费收支明细账.csv"]?["dataset"] as? String, "ledger")

        // rows, included, excluded, outside the year: as Scripts/make-samples.py computes them.
        let expected: [String: [Int]] = [
            "会员名册.csv": [53, 47, 6, 0],       // V02, M01, M02 ×2, M07, M05
            "帮扶慰问发放.csv": [35, 19, 15, 1],  // X02, F02, V02, V03, V01, X01, P05, F01, P02, P06, P08, P01, P03, V05, X04; the 2024 row
                                                  // (the footer is no row)
            "慰问补录.csv": [3, 2, 1, 0],          // F03 (the example row, F13, is no row)
            "医疗互助报销.txt": [15, 10, 5, 0],    // V03, C01, C04, C05, C03
            "两癌参保.csv": [10, 8, 2, 0],         // V03, E02 (the 合计 row, F10, is no row)
            "参保名单.csv": [0, 0, 0, 0],          // refused (F04)
            "转出人员名单.csv": [0, 0, 0, 0],      // header only (F06)
            "新建文本文档.txt": [0, 0, 0, 0],      // empty (F06)
            "经费收支明细账.csv": [9, 6, 3, 0],    // L05, L01, L02 (L03 ×2 and L04 are on the file)
        ]
        let manifest = try readJSON(Self.out + "/manifest.json")
        let manifestInputs = manifest["inputs"] as? [[String: Any]] ?? []
        XCTAssertEqual(manifestInputs.count, expected.count)
        for input in manifestInputs {
            let file = input["file"] as? String ?? ""
            let counts = ["rows", "included", "excluded", "outside_year"].map { input[$0] as? Int ?? -1 }
            XCTAssertEqual(counts, expected[file], file)
            XCTAssertEqual(counts[0], counts[1] + counts[2] + counts[3], file)
            XCTAssertEqual(input["refused"] as? Bool, file == "参保名单.csv", file)
            let summaryInput = try XCTUnwrap(byFile[file], file)
            XCTAssertEqual(summaryInput["rows"] as? Int, counts[0], file)
            XCTAssertEqual(summaryInput["excluded"] as? Int, counts[2], file)
            XCTAssertEqual(summaryInput["outside_year"] as? Int, counts[3], file)
        }
        XCTAssertTrue(manifestInputs.contains { $0["file"] as? String == "参保名单.csv" && $0["dataset"] is NSNull })
        XCTAssertTrue(manifestInputs.contains { $0["file"] as? String == "转出人员名单.csv" && $0["dataset"] as? String == "members" })
        // Only the included payment rows of both payment files are counted.
        XCTAssertEqual(dict(json["payments"])["count"] as? Int, 19 + 2)
    }

    func testCheckedWorkbookMarksTheFailingCell() throws {
        let path = Self.out + "/checked-payments.xlsx"
        // One sheet per payments file, each with its notes.
        let workbook = try xlsxPart(path, "xl/workbook.xml")
        XCTAssertTrue(workbook.contains("<sheet name=\"帮扶慰问发放\" sheetId=\"1\""))
        XCTAssertTrue(workbook.contains("<sheet name=\"慰问补录\" sheetId=\"2\""))
        let comments = try xlsxEntries(path).filter { $0.hasPrefix("xl/comments") }.sorted()
        XCTAssertEqual(comments, ["xl/comments1.xml", "xl/comments2.xml"])
        let notes = try xlsxPart(path, "xl/comments1.xml")
        // X01 on input row 17 (column B) is the 15th record (row 11 is blank): sheet row 16, and
        // column B sits after 状态, 问题 and 行号, in E.
        XCTAssertTrue(notes.contains("<comment ref=\"E16\""))
        XCTAssertTrue(notes.contains("X01 错误：身份证号 341221198704035550 不在会员名册中"))
        // The pasted GBK row (input row 19, the 17th record) has no failing column: its note is on 状态.
        XCTAssertTrue(notes.contains("<comment ref=\"A18\""))
        XCTAssertTrue(notes.contains("F01 错误：该行含有无效的 UTF-8 字节"))
        // F08 on 备注 (L) of input row 33, the 31st record: sheet row 32, column O.
        XCTAssertTrue(notes.contains("<comment ref=\"O32\""))
        XCTAssertTrue(notes.contains("F08 警告：值长 33090 个字符"))
        let sheet = try xlsxPart(path, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(try XCTUnwrap(cellXML(sheet, "C16")).contains("<v>17</v>"), "行号 keeps the input row")
        let note = try XCTUnwrap(inlineText(sheet, "O32"))
        XCTAssertEqual(note.count, 32_767, "the 备注 is cut to a spreadsheet cell's limit")
        // issues.csv shows the value's first 50 characters; the sheet keeps the first 32,767.
        let issues = parseCSV(try String(contentsOfFile: Self.out + "/issues.csv", encoding: .utf8))
        let f08 = try XCTUnwrap(issues.first { $0.count > 5 && $0[5] == "F08" })
        XCTAssertEqual(f08[4].count, 50)
        XCTAssertTrue(note.hasPrefix(f08[4]))
        // The cut-off file: F03 on its last row (input row 4, sheet row 4), on 状态.
        let notes2 = try xlsxPart(path, "xl/comments2.xml")
        XCTAssertTrue(notes2.contains("<comment ref=\"A4\""))
        XCTAssertTrue(notes2.contains("F03 错误："))
    }

    /// 转出人员名单.csv has a header and no rows (F06): its sheet says so in one line, so that its printed page
    /// is not a bare header row.
    func testAFileWithoutRowsHasALineSayingSo() throws {
        let path = Self.out + "/checked-members.xlsx"
        XCTAssertTrue(try xlsxPart(path, "xl/workbook.xml").contains("<sheet name=\"转出人员名单\" sheetId=\"2\""))
        let sheet = try xlsxPart(path, "xl/worksheets/sheet2.xml")
        XCTAssertEqual(inlineText(sheet, "A2"), "（此文件没有数据行）")
        XCTAssertTrue(sheet.contains("<dimension ref=\"A1:H2\"/>"), sheet)
        // A file with rows has no such line.
        XCTAssertFalse(try xlsxPart(path, "xl/worksheets/sheet1.xml").contains("没有数据行"))
    }

    /// The XML of one cell of a worksheet (`<c r="C16" …>…</c>`), or nil.
    private func cellXML(_ sheet: String, _ ref: String) -> String? {
        guard let start = sheet.range(of: "<c r=\"\(ref)\"") else { return nil }
        let rest = sheet[start.lowerBound...]
        guard let end = rest.range(of: "</c>") else { return nil }
        return String(rest[..<end.upperBound])
    }

    /// The text of an inline-string cell, unescaped for the characters the samples use.
    private func inlineText(_ sheet: String, _ ref: String) -> String? {
        guard let cell = cellXML(sheet, ref), let open = cell.range(of: "<t"),
              let close = cell.range(of: ">", range: open.upperBound..<cell.endIndex),
              let end = cell.range(of: "</t>", range: close.upperBound..<cell.endIndex) else { return nil }
        return String(cell[close.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
