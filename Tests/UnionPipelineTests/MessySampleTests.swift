// Samples/messy: each planted problem named with its rule, row and column; every row accounted for.
import Foundation
import UnionPipeline
import XCTest

final class MessySampleTests: XCTestCase {
    static let sample = SampleRun("messy")
    static var folder: String { sample.folder }
    static var out: String { sample.out }
    static var report: RunReport? { sample.report }

    func testExitStatusIsOne() throws {
        XCTAssertEqual(try XCTUnwrap(Self.report).exitCode, 1)
    }

    func testFindingsAreExactlyThePlantedOnes() throws {
        let expectedText = try String(contentsOf: Repo.fixtures.appendingPathComponent("messy-expected.tsv"), encoding: .utf8)
        let expected = expectedText.split(separator: "\n").dropFirst().map { line -> [String] in
            line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }.map { [$0[0], $0[1], $0[2], $0[3], $0[4]] }
        let issues = parseCSV(try String(contentsOfFile: Self.out + "/issues.csv", encoding: .utf8))
        XCTAssertEqual(issues.first, ["file", "row", "column", "field", "value", "rule", "severity", "message", "hint"])
        let found = issues.dropFirst().map { [$0[0], $0[1], $0[2], $0[3], $0[5]] }
        XCTAssertEqual(Set(found.map { $0.joined(separator: "|") }), Set(expected.map { $0.joined(separator: "|") }))
        XCTAssertEqual(found.count, expected.count)
        // Standard error names each one as file:row:column: rule: message.
        let lines = try XCTUnwrap(Self.report).findingLines
        XCTAssertTrue(lines.contains { $0.hasPrefix("帮扶慰问发放.csv:17:B: X01: ") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("会员名册.csv:26:C: M02: ") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("帮扶慰问发放.csv:8: F02: ") })
    }

    func testIssuesCSVMasksIDsAndHasABOM() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.out + "/issues.csv"))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        let issues = parseCSV(String(decoding: bytes, as: UTF8.self))
        let x01 = try XCTUnwrap(issues.first { $0.count > 5 && $0[5] == "X01" })
        XCTAssertTrue(x01[4].contains("********"), "ID masked: \(x01[4])")
        XCTAssertEqual(x01[6], "error")
    }

    func testEncodingsAndAccounting() throws {
        let json = try readJSON(Self.out + "/summary.json")
        let inputs = json["inputs"] as? [[String: Any]] ?? []
        let byFile = Dictionary(uniqueKeysWithValues: inputs.map { ($0["file"] as? String ?? "", $0) })
        XCTAssertEqual(byFile["会员名册.csv"]?["encoding"] as? String, "GB18030")
        XCTAssertEqual(byFile["医疗互助报销.txt"]?["encoding"] as? String, "UTF-16LE")
        XCTAssertEqual(byFile["帮扶慰问发放.csv"]?["encoding"] as? String, "UTF-8")
        XCTAssertEqual(byFile["两癌参保.csv"]?["encoding"] as? String, "UTF-8")
        let manifest = try readJSON(Self.out + "/manifest.json")
        for input in manifest["inputs"] as? [[String: Any]] ?? [] {
            let rows = input["rows"] as? Int ?? -1
            let sum = (input["included"] as? Int ?? 0) + (input["excluded"] as? Int ?? 0) + (input["outside_year"] as? Int ?? 0)
            XCTAssertEqual(rows, sum, "\(input["file"] ?? "")")
        }
        // Payments: the F02, V02, V03, V01, X01, X02, P01 and V05 rows are excluded; the 2024 row is outside the year.
        let payments = try XCTUnwrap(byFile["帮扶慰问发放.csv"])
        XCTAssertEqual(payments["excluded"] as? Int, 8)
        XCTAssertEqual(payments["outside_year"] as? Int, 1)
        XCTAssertEqual(dict(json["payments"])["count"] as? Int, (payments["rows"] as? Int ?? 0) - 9)
        // Roster: M01, V02, M02 ×2 and M05 are errors; the V06 row stays in.
        XCTAssertEqual(byFile["会员名册.csv"]?["excluded"] as? Int, 5)
    }

    func testCheckedWorkbookMarksTheFailingCell() throws {
        let path = Self.out + "/checked-payments.xlsx"
        let comments = try xlsxEntries(path).filter { $0.hasPrefix("xl/comments") }
        XCTAssertEqual(comments.count, 1)
        let notes = try xlsxPart(path, comments[0])
        // X01 on input row 17 (column B) is the 15th record (row 11 is blank): sheet row 16, and
        // column B sits after 状态, 问题 and 行号, in E.
        XCTAssertTrue(notes.contains("<comment ref=\"E16\""))
        XCTAssertTrue(notes.contains("X01 错误：身份证号 341221198704034259 不在会员名册中"))
        let sheet = try xlsxPart(path, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(sheet.contains("<c r=\"C16\" s=\"") && sheet.contains("<v>17</v>"), "行号 keeps the input row")
    }
}
