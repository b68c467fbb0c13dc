// `unionbatch init`'s templates: a folder run as written holds only the example rows, and they are no records (F13).
import Foundation
import UnionCore
import UnionPipeline
import XCTest

final class FolderTemplatesTests: XCTestCase {
    func testTheExampleRowsOfAFreshFolderAreF13AndNoRecords() throws {
        let root = try makeTempFolder("templates")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/data"
        _ = try FolderTemplates.write(into: folder)
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
}
