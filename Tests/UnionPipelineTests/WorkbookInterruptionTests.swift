// A run interrupted while it reads a workbook removes the private folder its sheets were written to.
import Foundation
import Xlsx
import XCTest

final class WorkbookInterruptionTests: XCTestCase {
    /// A roster workbook large enough that reading it takes a while (shared strings, numbers and dates).
    static func largeRoster(_ path: String, rows: Int) throws {
        let wb = try Workbook(path: path, constantMemory: true)
        let dateFormat = wb.format(CellFormat(numberFormat: "yyyy-mm-dd"))
        let sheet = try wb.addWorksheet("会员名册")
        for (c, title) in ["姓名", "身份证号", "性别", "入会日期", "月工资", "工作单位"].enumerated() {
            try sheet.write(title, row: 0, column: c)
        }
        for r in 1...rows {
            try sheet.write("会员\(r)", row: r, column: 0)
            try sheet.write(String(format: "330106198001%06d", r % 1_000_000), row: r, column: 1)
            try sheet.write(r % 2 == 0 ? "女" : "男", row: r, column: 2)
            try sheet.write(date: (2000 + r % 25, 1 + r % 12, 1 + r % 28), row: r, column: 3, format: dateFormat)
            try sheet.write(number: Double(3000 + r % 7000) + 0.5, row: r, column: 4)
            try sheet.write("第\(r % 40)车间", row: r, column: 5)
        }
        try wb.close()
    }

    func sheetFolders(_ tmp: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: tmp).filter { $0.hasPrefix("unionbatch-sheets-") }
    }

    /// SIGINT and SIGTERM, each sent once the sheets' folder exists and again a little later: the run
    /// ends with 130 or 143 and its TMPDIR holds no `unionbatch-sheets-*` folder.
    func testInterruptedWorkbookReadLeavesNoSheetFolder() throws {
        let root = try makeTempFolder("sheets-interrupted")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = root + "/data"
        let tmp = root + "/tmp"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        try WorkbookInterruptionTests.largeRoster(data + "/members.xlsx", rows: 150_000)
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = tmp
        for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            for delay in [0.0, 0.3] {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
                p.arguments = ["check", data, "--out", root + "/out", "--year", "2025", "--as-of", "2025-12-31", "--quiet"]
                p.environment = environment
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                // The signal comes while the sheet is being read: once its folder is there.
                let deadline = Date().addingTimeInterval(30)
                while try sheetFolders(tmp).isEmpty && p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
                XCTAssertTrue(p.isRunning, "the run ended before its sheets' folder was seen")
                XCTAssertEqual(try sheetFolders(tmp).count, 1)
                Thread.sleep(forTimeInterval: delay)
                kill(p.processIdentifier, signal)
                p.waitUntilExit()
                XCTAssertEqual(p.terminationReason, .exit)
                XCTAssertEqual(p.terminationStatus, status, "signal \(signal) after \(delay) s")
                XCTAssertEqual(try sheetFolders(tmp), [], "signal \(signal) after \(delay) s")
            }
        }
    }
}
