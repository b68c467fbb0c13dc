// Tests for workbook creation, properties, byte-identical output, closing and its errors.
import CXlsxWriter
import Foundation
import XCTest
@testable import Xlsx

final class WorkbookTests: XCTestCase {
    private func buildSample(_ workbook: Workbook) throws {
        workbook.setProperties(created: (2025, 12, 31), title: "年度汇总", author: "unionbatch", company: "某某工会")
        let sheet = try workbook.addWorksheet("概览")
        let bold = workbook.format(CellFormat(bold: true))
        let money = workbook.format(CellFormat(numberFormat: "#,##0.00"))
        try sheet.write("类别", row: 0, column: 0, format: bold)
        try sheet.write("金额", row: 0, column: 1, format: bold)
        try sheet.write("慰问", row: 1, column: 0)
        try sheet.write(number: 440, row: 1, column: 1, format: money)
        try sheet.write(formula: "SUM(B2:B2)", cachedValue: 440, row: 2, column: 1, format: money)
        try sheet.writeComment("说明", row: 1, column: 0)
        let chart = workbook.addChart(.pie)
        chart.addSeries(categories: Chart.range(sheet: "概览", firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: 0),
                        values: Chart.range(sheet: "概览", firstRow: 1, firstColumn: 1, lastRow: 1, lastColumn: 1),
                        name: "金额")
        try sheet.insertChart(chart, row: 4, column: 0)
    }

    func testSameContentAndCreatedDateGiveByteIdenticalFiles() throws {
        let folder = try makeTemporaryFolder(self)
        var files: [Data] = []
        for name in ["first.xlsx", "second.xlsx"] {
            let url = folder.appendingPathComponent(name)
            let workbook = try Workbook(path: url.path)
            try buildSample(workbook)
            try workbook.close()
            files.append(try Data(contentsOf: url))
            if name == "first.xlsx" { Thread.sleep(forTimeInterval: 1.1) }  // a clock-based time would now differ
        }
        XCTAssertEqual(files[0], files[1])
        XCTAssertGreaterThan(files[0].count, 1000)
    }

