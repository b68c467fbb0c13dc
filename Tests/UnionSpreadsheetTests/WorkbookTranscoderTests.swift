// Workbooks written by libxlsxwriter (the project's Xlsx layer) read back as the CSV text of each sheet.
import Foundation
@testable import UnionSpreadsheet
import Xlsx
import XCTest
import ZIPFoundation

final class WorkbookTranscoderTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "/ub-sheets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    func text(_ sheet: TranscodedSheet) throws -> String { try String(contentsOfFile: sheet.csvPath, encoding: .utf8) }

    func testCellsReadAsCalcShowsThem() throws {
        let path = folder + "/名册.xlsx"
        let wb = try Workbook(path: path)
        let date = wb.format(CellFormat(numberFormat: "yyyy-mm-dd"))
        let chineseDate = wb.format(CellFormat(numberFormat: "yyyy\"年\"m\"月\"d\"日\""))
        let money = wb.format(CellFormat(numberFormat: "#,##0.00\"元\""))
        let sheet = try wb.addWorksheet("名册")
        for (c, title) in ["姓名", "月工资", "入会日期", "会费", "身份证号", "备注"].enumerated() { try sheet.write(title, row: 0, column: c) }
        try sheet.write("张伟", row: 1, column: 0)
        try sheet.write(number: 8503.8, row: 1, column: 1, format: money)
        try sheet.write(date: (2025, 3, 5), row: 1, column: 2, format: date)
        try sheet.write(formula: "=B2*0.005", cachedValue: 42.519, row: 1, column: 3)
        try sheet.write(number: 110105199001011234, row: 1, column: 4)
        try sheet.write("逗号,和\"引号\"", row: 1, column: 5)
        try sheet.write("李娜", row: 3, column: 0)
        try sheet.write(date: (1999, 12, 31), row: 3, column: 2, format: chineseDate)
        try sheet.write(number: 110105900101123, row: 3, column: 4)
        // Merged down: every row of the range; merged across: the first cell only.
        try sheet.mergeRange(firstRow: 4, firstColumn: 5, lastRow: 6, lastColumn: 5, text: "同上")
        try sheet.mergeRange(firstRow: 7, firstColumn: 0, lastRow: 7, lastColumn: 2, text: "横跨")
        let hidden = try wb.addWorksheet("隐藏")
        try hidden.write("x", row: 0, column: 0)
        hidden.hide()
        try wb.close()

        let sheets = try WorkbookTranscoder.transcode(path: path, format: .xlsx, into: folder + "/out")
        XCTAssertEqual(sheets.map(\.name), ["名册", "隐藏"])
        XCTAssertEqual(sheets.map(\.hidden), [false, true])
        // Rows are padded to the widest row so far; an empty row is an empty line.
        XCTAssertEqual(try text(sheets[0]), #"""
            姓名,月工资,入会日期,会费,身份证号,备注
            张伟,8503.8,2025-03-05,42.519,1.10105199001011E+17,"逗号,和""引号"""

            李娜,,1999-12-31,,110105900101123,
            ,,,,,同上
            ,,,,,同上
            ,,,,,同上
            横跨,,,,,

            """#)
        XCTAssertEqual(try text(sheets[1]), "x\n")
    }

    func testFileKindsAreToldByTheirBytes() throws {
        let xlsx = folder + "/a.csv"
        let wb = try Workbook(path: xlsx)
        try wb.addWorksheet("S").write("x", row: 0, column: 0)
        try wb.close()
        XCTAssertEqual(FileKind.classify(path: xlsx), .workbook(.xlsx))
        try "姓名\t身份证号\n".write(toFile: folder + "/b.xls", atomically: false, encoding: .utf8)
        XCTAssertEqual(FileKind.classify(path: folder + "/b.xls"), .text)
        try "<html><body><table></table></body></html>".write(toFile: folder + "/c.xls", atomically: false, encoding: .utf8)
        XCTAssertEqual(FileKind.classify(path: folder + "/c.xls"), .html)
        let docx = try Archive(url: URL(fileURLWithPath: folder + "/d.et"), accessMode: .create)
        let types = Data("<Types><Override ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".utf8)
        try docx.addEntry(with: "[Content_Types].xml", type: .file, uncompressedSize: Int64(types.count)) { position, size in
            types.subdata(in: Int(position)..<Int(position) + size)
        }
        XCTAssertEqual(FileKind.classify(path: folder + "/d.et"), .other("Word (.docx)"))
    }
}
