// The run's closing lines: rows by what became of them (other years and after the as-of date apart), files
// not read and why, where to start; one notice when most dates are outside the year given; an empty folder
// is pointed to `unionbatch init`.
import Foundation
import UnionCore
import UnionPipeline
import XCTest

final class ClosingLinesTests: XCTestCase {
    func testDataOfAnotherYearIsSaidOnceAndItsRowsCounted() throws {
        let folder = try copySample("company")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let report = runFolder(folder, year: 2024, asOf: "2024-12-31")
        XCTAssertEqual(report.exitCode, 1, report.fatal ?? "")
        // Every payment and claim date of the sample is in 2025.
        XCTAssertEqual(report.yearNotice, YearNotice(year: 2024, datesYear: 2025, inDatesYear: 580, inYear: 0, dates: 580))
        let t = report.rowTally
        // Every 2025 date is after the as-of date 2024-12-31 (V05, an error), so those rows are excluded, not
        // outside the year (SPEC §7), as manifest.json counts them; the notice below says why.
        XCTAssertEqual([t.files, t.rows, t.included, t.excluded, t.afterAsOf, t.outsideYear], [5, 795, 120, 675, 675, 0])
        XCTAssertEqual(t.included + t.excluded + t.outsideYear, t.rows)
        let notices = report.summaryLines.filter { $0.contains("--year 2025") }
        XCTAssertEqual(notices.count, 1, report.summaryLines.joined(separator: "\n"))
        XCTAssertTrue(notices[0].contains("统计年度 2024 年") && notices[0].contains("580 个在 2025 年"), notices[0])
        XCTAssertTrue(report.summaryLines.contains("读取 5 个文件，共 795 行：计入 120 行，排除 675 行（有错误，其中 675 行日期晚于截止日期），非2024年度 0 行。"),
                      report.summaryLines.joined(separator: "\n"))

        let english = runFolder(folder, year: 2024, asOf: "2024-12-31") { $0.language = .en }
        XCTAssertTrue(english.summaryLines.contains("Read 5 files, 795 rows: 120 included, 675 excluded (errors; 675 of them dated after the as-of date), 0 outside 2024."),
                      english.summaryLines.joined(separator: "\n"))
        XCTAssertEqual(english.summaryLines.filter { $0.contains("add --year 2025") }.count, 1)
    }

    func testTheRightYearHasNoNoticeAndSaysWhereToStart() throws {
        let folder = try copySample("company")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let report = runFolder(folder)
        XCTAssertEqual(report.exitCode, 0, report.fatal ?? "")
        XCTAssertNil(report.yearNotice)
        XCTAssertEqual(report.unread, UnreadFiles())
        XCTAssertEqual(report.rowTally.included, report.rowTally.rows)
        XCTAssertEqual(Array(report.summaryLines.suffix(4)), [
            "读取 5 个文件，共 795 行：计入 795 行，排除 0 行（有错误），非2025年度 0 行。",
            "发现错误 0 处、警告 0 处。",
            "输出已写入 \(folder)/unionbatch-out",
            "先看 summary.xlsx 的“概览”，再看“问题清单”或 issues.csv。",
        ])
        // Without a year given, the dates choose it: no notice even when --as-of is in another year.
        XCTAssertNil(runFolder(folder, year: nil, asOf: nil).yearNotice)
    }

    func testFilesNotReadAreCountedByWhy() throws {
        let folder = try copySample("company")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let fm = FileManager.default
        XCTAssertTrue(fm.createFile(atPath: folder + "/空.csv", contents: Data()))
        XCTAssertTrue(fm.createFile(atPath: folder + "/~$会员名册.xlsx", contents: Data("PK\u{3}\u{4}junk".utf8)))
        XCTAssertTrue(fm.createFile(atPath: folder + "/junk.csv", contents: Data([0x61, 0, 0x62, 0, 0x63, 0x0A])))
        XCTAssertTrue(fm.createFile(atPath: folder + "/网页导出.xls", contents: Data("<html><body><table><tr><td>1</td></tr></table></body></html>".utf8)))
        let report = runFolder(folder)
        XCTAssertEqual(report.unread, UnreadFiles(refused: 1, empty: 1, formats: 1, unusedSheets: 0, lockFiles: 1))
        XCTAssertTrue(report.summaryLines.contains(
            "另有 4 个文件或工作表未读取：无法读取 1 个（原因见问题清单），空文件 1 个，格式无法读取 1 个（F09，另存为 .xlsx 或 .csv 即可），Office 锁定文件 1 个。"),
                      report.summaryLines.joined(separator: "\n"))
        XCTAssertEqual(report.summaryLines.last, "先看 summary.xlsx 的“概览”，再看“问题清单”或 issues.csv。")
    }

    func testAnEmptyFolderIsPointedToInit() throws {
        let folder = try makeTempFolder("empty")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = runFolder(folder)
        XCTAssertEqual(report.exitCode, 2)
        XCTAssertTrue(report.fatal?.contains("请先运行 unionbatch init") == true, report.fatal ?? "")
        let english = runFolder(folder) { $0.language = .en }
        XCTAssertTrue(english.fatal?.contains("run unionbatch init first") == true, english.fatal ?? "")
    }

    func testCheckPointsToIssuesCSV() throws {
        let folder = try copySample("company")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let report = runFolder(folder, mode: .check)
        XCTAssertEqual(report.summaryLines.last, "问题清单见 issues.csv。")
    }

    /// The messy sample's rows: each in one place, and the very figures manifest.json, 概览 and the annual text give.
    func testEveryRowIsTalliedOnce() throws {
        let folder = try copySample("messy")
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let report = runFolder(folder)
        let t = report.rowTally
        XCTAssertEqual(t.included + t.excluded + t.outsideYear, t.rows)
        let inputs = try readJSON(folder + "/unionbatch-out/manifest.json")["inputs"] as? [[String: Any]] ?? []
        func total(_ key: String) -> Int { inputs.map { $0[key] as? Int ?? 0 }.reduce(0, +) }
        XCTAssertEqual([t.rows, t.included, t.excluded, t.outsideYear],
                       [total("rows"), total("included"), total("excluded"), total("outside_year")])
        // 帮扶慰问发放.csv:35 is dated 2026-01-15: V04 and V05, so excluded (with an error), one of 32.
        XCTAssertEqual([t.files, t.rows, t.included, t.excluded, t.afterAsOf, t.outsideYear], [7, 125, 92, 32, 1, 1])
        XCTAssertTrue(report.summaryLines.contains("读取 7 个文件，共 125 行：计入 92 行，排除 32 行（有错误，其中 1 行日期晚于截止日期），非2025年度 1 行。"),
                      report.summaryLines.joined(separator: "\n"))
        let text = try String(contentsOfFile: folder + "/unionbatch-out/annual-report.txt", encoding: .utf8)
        XCTAssertTrue(text.contains("有错误的32行未计入以上数字；另有1行不属于2025年度，未计入。"), text)
    }
}
