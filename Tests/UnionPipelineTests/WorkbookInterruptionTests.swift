// A run interrupted while it reads a workbook removes the private folder its sheets were written to.
import Foundation
import UnionCore
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

    /// SIGINT and SIGTERM, each sent while the roster's sheet is being read (the test hook stops the run once
    /// some of its rows are in the sheet's CSV): the run ends with 130 or 143 and its TMPDIR holds no
    /// `unionbatch-sheets-*` folder.
    func testInterruptedWorkbookReadLeavesNoSheetFolder() throws {
        let root = try makeTempFolder("sheets-interrupted")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = root + "/data"
        let tmp = root + "/tmp"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        // Rows enough that the sheet's CSV is written in several pieces: the first stops the run.
        try WorkbookInterruptionTests.largeRoster(data + "/members.xlsx", rows: 20_000)
        let fifo = root + "/pause"
        let arguments = ["check", data, "--out", root + "/out", "--year", "2025", "--as-of", "2025-12-31", "--quiet"]
        for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            XCTAssertEqual(mkfifo(fifo, 0o600), 0)
            defer { unlink(fifo) }
            let fd = open(fifo, O_RDONLY | O_NONBLOCK)
            defer { close(fd) }
            let p = try startPaused(arguments, moment: .readingSheet, fifo: fifo, tmp: tmp)
            XCTAssertEqual(pauseLine(fd, p), "readingSheet \(p.processIdentifier)", "signal \(signal)")
            let folders = try sheetFolders(tmp)
            XCTAssertEqual(folders.count, 1)
            // Part of the sheet is written, not all of it (20,000 rows are over 1 MB as CSV).
            let written = try FileManager.default.subpathsOfDirectory(atPath: tmp + "/" + folders[0]).compactMap { name -> Int? in
                let attributes = try FileManager.default.attributesOfItem(atPath: tmp + "/" + folders[0] + "/" + name)
                return attributes[.type] as? FileAttributeType == .typeRegular ? (attributes[.size] as? Int) : nil
            }.reduce(0, +)
            XCTAssertGreaterThan(written, 0)
            XCTAssertLessThan(written, 1 << 20)
            kill(p.processIdentifier, signal)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationReason, .exit)
            XCTAssertEqual(p.terminationStatus, status, "signal \(signal)")
            XCTAssertEqual(try sheetFolders(tmp), [], "signal \(signal)")
        }
    }
}
