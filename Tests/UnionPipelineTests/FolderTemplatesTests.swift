// `unionbatch init`'s templates: a folder run as written holds only the example rows, and they are no records (F13).
import Foundation
import UnionCore
import UnionPipeline
import UnionRules
import XCTest

final class FolderTemplatesTests: XCTestCase {
    func testTheExampleRowsOfAFreshFolderAreF13AndNoRecords() throws {
        let root = try makeTempFolder("templates")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/data"
        _ = try FolderTemplates.write(into: folder, today: Day(year: 2025, month: 11, day: 9)!)
        let report = runFolder(folder, out: root + "/out", mode: .check)
        XCTAssertEqual(report.exitCode, 0)
        XCTAssertEqual(report.findings.map { "\($0.file):\($0.row ?? 0):\($0.column ?? -1): \($0.rule) \($0.value ?? "")" }.sorted(), [
            "两癌参保.csv:2:0: F13 示例张芳", "会员名册.csv:2:0: F13 示例张芳", "医疗互助报销.csv:2:0: F13 示例张芳",
            "帮扶慰问发放.csv:2:0: F13 示例张芳", "经费收支明细账.csv:2:2: F13 示例：收缴会费", "经费收支明细账.csv:3:2: F13 示例：住院探望慰问",
        ])
        let manifest = try readJSON(root + "/out/manifest.json")
        let rows = (manifest["inputs"] as? [[String: Any]] ?? []).map { $0["rows"] as? Int ?? -1 }
        XCTAssertEqual(rows, [0, 0, 0, 0, 0])
    }

    func testTheTemplatesAreDatedInTodaysYear() throws {
        let root = try makeTempFolder("templates")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/data"
        let written = try FolderTemplates.write(into: folder, today: Day(year: 2027, month: 2, day: 10)!)
        XCTAssertEqual(written, ["会员名册.csv", "帮扶慰问发放.csv", "医疗互助报销.csv", "两癌参保.csv", "经费收支明细账.csv", "unionbatch.toml"])
        func text(_ name: String) throws -> String { try String(contentsOfFile: folder + "/" + name, encoding: .utf8) }
        XCTAssertTrue(try text("帮扶慰问发放.csv").contains(",2027-03-15,2027-03-10,"))
        XCTAssertTrue(try text("医疗互助报销.csv").contains(",2027-04-01,2027-04-08,8600,6000,2600,2600,1300,2027-04-20,"))
        XCTAssertTrue(try text("两癌参保.csv").contains(",2027-01-01,2027-12-31\r\n"))
        XCTAssertTrue(try text("经费收支明细账.csv").contains("2027-01-10,记-001,"))
        XCTAssertTrue(try text("经费收支明细账.csv").contains("2027-03-15,记-002,"))
        // The birth and join dates are the example member's own, not the year's.
        XCTAssertTrue(try text("会员名册.csv").contains(",1990-03-07,1001,一分会,2012-07-01,"))
        let toml = try text("unionbatch.toml")
        XCTAssertTrue(toml.contains("\n# year = 2027\n# as_of = 2027-12-31\n"), toml)
        for name in written { XCTAssertFalse(try text(name).contains("2025"), name) }
        // Run on the untouched folder in that year: nothing counted, the example rows F13, exit 0.
        let report = runFolder(folder, out: root + "/out", year: 2027, asOf: "2027-12-31")
        XCTAssertEqual(report.exitCode, 0, report.fatal ?? "")
        XCTAssertEqual(Set(report.findings.map(\.rule.rawValue)), ["F13"])
        XCTAssertEqual(report.findings.count, 6)
        let summary = try readJSON(root + "/out/summary.json")
        XCTAssertEqual(summary["year"] as? Int, 2027)
        XCTAssertEqual(dict(summary["members"])["total"] as? Int, 0)
    }

    func testInitSaysWhatToDoNext() {
        let written = ["会员名册.csv", "unionbatch.toml"]
        let zh = FolderTemplates.closingLines(written: written, folder: "我的工会", language: .zh)
        XCTAssertEqual(zh.first, "已在 我的工会 写出：")
        XCTAssertEqual(zh[1], "  会员名册.csv（会员名册模板）")
        XCTAssertEqual(zh[2], "  unionbatch.toml（本文件夹的设置）")
        XCTAssertEqual(zh[3], "下一步：")
        XCTAssertEqual(zh.count, 8)
        XCTAssertTrue(zh[4].hasPrefix("  1. ") && zh[4].contains("示例"), zh[4])
        XCTAssertTrue(zh[5].hasPrefix("  2. ") && zh[5].contains("unit"), zh[5])
        XCTAssertEqual(zh[6], "  3. 运行 unionbatch 我的工会")
        XCTAssertTrue(zh[7].hasPrefix("  4. ") && zh[7].contains("概览") && zh[7].contains("问题清单"), zh[7])
        for line in zh { XCTAssertEqual(CommandLineLanguageTests.englishPhrases(in: line), [], line) }
        let en = FolderTemplates.closingLines(written: written, folder: ".", language: .en)
        XCTAssertEqual(en.first, "Written into .:")
        XCTAssertEqual(en[3], "Next:")
        XCTAssertEqual(en[6], "  3. Run unionbatch")
        XCTAssertEqual(FolderTemplates.closingLines(written: [], folder: "my union", language: .zh)[4], "  3. 运行 unionbatch 'my union'")
    }
}