    func testCreatedDateIsMidnightUTCOfTheGivenDay() throws {
        let url = try makeTemporaryFolder(self).appendingPathComponent("props.xlsx")
        let workbook = try Workbook(path: url.path)
        try buildSample(workbook)
        try workbook.close()
        let core = try zipEntryText(url, "docProps/core.xml")
        assertContains(core, #"<dcterms:created xsi:type="dcterms:W3CDTF">2025-12-31T00:00:00Z</dcterms:created>"#)
        assertContains(core, "<dc:title>年度汇总</dc:title><dc:creator>unionbatch</dc:creator>")
        assertContains(try zipEntryText(url, "docProps/app.xml"), "<Company>某某工会</Company>")
        try assertEveryPartIsWellFormedXML(url)
    }

    func testImpossibleCreatedDateIsReportedByClose() throws {
        let url = try makeTemporaryFolder(self).appendingPathComponent("props.xlsx")
        let workbook = try Workbook(path: url.path)
        workbook.setProperties(created: (2025, 2, 30))
        _ = try workbook.addWorksheet("Data")
        let error = expectXlsxError { try workbook.close() }
        XCTAssertEqual(error?.context, "setting the properties of props.xlsx: creation date 2025-2-30 does not exist")
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    func testCloseIntoMissingFolderThrowsWithMessage() throws {
        let folder = try makeTemporaryFolder(self)
        let path = folder.appendingPathComponent("no-such-folder/summary.xlsx").path
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet("Data")
        try sheet.write("x", row: 0, column: 0)
        let error = expectXlsxError { try workbook.close() }
        XCTAssertEqual(error?.code, Int32(LXW_ERROR_CREATING_XLSX_FILE.rawValue))
        XCTAssertEqual(error?.message, "Error creating output xlsx file. Usually a permissions error.")
        XCTAssertEqual(error?.context, "closing \(path)")
        XCTAssertEqual(error.map(String.init(describing:)),
                       "closing \(path): Error creating output xlsx file. Usually a permissions error. (libxlsxwriter error 2)")
        try workbook.close()  // a second close does nothing
    }

    func testMissingTemporaryFolderIsRefusedAtCreation() throws {
        let folder = try makeTemporaryFolder(self)
        let error = expectXlsxError {
            _ = try Workbook(path: folder.appendingPathComponent("a.xlsx").path, constantMemory: true,
                             tempDirectory: folder.appendingPathComponent("missing").path)
        }
        XCTAssertEqual(error?.code, Int32(LXW_ERROR_CREATING_TMPFILE.rawValue))
    }

    func testConstantMemoryWithOwnTemporaryFolder() throws {
        let folder = try makeTemporaryFolder(self)
        let temp = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: false)
        let url = folder.appendingPathComponent("big.xlsx")
        let workbook = try Workbook(path: url.path, constantMemory: true, tempDirectory: temp.path)
        workbook.setProperties(created: (2025, 12, 31))
        let sheet = try workbook.addWorksheet("Rows")
        for row in 0..<2_000 {
            try sheet.write("第\(row)行", row: row, column: 0)
            try sheet.write(number: Double(row), row: row, column: 1)
        }
        try workbook.close()
        let xml = try zipEntryText(url, "xl/worksheets/sheet1.xml")
        assertContains(xml, #"<row r="2000"><c r="A2000" t="inlineStr"><is><t>第1999行</t></is></c><c r="B2000"><v>1999</v></c></row>"#)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temp.path), [])
    }

    func testWorkbookDroppedWithoutCloseWritesNothing() throws {
        let url = try makeTemporaryFolder(self).appendingPathComponent("dropped.xlsx")
        for constantMemory in [false, true] {
            var workbook: Workbook? = try Workbook(path: url.path, constantMemory: constantMemory)
            let sheet = try workbook!.addWorksheet("Data")
            try sheet.write("x", row: 0, column: 0)
            workbook = nil
            // The sheet keeps the C workbook alive; writing still works, nothing reaches disk.
            try sheet.write("y", row: 1, column: 0)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }

    func testEqualFormatSpecsShareOneStyle() throws {
        let url = try writeWorkbook(self) { workbook in
            let first = workbook.format(CellFormat(bold: true, numberFormat: "@"))
            let second = workbook.format(CellFormat(bold: true, numberFormat: "@"))
            XCTAssertEqual(first.pointer, second.pointer)
            XCTAssertNotEqual(first.pointer, workbook.format(CellFormat(bold: true)).pointer)
            let sheet = try workbook.addWorksheet("Data")
            try sheet.write("a", row: 0, column: 0, format: first)
            try sheet.write("b", row: 0, column: 1, format: second)
        }
        let styles = try zipEntryText(url, "xl/styles.xml")
        assertContains(styles, #"<cellXfs count="2">"#)
        assertContains(try zipEntryText(url, "xl/worksheets/sheet1.xml"),
                       #"<c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c>"#)
    }

    func testWorkbooksOnSeveralThreadsAtOnce() throws {
        let folder = try makeTemporaryFolder(self)
        let urls = (0..<4).map { folder.appendingPathComponent("w\($0).xlsx") }
        let failures = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: urls.count) { index in
            do {
                let workbook = try Workbook(path: urls[index].path, constantMemory: index % 2 == 0)
                workbook.setProperties(created: (2025, 12, 31))
                let sheet = try workbook.addWorksheet("Data")
                for row in 0..<500 { try sheet.write("行\(row)", row: row, column: 0) }
                try workbook.close()
            } catch {
                failures.increment()
            }
        }
        XCTAssertEqual(failures.value, 0)
        let even = try urls.filter { $0.lastPathComponent == "w0.xlsx" || $0.lastPathComponent == "w2.xlsx" }
            .map { try Data(contentsOf: $0) }
        XCTAssertEqual(even[0], even[1])
    }
}

/// A counter several threads may bump.
private final class LockedCounter: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
