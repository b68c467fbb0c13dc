// Every workbook of the samples printed through LibreOffice Calc to PDF and read back with poppler (SPEC §4.1):
// every page holds text, its words are at least 9 points high (no page below about 75% scale), and each
// workbook prints on a bounded number of pages. One Calc conversion a workbook, by shared/tools/legible.py.
import Foundation
import UnionCore
import UnionPipeline
import XCTest

final class PrintTests: XCTestCase {
    private var folders: [String] = []

    override func tearDown() {
        for f in folders { try? FileManager.default.removeItem(atPath: f) }
        folders = []
        super.tearDown()
    }

    /// `../shared/tools/legible.py` beside the clone (CI lays shared/ there).
    private var legible: String { Repo.root.deletingLastPathComponent().appendingPathComponent("shared/tools/legible.py").path }

    /// Runs legible.py on `outputs` with a profile of its own; returns its exit status and pages per workbook.
    private func measure(_ outputs: String) throws -> (status: Int32, pages: [String: Int], report: String) {
        guard FileManager.default.fileExists(atPath: legible) else { throw XCTSkip("no \(legible): shared/ is not beside the clone") }
        let home = try makeTempFolder("print-home")
        folders.append(home)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", legible, outputs]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home  // Calc's profile, apart from any other Calc running
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = String(decoding: data, as: UTF8.self)
        var pages: [String: Int] = [:]
        for line in report.split(separator: "\n") {
            if let m = line.firstMatch(of: #/^(\S+\.xlsx): (\d+) pages/#) { pages[String(m.1)] = Int(m.2) }
        }
        return (process.terminationStatus, pages, report)
    }

    private func check(_ outputs: String, bounds: [String: ClosedRange<Int>]) throws {
        let result = try measure(outputs)
        XCTAssertEqual(result.status, 0, result.report)
        XCTAssertTrue(result.report.contains("legible: "), result.report)
        XCTAssertEqual(Set(result.pages.keys), Set(bounds.keys), result.report)
        for (workbook, bound) in bounds {
            XCTAssertTrue(bound.contains(result.pages[workbook] ?? -1), "\(workbook): \(result.pages[workbook] ?? -1) pages, expected \(bound)")
        }
    }

    func testCompanyWorkbooksPrintLegibly() throws {
        let sample = try copySample("company")
        folders.append((sample as NSString).deletingLastPathComponent)
        XCTAssertEqual(runFolder(sample).exitCode, 0)
        // summary: 概览 3 pages (key figures, files, rules), 会员 1, 帮扶慰问 2, 医疗互助 1, 分类汇总 4, 参保 1,
        // 经费收支 1 or 2, 问题清单 1, 说明 3 or 4; the checked sheets continue to the right with 状态, 问题, 行号
        // repeated.
        try check(sample + "/unionbatch-out", bounds: [
            "summary.xlsx": 16...22, "checked-members.xlsx": 6...14, "checked-payments.xlsx": 18...30,
            "checked-claims.xlsx": 1...4, "checked-enrollments.xlsx": 1...2, "checked-ledger.xlsx": 2...6,
        ])
    }

    func testMessyWorkbooksPrintLegiblyWithoutBlankPages() throws {
        let sample = try copySample("messy")
        folders.append((sample as NSString).deletingLastPathComponent)
        XCTAssertEqual(runFolder(sample).exitCode, 1)
        // The long 备注 of checked-payments is cut at the print area: no page of overflow.
        try check(sample + "/unionbatch-out", bounds: [
            "summary.xlsx": 16...26, "checked-members.xlsx": 3...8, "checked-payments.xlsx": 2...5,
            "checked-claims.xlsx": 1...3, "checked-enrollments.xlsx": 1...2, "checked-ledger.xlsx": 1...3,
        ])
    }

    func testTownshipFederationWorkbookPrintsLegibly() throws {
        let folder = try copySample("township")
        folders.append((folder as NSString).deletingLastPathComponent)
        var options = RollupOptions(today: Day(year: 2026, month: 3, day: 1)!)
        options.folders = [folder]
        options.year = 2025
        options.asOf = Day(year: 2025, month: 12, day: 31)
        _ = RollupPipeline.execute(options)
        // 汇总 and 问题清单, the summed 帮扶慰问, 医疗互助, 参保 and 经费收支 tables, and a sheet per union (six).
        try check(folder + "/unionbatch-out", bounds: ["summary.xlsx": 12...24])
    }
}
